#include "port/PortReport.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

namespace strata {

QString portNoteKindName(PortNoteKind kind)
{
    switch (kind) {
    case PortNoteKind::Manual:
        return QStringLiteral("manual");
    case PortNoteKind::LeftOut:
        return QStringLiteral("left_out");
    case PortNoteKind::Warning:
        return QStringLiteral("warning");
    }
    return {};
}

QString portOutcomeName(PortOutcome outcome)
{
    switch (outcome) {
    case PortOutcome::AsIs:
        return QStringLiteral("as_is");
    case PortOutcome::Written:
        return QStringLiteral("written");
    case PortOutcome::WouldWrite:
        return QStringLiteral("would_write");
    case PortOutcome::KeptExisting:
        return QStringLiteral("kept_existing");
    case PortOutcome::Overwritten:
        return QStringLiteral("overwritten");
    case PortOutcome::Failed:
        return QStringLiteral("failed");
    }
    return {};
}

int PortedScript::manualCount() const
{
    return int(std::count_if(notes.begin(), notes.end(),
                             [](const PortNote &n) { return n.kind == PortNoteKind::Manual; }));
}

int PortReport::count(PortOutcome outcome) const
{
    int n = 0;
    for (const PortedVersion &v : versions) {
        for (const PortedScript &s : v.scripts)
            n += s.outcome == outcome ? 1 : 0;
    }
    return n;
}

int PortReport::manualCount() const
{
    int n = 0;
    for (const PortedVersion &v : versions) {
        for (const PortedScript &s : v.scripts)
            n += s.manualCount();
    }
    return n;
}

namespace {

QString outcomeText(const PortedScript &s)
{
    const QString file = s.variantPath.section(u'/', -1);
    switch (s.outcome) {
    case PortOutcome::AsIs:
        return QStringLiteral("runs as is");
    case PortOutcome::Written:
        return QStringLiteral("wrote %1").arg(file);
    case PortOutcome::WouldWrite:
        return QStringLiteral("would write %1").arg(file);
    case PortOutcome::KeptExisting:
        return QStringLiteral("%1 exists, kept (--force replaces it)").arg(file);
    case PortOutcome::Overwritten:
        return QStringLiteral("replaced %1").arg(file);
    case PortOutcome::Failed:
        return QStringLiteral("FAILED on SQLite: %1").arg(s.error);
    }
    return {};
}

} // namespace

QString PortReport::text() const
{
    QString out;
    for (const PortedVersion &v : versions) {
        for (const PortedScript &s : v.scripts) {
            out += QStringLiteral("%1  %2 %3: %4\n")
                       .arg(v.version, s.undo ? QStringLiteral("undo") : QStringLiteral("up  "),
                            s.plainPath.section(u'/', -1), outcomeText(s));
            for (const PortNote &n : s.notes) {
                const QString where =
                    n.line > 0 ? QStringLiteral("%1:%2").arg(s.plainPath).arg(n.line) : s.plainPath;
                const QString label = n.kind == PortNoteKind::Manual    ? QStringLiteral("MANUAL")
                                      : n.kind == PortNoteKind::LeftOut ? QStringLiteral("left out")
                                                                        : QStringLiteral("warning");
                out += QStringLiteral("      %1 %2: %3\n").arg(label, where, n.reason);
            }
        }
    }
    for (const QString &w : warnings)
        out += QStringLiteral("warning: %1\n").arg(w);
    const int variants = count(PortOutcome::Written) + count(PortOutcome::Overwritten) +
                         count(PortOutcome::WouldWrite);
    out += QStringLiteral(
               "%1 variant%2 %3, %4 script%5 run as is, %6 kept, %7 failed; %8 manual item%9\n")
               .arg(variants)
               .arg(variants == 1 ? "" : "s")
               .arg(dryRun ? QStringLiteral("to write") : QStringLiteral("written"))
               .arg(count(PortOutcome::AsIs))
               .arg(count(PortOutcome::AsIs) == 1 ? "" : "s")
               .arg(count(PortOutcome::KeptExisting))
               .arg(count(PortOutcome::Failed))
               .arg(manualCount())
               .arg(manualCount() == 1 ? "" : "s");
    return out;
}

QByteArray PortReport::json() const
{
    QJsonArray versionsJson;
    for (const PortedVersion &v : versions) {
        QJsonArray scripts;
        for (const PortedScript &s : v.scripts) {
            QJsonArray notes;
            for (const PortNote &n : s.notes)
                notes.append(QJsonObject{{QStringLiteral("kind"), portNoteKindName(n.kind)},
                                         {QStringLiteral("line"), n.line},
                                         {QStringLiteral("statement"), n.statement},
                                         {QStringLiteral("reason"), n.reason}});
            QJsonObject o{{QStringLiteral("file"), s.plainPath},
                          {QStringLiteral("undo"), s.undo},
                          {QStringLiteral("outcome"), portOutcomeName(s.outcome)},
                          {QStringLiteral("variant"),
                           s.variantPath.isEmpty() || s.outcome == PortOutcome::AsIs
                               ? QJsonValue()
                               : QJsonValue(s.variantPath)},
                          {QStringLiteral("notes"), notes}};
            if (!s.error.isEmpty())
                o.insert(QStringLiteral("error"), s.error);
            scripts.append(o);
        }
        versionsJson.append(QJsonObject{{QStringLiteral("version"), v.version},
                                        {QStringLiteral("description"), v.description},
                                        {QStringLiteral("scripts"), scripts}});
    }
    QJsonObject root{
        {QStringLiteral("engine"), engine == Engine::Postgres ? "postgresql" : "sqlite"},
        {QStringLiteral("folder"), folder},
        {QStringLiteral("dry_run"), dryRun},
        {QStringLiteral("versions"), versionsJson},
        {QStringLiteral("warnings"), QJsonArray::fromStringList(warnings)},
        {QStringLiteral("manual"), manualCount()}};
    return QJsonDocument(root).toJson(QJsonDocument::Indented);
}

} // namespace strata
