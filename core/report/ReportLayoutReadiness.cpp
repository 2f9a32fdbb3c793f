// The report's readiness section: one row per version (up and undo verdicts), then what to
// act on for every script that is not ready.

#include "check/ReadinessText.h"
#include "report/ReportDocument.h"

namespace strata {

using namespace reportblock;

namespace {

ReportTone tone(Readiness r)
{
    switch (r) {
    case Readiness::Ready:
    case Readiness::Variant:
        return ReportTone::Good;
    case Readiness::NoUndo:
        return ReportTone::Plain;
    case Readiness::Differs:
    case Readiness::NotChecked:
        return ReportTone::Warning;
    case Readiness::Fails:
        return ReportTone::Danger;
    }
    return ReportTone::Plain;
}

ReportTone worst(ReportTone a, ReportTone b)
{
    return int(a) > int(b) ? a : b;
}

} // namespace

ReportSection readinessSection(const ReadinessResult &r)
{
    ReportSection s{QStringLiteral("readiness"), QStringLiteral("PostgreSQL readiness"), {}};
    s.blocks << facts(
        {{QStringLiteral("Checked on"),
          r.serverVersion.isEmpty() ? r.server
                                    : r.server + QStringLiteral(" (") + r.serverVersion + u')'},
         {QStringLiteral("Scratch"),
          r.scratch + (r.scratchDropped ? QStringLiteral(", dropped afterwards")
                                        : QStringLiteral(", NOT dropped"))},
         {QStringLiteral("Result"),
          r.ready() ? QStringLiteral("ready") : QStringLiteral("NOT READY")}});
    s.blocks << note(r.ready() ? ReportTone::Good : ReportTone::Danger, readinessSummary(r));
    if (r.error)
        s.blocks << note(ReportTone::Danger,
                         QStringLiteral("The check stopped early: ") + r.error->toString());
    ReportBlock t =
        table(QStringLiteral("Versions"), {QStringLiteral("Version"), QStringLiteral("Description"),
                                           QStringLiteral("Up"), QStringLiteral("Undo")});
    for (const VersionCheck &v : r.versions) {
        t.rows << QStringList{v.version, v.description, readinessLabel(v.up.status),
                              readinessLabel(v.undo.status)};
        t.rowTones << worst(tone(v.up.status), tone(v.undo.status));
    }
    s.blocks << t;
    for (const VersionCheck &v : r.versions) {
        for (const auto &[what, check] :
             {std::pair<QString, const ScriptCheck *>{QStringLiteral("up"), &v.up},
              std::pair<QString, const ScriptCheck *>{QStringLiteral("undo"), &v.undo}}) {
            if (isReady(check->status) && !check->sqliteError && check->note.isEmpty())
                continue;
            s.blocks << list(
                QStringLiteral("Version %1 (%2), %3: %4")
                    .arg(v.version, v.description, what, readinessLabel(check->status)),
                readinessDetails(*check));
        }
    }
    if (!r.notes.isEmpty())
        s.blocks << list(QStringLiteral("Notes"), r.notes);
    return s;
}

} // namespace strata
