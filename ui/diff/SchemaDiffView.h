#pragma once
// Compare two schemas — connections, snapshot files or recorded versions of the workspace, in
// either direction, SQLite against PostgreSQL too. Left: the objects by kind with their state,
// counts, state filters and search. Right: the selected object's DDL side by side, and the SQL
// that turns source into target (or its undo) with the lint's risk badges. "Save as migration"
// writes the script into the workspace's folder; "Check drift" compares the live schema with
// the one recorded for the current version. "Export Report…" writes the diff or the drift
// check. All work runs on the view's worker thread.

#include "SchemaCompareWorker.h"
#include "report/Report.h"
#include "workspace/Workspace.h"

#include <QThread>
#include <QWidget>
#include <optional>

class QLabel;
class QLineEdit;
class QPushButton;
class QToolButton;
class QTreeView;

namespace strata {

class Banner;
class DdlCompareView;
class DiffTreeModel;
class SchemaSourcePicker;
class SqlEditor;

class SchemaDiffView : public QWidget {
    Q_OBJECT
public:
    explicit SchemaDiffView(QWidget *parent = nullptr);
    ~SchemaDiffView() override;

    // The workspace whose versions, drift and migrations folder the view uses.
    void setWorkspace(const WorkspaceConfig &config);
    void setOrigins(const SchemaOrigin &source, const SchemaOrigin &target);

    // The comparison shown (nullptr before the first one): what "Export report…" will read.
    const SchemaComparison *result() const { return m_result ? &*m_result : nullptr; }
    bool isBusy() const { return m_pending > 0; }

    DiffTreeModel *treeModel() const { return m_model; }
    QTreeView *treeView() const { return m_tree; }
    DdlCompareView *ddlView() const { return m_ddl; }
    SqlEditor *sqlEditor() const { return m_sql; }
    QToolButton *inverseToggle() const { return m_inverse; }
    QToolButton *stateButton(ObjectState state) const;
    QLineEdit *searchField() const { return m_search; }
    QLabel *riskLabel() const { return m_risks; }
    QLabel *summaryLabel() const { return m_summary; }
    QPushButton *saveButton() const { return m_save; }
    QPushButton *exportButton() const { return m_export; }
    // The shown result as a report: a schema diff, or a drift check with the workspace around it.
    Report report() const;
    Banner *banner() const { return m_banner; }
    SchemaSourcePicker *sourcePicker() const { return m_source; }
    SchemaSourcePicker *targetPicker() const { return m_target; }
    // The SQL shown below the DDL (forward or inverse, for the selection or the whole diff).
    QString shownSql() const { return m_shownSql; }
    bool selectObject(const QString &displayName);

public slots:
    void compare();
    void checkDrift();
    void swapSides();
    // Writes the whole diff's forward script and its undo as the workspace's next migration.
    void saveAsMigration(const QString &description);

signals:
    void resultChanged();
    void migrationSaved(const strata::WrittenMigration &written);
    void failed(const strata::Error &error);
    void idle(); // every request has finished

private:
    void buildUi();
    template <typename F> void request(F &&call);
    void onCompared(const SchemaComparison &comparison);
    void onSelection();
    void updateCounts();
    void updateSql();
    void askSaveAsMigration();
    void showError(const Error &error, const QString &title);
    QList<int> selectedChanges(const DiffObject **object) const;

    QThread m_thread;
    SchemaCompareWorker *m_worker = nullptr;
    int m_pending = 0;
    WorkspaceConfig m_workspace;
    std::optional<SchemaComparison> m_result;
    QString m_shownSql;

    SchemaSourcePicker *m_source = nullptr;
    SchemaSourcePicker *m_target = nullptr;
    QPushButton *m_compare = nullptr;
    QPushButton *m_drift = nullptr;
    QPushButton *m_export = nullptr;
    Banner *m_banner = nullptr;
    QList<QToolButton *> m_stateButtons; // in ObjectState order
    QLineEdit *m_search = nullptr;
    QLabel *m_summary = nullptr;
    QTreeView *m_tree = nullptr;
    DiffTreeModel *m_model = nullptr;
    DdlCompareView *m_ddl = nullptr;
    QLabel *m_sqlTitle = nullptr;
    QToolButton *m_inverse = nullptr;
    QPushButton *m_save = nullptr;
    QLabel *m_risks = nullptr;
    SqlEditor *m_sql = nullptr;
};

} // namespace strata
