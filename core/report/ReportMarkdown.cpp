// The Markdown report (CommonMark with GitHub tables): for pull requests, tickets and wikis.

#include "report/ReportDocument.h"
#include "report/ReportWriters.h"

namespace strata {

namespace {

// Table cells: one line, pipes escaped; line breaks become <br>, which GitHub renders.
QString cell(const QString &s)
{
    QString out = s;
    out.replace(u'\\', QLatin1String("\\\\"));
    out.replace(u'|', QLatin1String("\\|"));
    out.replace(QLatin1String("\r\n"), QLatin1String("<br>"));
    out.replace(u'\n', QLatin1String("<br>"));
    return out;
}

// Inline text outside tables: characters that would start markup are escaped. Underscores are
// left alone (paths and names are full of them, and inside words they never mean emphasis).
QString inlineText(const QString &s)
{
    QString out;
    for (const QChar c : s) {
        if (QStringLiteral("\\`*[]<>|").contains(c))
            out += u'\\';
        out += c;
    }
    return out;
}

// A fence longer than any backtick run inside the SQL, so the block cannot end early.
QString fenceFor(const QString &text)
{
    int longest = 0, run = 0;
    for (const QChar c : text) {
        run = c == u'`' ? run + 1 : 0;
        longest = qMax(longest, run);
    }
    return QString(qMax(3, longest + 1), u'`');
}

QString factsMd(const QList<QPair<QString, QString>> &facts)
{
    QString out;
    for (const auto &[label, value] : facts)
        out += QStringLiteral("- **%1:** %2\n").arg(inlineText(label), inlineText(value));
    return out + u'\n';
}

QString toneWord(ReportTone tone)
{
    switch (tone) {
    case ReportTone::Good:
        return QStringLiteral("**OK:** ");
    case ReportTone::Warning:
        return QStringLiteral("**Warning:** ");
    case ReportTone::Danger:
        return QStringLiteral("**Failure:** ");
    case ReportTone::Plain:
        break;
    }
    return {};
}

QString blockMd(const ReportBlock &b)
{
    switch (b.kind) {
    case ReportBlock::Kind::Heading:
        return QStringLiteral("### %1\n\n").arg(inlineText(b.title));
    case ReportBlock::Kind::Facts:
        return factsMd(b.facts);
    case ReportBlock::Kind::Note: {
        QString out;
        const QStringList lines = b.text.split(u'\n');
        for (qsizetype i = 0; i < lines.size(); ++i)
            out += QStringLiteral("> %1%2\n")
                       .arg(i == 0 ? toneWord(b.tone) : QString(), inlineText(lines[i]));
        return out + u'\n';
    }
    case ReportBlock::Kind::List: {
        QString out = QStringLiteral("**%1**\n\n").arg(inlineText(b.title));
        for (const QString &item : b.items)
            out += QStringLiteral("- %1\n").arg(
                inlineText(item).replace(u'\n', QLatin1String("\n  ")));
        return out + u'\n';
    }
    case ReportBlock::Kind::Sql: {
        const QString fence = fenceFor(b.text);
        QString sql = b.text;
        if (!sql.endsWith(u'\n'))
            sql += u'\n';
        return QStringLiteral("**%1**\n\n%2sql\n%3%2\n\n").arg(inlineText(b.title), fence, sql);
    }
    case ReportBlock::Kind::Table: {
        QString out = QStringLiteral("**%1**\n\n|").arg(inlineText(b.title));
        for (const QString &c : b.columns)
            out += QStringLiteral(" %1 |").arg(cell(c));
        out += QStringLiteral("\n|");
        for (qsizetype i = 0; i < b.columns.size(); ++i)
            out += QStringLiteral(" --- |");
        out += u'\n';
        for (const QStringList &row : b.rows) {
            out += u'|';
            for (const QString &c : row)
                out += QStringLiteral(" %1 |").arg(cell(c));
            out += u'\n';
        }
        return out + u'\n';
    }
    }
    return {};
}

} // namespace

QByteArray reportMarkdown(const Report &report)
{
    const ReportDocument doc = layoutReport(report);
    QString out = QStringLiteral("# %1\n\n").arg(inlineText(doc.title));
    if (!doc.subtitle.isEmpty())
        out += QStringLiteral("*Strata migration report: %1*\n\n").arg(inlineText(doc.subtitle));
    out += factsMd(doc.facts);
    for (const ReportSection &section : doc.sections) {
        out += QStringLiteral("## %1\n\n").arg(inlineText(section.title));
        for (const ReportBlock &b : section.blocks)
            out += blockMd(b);
    }
    return out.toUtf8(); // every text in it came from the redacted layout
}

} // namespace strata
