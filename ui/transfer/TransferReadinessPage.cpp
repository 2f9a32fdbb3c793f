#include "TransferReadinessPage.h"

#include "TransferWizard.h"
#include "TransferWizardPages.h"
#include "check/ReadinessText.h"
#include "common/Banner.h"
#include "timeline/ReadinessBadge.h"

#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QProgressBar>
#include <QPushButton>
#include <QTreeWidget>
#include <QVBoxLayout>

namespace strata::wizard {

ReadinessPage::ReadinessPage(TransferWizard *wizard, QWidget *parent)
    : QWizardPage(parent), m_wizard(wizard)
{
    setTitle(tr("Is the folder ready for PostgreSQL?"));
    setSubTitle(tr("Every migration, up and undo, is replayed on a throwaway database on the "
                   "target server, which is dropped afterwards. Nothing of yours is written."));
    status = new QLabel(this);
    status->setWordWrap(true);
    banner = new Banner(this);
    banner->setObjectName(QStringLiteral("readinessBanner"));
    banner->hide();
    progress = new QProgressBar(this);
    cancel = new QPushButton(tr("Cancel Check"), this);
    cancel->setObjectName(QStringLiteral("cancelReadiness"));
    cancel->setAutoDefault(false);
    again = new QPushButton(tr("Check Again"), this);
    again->setObjectName(QStringLiteral("checkAgain"));
    again->setAutoDefault(false);
    versions = new QTreeWidget(this);
    versions->setObjectName(QStringLiteral("readinessVersions"));
    versions->setHeaderLabels({tr("Version"), tr("Description"), tr("PostgreSQL"), tr("Undo")});
    versions->header()->setStretchLastSection(true);
    versions->setAlternatingRowColors(true);
    auto *row = new QHBoxLayout;
    row->addWidget(progress, 1);
    row->addWidget(cancel);
    row->addWidget(again);
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(status);
    layout->addLayout(row);
    layout->addWidget(banner);
    layout->addWidget(versions, 1);

    connect(cancel, &QPushButton::clicked, this, [this] {
        cancel->setEnabled(false);
        status->setText(tr("Cancelling; the throwaway database is dropped…"));
        m_wizard->cancelReadinessCheck();
    });
    connect(again, &QPushButton::clicked, this, [this] { initializePage(); });
    connect(wizard, &TransferWizard::readinessProgressed, this,
            [this](int done, int total, const QString &label) {
                if (!m_running)
                    return;
                progress->setRange(0, std::max(total, 1));
                progress->setValue(done);
                status->setText(tr("Checking %1 (%2 of %3)…").arg(label).arg(done).arg(total));
            });
    connect(wizard, &TransferWizard::readinessChecked, this, [this](const ReadinessResult &r) {
        if (m_running)
            showResult(r);
    });
    connect(wizard, &TransferWizard::readinessFailed, this, [this](const Error &error) {
        if (m_running)
            showError(error);
    });
}

void ReadinessPage::initializePage()
{
    m_result.reset();
    m_error.reset();
    m_running = true;
    versions->clear();
    banner->hide();
    progress->setRange(0, 0); // busy until the first version is counted
    cancel->setEnabled(true);
    again->setEnabled(false);
    status->setText(tr("Connecting to %1…").arg(m_wizard->target().displayUrl()));
    m_wizard->startReadinessCheck();
    emit completeChanged();
}

void ReadinessPage::showResult(const ReadinessResult &result)
{
    m_running = false;
    m_result = result;
    cancel->setEnabled(false);
    again->setEnabled(true);
    progress->setRange(0, 1);
    progress->setValue(1);
    for (const VersionCheck &v : result.versions) {
        auto *item =
            new QTreeWidgetItem(versions, {v.version, v.description, readiness::verdict(v.up),
                                           readiness::verdict(v.undo)});
        const QColor color = theme::tone(readiness::tone(v), palette());
        item->setForeground(2, theme::tone(v.up.status == Readiness::Fails ? theme::Tone::Danger
                                                                           : readiness::tone(v),
                                           palette()));
        item->setForeground(3, color);
        item->setData(0, Qt::UserRole, int(v.up.status));
        const QStringList lines = readiness::details(v);
        item->setToolTip(1, lines.join(u'\n'));
        // The details under the version: file:line and PostgreSQL's message, the differences.
        // Spanning the row: a long path and message do not widen the verdict columns.
        for (const QString &line : lines.mid(1)) {
            auto *child = new QTreeWidgetItem(item, {line});
            child->setToolTip(0, line);
            child->setFirstColumnSpanned(true);
        }
        item->setExpanded(v.up.status == Readiness::Fails);
    }
    // The columns fit the versions' own rows, never the spanned details.
    const QFontMetrics fm(versions->font());
    int widths[3] = {fm.horizontalAdvance(tr("Version")), fm.horizontalAdvance(tr("Description")),
                     fm.horizontalAdvance(tr("PostgreSQL"))};
    for (int i = 0; i < versions->topLevelItemCount(); ++i)
        for (int c = 0; c < 3; ++c)
            widths[c] =
                std::max(widths[c], fm.horizontalAdvance(versions->topLevelItem(i)->text(c)));
    for (int c = 0; c < 3; ++c)
        versions->setColumnWidth(c, widths[c] + (c == 0 ? 48 : 24));
    QString summary = readinessSummary(result);
    if (result.error)
        summary += u'\n' + tr("The check stopped early: %1").arg(result.error->message);
    status->setText(summary);
    const QString reason = refusal();
    if (!reason.isEmpty()) {
        banner->setMessage(theme::Tone::Danger, tr("Next is closed"), reason.toHtmlEscaped());
        banner->show();
    } else if (result.count(Readiness::Differs) > 0) {
        banner->setMessage(theme::Tone::Warning, tr("Ready, with differences"),
                           tr("Some versions build a different schema on PostgreSQL than on "
                              "SQLite; the data loads into what PostgreSQL builds."));
        banner->show();
    } else {
        banner->setMessage(theme::Tone::Success, tr("Every version runs on PostgreSQL"));
        banner->show();
    }
    emit completeChanged();
}

void ReadinessPage::showError(const Error &error)
{
    m_running = false;
    m_error = error;
    cancel->setEnabled(false);
    again->setEnabled(true);
    progress->setRange(0, 1);
    progress->setValue(0);
    status->clear();
    banner->setError(error, withMessage(tr("The folder could not be checked"), error));
    banner->show();
    emit completeChanged();
}

QString ReadinessPage::refusal() const
{
    if (m_running)
        return tr("The check is still running.");
    if (m_error)
        return tr("The folder could not be checked: %1").arg(m_error->message);
    if (!m_result)
        return tr("The folder has not been checked.");
    const QStringList failing = readiness::failing(*m_result);
    if (!failing.isEmpty())
        return (failing.size() == 1
                    ? tr("Version %1 fails on PostgreSQL: the target cannot be built until it "
                         "runs there (give it a PostgreSQL variant, or port the folder).")
                    : tr("Versions %1 fail on PostgreSQL: the target cannot be built until they "
                         "run there (give them PostgreSQL variants, or port the folder)."))
            .arg(failing.join(QStringLiteral(", ")));
    if (m_result->error)
        return tr("The check did not finish: %1").arg(m_result->error->message);
    return {};
}

bool ReadinessPage::isComplete() const
{
    return refusal().isEmpty();
}

int ReadinessPage::nextId() const
{
    return TransferWizard::PreviewPageId;
}

} // namespace strata::wizard
