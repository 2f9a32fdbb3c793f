#include "SchemaDiffView.h"

#include "DdlCompareView.h"
#include "DiffTreeModel.h"
#include "SchemaSourcePicker.h"
#include "common/Banner.h"
#include "common/Format.h"
#include "common/SqlEditor.h"
#include "common/Theme.h"
#include "connection/SessionCredentials.h"
#include "report/ReportExport.h"

#include <QHBoxLayout>
#include <QHeaderView>
#include <QInputDialog>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QShortcut>
#include <QSplitter>
#include <QToolButton>
#include <QTreeView>
#include <QVBoxLayout>

namespace strata {

namespace {

const QList<ObjectState> allStates = {ObjectState::Added, ObjectState::Removed,
                                      ObjectState::Changed, ObjectState::Identical};

QString stateTitle(ObjectState state)
{
    switch (state) {
    case ObjectState::Added:
        return QObject::tr("Added");
    case ObjectState::Removed:
        return QObject::tr("Removed");
    case ObjectState::Changed:
        return QObject::tr("Changed");
    case ObjectState::Identical:
        return QObject::tr("Identical");
    }
    return {};
}

theme::Tone riskTone(Risk risk)
{
    return risk == Risk::Destructive ? theme::Tone::Danger
           : risk == Risk::Blocking  ? theme::Tone::Warning
                                     : theme::Tone::Success;
}

} // namespace

SchemaDiffView::SchemaDiffView(QWidget *parent) : QWidget(parent)
{
    registerSchemaCompareMetatypes();
    setWindowTitle(tr("Compare Schemas — Strata"));
    buildUi();
    // A tool window closes like every other one: Ctrl+W (and the platform's Close key).
    auto *close = new QShortcut(QKeySequence::Close, this);
    connect(close, &QShortcut::activated, this, &QWidget::close);

    m_thread.setObjectName(QStringLiteral("strata-schema-diff"));
    m_worker = new SchemaCompareWorker;
    m_worker->moveToThread(&m_thread);
    connect(&m_thread, &QThread::finished, m_worker, &QObject::deleteLater);
    connect(m_worker, &SchemaCompareWorker::compared, this, &SchemaDiffView::onCompared);
    connect(m_worker, &SchemaCompareWorker::versionsListed, this,
            [this](const QStringList &versions) {
                m_source->setVersions(versions);
                m_target->setVersions(versions);
                // A useful start: the newest recorded version against the live database.
                if (!m_source->origin() && !versions.isEmpty()) {
                    SchemaOrigin newest;
                    newest.kind = SchemaOrigin::Kind::WorkspaceVersion;
                    newest.version = versions.last();
                    m_source->setOrigin(newest);
                }
            });
    connect(m_worker, &SchemaCompareWorker::saved, this, [this](const WrittenMigration &written) {
        QStringList names;
        for (const QString &f : written.files)
            names << f.section(u'/', -1).toHtmlEscaped();
        m_banner->setMessage(
            theme::Tone::Success,
            tr("Saved as version %1 (%2)").arg(written.version, folderFormatName(written.format)),
            names.join(QStringLiteral("<br>")));
        m_banner->show();
        emit migrationSaved(written);
    });
    connect(m_worker, &SchemaCompareWorker::failed, this, [this](const Error &error) {
        showError(error, tr("The comparison could not run"));
        emit failed(error);
    });
    connect(m_worker, &SchemaCompareWorker::finished, this, [this] {
        if (--m_pending == 0) {
            m_compare->setEnabled(true);
            m_drift->setEnabled(!m_workspace.migrationsDir.isEmpty());
            emit idle();
        }
    });
    m_thread.start();
}

SchemaDiffView::~SchemaDiffView()
{
    m_thread.quit();
    m_thread.wait();
}

void SchemaDiffView::buildUi()
{
    auto *top = new QHBoxLayout;
    m_source = new SchemaSourcePicker(tr("Source"), this);
    m_target = new SchemaSourcePicker(tr("Target"), this);
    auto *swap = new QToolButton(this);
    swap->setText(QStringLiteral("⇄"));
    swap->setToolTip(tr("Swap source and target"));
    m_compare = new QPushButton(tr("Compare"), this);
    m_compare->setDefault(true);
    m_drift = new QPushButton(tr("Check Drift"), this);
    m_drift->setToolTip(
        tr("Compare the live schema with the one recorded for the current version"));
    m_drift->setEnabled(false);
    top->addWidget(m_source, 1);
    top->addWidget(swap);
    top->addWidget(m_target, 1);
    top->addWidget(m_compare);
    top->addWidget(m_drift);
    m_export = ReportExport::button(
        this, [this] { return report(); }, QStringLiteral("diff"));
    m_export->setEnabled(false);
    top->addWidget(m_export);
    connect(swap, &QToolButton::clicked, this, &SchemaDiffView::swapSides);
    connect(m_compare, &QPushButton::clicked, this, &SchemaDiffView::compare);
    connect(m_drift, &QPushButton::clicked, this, &SchemaDiffView::checkDrift);

    m_banner = new Banner(this);
    m_banner->setClosable(true);
    m_banner->hide();
    connect(m_banner, &Banner::dismissed, m_banner, &QWidget::hide);

    // Left: counts as toggle filters, search, the tree.
    auto *left = new QWidget(this);
    auto *leftLayout = new QVBoxLayout(left);
    leftLayout->setContentsMargins(0, 0, 0, 0);
    auto *filters = new QHBoxLayout;
    filters->setSpacing(2);
    for (ObjectState state : allStates) {
        auto *b = new QToolButton(left);
        b->setCheckable(true);
        b->setChecked(true);
        b->setToolButtonStyle(Qt::ToolButtonTextOnly);
        b->setToolTip(tr("Show %1 objects").arg(objectStateName(state)));
        connect(b, &QToolButton::toggled, this, [this, state](bool on) {
            m_model->setStateVisible(state, on);
            m_tree->expandAll();
        });
        filters->addWidget(b);
        m_stateButtons << b;
    }
    filters->addStretch();
    m_search = new QLineEdit(left);
    m_search->setPlaceholderText(tr("Search objects"));
    m_search->setClearButtonEnabled(true);
    m_model = new DiffTreeModel(this);
    m_tree = new QTreeView(left);
    m_tree->setModel(m_model);
    m_tree->setUniformRowHeights(true);
    m_tree->header()->setSectionResizeMode(DiffTreeModel::NameColumn, QHeaderView::Stretch);
    m_tree->header()->setSectionResizeMode(DiffTreeModel::StateColumn,
                                           QHeaderView::ResizeToContents);
    m_tree->header()->setStretchLastSection(false);
    connect(m_search, &QLineEdit::textChanged, this, [this](const QString &text) {
        m_model->setSearch(text);
        m_tree->expandAll();
    });
    connect(m_model, &QAbstractItemModel::modelReset, this, &SchemaDiffView::onSelection);
    connect(m_tree->selectionModel(), &QItemSelectionModel::currentChanged, this,
            &SchemaDiffView::onSelection);
    m_summary = new QLabel(left);
    m_summary->setWordWrap(true);
    leftLayout->addLayout(filters);
    leftLayout->addWidget(m_search);
    leftLayout->addWidget(m_tree, 1);
    leftLayout->addWidget(m_summary);

    // Right: DDL side by side above, the script below.
    m_ddl = new DdlCompareView(this);
    auto *sqlBox = new QWidget(this);
    auto *sqlLayout = new QVBoxLayout(sqlBox);
    sqlLayout->setContentsMargins(0, 0, 0, 0);
    auto *sqlBar = new QHBoxLayout;
    m_sqlTitle = new QLabel(sqlBox);
    m_sqlTitle->setStyleSheet(QStringLiteral("font-weight: 600"));
    m_inverse = new QToolButton(sqlBox);
    m_inverse->setText(tr("Show Undo"));
    m_inverse->setCheckable(true);
    m_inverse->setToolTip(tr("Show the script that turns target back into source"));
    m_save = new QPushButton(tr("Save as Migration…"), sqlBox);
    m_save->setToolTip(tr("Write this script and its undo as the next migration of the workspace"));
    m_save->setEnabled(false);
    sqlBar->addWidget(m_sqlTitle, 1);
    sqlBar->addWidget(m_inverse);
    sqlBar->addWidget(m_save);
    connect(m_inverse, &QToolButton::toggled, this, &SchemaDiffView::updateSql);
    connect(m_save, &QPushButton::clicked, this, &SchemaDiffView::askSaveAsMigration);
    m_risks = new QLabel(sqlBox);
    m_risks->setWordWrap(true);
    m_risks->setTextFormat(Qt::RichText);
    m_sql = new SqlEditor(sqlBox);
    sqlLayout->addLayout(sqlBar);
    sqlLayout->addWidget(m_risks);
    sqlLayout->addWidget(m_sql, 1);

    auto *right = new QSplitter(Qt::Vertical, this);
    right->addWidget(m_ddl);
    right->addWidget(sqlBox);
    right->setStretchFactor(0, 3);
    right->setStretchFactor(1, 2);
    auto *split = new QSplitter(Qt::Horizontal, this);
    split->addWidget(left);
    split->addWidget(right);
    split->setStretchFactor(0, 1);
    split->setStretchFactor(1, 3);

    auto *layout = new QVBoxLayout(this);
    layout->addLayout(top);
    layout->addWidget(m_banner);
    layout->addWidget(split, 1);
    updateCounts();
    updateSql();
}

QToolButton *SchemaDiffView::stateButton(ObjectState state) const
{
    return m_stateButtons.value(allStates.indexOf(state));
}

template <typename F> void SchemaDiffView::request(F &&call)
{
    if (m_pending++ == 0) {
        m_compare->setEnabled(false);
        m_drift->setEnabled(false);
    }
    QMetaObject::invokeMethod(m_worker, std::forward<F>(call), Qt::QueuedConnection);
}

void SchemaDiffView::setWorkspace(const WorkspaceConfig &config)
{
    m_workspace = config;
    m_drift->setEnabled(!config.migrationsDir.isEmpty() && m_pending == 0);
    SchemaCompareWorker *w = m_worker;
    const ConnectionSpec spec = config.spec;
    request([w, spec] { w->listVersions(spec); });
    if (!m_target->origin()) {
        SchemaOrigin live;
        live.spec = config.spec;
        m_target->setOrigin(live);
    }
}

void SchemaDiffView::setOrigins(const SchemaOrigin &source, const SchemaOrigin &target)
{
    m_source->setOrigin(source);
    m_target->setOrigin(target);
}

void SchemaDiffView::swapSides()
{
    auto a = m_source->origin();
    auto b = m_target->origin();
    if (a && b)
        setOrigins(*b, *a);
}

void SchemaDiffView::compare()
{
    auto a = m_source->origin();
    auto b = m_target->origin();
    if (!a || !b) {
        showError(!a ? a.error() : b.error(), tr("Choose both sides"));
        return;
    }
    m_banner->hide();
    SchemaCompareWorker *w = m_worker;
    const ConnectionSpec spec = m_workspace.spec;
    request([w, a = *a, b = *b, spec] { w->compare(a, b, spec); });
}

void SchemaDiffView::checkDrift()
{
    m_banner->hide();
    SchemaCompareWorker *w = m_worker;
    const ConnectionSpec spec = m_workspace.spec;
    request([w, spec] { w->checkDrift(spec); });
}

void SchemaDiffView::onCompared(const SchemaComparison &comparison)
{
    // Both sides connected: their passwords need not be asked for again this session.
    for (const ConnectionSpec &spec : comparison.specs)
        SessionCredentials::instance().remember(spec);
    m_result = comparison;
    m_export->setEnabled(true);
    m_model->setObjects(comparison.objects);
    m_tree->expandAll();
    m_ddl->setTitles(comparison.nameA, comparison.nameB);
    updateCounts();
    if (comparison.isDrift) {
        if (comparison.diff.isEmpty())
            m_banner->setMessage(theme::Tone::Success, tr("No drift"),
                                 tr("The live schema matches the schema recorded for version %1.")
                                     .arg(comparison.driftVersion));
        else
            m_banner->setMessage(
                theme::Tone::Warning,
                tr("Drift: %1 since version %2 was recorded")
                    .arg(format::count(comparison.diff.changes.size(), tr("change"), tr("changes")),
                         comparison.driftVersion),
                tr("Someone changed the database outside the migrations. The script below turns "
                   "the "
                   "recorded schema into the live one; save it as a migration to keep it."));
        m_banner->show();
    }
    onSelection();
    emit resultChanged();
}

Report SchemaDiffView::report() const
{
    if (!m_result)
        return Report::begin(tr("Schema diff"));
    const SchemaComparison &c = *m_result;
    Report r = Report::begin(c.isDrift ? tr("Drift check") : tr("Schema diff"));
    // Every connection read may carry a password (the keychain's too): none reaches the file.
    for (const ConnectionSpec &spec : c.specs)
        r.addSecretsOf(spec);
    if (c.isDrift && !c.specs.isEmpty()) {
        r.setDatabase(c.specs.first());
        r.migrationsDir = m_workspace.migrationsDir;
        r.drift = ReportDrift{c.driftVersion, c.driftOrigin, c.specs.first().displayUrl(), c.diff};
    } else {
        r.diff = ReportDiff{c.nameA, c.nameB, c.diff};
    }
    return r;
}

void SchemaDiffView::updateCounts()
{
    for (int i = 0; i < allStates.size(); ++i)
        m_stateButtons[i]->setText(QStringLiteral("%1 %2")
                                       .arg(stateTitle(allStates[i]))
                                       .arg(m_model->count(allStates[i])));
    if (!m_result) {
        m_summary->setText(tr("Choose a source and a target, then Compare."));
        return;
    }
    const SchemaDiffResult &diff = m_result->diff;
    m_summary->setText(
        diff.isEmpty()
            ? tr("The schemas are identical.")
            : tr("%1; %2").arg(format::count(diff.changes.size(), tr("change"), tr("changes")),
                               diff.fullyReversible() ? tr("all reversible")
                                                      : tr("some cannot be undone")));
}

QList<int> SchemaDiffView::selectedChanges(const DiffObject **object) const
{
    *object = m_model->object(m_tree->currentIndex());
    if (*object)
        return (*object)->changes;
    QList<int> all;
    if (m_result)
        for (int i = 0; i < m_result->diff.changes.size(); ++i)
            all << i;
    return all;
}

void SchemaDiffView::onSelection()
{
    const DiffObject *object = nullptr;
    selectedChanges(&object);
    if (object)
        m_ddl->setTexts(object->ddlA, object->ddlB);
    else
        m_ddl->setTexts({}, {});
    updateSql();
}

void SchemaDiffView::updateSql()
{
    const DiffObject *object = nullptr;
    const QList<int> changes = selectedChanges(&object);
    const bool inverse = m_inverse->isChecked();
    const QString scope = object ? object->displayName() : tr("whole schema");
    if (!m_result) {
        m_sqlTitle->setText(tr("SQL"));
        m_shownSql.clear();
        m_sql->setSql({});
        m_risks->clear();
        m_save->setEnabled(false);
        return;
    }
    m_sqlTitle->setText(inverse ? tr("Undo: target → source (%1)").arg(scope)
                                : tr("SQL: source → target (%1)").arg(scope));
    m_shownSql = DiffObjects::script(m_result->diff, changes, inverse);
    m_sql->setSql(m_shownSql);
    m_save->setEnabled(!m_workspace.migrationsDir.isEmpty() && !m_result->diff.isEmpty());

    // Risk badges: one per change that is not safe, then the lint's warnings.
    const QPalette pal = palette();
    auto chip = [&](Risk risk) {
        const QColor bg = theme::tone(riskTone(risk), pal);
        return QStringLiteral(
                   "<span style=\"background:%1; color:%2; font-weight:600\">&nbsp;%3&nbsp;</span>")
            .arg(bg.name(), pal.color(QPalette::Base).name(), riskName(risk).toUpper());
    };
    QStringList lines;
    int safe = 0;
    for (int i : changes) {
        const Change &c = m_result->diff.changes[i];
        if (c.risk == Risk::Safe && c.warnings.isEmpty()) {
            ++safe;
            continue;
        }
        lines << QStringLiteral("%1 %2").arg(chip(c.risk), c.summary.toHtmlEscaped());
        for (const QString &w : c.warnings)
            lines << QStringLiteral("&nbsp;&nbsp;&nbsp;%1").arg(w.toHtmlEscaped());
        if (!c.hasInverse)
            lines << QStringLiteral("&nbsp;&nbsp;&nbsp;%1").arg(tr("no undo for this change"));
    }
    if (!object)
        for (const QString &w : m_result->diff.warnings)
            lines << QStringLiteral("%1 %2").arg(chip(Risk::Blocking), w.toHtmlEscaped());
    if (safe > 0)
        lines << QStringLiteral("%1 %2").arg(
            chip(Risk::Safe),
            tr("%1 without risk").arg(format::count(safe, tr("change"), tr("changes"))));
    m_risks->setText(lines.join(QStringLiteral("<br>")));
}

bool SchemaDiffView::selectObject(const QString &displayName)
{
    const QModelIndex index = m_model->find(displayName);
    if (!index.isValid())
        return false;
    m_tree->setCurrentIndex(index);
    return true;
}

void SchemaDiffView::askSaveAsMigration()
{
    bool ok = false;
    const QString description = QInputDialog::getText(
        this, tr("Save as Migration"), tr("Description of the new migration:"), QLineEdit::Normal,
        m_result && m_result->isDrift ? tr("Adopt drift") : tr("Schema changes"), &ok);
    if (ok)
        saveAsMigration(description);
}

void SchemaDiffView::saveAsMigration(const QString &description)
{
    if (!m_result || m_result->diff.isEmpty() || m_workspace.migrationsDir.isEmpty())
        return;
    if (m_result->a.engine != m_workspace.spec.engine) {
        showError(
            Error::usage(
                tr("The script is written for the source's engine, which is not the workspace's. "
                   "Swap the sides or compare schemas of the workspace's engine.")),
            tr("Not saved"));
        return;
    }
    const MigrationDraft draft = MigrationWriter::draftFromDiff(m_result->diff, description);
    SchemaCompareWorker *w = m_worker;
    const QString dir = m_workspace.migrationsDir;
    request([w, dir, draft] { w->save(dir, draft, FolderFormat::Flyway); });
}

void SchemaDiffView::showError(const Error &error, const QString &title)
{
    // The banner's body holds where and what the driver said; the sentence goes in the title.
    m_banner->setError(error, QStringLiteral("%1: %2").arg(title, error.message));
    m_banner->show();
}

} // namespace strata
