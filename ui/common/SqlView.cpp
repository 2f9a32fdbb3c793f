#include "SqlView.h"

#include "Format.h"
#include "SqlEditor.h"
#include "Theme.h"
#include "timeline/TimelineModel.h"

#include <QEvent>
#include <QFile>
#include <QFileInfo>
#include <QLabel>
#include <QLocale>
#include <QTabWidget>
#include <QVBoxLayout>

namespace strata {

SqlView::SqlView(QWidget *parent) : QWidget(parent)
{
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(0);

    auto *header = new QWidget(this);
    auto *headerLayout = new QVBoxLayout(header);
    headerLayout->setContentsMargins(12, 10, 12, 8);
    headerLayout->setSpacing(3);
    m_title = new QLabel(header);
    QFont titleFont = m_title->font();
    titleFont.setPointSizeF(titleFont.pointSizeF() * 1.2);
    titleFont.setWeight(QFont::DemiBold);
    m_title->setFont(titleFont);
    m_title->setTextFormat(Qt::PlainText);
    m_path = new QLabel(header);
    m_path->setSizePolicy(QSizePolicy::Ignored, QSizePolicy::Preferred);
    m_title->setSizePolicy(QSizePolicy::Ignored, QSizePolicy::Preferred);
    m_path->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_checksum = new QLabel(header);
    m_checksum->setSizePolicy(QSizePolicy::Ignored, QSizePolicy::Preferred);
    m_checksum->setTextFormat(Qt::RichText);
    m_checksum->setTextInteractionFlags(Qt::TextSelectableByMouse);
    headerLayout->addWidget(m_title);
    headerLayout->addWidget(m_path);
    headerLayout->addWidget(m_checksum);
    layout->addWidget(header);

    m_tabs = new QTabWidget(this);
    m_tabs->setDocumentMode(true);
    m_up = new SqlEditor(m_tabs);
    m_undo = new SqlEditor(m_tabs);
    m_tabs->addTab(m_up, tr("Up"));
    m_tabs->addTab(m_undo, tr("Undo"));
    layout->addWidget(m_tabs, 1);
    clear();
}

void SqlView::clear()
{
    m_entry.reset();
    m_version.clear();
    m_title->setText(tr("No version selected"));
    m_path->setText(tr("Select a version on the timeline to see its SQL."));
    m_checksum->clear();
    m_up->setSql({});
    m_undo->setSql({});
    m_tabs->setTabText(0, tr("Up"));
    m_tabs->setTabText(1, tr("Undo"));
}

void SqlView::showVersion(const VersionState &entry)
{
    m_entry = entry;
    m_version = entry.versionText;
    const QString title = entry.versionText.isEmpty()
                              ? entry.description
                              : tr("Version %1 — %2").arg(entry.versionText, entry.description);
    m_title->setText(title);
    if (entry.migration) {
        const Migration &m = *entry.migration;
        m_path->setText(
            m.hasUndo() ? tr("%1   ·   undo: %2")
                              .arg(format::displayPath(m.up.path), format::displayPath(m.down.path))
                        : format::displayPath(m.up.path));
        m_up->setSql(m.up.sql);
        m_undo->setSql(
            m.hasUndo() ? m.down.sql
                        : tr("-- No undo script for this version.\n"
                             "-- \"Roll back\" generates one from the schema snapshots recorded\n"
                             "-- when the version was applied, and marks it as generated.\n"));
        m_tabs->setTabText(0, tr("Up · %1").arg(m.up.path.section(u'/', -1)));
        m_tabs->setTabText(1, m.hasUndo() ? tr("Undo · %1").arg(m.down.path.section(u'/', -1))
                                          : tr("Undo · none (generated on rollback)"));
    } else {
        const QString script = entry.applied ? entry.applied->script : QString();
        m_path->setText(tr("%1 (file missing)").arg(script));
        m_up->setSql(tr("-- The file for this version is missing from the migrations folder.\n"
                        "-- It was recorded as %1.\n")
                         .arg(script));
        m_undo->setSql({});
        m_tabs->setTabText(0, tr("Up"));
        m_tabs->setTabText(1, tr("Undo"));
    }
    updateChecksumLabel();
}

void SqlView::showProblem(const SourceProblem &problem)
{
    m_entry.reset();
    m_version.clear();
    const QString name = QFileInfo(problem.path).fileName();
    m_title->setText(tr("%1 cannot be used").arg(name.isEmpty() ? problem.path : name));
    m_path->setText(
        QStringLiteral("%1 — %2").arg(format::displayPath(problem.path), problem.reason));
    m_checksum->clear();
    QString text;
    QFile file(problem.path);
    const bool showable = problem.kind != SourceProblemKind::Unreadable &&
                          problem.kind != SourceProblemKind::Folder &&
                          QFileInfo(problem.path).isFile() &&
                          QFileInfo(problem.path).size() < 4 * 1024 * 1024;
    if (showable && file.open(QIODevice::ReadOnly))
        text = QString::fromUtf8(file.readAll()); // invalid bytes shown as U+FFFD, never run
    else
        text = tr("-- This file cannot be shown: %1\n").arg(problem.reason);
    m_up->setSql(text);
    m_undo->setSql({});
    m_tabs->setTabText(0, tr("File · %1").arg(name));
    m_tabs->setTabText(1, tr("Undo"));
    m_tabs->setCurrentIndex(0);
}

QString SqlView::title() const
{
    return m_title->text();
}

void SqlView::updateChecksumLabel()
{
    if (!m_entry) {
        m_checksum->clear();
        return;
    }
    const VersionState &e = *m_entry;
    const QPalette pal = palette();
    auto colored = [&](theme::Tone t, const QString &text) {
        return QStringLiteral("<span style='color:%1'>%2</span>")
            .arg(theme::tone(t, pal).name(), text.toHtmlEscaped());
    };
    const QString file = e.migration ? e.migration->checksum.left(12) : QString();
    QString applied;
    if (e.applied)
        applied = tr("  ·  applied by %1 on %2 in %3 ms")
                      .arg(e.applied->installedBy,
                           QLocale().toString(e.applied->installedOn.toLocalTime(),
                                              QStringLiteral("yyyy-MM-dd HH:mm")))
                      .arg(e.applied->executionMs)
                      .toHtmlEscaped();
    const QString recorded = e.applied ? e.applied->checksum.left(12) : QString();
    QString text;
    switch (e.state) {
    case MigrationState::Applied:
        text = colored(theme::Tone::Success,
                       tr("✓ Checksum matches the applied file (sha256 %1…)").arg(file));
        break;
    case MigrationState::ChecksumMismatch:
        text = colored(
            theme::Tone::Warning,
            tr("⚠ File changed since it was applied: recorded %1…, now %2…").arg(recorded, file));
        break;
    case MigrationState::MissingFile:
        text = colored(theme::Tone::Warning,
                       tr("⚠ File missing; recorded checksum %1…").arg(recorded));
        break;
    case MigrationState::Failed:
        text = colored(theme::Tone::Danger,
                       tr("✗ Failed when it last ran; file sha256 %1…").arg(file));
        break;
    default:
        text = colored(theme::Tone::Neutral,
                       tr("%1 · sha256 %2…").arg(TimelineModel::stateLabel(e.state), file));
        break;
    }
    m_checksum->setText(text + applied);
}

bool SqlView::showLocation(const QString &path, int line, int lineCount)
{
    if (!m_entry || !m_entry->migration)
        return false;
    const Migration &m = *m_entry->migration;
    const bool isUp = m.up.path == path;
    const bool isDown = m.hasUndo() && m.down.path == path;
    if (!isUp && !isDown)
        return false;
    const MigrationScript &script = isUp ? m.up : m.down;
    SqlEditor *editor = isUp ? m_up : m_undo;
    m_tabs->setCurrentWidget(editor);
    editor->clearMarks();
    editor->mark(line - script.firstLine, lineCount, SqlEditor::Mark::Error);
    return true;
}

int SqlView::currentTab() const
{
    return m_tabs->currentIndex();
}

void SqlView::changeEvent(QEvent *event)
{
    QWidget::changeEvent(event);
    if (event->type() == QEvent::PaletteChange)
        updateChecksumLabel();
}

} // namespace strata
