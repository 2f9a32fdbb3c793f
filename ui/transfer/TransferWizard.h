#pragma once
// Moving an SQLite database into PostgreSQL, step by step: the SQLite file, the PostgreSQL
// connection, the tables and their type mapping (editable, saved as the mapping file), the
// target DDL, the run with per-table and overall progress (rows, MB/s, ETA) and Cancel, and
// the verification per table with the manual-work list. Planning and loading run on the
// wizard's worker thread; the UI stays responsive.

#include "TransferWorker.h"
#include "check/ReadinessCheck.h"
#include "report/Report.h"

#include <QThread>
#include <QWizard>
#include <optional>

namespace strata {

class ReadinessWorker;
class TypeMappingModel;

namespace wizard {
class SourcePage;
class TargetPage;
class MappingPage;
class PreviewPage;
class RunPage;
class ResultPage;
class ReadinessPage;
} // namespace wizard

class TransferWizard : public QWizard {
    Q_OBJECT
public:
    enum PageId {
        SourcePageId,
        TargetPageId,
        MappingPageId,
        PreviewPageId,
        RunPageId,
        ResultPageId,
        ReadinessPageId // after Target when the target is built from the migrations folder
    };

    explicit TransferWizard(QWidget *parent = nullptr);
    ~TransferWizard() override;

    // Pre-filled choices (tests, the screenshot tour, or the main window's workspace).
    void setSourcePath(const QString &path);
    void setTarget(const ConnectionSpec &postgres);
    void setTargetSchema(const QString &schema);
    void setDropExisting(bool drop);
    void setMappingPath(const QString &path);
    void setKeepCase(bool keep);
    // "Build the target from the migrations folder": the folder (the open SQLite workspace's,
    // from the main window) and whether the box is ticked.
    void setMigrationsFolder(const QString &folder, bool build);
    bool buildsFromMigrations() const;
    QString migrationsFolder() const;
    // Offered, not chosen (the main window's open workspace): a labelled button on the page
    // fills it in. The source is filled in when no earlier file is remembered.
    void suggestSource(const QString &path, const QString &label);
    void suggestTarget(const ConnectionSpec &postgres, const QString &label);

    QString sourcePath() const;
    ConnectionSpec target() const;
    TransferOptions options() const; // schema, tables, mapping file, names' case, NOCASE
    RunOptions runOptions() const;

    // The newest plan and the run's result (nullptr before): what "Export report…" will read.
    const TransferPlan *plan() const { return m_plan ? &*m_plan : nullptr; }
    const TransferResult *result() const { return m_result ? &*m_result : nullptr; }
    // The plan and the result as a report, the PostgreSQL target as its database.
    Report report() const;
    bool isWorking() const { return m_working; }
    TypeMappingModel *mappingModel() const { return m_mapping; }

    wizard::SourcePage *sourcePage() const { return m_sourcePage; }
    wizard::TargetPage *targetPage() const { return m_targetPage; }
    wizard::MappingPage *mappingPage() const { return m_mappingPage; }
    wizard::PreviewPage *previewPage() const { return m_previewPage; }
    wizard::RunPage *runPage() const { return m_runPage; }
    wizard::ResultPage *resultPage() const { return m_resultPage; }
    wizard::ReadinessPage *readinessPage() const { return m_readinessPage; }
    int nextId() const override;

    // Used by the pages.
    void startPlan(const TransferOptions &options);
    void startRun();
    void cancelRun();
    // The readiness check of migrationsFolder() against target(), on the worker thread.
    void startReadinessCheck();
    void cancelReadinessCheck();
    // The result page's "Open the PostgreSQL database as a workspace".
    void requestOpenWorkspace();

signals:
    void planReady(const strata::TransferPlan &plan);
    void planError(const strata::Error &error);
    void progressed(const QList<strata::TableProgress> &tables, qint64 elapsedMs);
    void stepped(int done, int total, const QString &label);
    void transferFinished(const strata::TransferResult &result);
    void readinessProgressed(int done, int total, const QString &label);
    void readinessChecked(const strata::ReadinessResult &result);
    void readinessFailed(const strata::Error &error);
    // The PostgreSQL database just built from the migrations, to open as a workspace with the
    // same folder (MainWindow does).
    void openWorkspaceRequested(const strata::ConnectionSpec &postgres, const QString &folder);

protected:
    void reject() override;

private:
    QThread m_thread;
    TransferWorker *m_worker = nullptr;
    ReadinessWorker *m_readiness = nullptr;
    bool m_working = false;
    std::optional<TransferPlan> m_plan;
    std::optional<TransferResult> m_result;
    TypeMappingModel *m_mapping = nullptr;
    wizard::SourcePage *m_sourcePage = nullptr;
    wizard::TargetPage *m_targetPage = nullptr;
    wizard::MappingPage *m_mappingPage = nullptr;
    wizard::PreviewPage *m_previewPage = nullptr;
    wizard::RunPage *m_runPage = nullptr;
    wizard::ResultPage *m_resultPage = nullptr;
    wizard::ReadinessPage *m_readinessPage = nullptr;
};

} // namespace strata
