#include "ReportRichText.h"

#include "report/SqlTokens.h"

namespace strata {

namespace {

QString esc(const QString &s)
{
    return s.toHtmlEscaped();
}

// Keeps line breaks inside table cells and notes (rich text collapses white space).
QString escLines(const QString &s)
{
    return esc(s).replace(u'\n', QLatin1String("<br>"));
}

QString toneBackground(ReportTone tone)
{
    switch (tone) {
    case ReportTone::Good:
        return QStringLiteral("#eaf7ee");
    case ReportTone::Warning:
        return QStringLiteral("#fff5c2");
    case ReportTone::Danger:
        return QStringLiteral("#ffe3e0");
    case ReportTone::Plain:
        break;
    }
    return QString();
}

QString toneBorder(ReportTone tone)
{
    switch (tone) {
    case ReportTone::Good:
        return QStringLiteral("#1a7f37");
    case ReportTone::Warning:
        return QStringLiteral("#9a6700");
    case ReportTone::Danger:
        return QStringLiteral("#cf222e");
    case ReportTone::Plain:
        break;
    }
    return QStringLiteral("#8c959f");
}

QString highlighted(const QString &sql)
{
    QString out;
    for (const SqlToken &t : sqlTokens(sql)) {
        QString style;
        switch (t.kind) {
        case SqlToken::Kind::Keyword:
            style = QStringLiteral("color:#0550ae; font-weight:bold");
            break;
        case SqlToken::Kind::String:
            style = QStringLiteral("color:#0a3069");
            break;
        case SqlToken::Kind::Identifier:
            style = QStringLiteral("color:#8250df");
            break;
        case SqlToken::Kind::Number:
            style = QStringLiteral("color:#953800");
            break;
        case SqlToken::Kind::Comment:
            style = QStringLiteral("color:#6e7781; font-style:italic");
            break;
        case SqlToken::Kind::Plain:
            break;
        }
        out += style.isEmpty()
                   ? esc(t.text)
                   : QStringLiteral("<span style=\"%1\">%2</span>").arg(style, esc(t.text));
    }
    return out;
}

struct Emitter {
    const RichTextBreaks &breaks;
    QList<RichTextTable> *tables;
    int dataTables = 0;

