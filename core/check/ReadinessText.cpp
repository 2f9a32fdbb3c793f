#include "check/ReadinessText.h"

namespace strata {

namespace {

QString firstLine(const QString &sql)
{
    const QString line = sql.trimmed().section(u'\n', 0, 0).simplified();
    return line.size() > 100 ? line.left(99) + QChar(0x2026) : line;
}

// The first line of the server's message without libpq's "ERROR:  " (the full text, with
// LINE, HINT and SQLSTATE, stays in the JSON).
QString postgresSaid(const QString &driverMessage)
{
    QString line = driverMessage.trimmed().section(u'\n', 0, 0).trimmed();
    for (const char *prefix : {"ERROR:", "FATAL:"}) {
        if (line.startsWith(QLatin1String(prefix)))
            line = line.mid(int(qstrlen(prefix))).trimmed();
    }
    return line;
}

QString plural(int n, const QString &one, const QString &many)
{
    return QStringLiteral("%1 %2").arg(n).arg(n == 1 ? one : many);
}

} // namespace

QStringList readinessDetails(const ScriptCheck &check)
{
    QStringList lines;
    if (check.error) {
        const Error &e = *check.error;
        const QString where = e.location();
        const QString said = e.driverMessage.isEmpty() ? e.message : postgresSaid(e.driverMessage);
        lines << (where.isEmpty() ? said : where + QStringLiteral(": ") + said);
        if (!e.statement.isEmpty())
            lines << QStringLiteral("statement: ") + firstLine(e.statement);
    }
    for (const Change &c : check.differences)
        lines << QStringLiteral("differs: ") + c.summary;
    if (!check.note.isEmpty())
        lines << check.note;
    if (check.sqliteError) {
        const Error &e = *check.sqliteError;
        lines << QStringLiteral("on SQLite: %1%2")
                     .arg(e.location().isEmpty() ? QString() : e.location() + QStringLiteral(": "),
                          e.driverMessage.isEmpty() ? e.message : postgresSaid(e.driverMessage));
    }
    return lines;
}

QString readinessSummary(const ReadinessResult &r)
{
    QStringList parts;
    const int ready = r.count(Readiness::Ready);
    const int variant = r.count(Readiness::Variant);
    const int differs = r.count(Readiness::Differs);
    const int fails = r.count(Readiness::Fails);
    const int unchecked = r.count(Readiness::NotChecked);
    if (ready)
        parts << plural(ready, QStringLiteral("runs as is"), QStringLiteral("run as is"));
    if (variant)
        parts << plural(variant, QStringLiteral("runs from its PostgreSQL variant"),
                        QStringLiteral("run from their PostgreSQL variants"));
    if (differs)
        parts << plural(differs, QStringLiteral("builds a different schema"),
                        QStringLiteral("build a different schema"));
    if (fails)
        parts << plural(fails, QStringLiteral("fails"), QStringLiteral("fail"));
    if (unchecked)
        parts << QStringLiteral("%1 not checked").arg(unchecked);
    QString text = QStringLiteral("%1: %2").arg(
        plural(int(r.versions.size()), QStringLiteral("version"), QStringLiteral("versions")),
        parts.isEmpty() ? QStringLiteral("nothing to check") : parts.join(QStringLiteral(", ")));
    const int undoFails = r.count(Readiness::Fails, true);
    const int undoDiffers = r.count(Readiness::Differs, true);
    const int undoUnchecked = r.count(Readiness::NotChecked, true);
    if (undoFails || undoDiffers || undoUnchecked) {
        QStringList undo;
        if (undoFails)
            undo << plural(undoFails, QStringLiteral("fails"), QStringLiteral("fail"));
        if (undoDiffers)
            undo << QStringLiteral("%1 leave a different schema").arg(undoDiffers);
        if (undoUnchecked)
            undo << QStringLiteral("%1 not checked").arg(undoUnchecked);
        text += QStringLiteral("; undo scripts: ") + undo.join(QStringLiteral(", "));
    }
    return text + u'.';
}

} // namespace strata
