#include "ReportPdf.h"
#include "ReportRichText.h"

#include <QAbstractTextDocumentLayout>
#include <QFileInfo>
#include <QGuiApplication>
#include <QPainter>
#include <QPdfWriter>
#include <QTemporaryFile>
#include <QTextBlock>
#include <QTextCursor>
#include <QTextDocument>
#include <QTextFrame>
#include <QTextTable>

#include <limits>
#include <optional>

namespace strata {

namespace {

const char *styleSheet = R"(
body { font-family: "DejaVu Sans"; font-size: 9.5pt; color: #1f2328; }
h1 { color: #1f2328; }
h2 { font-size: 16pt; color: #2f5d8a; margin-bottom: 6px; }
h3 { font-size: 12pt; margin-top: 12px; margin-bottom: 4px; }
p.caption { margin-top: 10px; margin-bottom: 3px; }
th { font-weight: bold; }
td, th { font-size: 8.5pt; }
pre { font-family: "DejaVu Sans Mono"; font-size: 8pt; white-space: pre-wrap; }
)";

constexpr int dpi = 300;

qreal mmToPx(qreal mm)
{
    return mm / 25.4 * dpi;
}

// The rows of the first data table that straddle a page break, as (data table, row); empty
// when every row sits on one page. Rows taller than a page are left to flow. Within that table
// the rows after a break are assumed to move down with it (to the next page, below the repeated
// header), so one layout finds all of its breaks; the caller lays out again and repeats until
// nothing straddles, which corrects any difference.
QList<QPair<int, int>> straddlingRows(const QTextDocument &doc, const QList<RichTextTable> &emitted,
                                      qreal pageHeight)
{
    QAbstractTextDocumentLayout *layout = doc.documentLayout();
    auto rowSpan = [layout](const QTextTable *table, int r) {
        qreal top = std::numeric_limits<qreal>::max(), bottom = 0;
        for (int c = 0; c < table->columns(); ++c) {
            const QTextTableCell cell = table->cellAt(r, c);
            top = qMin(top, layout->blockBoundingRect(cell.firstCursorPosition().block()).top());
            bottom =
                qMax(bottom, layout->blockBoundingRect(cell.lastCursorPosition().block()).bottom());
        }
        return std::pair{top, bottom};
    };
    int index = 0;
    for (QTextFrame *frame : doc.rootFrame()->childFrames()) {
        auto *table = qobject_cast<QTextTable *>(frame);
        if (!table)
            continue;
        const RichTextTable info = index < emitted.size() ? emitted[index] : RichTextTable{};
        ++index;
        if (info.dataTable < 0 || table->rows() < 2)
            continue;
        const auto [headerTop, headerBottom] = rowSpan(table, 0);
        const qreal headerHeight = headerBottom - headerTop;
        QList<QPair<int, int>> out;
        qreal shift = 0;
        for (int r = 1; r < table->rows(); ++r) { // row 0 is the header
            auto [top, bottom] = rowSpan(table, r);
            top += shift;
            bottom += shift;
            const int page = int(top / pageHeight);
            if (bottom - top < pageHeight * 0.8 && page != int((bottom - 1) / pageHeight)) {
                out.append(qMakePair(info.dataTable, info.firstRow + r - 1));
                shift += (page + 1) * pageHeight + headerHeight - top;
            }
        }
        if (!out.isEmpty())
            return out;
    }
    return {};
}

// Sections whose heading would sit at a page's foot, with too little room under it for the start
// of the section: those start a new page instead. Everywhere else sections follow each other, so
// a short report fills page 1 rather than leaving it nearly empty.
QList<int> headingsAtFoot(const QTextDocument &doc, qreal pageHeight)
{
    QAbstractTextDocumentLayout *layout = doc.documentLayout();
    const qreal room = pageHeight * 0.2; // the heading, a caption and the first rows
    QList<int> out;
    int section = 0;
    for (QTextBlock b = doc.begin(); b.isValid(); b = b.next()) {
        if (b.blockFormat().headingLevel() != 2)
            continue;
        const qreal top = layout->blockBoundingRect(b).top();
        const qreal intoPage = top - int(top / pageHeight) * pageHeight;
        if (intoPage > 0 && pageHeight - intoPage < room)
            out.append(section);
        ++section;
    }
    return out;
}

} // namespace

Status writeReportPdf(const Report &report, const QString &path, PdfLayoutInfo *info)
{
    if (!QGuiApplication::instance() ||
        !qobject_cast<QGuiApplication *>(QCoreApplication::instance()))
        return Error::usage(
            QStringLiteral("writing a PDF report needs a QGuiApplication (%1)").arg(path));
    const ReportDocument layout = layoutReport(report);

    // Written to a temporary file first, then renamed: a failed write leaves no half PDF.
    const QFileInfo target(path);
    QTemporaryFile temp(target.absolutePath() + QStringLiteral("/.strata-report-XXXXXX.pdf"));
    if (!temp.open())
        return Error::usage(
            QStringLiteral("cannot write the report %1: %2").arg(path, temp.errorString()));
    temp.close();

    {
        QPdfWriter writer(temp.fileName());
        writer.setResolution(dpi);
        writer.setPageSize(QPageSize(QPageSize::A4));
        writer.setPageMargins(QMarginsF(15, 15, 15, 12), QPageLayout::Millimeter);
        writer.setTitle(report.redact(report.title));
        writer.setCreator(QStringLiteral("Strata %1").arg(report.redact(report.toolVersion)));

        QTextDocument doc;
        doc.documentLayout()->setPaintDevice(&writer);
        doc.setDefaultStyleSheet(QString::fromUtf8(styleSheet));
        doc.setDocumentMargin(0);
        const QRect page = writer.pageLayout().paintRectPixels(dpi);
        const qreal footer = mmToPx(8);
        const QSizeF body(page.width(), page.height() - footer);
        // Sections whose heading would be stranded at a page's foot start the next page.
        // Tables break cleanly: a row that would straddle a page break starts a new page, with
        // the table's header again. Breaks move what follows, so lay out again until none is
        // needed (one round per table that spans pages, plus corrections).
        RichTextBreaks breaks;
        QList<RichTextTable> emitted;
        for (int round = 0; round < 500; ++round) {
            doc.setHtml(reportRichText(layout, breaks, &emitted)); // from the redacted layout
            doc.setPageSize(body);
            const qsizetype known = breaks.rows.size() + breaks.sections.size();
            for (const auto &row : straddlingRows(doc, emitted, body.height()))
                breaks.rows.insert(row);
            for (int section : headingsAtFoot(doc, body.height()))
                breaks.sections.insert(section);
            if (breaks.rows.size() + breaks.sections.size() == known)
                break;
        }
        const int pages = doc.pageCount();
        if (info)
            *info = {pages, int(breaks.rows.size()),
                     int(straddlingRows(doc, emitted, body.height()).size())};

        QPainter painter;
        if (!painter.begin(&writer))
            return Error::usage(QStringLiteral("cannot write the report %1").arg(path));
        QFont footerFont(QStringLiteral("DejaVu Sans"));
        footerFont.setPointSizeF(7.5);
        const QString footerTitle = report.redact(layout.title);
        for (int i = 0; i < pages; ++i) {
            if (i > 0)
                writer.newPage();
            painter.save();
            painter.translate(0, -i * body.height());
            QAbstractTextDocumentLayout::PaintContext context;
            context.clip = QRectF(0, i * body.height(), body.width(), body.height());
            painter.setClipRect(context.clip);
            doc.documentLayout()->draw(&painter, context);
            painter.restore();
            const QRectF footerRect(0, body.height() + footer * 0.25, body.width(), footer * 0.75);
            painter.setPen(QColor(0xd0, 0xd7, 0xde));
            painter.drawLine(QPointF(0, body.height() + footer * 0.15),
                             QPointF(body.width(), body.height() + footer * 0.15));
            painter.setPen(QColor(0x57, 0x60, 0x6a));
            painter.setFont(footerFont);
            painter.drawText(footerRect, Qt::AlignLeft | Qt::AlignVCenter,
                             QStringLiteral("Strata migration report — %1").arg(footerTitle));
            painter.drawText(footerRect, Qt::AlignRight | Qt::AlignVCenter,
                             QStringLiteral("Page %1 of %2").arg(i + 1).arg(pages));
        }
        painter.end();
    }
    QFile::remove(path);
    if (!QFile::rename(temp.fileName(), path))
        return Error::usage(QStringLiteral("cannot write the report %1").arg(path));
    temp.setAutoRemove(false);
    QFile::setPermissions(path, QFile::ReadOwner | QFile::WriteOwner | QFile::ReadGroup |
                                    QFile::ReadOther);
    return {};
}

Status writeReportFile(const Report &report, ReportFormat format, const QString &path)
{
    if (format == ReportFormat::Pdf)
        return writeReportPdf(report, path);
    return writeTextReport(report, format, path);
}

} // namespace strata