    void table(int dataTable = -1, int firstRow = 0)
    {
        if (tables)
            tables->append({dataTable, firstRow});
    }
};

QString factsTable(const QList<QPair<QString, QString>> &facts)
{
    QString out = QStringLiteral("<table cellspacing=\"0\" cellpadding=\"2\">");
    for (const auto &[label, value] : facts)
        out += QStringLiteral("<tr><td style=\"color:#57606a; padding-right:12px\">%1</td>"
                              "<td><b>%2</b></td></tr>")
                   .arg(esc(label), escLines(value));
    return out + QStringLiteral("</table>");
}

// A note: a one-cell table, so the coloured box keeps its border across lines.
QString noteBox(ReportTone tone, const QString &text)
{
    const QString bg = toneBackground(tone);
    return QStringLiteral(
               "<table width=\"100%\" cellspacing=\"0\" cellpadding=\"6\" border=\"1\" "
               "style=\"border-color:%1; border-style:solid; margin-top:6px; margin-bottom:8px\">"
               "<tr><td%2>%3</td></tr></table>")
        .arg(toneBorder(tone), bg.isEmpty() ? QString() : QStringLiteral(" bgcolor=\"%1\"").arg(bg),
             escLines(text));
}

QString dataTable(const ReportBlock &b, Emitter &emitter)
{
    const int id = emitter.dataTables++;
    QString header = QStringLiteral("<thead><tr>");
    for (const QString &c : b.columns)
        header += QStringLiteral("<th bgcolor=\"#eef2f6\" align=\"left\">%1</th>").arg(esc(c));
    header += QStringLiteral("</tr></thead>");
    // Only the table's last piece keeps space below it (before the next section's heading): on
    // a piece that a page break follows, the margin would push that break a page further.
    auto lastPiece = [&](qsizetype from) {
        for (qsizetype j = from + 1; j < b.rows.size(); ++j) {
            if (emitter.breaks.rows.contains({id, int(j)}))
                return false;
        }
        return true;
    };
    auto open = [&](qsizetype from) {
        return QStringLiteral(
                   "<table width=\"100%\" cellspacing=\"0\" cellpadding=\"3\" "
                   "border=\"1\" style=\"border-color:#d0d7de; border-style:solid%1%2\">")
                   .arg(from > 0 ? QStringLiteral("; page-break-before:always") : QString(),
                        lastPiece(from) ? QStringLiteral("; margin-bottom:30px") : QString()) +
               header;
    };
    QString out = QStringLiteral("<p class=\"caption\"><b>%1</b></p>").arg(esc(b.title)) + open(0);
    emitter.table(id, 0);
    for (qsizetype i = 0; i < b.rows.size(); ++i) {
        if (i > 0 && emitter.breaks.rows.contains({id, int(i)})) {
            out += QStringLiteral("</table>") + open(i);
            emitter.table(id, int(i));
        }
        const QString bg =
            toneBackground(i < b.rowTones.size() ? b.rowTones[i] : ReportTone::Plain);
        out +=
            bg.isEmpty() ? QStringLiteral("<tr>") : QStringLiteral("<tr bgcolor=\"%1\">").arg(bg);
        for (const QString &cell : b.rows[i])
            out += QStringLiteral("<td>%1</td>").arg(escLines(cell));
        out += QStringLiteral("</tr>");
    }
    return out + QStringLiteral("</table>");
}

QString block(const ReportBlock &b, Emitter &emitter)
{
    if (b.kind == ReportBlock::Kind::Table)
        return dataTable(b, emitter);
    if (b.kind == ReportBlock::Kind::Facts || b.kind == ReportBlock::Kind::Note ||
        b.kind == ReportBlock::Kind::Sql)
        emitter.table();
    switch (b.kind) {
    case ReportBlock::Kind::Heading:
        return QStringLiteral("<h3>%1</h3>").arg(esc(b.title));
    case ReportBlock::Kind::Facts:
        return factsTable(b.facts);
    case ReportBlock::Kind::Note:
        return noteBox(b.tone, b.text);
    case ReportBlock::Kind::List: {
        QString out = QStringLiteral("<p><b>%1</b></p><ul>").arg(esc(b.title));
        for (const QString &item : b.items)
            out += QStringLiteral("<li>%1</li>").arg(escLines(item));
        return out + QStringLiteral("</ul>");
    }
    case ReportBlock::Kind::Sql:
        // The caption is the table's header row, so it never stays behind at a page's foot.
        return QStringLiteral("<table width=\"100%\" cellspacing=\"0\" cellpadding=\"5\" "
                              "border=\"1\" style=\"border-color:#d0d7de; border-style:solid; "
                              "margin-top:10px\"><thead><tr><th align=\"left\">%1</th></tr></thead>"
                              "<tr><td bgcolor=\"#f6f8fa\"><pre>%2</pre></td></tr></table>")
            .arg(esc(b.title), highlighted(b.text));
    case ReportBlock::Kind::Table:
        break;
    }
    return {};
}

} // namespace

QString reportRichText(const ReportDocument &doc, const RichTextBreaks &breaks,
                       QList<RichTextTable> *tables)
{
    Emitter emitter{breaks, tables};
    if (tables)
        tables->clear();
    // The title block: brand, title, what it covers, where and when. The sections follow on the
    // same page, so a short report is one page, not a title page and a page per section.
    QString out = QStringLiteral("<html><body>");
    out += QStringLiteral("<p style=\"color:#2f5d8a; font-size:10pt\"><b>STRATA MIGRATION "
                          "REPORT</b></p>"
                          "<h1 style=\"font-size:20pt; margin-top:2px; margin-bottom:2px\">%1</h1>"
                          "<p style=\"font-size:11pt; color:#57606a; margin-bottom:8px\">%2</p>")
               .arg(esc(doc.title), esc(doc.subtitle));
    emitter.table();
    out += factsTable(doc.facts);
    if (doc.sections.size() > 2) { // a contents list helps a long report, not a two-part one
        out += QStringLiteral("<p style=\"margin-top:10px; color:#57606a\">Contents</p><ol>");
        for (const ReportSection &s : doc.sections)
            out += QStringLiteral("<li>%1</li>").arg(esc(s.title));
        out += QStringLiteral("</ol>");
    }
    for (qsizetype i = 0; i < doc.sections.size(); ++i) {
        const ReportSection &s = doc.sections[i];
        out +=
            QStringLiteral("<h2 style=\"margin-top:40px%1\">%2</h2>")
                .arg(breaks.sections.contains(int(i)) ? QStringLiteral("; page-break-before:always")
                                                      : QString(),
                     esc(s.title));
        for (const ReportBlock &b : s.blocks)
            out += block(b, emitter);
    }
    return out + QStringLiteral("</body></html>");
}

} // namespace strata
