#include "RollbackDialog.h"

#include "common/Banner.h"
#include "common/Format.h"
#include "common/Icons.h"
#include "common/Theme.h"
#include "report/ReportExport.h"

#include <QCheckBox>
#include <QDialogButtonBox>
#include <QHeaderView>
#include <QLabel>
#include <QPushButton>
#include <QTreeWidget>
#include <QVBoxLayout>

namespace strata {

namespace {

// Lint findings read "file:line: what"; the tree shows them under their step, without the file.
QString withoutLocation(const QString &warning)
{
    const int colon = int(warning.indexOf(QLatin1String(".sql:")));
    if (colon < 0)
        return warning;
    const int after = int(warning.indexOf(QLatin1String(": "), colon + 5));
    return after < 0 ? warning : warning.mid(after + 2);
}

} // namespace

QStringList RollbackDialog::dataLossItems(const TrialResult &trial)
{
    // The schema diff of the trial says exactly which tables and columns disappear.
    QStringList items;
    for (const Change &c : trial.schemaChanges.changes) {
        if (c.risk == Risk::Destructive)
            items << (c.kind == ObjectKind::Table    ? tr("%1 and all its rows").arg(c.summary)
                      : c.kind == ObjectKind::Column ? tr("%1 and its values").arg(c.summary)
                                                     : c.summary);
    }
    if (!items.isEmpty() || trial.ok())
        return items;
    // A failed trial has no diff (PostgreSQL): fall back to the lint of the plan.
    for (const StepTrial &step : trial.steps) {
        for (const QString &w : step.warnings) {
            if (w.contains(QLatin1String("drop"), Qt::CaseInsensitive) ||
                w.contains(QLatin1String("data")))
                items << QStringLiteral("%1: %2").arg(step.version, withoutLocation(w));
        }
    }
    items.removeDuplicates();
    return items;
}

RollbackDialog::RollbackDialog(const TrialResult &trial, const QString &from, const QString &to,
                               const QString &database, QWidget *parent)
    : QDialog(parent), m_trial(trial), m_from(from), m_to(to), m_database(database),
      m_dataLoss(dataLossItems(trial))
{
    setWindowTitle(tr("Roll back to version %1").arg(to));
    setMinimumWidth(640);
    const QPalette pal = palette();
    auto *layout = new QVBoxLayout(this);
    layout->setSpacing(10);
    layout->setContentsMargins(16, 16, 16, 12);

    auto *heading = new QLabel(
        tr("Roll back %1 from version %2 to %3?")
            .arg(format::count(trial.steps.size(), tr("migration"), tr("migrations")), from, to),
        this);
    QFont big = heading->font();
    big.setPointSizeF(big.pointSizeF() * 1.25);
    big.setWeight(QFont::DemiBold);
    heading->setFont(big);
    layout->addWidget(heading);
    int generated = 0;
    for (const StepTrial &s : trial.steps)
        generated += s.generated ? 1 : 0;
    QString intro =
        tr("These undo steps run on <b>%1</b>, newest first, each in its own transaction.")
            .arg(database.toHtmlEscaped());
    if (generated)
        intro +=
            tr(" %1 no undo script: Strata generated %2 from the schema snapshots recorded "
               "when the version was applied (marked ✦ below).")
                .arg(generated == 1 ? tr("1 version has") : tr("%1 versions have").arg(generated),
                     generated == 1 ? tr("its undo") : tr("their undos"));
    auto *introLabel = new QLabel(intro, this);
    introLabel->setWordWrap(true);
    layout->addWidget(introLabel);

    m_steps = new QTreeWidget(this);
    m_steps->setColumnCount(2);
    m_steps->setHeaderLabels({tr("What will be undone"), tr("Source")});
    m_steps->setRootIsDecorated(true);
    m_steps->setUniformRowHeights(true);
    m_steps->setAlternatingRowColors(true);
    m_steps->header()->setStretchLastSection(false);
    m_steps->header()->setSectionResizeMode(0, QHeaderView::Stretch);
    m_steps->header()->setSectionResizeMode(1, QHeaderView::ResizeToContents);
    const QIcon undoIcon =
        icons::icon(icons::Name::Rollback, theme::tone(theme::Tone::Warning, pal));
    const QIcon generatedIcon =
        icons::icon(icons::Name::Generated, theme::tone(theme::Tone::Info, pal));
    const QIcon warnIcon =
        icons::badge(u'!', theme::tone(theme::Tone::Warning, pal), pal.color(QPalette::Base));
    for (const StepTrial &step : trial.steps) {
        auto *item = new QTreeWidgetItem(m_steps);
        item->setText(0, tr("Undo %1 — %2").arg(step.version, step.description));
        item->setIcon(0, step.generated ? generatedIcon : undoIcon);
        item->setText(1, step.generated ? tr("✦ generated from snapshots")
                                        : step.script.section(u'/', -1));
        if (step.generated) {
            item->setForeground(1, theme::tone(theme::Tone::Info, pal));
            QFont italic = item->font(1);
            italic.setItalic(true);
            item->setFont(1, italic);
        }
        QFont bold = item->font(0);
        bold.setWeight(QFont::DemiBold);
        item->setFont(0, bold);
        // Lint findings name their statement ("file:line: what"): they mark that statement.
        QStringList stepWarnings = step.warnings;
        for (const StatementTrial &st : step.statements) {
            auto *child = new QTreeWidgetItem(item);
            child->setText(0, st.sql.simplified());
            child->setToolTip(0, st.sql);
            child->setText(1, step.generated ? QString() : tr("line %1").arg(st.line));
            child->setForeground(1, theme::secondaryText(pal));
            const QString marker = QStringLiteral(".sql:%1:").arg(st.line);
            for (auto it = stepWarnings.begin(); it != stepWarnings.end();) {
                if (!step.generated && it->contains(marker)) {
                    child->setIcon(0, warnIcon);
                    child->setText(1, tr("line %1 · %2").arg(st.line).arg(withoutLocation(*it)));
                    child->setForeground(1, theme::tone(theme::Tone::Warning, pal));
                    child->setToolTip(1, *it);
                    it = stepWarnings.erase(it);
                } else {
                    ++it;
                }
            }
            if (!st.error.isEmpty()) {
                child->setForeground(0, theme::tone(theme::Tone::Danger, pal));
                child->setToolTip(0, st.error);
            }
        }
        for (const QString &w : stepWarnings) {
            auto *child = new QTreeWidgetItem(item);
            child->setText(0, withoutLocation(w));
            child->setToolTip(0, w);
            child->setIcon(0, warnIcon);
            child->setForeground(0, theme::tone(theme::Tone::Warning, pal));
            child->setFirstColumnSpanned(true);
        }
    }
    m_steps->expandAll();
    m_steps->setMinimumHeight(240);
    layout->addWidget(m_steps, 1);

    // The dry run's verdict.
    auto *verdict = new Banner(this);
    if (trial.error) {
        verdict->setError(*trial.error, tr("The rollback would fail — nothing will be run."));
    } else {
        qint64 ms = 0;
        for (const StepTrial &s : trial.steps)
            for (const StatementTrial &st : s.statements)
                ms += st.ms;
        verdict->setMessage(
            theme::Tone::Success, tr("The dry run of this rollback succeeded (%1 ms).").arg(ms),
            tr("It ran in one transaction and was rolled back: nothing has changed yet."));
    }
    layout->addWidget(verdict);

    if (!m_dataLoss.isEmpty()) {
        auto *loss = new Banner(this);
        QString list = QStringLiteral("<ul style='margin:0; -qt-list-indent:1'>");
        for (const QString &item : m_dataLoss)
            list += QStringLiteral("<li>%1</li>").arg(item.toHtmlEscaped());
        list += QStringLiteral("</ul>");
        loss->setMessage(theme::Tone::Danger, tr("Data will be lost"),
                         tr("The rollback drops these objects and the data in them:") + list);
        layout->addWidget(loss);
        m_acceptLoss = new QCheckBox(tr("I understand that this data will be lost"), this);
        layout->addWidget(m_acceptLoss);
        connect(m_acceptLoss, &QCheckBox::toggled, this, &RollbackDialog::updateConfirm);
    }

    auto *buttons = new QDialogButtonBox(this);
    m_confirm = buttons->addButton(
        tr("Roll back %1")
            .arg(format::count(trial.steps.size(), tr("migration"), tr("migrations"))),
        QDialogButtonBox::AcceptRole);
    m_confirm->setIcon(undoIcon);
    // The record of what the rollback would do, for a change board, before deciding.
    m_export = ReportExport::button(
        this, [this] { return report(); }, QStringLiteral("rollback-preview"));
    buttons->addButton(m_export, QDialogButtonBox::ActionRole);
    auto *cancel = buttons->addButton(QDialogButtonBox::Cancel);
    cancel->setDefault(true);
    cancel->setFocus();
    m_confirm->setAutoDefault(false);
    connect(buttons, &QDialogButtonBox::accepted, this, &QDialog::accept);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    layout->addWidget(buttons);
    updateConfirm();
}

Report RollbackDialog::report() const
{
    Report r = m_reportBase ? m_reportBase() : Report::begin(QString());
    if (!r.database && !m_database.isEmpty())
        r.database = ReportDatabase{m_database, QString(), QString()};
    r.title = tr("Rollback preview: %1 → %2").arg(m_from, m_to);
    r.dryRun = m_trial;
    r.dryRunTitle = tr("roll back %1 → %2").arg(m_from, m_to);
    return r;
}

bool RollbackDialog::allowDataLoss() const
{
    return m_acceptLoss && m_acceptLoss->isChecked();
}

void RollbackDialog::updateConfirm()
{
    const bool lossAccepted = m_dataLoss.isEmpty() || allowDataLoss();
    m_confirm->setEnabled(m_trial.ok() && !m_trial.steps.isEmpty() && lossAccepted);
}

} // namespace strata
