#include "DryRunPanel.h"
#include "report/ReportExport.h"

#include "SchemaChangeModel.h"
#include "TrialModel.h"
#include "common/Banner.h"
#include "common/Format.h"
#include "common/Icons.h"
#include "common/SqlEditor.h"

#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QListWidget>
#include <QPushButton>
#include <QScrollBar>
#include <QSplitter>
#include <QStackedWidget>
#include <QTabWidget>
#include <QTreeView>
#include <QVBoxLayout>

namespace strata {

namespace {

QTreeView *makeTree(QWidget *parent)
{
    auto *view = new QTreeView(parent);
    view->setUniformRowHeights(true);
    view->setAlternatingRowColors(true);
    view->setAllColumnsShowFocus(true);
    view->setRootIsDecorated(true);
    view->setFrameShape(QFrame::NoFrame);
    view->setSelectionBehavior(QAbstractItemView::SelectRows);
    view->setEditTriggers(QAbstractItemView::NoEditTriggers);
    view->header()->setStretchLastSection(true);
    return view;
}

} // namespace

DryRunPanel::DryRunPanel(QWidget *parent) : QWidget(parent)
{
    auto *outer = new QVBoxLayout(this);
    outer->setContentsMargins(0, 0, 0, 0);
    m_stack = new QStackedWidget(this);
    outer->addWidget(m_stack);

    auto *empty =
        new QLabel(tr("<p style='font-size:large'>No dry run yet</p>"
                      "<p>Select a version on the timeline and choose <b>Dry run to here</b> "
                      "(Ctrl+D).<br>The plan runs for real inside one transaction, every "
                      "statement is timed,<br>and then everything is rolled back: the "
                      "database is not changed.</p>"),
                   m_stack);
    empty->setAlignment(Qt::AlignCenter);
    empty->setWordWrap(true);
    empty->setForegroundRole(QPalette::PlaceholderText);
    m_stack->addWidget(empty);

    auto *page = new QWidget(m_stack);
    auto *layout = new QVBoxLayout(page);
    layout->setContentsMargins(10, 10, 10, 0);
    layout->setSpacing(8);
    m_title = new QLabel(page);
    QFont titleFont = m_title->font();
    titleFont.setPointSizeF(titleFont.pointSizeF() * 1.2);
    titleFont.setWeight(QFont::DemiBold);
    m_title->setFont(titleFont);
    m_summary = new QLabel(page);
    m_summary->setSizePolicy(QSizePolicy::Ignored, QSizePolicy::Preferred);
    m_summary->setForegroundRole(QPalette::PlaceholderText);
    m_resultBanner = new Banner(page);
    m_errorBanner = new Banner(page);
    connect(m_errorBanner, &Banner::locationActivated, this, &DryRunPanel::locationActivated);
    auto *titleRow = new QHBoxLayout;
    titleRow->addWidget(m_title, 1);
    m_export = ReportExport::button(
        page, [this] { return report(); }, QStringLiteral("dry-run"));
    titleRow->addWidget(m_export);
    layout->addLayout(titleRow);
    layout->addWidget(m_summary);
    layout->addWidget(m_resultBanner);
    layout->addWidget(m_errorBanner);

    auto *split = new QSplitter(Qt::Vertical, page);
    split->setChildrenCollapsible(false);
    m_trialModel = new TrialModel(this);
    m_statements = makeTree(split);
    m_statements->setModel(m_trialModel);
    QHeaderView *header = m_statements->header();
    header->setStretchLastSection(false);
    header->setSectionResizeMode(QHeaderView::Interactive);
    header->setSectionResizeMode(TrialModel::StatementColumn, QHeaderView::Stretch);
    m_statements->setColumnWidth(TrialModel::LocationColumn, 230);
    m_statements->setColumnWidth(TrialModel::TimeColumn, 64);
    m_statements->setColumnWidth(TrialModel::RowsColumn, 50);
    m_statements->setColumnWidth(TrialModel::ResultColumn, 170);
    connect(m_statements->selectionModel(), &QItemSelectionModel::currentRowChanged, this,
            [this](const QModelIndex &current) {
                if (current.siblingAtColumn(0) != m_autoScroll)
                    m_autoScroll = QPersistentModelIndex();
                showStatement(current);
            });
    connect(m_statements->verticalScrollBar(), &QScrollBar::rangeChanged, this, [this] {
        if (m_autoScroll.isValid())
            m_statements->scrollTo(m_autoScroll, QAbstractItemView::PositionAtCenter);
    });
    split->addWidget(m_statements);

    auto *bottom = new QSplitter(Qt::Horizontal, split);
    bottom->setChildrenCollapsible(false);
    m_details = new QTabWidget(bottom);
    m_details->setDocumentMode(true);
    auto *changesPage = new QWidget(m_details);
    auto *changesLayout = new QVBoxLayout(changesPage);
    changesLayout->setContentsMargins(0, 4, 0, 0);
    changesLayout->setSpacing(4);
    m_changesSummary = new QLabel(changesPage);
    m_changesSummary->setSizePolicy(QSizePolicy::Ignored, QSizePolicy::Preferred);
    m_changesSummary->setContentsMargins(6, 0, 6, 0);
    m_changeModel = new SchemaChangeModel(this);
    m_changes = makeTree(changesPage);
    m_changes->setModel(m_changeModel);
    m_changes->header()->setStretchLastSection(false);
    m_changes->header()->setSectionResizeMode(SchemaChangeModel::SummaryColumn,
                                              QHeaderView::Stretch);
    m_changes->header()->setSectionResizeMode(SchemaChangeModel::ActionColumn,
                                              QHeaderView::ResizeToContents);
    m_changes->header()->setSectionResizeMode(SchemaChangeModel::RiskColumn,
                                              QHeaderView::ResizeToContents);
    changesLayout->addWidget(m_changesSummary);
    changesLayout->addWidget(m_changes, 1);
    m_details->addTab(changesPage, tr("Schema changes"));
    m_warnings = new QListWidget(m_details);
    m_warnings->setFrameShape(QFrame::NoFrame);
    m_warnings->setWordWrap(true);
    m_warnings->setAlternatingRowColors(true);
    m_details->addTab(m_warnings, tr("Warnings"));
    bottom->addWidget(m_details);

    auto *sqlPane = new QWidget(bottom);
    auto *sqlLayout = new QVBoxLayout(sqlPane);
    sqlLayout->setContentsMargins(0, 4, 0, 0);
    sqlLayout->setSpacing(4);
    m_sqlCaption = new QLabel(sqlPane);
    m_sqlCaption->setSizePolicy(QSizePolicy::Ignored, QSizePolicy::Preferred);
    m_sqlCaption->setContentsMargins(6, 0, 6, 0);
    m_sql = new SqlEditor(sqlPane);
    sqlLayout->addWidget(m_sqlCaption);
    sqlLayout->addWidget(m_sql, 1);
    bottom->addWidget(sqlPane);
    bottom->setStretchFactor(0, 1);
    bottom->setStretchFactor(1, 1);

    split->addWidget(bottom);
    split->setStretchFactor(0, 3);
    split->setStretchFactor(1, 2);
    layout->addWidget(split, 1);
    m_stack->addWidget(page);
    clear();
}

void DryRunPanel::markOutdated(const QString &why)
{
    if (!hasTrial())
        return;
    m_outdated = true;
    m_resultBanner->setMessage(theme::Tone::Info, tr("This dry run is out of date."),
                               why.toHtmlEscaped() + QStringLiteral(" ") +
                                   tr("It shows the trial made before; run a new dry run to "
                                      "preview from the database as it is now."));
    m_errorBanner->hide();
}

void DryRunPanel::clear()
{
    m_outdated = false;
    m_trialModel->clear();
    m_changeModel->clear();
    m_warnings->clear();
    m_sql->setSql({});
    m_shownScript.clear();
    m_stack->setCurrentIndex(0);
}

bool DryRunPanel::hasTrial() const
{
    return m_stack->currentIndex() == 1;
}

QString DryRunPanel::title() const
{
    return m_title->text();
}

Report DryRunPanel::report() const
{
    Report r = m_reportBase ? m_reportBase() : Report::begin(title());
    r.title = title();
    r.dryRun = m_trial;
    r.dryRunTitle = title().section(QStringLiteral(": "), 1);
    return r;
}

void DryRunPanel::setTrial(const TrialResult &trial, const QString &title)
{
    m_trial = trial;
    m_outdated = false;
    m_trialModel->setTrial(trial);
    m_changeModel->setChanges(trial.schemaChanges);
    m_title->setText(title);
    const int statements = m_trialModel->statementCount();
    m_summary->setText(
        format::count(trial.steps.size(), tr("migration"), tr("migrations")) +
        QStringLiteral(" · ") + format::count(statements, tr("statement"), tr("statements")) +
        QStringLiteral(" · ") + tr("%1 ms in the database").arg(m_trialModel->totalMs()) +
        QStringLiteral(" · ") + trial.verdict());

    if (trial.rolledBack && trial.untriedSteps() > 0)
        m_resultBanner->setMessage(
            theme::Tone::Warning,
            tr("Nothing was changed; %1 not trialled.")
                .arg(format::count(trial.untriedSteps(), tr("migration"), tr("migrations"))),
            tr("Migrations marked <code>-- strata:no-transaction</code> cannot run inside the "
               "trial's transaction, so their statements did not run: they run for real only, "
               "and cannot be rolled back if they fail. The rest ran and was rolled back."));
    else if (trial.rolledBack)
        m_resultBanner->setMessage(
            theme::Tone::Success, tr("Nothing was changed: the trial was rolled back."),
            tr("Every statement ran inside one transaction that was then rolled "
               "back. Schema, data and history are exactly as before."));
    else
        m_resultBanner->setMessage(
            theme::Tone::Danger, tr("The trial could not be rolled back."),
            tr("Check the database: the rollback of the trial transaction failed."));
    m_errorBanner->setVisible(trial.error.has_value());
    if (trial.error)
        m_errorBanner->setError(*trial.error,
                                tr("The plan would fail: %1").arg(trial.error->message));

    m_changesSummary->setText(m_changeModel->summary());
    m_changes->expandAll();
    m_details->setTabText(0, tr("Schema changes (%1)").arg(m_changeModel->changeCount()));
    fillWarnings(trial);
    m_statements->expandAll();
    m_stack->setCurrentIndex(1);

    m_shownScript.clear();
    const QModelIndex failing = m_trialModel->failingIndex();
    const QModelIndex first = m_trialModel->index(0, 0);
    const QModelIndex start = failing.isValid() ? failing
                              : first.isValid() ? m_trialModel->index(0, 0, first)
                                                : first;
    if (start.isValid()) {
        m_statements->setCurrentIndex(start);
        // Kept in view while the panel settles (the tree expands, banners take their height),
        // until the user picks another row.
        m_autoScroll = start;
        m_statements->scrollTo(start, QAbstractItemView::PositionAtCenter);
    } else {
        m_sql->setSql({});
        m_sqlCaption->setText(tr("Nothing to run."));
    }
}

void DryRunPanel::fillWarnings(const TrialResult &trial)
{
    m_warnings->clear();
    const QIcon warn = icons::badge(u'!', theme::tone(theme::Tone::Warning, palette()),
                                    palette().color(QPalette::Base));
    auto add = [&](const QString &text) { m_warnings->addItem(new QListWidgetItem(warn, text)); };
    for (const StepTrial &step : trial.steps) {
        for (const QString &w : step.warnings)
            add(QStringLiteral("%1 %2: %3").arg(step.version, step.description, w));
    }
    for (const QString &w : trial.warnings)
        add(w);
    for (const QString &w : trial.schemaChanges.warnings)
        add(w);
    m_details->setTabText(1, tr("Warnings (%1)").arg(m_warnings->count()));
}

void DryRunPanel::showStatement(const QModelIndex &current)
{
    if (!current.isValid())
        return;
    const QModelIndex index = current.siblingAtColumn(0);
    const int step = index.data(TrialModel::StepRole).toInt();
    const StepTrial &st = m_trialModel->trial().steps[step];
    const QString file = index.data(TrialModel::FileRole).toString();
    const int line = index.data(TrialModel::LineRole).toInt();
    const int lineCount = index.data(TrialModel::LineCountRole).toInt();
    const bool failed = index.data(TrialModel::FailedRole).toBool() && index.parent().isValid();

    std::optional<MigrationScript> script;
    if (!st.generated && m_resolver)
        script = m_resolver(file.isEmpty() ? st.script : file);
    int editorLine = -1;
    const QString key = script ? script->path : QStringLiteral("generated:%1").arg(step);
    if (script) {
        if (m_shownScript != key)
            m_sql->setSql(script->sql);
        editorLine = line > 0 ? line - script->firstLine : -1;
        const QString shown = format::displayPath(script->path);
        m_sqlCaption->setText(line > 0 ? tr("%1, line %2").arg(shown).arg(line) : shown);
    } else {
        // A generated undo (or SQL another tool wrote, e.g. Alembic's offline mode) has no
        // file: show its statements, one after the other.
        QString text =
            st.generated
                ? tr("-- Generated undo for %1 %2 (from the recorded schema snapshots)\n\n")
                      .arg(st.version, st.description)
                : tr("-- %1: %2 (the statements as run)\n\n").arg(st.script, st.description);
        int textLine = 2;
        for (int i = 0; i < st.statements.size(); ++i) {
            if (index.parent().isValid() && i == index.row())
                editorLine = textLine;
            const QString sql = st.statements[i].sql + QStringLiteral(";\n\n");
            text += sql;
            textLine += int(sql.count(u'\n'));
        }
        if (m_shownScript != key)
            m_sql->setSql(text);
        m_sqlCaption->setText(st.generated ? tr("Generated undo for %1 (no file)").arg(st.version)
                                           : st.script);
    }
    m_shownScript = key;
    m_sql->clearMarks();
    // The failing statement stays marked while another one of the same script is in focus.
    const QModelIndex failing = m_trialModel->failingIndex();
    if (script && failing.isValid() && failing != index &&
        failing.data(TrialModel::FileRole).toString() == script->path) {
        m_sql->mark(failing.data(TrialModel::LineRole).toInt() - script->firstLine,
                    failing.data(TrialModel::LineCountRole).toInt(), SqlEditor::Mark::Error);
    }
    if (editorLine >= 0)
        m_sql->mark(editorLine, lineCount,
                    failed ? SqlEditor::Mark::Error : SqlEditor::Mark::Focus);
}

} // namespace strata
