#include "FolderField.h"

#include "common/Format.h"
#include "common/Theme.h"
#include "interop/AlembicProject.h"
#include "migration/MigrationSource.h"

#include <QDir>
#include <QEvent>
#include <QFileDialog>
#include <QFileInfo>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QResizeEvent>
#include <QTimer>
#include <QVBoxLayout>

namespace strata {

FolderSummary FolderSummary::of(const QString &dir)
{
    FolderSummary s;
    if (dir.isEmpty()) {
        s.text = QObject::tr("Choose the folder that holds this database's migrations.");
        return s;
    }
    if (!QFileInfo(dir).isDir()) {
        s.verdict = Verdict::Unusable;
        s.text = QFileInfo::exists(dir) ? QObject::tr("This is a file, not a folder.")
                                        : QObject::tr("The folder does not exist.");
        return s;
    }
    if (AlembicProject::looksLikeProject(dir)) {
        s.format = QStringLiteral("Alembic");
        auto project = AlembicProject::read(dir);
        if (!project) {
            s.verdict = Verdict::Unusable;
            s.text =
                QObject::tr("Alembic project that cannot be read: %1").arg(project.error().message);
            return s;
        }
        s.verdict = Verdict::Usable;
        s.versions = int(project->graph.revisions().size());
        s.text =
            QObject::tr("Alembic project · %1")
                .arg(format::count(s.versions, QObject::tr("revision"), QObject::tr("revisions")));
        return s;
    }
    auto set = MigrationSource::read(dir);
    if (!set) {
        s.verdict = Verdict::Unusable;
        s.text = set.error().message;
        return s;
    }
    s.versions = int(set->versioned.size());
    s.format = set->format == FolderFormat::Unknown ? QString() : folderFormatName(set->format);
    if (s.format.isEmpty() && set->problems.isEmpty()) {
        s.verdict = Verdict::Usable;
        s.text = QObject::tr("No migrations yet: Compare Schemas → Save as Migration writes the "
                             "first one here.");
        return s;
    }
    int undos = 0;
    for (const Migration &m : set->versioned)
        undos += m.hasUndo() ? 1 : 0;
    QStringList parts;
    if (!s.format.isEmpty())
        parts << s.format;
    parts << format::count(s.versions, QObject::tr("version"), QObject::tr("versions"));
    if (s.versions > 0)
        parts << QObject::tr("%1 with undo").arg(undos);
    if (!set->repeatable.isEmpty())
        parts << format::count(set->repeatable.size(), QObject::tr("repeatable"),
                               QObject::tr("repeatable"));
    s.text = parts.join(QStringLiteral(" · "));
    s.verdict = Verdict::Usable;
    if (!set->problems.isEmpty()) {
        s.verdict = Verdict::Problems;
        const SourceProblem &first = set->problems.first();
        s.text +=
            QObject::tr(" · %1 cannot be used: %2 (%3)")
                .arg(format::count(set->problems.size(), QObject::tr("file"), QObject::tr("files")),
                     QFileInfo(first.path).fileName(), first.reason);
    }
    return s;
}

FolderField::FolderField(QWidget *parent) : QWidget(parent)
{
    auto *column = new QVBoxLayout(this);
    column->setContentsMargins(0, 0, 0, 0);
    column->setSpacing(3);
    auto *row = new QHBoxLayout;
    row->setContentsMargins(0, 0, 0, 0);
    m_edit = new QLineEdit(this);
    m_edit->setObjectName(QStringLiteral("migrationsFolder"));
    m_edit->setPlaceholderText(tr("Folder with the migration scripts"));
    m_browse = new QPushButton(tr("Browse…"), this);
    m_browse->setObjectName(QStringLiteral("browseFolder"));
    m_browse->setAutoDefault(false);
    m_browse->setToolTip(tr("Choose the migrations folder"));
    row->addWidget(m_edit, 1);
    row->addWidget(m_browse);
    column->addLayout(row);
    for (QLabel **label : {&m_label, &m_noteLabel}) {
        *label = new QLabel(this);
        (*label)->setWordWrap(true);
        (*label)->setTextFormat(Qt::PlainText);
        (*label)->setTextInteractionFlags(Qt::TextSelectableByMouse);
        column->addWidget(*label);
    }
    m_label->setObjectName(QStringLiteral("folderSummary"));
    m_noteLabel->setObjectName(QStringLiteral("folderNote"));
    setFocusProxy(m_edit);

    m_settle = new QTimer(this);
    m_settle->setSingleShot(true);
    m_settle->setInterval(250);
    connect(m_settle, &QTimer::timeout, this, &FolderField::describe);
    connect(m_edit, &QLineEdit::textEdited, this, [this] {
        m_settle->start();
        emit chosenByUser(folder());
    });
    connect(m_browse, &QPushButton::clicked, this, &FolderField::browse);
    describe();
}

QString FolderField::folder() const
{
    QString path = m_edit->text().trimmed();
    if (path == QLatin1String("~") || path.startsWith(QLatin1String("~/")))
        path = QDir::homePath() + path.mid(1);
    return path.isEmpty() ? QString() : QDir::cleanPath(QDir(path).absolutePath());
}

void FolderField::setFolder(const QString &dir)
{
    m_edit->setText(QDir::toNativeSeparators(dir));
    m_edit->setCursorPosition(m_edit->text().size());
    describe();
}

void FolderField::setDisplayedPath(const QString &text)
{
    m_edit->setText(text);
}

void FolderField::setNote(const QString &note)
{
    m_note = note;
    showSummary();
}

void FolderField::browse()
{
    QString start = folder();
    if (start.isEmpty() || !QFileInfo(start).isDir())
        start = m_note.isEmpty() ? QDir::homePath() : start;
    const QString dir = QFileDialog::getExistingDirectory(this, tr("Migrations Folder"), start);
    if (dir.isEmpty())
        return;
    setFolder(dir);
    emit chosenByUser(folder());
}

void FolderField::describe()
{
    m_settle->stop();
    m_summary = FolderSummary::of(folder());
    showSummary();
}

void FolderField::showSummary()
{
    const QPalette &pal = palette();
    theme::Tone tone = theme::Tone::Neutral;
    switch (m_summary.verdict) {
    case FolderSummary::Verdict::Empty:
        break;
    case FolderSummary::Verdict::Usable:
        tone = theme::Tone::Success;
        break;
    case FolderSummary::Verdict::Problems:
        tone = theme::Tone::Warning;
        break;
    case FolderSummary::Verdict::Unusable:
        tone = theme::Tone::Danger;
        break;
    }
    const QColor color =
        tone == theme::Tone::Neutral ? theme::secondaryText(pal) : theme::tone(tone, pal);
    QPalette summaryPalette = m_label->palette();
    summaryPalette.setColor(QPalette::WindowText, color);
    m_label->setPalette(summaryPalette);
    m_label->setText(m_summary.text);
    QPalette notePalette = m_noteLabel->palette();
    notePalette.setColor(QPalette::WindowText, theme::secondaryText(pal));
    m_noteLabel->setPalette(notePalette);
    m_noteLabel->setText(m_note);
    m_noteLabel->setVisible(!m_note.isEmpty());
    emit summaryShown();
}

void FolderField::changeEvent(QEvent *event)
{
    QWidget::changeEvent(event);
    if (event->type() == QEvent::PaletteChange)
        showSummary();
}

} // namespace strata
