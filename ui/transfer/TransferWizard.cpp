#include "TransferWizard.h"

#include "TransferReadinessPage.h"
#include "TransferWizardPages.h"
#include "TypeMappingModel.h"
#include "connection/FolderField.h"
#include "timeline/ReadinessWorker.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDir>
#include <QFileDialog>
#include <QFileInfo>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QSettings>
#include <QToolButton>

namespace strata {

// ---- The wizard -----------------------------------------------------------------------------

TransferWizard::TransferWizard(QWidget *parent) : QWizard(parent)
{
    registerTransferMetatypes();
    registerReadinessMetatypes();
    setWindowTitle(tr("Transfer SQLite to PostgreSQL — Strata"));
    setWizardStyle(QWizard::ModernStyle);
    setOption(QWizard::NoBackButtonOnLastPage);
    setOption(QWizard::NoCancelButtonOnLastPage);
    m_mapping = new TypeMappingModel(this);

    m_sourcePage = new wizard::SourcePage(this);
    m_targetPage = new wizard::TargetPage(this);
    m_mappingPage = new wizard::MappingPage(this);
    m_previewPage = new wizard::PreviewPage(this);
    m_runPage = new wizard::RunPage(this);
    m_resultPage = new wizard::ResultPage(this);
    m_readinessPage = new wizard::ReadinessPage(this);
    setPage(SourcePageId, m_sourcePage);
    setPage(TargetPageId, m_targetPage);
    setPage(MappingPageId, m_mappingPage);
    setPage(PreviewPageId, m_previewPage);
    setPage(RunPageId, m_runPage);
    setPage(ResultPageId, m_resultPage);
    setPage(ReadinessPageId, m_readinessPage);
    setButtonText(QWizard::CommitButton, tr("Start Transfer"));

    m_thread.setObjectName(QStringLiteral("strata-transfer"));
    m_worker = new TransferWorker;
    m_worker->moveToThread(&m_thread);
    connect(&m_thread, &QThread::finished, m_worker, &QObject::deleteLater);
    connect(m_worker, &TransferWorker::planned, this, [this](const TransferPlan &plan) {
        m_working = false;
        m_plan = plan;
        emit planReady(plan);
    });
    connect(m_worker, &TransferWorker::planFailed, this, [this](const Error &error) {
        m_working = false;
        emit planError(error);
    });
    connect(m_worker, &TransferWorker::tablesProgress, this, &TransferWizard::progressed);
    connect(m_worker, &TransferWorker::step, this, &TransferWizard::stepped);
    connect(m_worker, &TransferWorker::finished, this, [this](const TransferResult &result) {
        m_working = false;
        m_result = result;
        emit transferFinished(result);
    });
    // The readiness check runs on the same worker thread: one job at a time, as the pages ask.
    m_readiness = new ReadinessWorker;
    m_readiness->moveToThread(&m_thread);
    connect(&m_thread, &QThread::finished, m_readiness, &QObject::deleteLater);
    connect(m_readiness, &ReadinessWorker::progressed, this, &TransferWizard::readinessProgressed);
    connect(m_readiness, &ReadinessWorker::checked, this, [this](const ReadinessResult &result) {
        m_working = false;
        emit readinessChecked(result);
    });
    connect(m_readiness, &ReadinessWorker::failed, this, [this](const Error &error) {
        m_working = false;
        emit readinessFailed(error);
    });
    m_thread.start();
    // Wide enough for the type table's Reason column next to the table list.
    resize(1200, 760);

    // The file of the last transfer, if it is still there (the path only; never a password).
    const QString last = QSettings().value(wizard::SourcePage::lastSourceKey()).toString();
    if (!last.isEmpty() && QFileInfo(last).isFile())
        setSourcePath(last);
}

TransferWizard::~TransferWizard()
{
    m_worker->cancel(); // a running load stops at its next check; each table rolls back
    m_readiness->cancel();
    m_thread.quit();
    m_thread.wait();
}

void TransferWizard::reject()
{
    if (m_working) {
        m_worker->cancel();
        m_readiness->cancel();
    }
    QWizard::reject();
}

void TransferWizard::setSourcePath(const QString &path)
{
    m_sourcePage->path->setText(path);
}

void TransferWizard::setTarget(const ConnectionSpec &postgres)
{
    m_targetPage->setSpec(postgres);
}

void TransferWizard::suggestSource(const QString &path, const QString &label)
{
    m_sourcePage->suggest(path, label);
}

void TransferWizard::suggestTarget(const ConnectionSpec &postgres, const QString &label)
{
    m_targetPage->suggest(postgres, label);
}

void TransferWizard::setKeepCase(bool keep)
{
    m_targetPage->keepCase->setChecked(keep);
}

void TransferWizard::setMigrationsFolder(const QString &folder, bool build)
{
    m_targetPage->migrationsFolder->setFolder(folder);
    m_targetPage->fromMigrations->setChecked(build);
}

bool TransferWizard::buildsFromMigrations() const
{
    return m_targetPage->fromMigrations->isChecked();
}

QString TransferWizard::migrationsFolder() const
{
    return m_targetPage->migrationsFolder->folder();
}

int TransferWizard::nextId() const
{
    switch (currentId()) {
    case TargetPageId:
        // From the migrations the types are the folder's: no profiling, no mapping to edit.
        return buildsFromMigrations() ? ReadinessPageId : MappingPageId;
    case ReadinessPageId:
        return PreviewPageId;
    case ResultPageId:
        return -1; // the readiness page's id is higher, but it never follows the result
    default:
        return QWizard::nextId();
    }
}

void TransferWizard::setTargetSchema(const QString &schema)
{
    m_targetPage->schema->setText(schema);
}

void TransferWizard::setDropExisting(bool drop)
{
    m_targetPage->dropExisting->setChecked(drop);
}

void TransferWizard::setMappingPath(const QString &path)
{
    m_mappingPage->mappingPath->setText(path);
}

QString TransferWizard::sourcePath() const
{
    return m_sourcePage->path->text().trimmed();
}

ConnectionSpec TransferWizard::target() const
{
    auto spec = m_targetPage->spec();
    return spec ? *spec : ConnectionSpec{};
}

TransferOptions TransferWizard::options() const
{
    TransferOptions o;
    const QString schema = m_targetPage->schema->text().trimmed();
    if (!schema.isEmpty())
        o.targetSchema = schema;
    if (m_mappingPage->isPlanned()) {
        const QStringList selected = m_mappingPage->selectedTables();
        // Only a real subset narrows the transfer: the source also holds history tables,
        // which are not rows of the list, and a narrowed plan would leave them behind.
        if (m_plan && selected.size() != m_plan->tables.size())
            o.tables = selected;
    }
    if (m_mapping->hasEdits())
        o.mappingFile = m_mappingPage->mappingPath->text().trimmed();
    o.foldLowerCase = !m_targetPage->keepCase->isChecked();           // the CLI's --keep-case
    o.nocase = m_targetPage->nocase->currentData().toString();        // --nocase citext|icu
    o.badText = BadTextPolicy(m_targetPage->badText->currentIndex()); // --bad-text
    if (buildsFromMigrations())
        o.migrations = migrationsFolder(); // --migrations DIR
    return o;
}

RunOptions TransferWizard::runOptions() const
{
    RunOptions r;
    r.dropExisting = m_targetPage->dropExisting->isChecked();
    return r;
}

void TransferWizard::startPlan(const TransferOptions &options)
{
    m_working = true;
    m_worker->resetCancel();
    TransferWorker *w = m_worker;
    const QString source = sourcePath();
    const ConnectionSpec pg = target(); // a plan from the migrations builds them there, rolled back
    QMetaObject::invokeMethod(
        w, [w, source, options, pg] { w->plan(source, options, pg); }, Qt::QueuedConnection);
}

void TransferWizard::startRun()
{
    if (!m_plan)
        return;
    m_working = true;
    m_result.reset();
    m_worker->resetCancel();
    TransferWorker *w = m_worker;
    const QString source = sourcePath();
    const ConnectionSpec pg = target();
    const TransferPlan plan = *m_plan;
    const RunOptions run = runOptions();
    const TransferOptions options = this->options();
    QMetaObject::invokeMethod(
        w, [w, source, pg, plan, run, options] { w->run(source, pg, plan, run, options); },
        Qt::QueuedConnection);
}

Report TransferWizard::report() const
{
    Report r = Report::begin(tr("Transfer"));
    ConnectionSpec sqlite;
    sqlite.engine = Engine::Sqlite;
    sqlite.path = sourcePath();
    const ConnectionSpec pg = target();
    r.setDatabase(pg); // its password is kept out of every format
    r.transfer = ReportTransfer{sqlite.displayUrl(), pg.displayUrl(), std::nullopt, std::nullopt};
    if (m_plan)
        r.transfer->plan = *m_plan;
    if (m_result)
        r.transfer->result = *m_result;
    return r;
}

void TransferWizard::cancelRun()
{
    m_worker->cancel(); // direct: the worker's thread is busy, and the flag is atomic
}

void TransferWizard::startReadinessCheck()
{
    m_working = true;
    m_readiness->resetCancel();
    ReadinessWorker *w = m_readiness;
    const QString folder = migrationsFolder();
    const ConnectionSpec pg = target();
    QMetaObject::invokeMethod(
        w, [w, folder, pg] { w->check(folder, pg); }, Qt::QueuedConnection);
}

void TransferWizard::cancelReadinessCheck()
{
    m_readiness->cancel();
}

void TransferWizard::requestOpenWorkspace()
{
    if (!m_result || !m_result->ok())
        return;
    emit openWorkspaceRequested(target(), migrationsFolder());
}

namespace wizard {

// ---- Source ---------------------------------------------------------------------------------

SourcePage::SourcePage(QWidget *parent) : QWizardPage(parent)
{
    setTitle(tr("SQLite database"));
    setSubTitle(tr("The database to move. It is only read."));
    path = new QLineEdit(this);
    path->setPlaceholderText(tr("/path/to/database.sqlite"));
    auto *browse = new QToolButton(this);
    browse->setText(QStringLiteral("…"));
    auto *row = new QHBoxLayout;
    row->addWidget(path, 1);
    row->addWidget(browse);
    suggestion = new QPushButton(this);
    suggestion->setObjectName(QStringLiteral("useSourceSuggestion"));
    suggestion->setAutoDefault(false);
    suggestion->hide();
    auto *form = new QFormLayout(this);
    form->addRow(tr("SQLite file:"), row);
    auto *suggestionRow = new QHBoxLayout;
    suggestionRow->addWidget(suggestion);
    suggestionRow->addStretch(1);
    form->addRow(QString(), suggestionRow);
    connect(path, &QLineEdit::textChanged, this, &QWizardPage::completeChanged);
    connect(suggestion, &QPushButton::clicked, this, [this] {
        path->setText(m_suggested);
        suggestion->hide();
    });
    connect(browse, &QToolButton::clicked, this, [this] {
        const QString file = QFileDialog::getOpenFileName(
            this, tr("SQLite database"), path->text(),
            tr("SQLite databases (*.sqlite *.sqlite3 *.db);;All files (*)"));
        if (!file.isEmpty())
            path->setText(file);
    });
}

bool SourcePage::isComplete() const
{
    return QFileInfo(path->text().trimmed()).isFile();
}

QString SourcePage::lastSourceKey()
{
    return QStringLiteral("transfer/lastSqliteFile");
}

bool SourcePage::validatePage()
{
    QSettings().setValue(lastSourceKey(), QFileInfo(path->text().trimmed()).absoluteFilePath());
    return true;
}

void SourcePage::suggest(const QString &file, const QString &label)
{
    if (path->text().trimmed().isEmpty()) {
        path->setText(file);
        return;
    }
    if (QFileInfo(file) == QFileInfo(path->text().trimmed()))
        return;
    m_suggested = file;
    suggestion->setText(tr("Use %1: %2").arg(label, QDir::toNativeSeparators(file)));
    suggestion->show();
}

} // namespace wizard
} // namespace strata
