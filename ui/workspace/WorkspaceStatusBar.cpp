#include "WorkspaceStatusBar.h"

#include "common/Icons.h"
#include "common/Theme.h"

#include <QHBoxLayout>
#include <QLabel>
#include <QProgressBar>
#include <QTimer>
#include <QToolButton>

namespace strata {

namespace {

QLabel *iconLabel(QWidget *parent)
{
    auto *label = new QLabel(parent);
    label->setFixedSize(16, 16);
    return label;
}

QWidget *group(QWidget *parent, std::initializer_list<QWidget *> widgets)
{
    auto *box = new QWidget(parent);
    auto *layout = new QHBoxLayout(box);
    layout->setContentsMargins(6, 0, 6, 0);
    layout->setSpacing(5);
    for (QWidget *w : widgets) {
        w->setParent(box);
        layout->addWidget(w);
    }
    return box;
}

} // namespace

WorkspaceStatusBar::WorkspaceStatusBar(QWidget *parent) : QStatusBar(parent)
{
    setSizeGripEnabled(true);
    m_connectionIcon = iconLabel(this);
    m_connection = new QLabel(this);
    m_connection->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_server = new QLabel(this);
    m_version = new QLabel(this);
    m_lockIcon = iconLabel(this);
    m_lock = new QLabel(this);
    addWidget(group(this, {m_connectionIcon, m_connection}));
    addWidget(group(this, {m_server}));
    addWidget(group(this, {m_version}));
    addWidget(group(this, {m_lockIcon, m_lock}));

    m_work = new QLabel(this);
    m_work->setMaximumWidth(320);
    m_work->setSizePolicy(QSizePolicy::Ignored, QSizePolicy::Preferred);
    m_progress = new QProgressBar(this);
    m_progress->setFixedWidth(180);
    m_progress->setMaximumHeight(16);
    m_progress->setTextVisible(false);
    m_cancel = new QToolButton(this);
    m_cancel->setText(tr("Cancel"));
    m_cancel->setToolButtonStyle(Qt::ToolButtonTextBesideIcon);
    m_cancel->setIcon(icons::icon(icons::Name::Stop, theme::tone(theme::Tone::Danger, palette())));
    m_cancel->setToolTip(tr("Stop after the current statement; the database stays as it was"));
    m_cancel->setAutoRaise(true);
    connect(m_cancel, &QToolButton::clicked, this, &WorkspaceStatusBar::cancelRequested);
    m_note = new QLabel(this);
    m_note->setAccessibleName(tr("Last action"));
    m_noteTimer = new QTimer(this);
    m_noteTimer->setSingleShot(true);
    connect(m_noteTimer, &QTimer::timeout, m_note, &QLabel::clear);
    addPermanentWidget(group(this, {m_note, m_work, m_progress, m_cancel}));
    setBusy(false);
    setDisconnected(tr("Not connected"));
}

void WorkspaceStatusBar::setSessionInfo(const SessionInfo &info)
{
    const QPalette pal = palette();
    m_connectionIcon->setPixmap(
        icons::pixmap(icons::Name::Database, theme::secondaryText(pal), 16, devicePixelRatioF()));
    m_connectionText = info.displayUrl;
    m_connection->setText(fontMetrics().elidedText(info.displayUrl, Qt::ElideMiddle, 380));
    m_connection->setToolTip(tr("Connection: %1\nMigrations: %2 (%3)")
                                 .arg(info.displayUrl, info.migrationsDir, info.folderFormat));
    m_server->setText(info.serverVersion.startsWith(info.engine)
                          ? info.serverVersion
                          : QStringLiteral("%1 %2").arg(info.engine, info.serverVersion));
    QString lock;
    theme::Tone tone = theme::Tone::Neutral;
    bool locked = false;
    switch (info.lock) {
    case LockState::Free:
        lock = tr("No other migrator");
        tone = theme::Tone::Success;
        break;
    case LockState::HeldByOther:
        lock = tr("Locked by another migrator");
        tone = theme::Tone::Warning;
        locked = true;
        break;
    case LockState::PerTransaction:
        lock = tr("Lock: per migration (SQLite)");
        break;
    case LockState::Unknown:
        lock = tr("Lock state unknown");
        break;
    }
    m_lock->setText(lock);
    m_lock->setToolTip(info.lock == LockState::PerTransaction
                           ? tr("SQLite takes the write lock for each migration (BEGIN IMMEDIATE); "
                                "another migrator waits for it.")
                           : tr("Whether another migrator holds the migration lock right now."));
    m_lockIcon->setPixmap(icons::pixmap(locked ? icons::Name::Lock : icons::Name::Unlock,
                                        theme::tone(tone, pal), 16, devicePixelRatioF()));
}

void WorkspaceStatusBar::setCurrentVersion(const QString &version, int pending)
{
    QString text =
        version.isEmpty() ? tr("Current version: none") : tr("Current version: %1").arg(version);
    if (pending > 0)
        text += tr(" · %1 pending").arg(pending);
    m_version->setText(text);
}

void WorkspaceStatusBar::setDisconnected(const QString &what)
{
    m_connectionIcon->setPixmap(
        icons::pixmap(icons::Name::Database, theme::lineColor(palette()), 16, devicePixelRatioF()));
    m_connectionText = what;
    m_connection->setText(fontMetrics().elidedText(what, Qt::ElideMiddle, 380));
    m_server->clear();
    m_version->clear();
    m_lock->clear();
    m_lockIcon->clear();
}

void WorkspaceStatusBar::showNote(const QString &text, int ms)
{
    m_note->setText(text);
    m_noteTimer->start(ms);
}

QString WorkspaceStatusBar::noteText() const
{
    return m_note->text();
}

void WorkspaceStatusBar::setBusy(bool busy, const QString &label)
{
    m_work->setVisible(busy);
    m_progress->setVisible(busy);
    m_cancel->setVisible(busy);
    m_cancel->setEnabled(busy);
    if (busy) {
        m_progress->setRange(0, 0); // indeterminate until the first report
        m_work->setText(label);
    }
}

void WorkspaceStatusBar::setProgress(int done, int total, const QString &label)
{
    m_progress->setRange(0, qMax(1, total));
    m_progress->setValue(done);
    m_work->setText(total > 0 ? QStringLiteral("%1/%2 %3").arg(done + 1).arg(total).arg(label)
                              : label);
}

QString WorkspaceStatusBar::connectionText() const
{
    return m_connectionText;
}

QString WorkspaceStatusBar::versionText() const
{
    return m_version->text();
}

QString WorkspaceStatusBar::lockText() const
{
    return m_lock->text();
}

bool WorkspaceStatusBar::isBusy() const
{
    return !m_progress->isHidden();
}

} // namespace strata
