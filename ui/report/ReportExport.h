#pragma once
// "Export report…": one piece every view that shows a result attaches. It asks for a file (the
// format from the extension, else from the chosen filter), builds the report only then, writes
// it (PDF through report_pdf) and says where it went or why it could not.
//
//     layout->addWidget(ReportExport::button(this, [this] { return myReport(); }, "diff"));

#include "report/Report.h"
#include "report/ReportWriters.h"

#include <QString>
#include <functional>
#include <utility>

class QAction;
class QMessageBox;
class QObject;
class QPushButton;
class QWidget;

namespace strata {

class ReportExport {
public:
    using Source = std::function<Report()>;
    // Returns the chosen path ("" when cancelled) and the chosen filter. Tests and the screenshot
    // tour replace the file dialog with this; an empty chooser restores the dialog.
    using FileChooser =
        std::function<QString(QWidget *parent, const QString &suggested, QString *selectedFilter)>;
    static void setFileChooser(FileChooser chooser);

    // Asks, builds, writes. Returns the path written, or "" when cancelled or failed (a failure
    // is shown to the user).
    static QString run(QWidget *parent, const Source &source, const QString &baseName);
    // After a write: a non-modal box (object name "reportSaved") saying where the report went,
    // with Open and Show Folder.
    static QMessageBox *confirmSaved(QWidget *parent, const QString &path);
    // Writes without asking; the error is returned.
    static Status write(const Report &report, const QString &path, ReportFormat format);

    // The file name's format; a name without a known extension gets the filter's extension.
    static std::pair<QString, ReportFormat> resolve(const QString &path, const QString &filter);
    static QString filters(); // "HTML report (*.html *.htm);;PDF report (*.pdf);;..."
    // "<Documents>/strata-<base>-<yyyyMMdd-HHmm>.html"
    static QString suggestedPath(const QString &baseName);

    // The attachments: a push button and an action labelled "Export Report…".
    static QPushButton *button(QWidget *parent, Source source, const QString &baseName);
    static QAction *action(QObject *owner, QWidget *dialogParent, Source source,
                           const QString &baseName);
};

} // namespace strata
