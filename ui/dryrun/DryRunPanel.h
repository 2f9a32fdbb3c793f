#pragma once
// The dry-run preview: what the trial ran (every statement with time, rows and error), the
// failing statement marked in its SQL, the lint warnings, the schema changes as a tree, and a
// banner that says the trial was rolled back.

#include "migration/DryRun.h"
#include "report/Report.h"

#include <QPersistentModelIndex>
#include <QWidget>
#include <functional>

class QLabel;
class QListWidget;
class QPushButton;
class QStackedWidget;
class QTabWidget;
class QTreeView;

namespace strata {

class Banner;
class SchemaChangeModel;
class SqlEditor;
class TrialModel;

class DryRunPanel : public QWidget {
    Q_OBJECT
public:
    // The script text for a path (the migrations the timeline knows), for showing statements in
    // context; nullopt when there is no file (generated undos).
    using ScriptResolver = std::function<std::optional<MigrationScript>(const QString &path)>;

    explicit DryRunPanel(QWidget *parent = nullptr);

    void setScriptResolver(ScriptResolver resolver) { m_resolver = std::move(resolver); }
    // `title` says what was tried: "Dry run: migrate 6 → 9".
    void setTrial(const TrialResult &trial, const QString &title);
    void clear();
    bool hasTrial() const;
    // The database changed since this trial (a real migrate or rollback ran): the preview stays
    // readable, but its banner says it is out of date and why.
    void markOutdated(const QString &why);
    bool isOutdated() const { return m_outdated; }

    TrialModel *trialModel() const { return m_trialModel; }
    SchemaChangeModel *changeModel() const { return m_changeModel; }
    Banner *resultBanner() const { return m_resultBanner; }
    Banner *errorBanner() const { return m_errorBanner; }
    QTreeView *statementView() const { return m_statements; }
    QListWidget *warningList() const { return m_warnings; }
    SqlEditor *sqlEditor() const { return m_sql; }
    QString title() const;

    // The report "Export Report…" writes: the shown trial on top of `base` (workspace,
    // database, timeline). Without a base the report holds the trial alone.
    void setReportBase(std::function<Report()> base) { m_reportBase = std::move(base); }
    Report report() const;
    QPushButton *exportButton() const { return m_export; }

signals:
    void locationActivated(const QString &file, int line);

private:
    void showStatement(const QModelIndex &index);
    void fillWarnings(const TrialResult &trial);

    ScriptResolver m_resolver;
    std::function<Report()> m_reportBase;
    TrialResult m_trial;
    QPushButton *m_export = nullptr;
    QStackedWidget *m_stack = nullptr;
    QLabel *m_title = nullptr;
    QLabel *m_summary = nullptr;
    Banner *m_resultBanner = nullptr;
    bool m_outdated = false;
    Banner *m_errorBanner = nullptr;
    TrialModel *m_trialModel = nullptr;
    SchemaChangeModel *m_changeModel = nullptr;
    QTreeView *m_statements = nullptr;
    QTreeView *m_changes = nullptr;
    QLabel *m_changesSummary = nullptr;
    QListWidget *m_warnings = nullptr;
    QTabWidget *m_details = nullptr;
    QLabel *m_sqlCaption = nullptr;
    SqlEditor *m_sql = nullptr;
    QString m_shownScript;              // the path whose text m_sql holds
    QPersistentModelIndex m_autoScroll; // the row chosen for the user, kept in view
};

} // namespace strata
