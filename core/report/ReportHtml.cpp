// The HTML report: one self-contained file (inline CSS, no scripts, no external resources) that
// reads well on screen and printed: table headers repeat on every page, rows and SQL blocks do
// not split, and colour is never the only signal (every state is also written out).

#include "report/ReportDocument.h"
#include "report/ReportWriters.h"
#include "report/SqlTokens.h"

namespace strata {

namespace {

const char *css = R"(
:root { color-scheme: light; }
* { box-sizing: border-box; }
body { font: 14px/1.45 "Noto Sans", "DejaVu Sans", "Segoe UI", Arial, sans-serif; color: #1f2328;
       background: #fff; margin: 0 auto; max-width: 1100px; padding: 24px 32px 48px; }
header { border-bottom: 3px solid #2f5d8a; margin-bottom: 20px; padding-bottom: 8px; }
header .brand { color: #2f5d8a; font-weight: 600; letter-spacing: .08em; text-transform: uppercase;
                font-size: 12px; }
h1 { font-size: 26px; margin: 4px 0 2px; }
header .covers { color: #57606a; margin: 0 0 12px; }
h2 { font-size: 20px; margin: 32px 0 10px; padding-bottom: 4px; border-bottom: 1px solid #d0d7de;
     break-after: avoid; page-break-after: avoid; }
h3 { font-size: 16px; margin: 20px 0 8px; break-after: avoid; page-break-after: avoid; }
dl.facts { display: grid; grid-template-columns: max-content 1fr; gap: 2px 16px; margin: 8px 0 12px; }
dl.facts dt { color: #57606a; }
dl.facts dd { margin: 0; font-weight: 500; overflow-wrap: anywhere; }
table { border-collapse: collapse; width: 100%; margin: 6px 0 16px; font-size: 12.5px; }
caption { text-align: left; font-weight: 600; padding: 4px 0; caption-side: top; }
th, td { border: 1px solid #d0d7de; padding: 4px 6px; text-align: left; vertical-align: top;
         overflow-wrap: anywhere; white-space: pre-wrap; }
thead { display: table-header-group; }
th { background: #eef2f6; white-space: nowrap; overflow-wrap: normal; }
tr { break-inside: avoid; page-break-inside: avoid; }
tr.good td:first-child { border-left: 4px solid #1a7f37; }
tr.warning { background: #fff8c5; }
tr.warning td:first-child { border-left: 4px solid #9a6700; }
tr.danger { background: #ffebe9; }
tr.danger td:first-child { border-left: 4px solid #cf222e; }
.note { border: 1px solid #d0d7de; border-left-width: 5px; border-radius: 4px; padding: 8px 12px;
        margin: 8px 0 12px; white-space: pre-wrap; break-inside: avoid; page-break-inside: avoid; }
.note.good { border-color: #1a7f37; background: #f0fff4; }
.note.warning { border-color: #9a6700; background: #fff8c5; }
.note.danger { border-color: #cf222e; background: #ffebe9; }
ul.warnings li { margin: 2px 0; }
figure.sql { margin: 8px 0 16px; break-inside: avoid; page-break-inside: avoid; }
figure.sql figcaption { font-weight: 600; font-size: 13px; margin-bottom: 2px; }
pre { font: 12px/1.4 "DejaVu Sans Mono", "Noto Mono", Consolas, monospace; background: #f6f8fa;
      border: 1px solid #d0d7de; border-radius: 4px; padding: 8px 10px; margin: 0;
      white-space: pre-wrap; overflow-wrap: anywhere; }
.kw { color: #0550ae; font-weight: 600; }
.str { color: #0a3069; background: #eef6ff; }
.id { color: #8250df; }
.num { color: #953800; }
.com { color: #6e7781; font-style: italic; }
footer { margin-top: 32px; color: #57606a; font-size: 12px; border-top: 1px solid #d0d7de;
         padding-top: 8px; }
@page { size: A4; margin: 16mm 14mm; }
@media print {
  body { max-width: none; padding: 0; font-size: 11pt; }
  h2 { break-before: auto; }
  pre, table { font-size: 9pt; }
  a { color: inherit; text-decoration: none; }
}
)";

QString esc(const QString &s)
{
    return s.toHtmlEscaped();
}

QString toneClass(ReportTone tone)
{
    switch (tone) {
    case ReportTone::Good:
        return QStringLiteral("good");
    case ReportTone::Warning:
        return QStringLiteral("warning");
    case ReportTone::Danger:
        return QStringLiteral("danger");
    case ReportTone::Plain:
        break;
    }
    return QStringLiteral("plain");
}

QString highlighted(const QString &sql)
{
    QString out;
    for (const SqlToken &t : sqlTokens(sql)) {
        const char *cls = nullptr;
        switch (t.kind) {
        case SqlToken::Kind::Keyword:
            cls = "kw";
            break;
        case SqlToken::Kind::String:
            cls = "str";
            break;
        case SqlToken::Kind::Identifier:
            cls = "id";
            break;
        case SqlToken::Kind::Number:
            cls = "num";
            break;
        case SqlToken::Kind::Comment:
            cls = "com";
            break;
        case SqlToken::Kind::Plain:
            break;
        }
        out += cls ? QStringLiteral("<span class=\"%1\">%2</span>")
                         .arg(QLatin1String(cls), esc(t.text))
                   : esc(t.text);
    }
    return out;
}

QString factsHtml(const QList<QPair<QString, QString>> &facts)
{
    QString out = QStringLiteral("<dl class=\"facts\">\n");
    for (const auto &[label, value] : facts)
        out += QStringLiteral("<dt>%1</dt><dd>%2</dd>\n").arg(esc(label), esc(value));
    return out + QStringLiteral("</dl>\n");
}

QString blockHtml(const ReportBlock &b)
{
    switch (b.kind) {
    case ReportBlock::Kind::Heading:
        return QStringLiteral("<h3>%1</h3>\n").arg(esc(b.title));
    case ReportBlock::Kind::Facts:
        return factsHtml(b.facts);
    case ReportBlock::Kind::Note:
        return QStringLiteral("<div class=\"note %1\">%2</div>\n")
            .arg(toneClass(b.tone), esc(b.text));
    case ReportBlock::Kind::List: {
        QString out = QStringLiteral("<h3>%1</h3>\n<ul class=\"warnings\">\n").arg(esc(b.title));
        for (const QString &item : b.items)
            out += QStringLiteral("<li>%1</li>\n").arg(esc(item));
        return out + QStringLiteral("</ul>\n");
    }
    case ReportBlock::Kind::Sql:
        return QStringLiteral("<figure class=\"sql\"><figcaption>%1</figcaption><pre><code>%2"
                              "</code></pre></figure>\n")
            .arg(esc(b.title), highlighted(b.text));
    case ReportBlock::Kind::Table: {
        QString out =
            QStringLiteral("<table>\n<caption>%1</caption>\n<thead><tr>").arg(esc(b.title));
        for (const QString &c : b.columns)
            out += QStringLiteral("<th>%1</th>").arg(esc(c));
        out += QStringLiteral("</tr></thead>\n<tbody>\n");
        for (qsizetype i = 0; i < b.rows.size(); ++i) {
            const ReportTone tone = i < b.rowTones.size() ? b.rowTones[i] : ReportTone::Plain;
            out += QStringLiteral("<tr class=\"%1\">").arg(toneClass(tone));
            for (const QString &cell : b.rows[i])
                out += QStringLiteral("<td>%1</td>").arg(esc(cell));
            out += QStringLiteral("</tr>\n");
        }
        return out + QStringLiteral("</tbody>\n</table>\n");
    }
    }
    return {};
}

} // namespace

QByteArray reportHtml(const Report &report)
{
    const ReportDocument doc = layoutReport(report);
    QString out =
        QStringLiteral("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
                       "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
                       "<meta name=\"generator\" content=\"Strata %1\">\n"
                       "<title>%2</title>\n<style>%3</style>\n</head>\n<body>\n")
            .arg(esc(report.redact(report.toolVersion)), esc(doc.title), QString::fromUtf8(css));
    out += QStringLiteral("<header>\n<div class=\"brand\">Strata migration report</div>\n"
                          "<h1>%1</h1>\n<p class=\"covers\">%2</p>\n")
               .arg(esc(doc.title), esc(doc.subtitle));
    out += factsHtml(doc.facts) + QStringLiteral("</header>\n");
    for (const ReportSection &section : doc.sections) {
        out += QStringLiteral("<section id=\"%1\">\n<h2>%2</h2>\n")
                   .arg(section.kind, esc(section.title));
        for (const ReportBlock &b : section.blocks)
            out += blockHtml(b);
        out += QStringLiteral("</section>\n");
    }
    out += QStringLiteral("<footer>Generated by Strata %1 on %2. Passwords are never written to "
                          "reports.</footer>\n</body>\n</html>\n")
               .arg(esc(report.redact(report.toolVersion)),
                    esc(doc.facts.isEmpty() ? QString()
                                            : report.generatedAt.toUTC().toString(Qt::ISODate)));
    return out.toUtf8(); // every text in it came from the redacted layout
}

} // namespace strata
