#include "ReportExport.h"

#include "ReportPdf.h"

#include <QAction>
#include <QCoreApplication>
#include <QDateTime>
#include <QDesktopServices>
#include <QDir>
#include <QFileDialog>
#include <QFileInfo>
#include <QMessageBox>
#include <QPushButton>
#include <QSettings>
#include <QStandardPaths>
#include <QUrl>

namespace strata {

namespace {

ReportExport::FileChooser &chooser()
{
    static ReportExport::FileChooser c;
    return c;
}

struct Filter {
    ReportFormat format;
    const char *text;
};

const Filter filterList[] = {
    {ReportFormat::Html, QT_TRANSLATE_NOOP("ReportExport", "HTML report (*.html *.htm)")},
    {ReportFormat::Pdf, QT_TRANSLATE_NOOP("ReportExport", "PDF report (*.pdf)")},
    {ReportFormat::Markdown, QT_TRANSLATE_NOOP("ReportExport", "Markdown report (*.md)")},
    {ReportFormat::Json, QT_TRANSLATE_NOOP("ReportExport", "JSON report (*.json)")},
};

} // namespace

void ReportExport::setFileChooser(FileChooser c)
{
    chooser() = std::move(c);
}

QString ReportExport::filters()
{
    QStringList out;
    for (const Filter &f : filterList)
        out << QCoreApplication::translate("ReportExport", f.text);
    return out.join(QStringLiteral(";;"));
}

std::pair<QString, ReportFormat> ReportExport::resolve(const QString &path, const QString &filter)
{
    if (const auto format = reportFormatForPath(path))
        return {path, *format};
    ReportFormat format = ReportFormat::Html;
    for (const Filter &f : filterList) {
        if (QCoreApplication::translate("ReportExport", f.text) == filter)
            format = f.format;
    }
    return {path + reportFormatExtension(format), format};
}

const QString lastFolderKey = QStringLiteral("reports/lastFolder");

QString ReportExport::suggestedPath(const QString &baseName)
{
    // The folder of the last export, else Documents, else home: never the process's working
    // directory, which is where a file dialog falls back to for a folder that does not exist.
    QSettings settings(QStringLiteral("strata"), QStringLiteral("strata"));
    QString dir = settings.value(lastFolderKey).toString();
    if (dir.isEmpty() || !QFileInfo(dir).isDir())
        dir = QStandardPaths::writableLocation(QStandardPaths::DocumentsLocation);
    if (dir.isEmpty() || !QFileInfo(dir).isDir())
        dir = QDir::homePath();
    return QDir(dir).filePath(
        QStringLiteral("strata-%1-%2.html")
            .arg(baseName, QDateTime::currentDateTime().toString(QStringLiteral("yyyyMMdd-HHmm"))));
}

Status ReportExport::write(const Report &report, const QString &path, ReportFormat format)
{
    return writeReportFile(report, format, path);
}

QString ReportExport::run(QWidget *parent, const Source &source, const QString &baseName)
{
    const QString suggested = suggestedPath(baseName);
    QString filter = QCoreApplication::translate("ReportExport", filterList[0].text);
    const QString chosen = chooser()
                               ? chooser()(parent, suggested, &filter)
                               : QFileDialog::getSaveFileName(parent, QObject::tr("Export Report"),
                                                              suggested, filters(), &filter);
    if (chosen.isEmpty())
        return {};
    const auto [path, format] = resolve(chosen, filter);
    if (Status written = write(source(), path, format); !written.ok()) {
        QMessageBox::warning(parent, QObject::tr("Export Report"), written.error().message);
        return {};
    }
    QSettings(QStringLiteral("strata"), QStringLiteral("strata"))
        .setValue(lastFolderKey, QFileInfo(path).absolutePath());
    confirmSaved(parent, path);
    return path;
}

QMessageBox *ReportExport::confirmSaved(QWidget *parent, const QString &path)
{
    // Not modal: the user sees where the report went and may open it, without being stopped.
    auto *box = new QMessageBox(parent);
    box->setObjectName(QStringLiteral("reportSaved"));
    box->setAttribute(Qt::WA_DeleteOnClose);
    box->setModal(false);
    box->setIcon(QMessageBox::Information);
    box->setWindowTitle(QObject::tr("Report Saved"));
    box->setText(QObject::tr("The report was saved."));
    box->setInformativeText(QDir::toNativeSeparators(path));
    box->setTextInteractionFlags(Qt::TextSelectableByMouse);
    QPushButton *open = box->addButton(QObject::tr("Open"), QMessageBox::ActionRole);
    QPushButton *folder = box->addButton(QObject::tr("Show Folder"), QMessageBox::ActionRole);
    box->addButton(QMessageBox::Close);
    QObject::connect(open, &QPushButton::clicked, box,
                     [path] { QDesktopServices::openUrl(QUrl::fromLocalFile(path)); });
    QObject::connect(folder, &QPushButton::clicked, box, [path] {
        QDesktopServices::openUrl(QUrl::fromLocalFile(QFileInfo(path).absolutePath()));
    });
    box->show();
    return box;
}

QPushButton *ReportExport::button(QWidget *parent, Source source, const QString &baseName)
{
    auto *b = new QPushButton(QObject::tr("Export Report…"), parent);
    b->setToolTip(QObject::tr("Save this result as an HTML, PDF, Markdown or JSON report"));
    QObject::connect(b, &QPushButton::clicked, b, [b, source = std::move(source), baseName] {
        run(b->window(), source, baseName);
    });
    return b;
}

QAction *ReportExport::action(QObject *owner, QWidget *dialogParent, Source source,
                              const QString &baseName)
{
    auto *a = new QAction(QObject::tr("Export Report…"), owner);
    QObject::connect(a, &QAction::triggered, owner,
                     [dialogParent, source = std::move(source), baseName] {
                         run(dialogParent, source, baseName);
                     });
    return a;
}

} // namespace strata
