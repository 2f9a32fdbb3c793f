#include "ReadinessBadge.h"

#include "check/ReadinessText.h"

#include <QCoreApplication>

namespace strata::readiness {

namespace {

QString tr(const char *text)
{
    return QCoreApplication::translate("Readiness", text);
}

// The verdict that speaks for the version: a failing or differing undo is as much a reason to
// look as a failing up script.
Readiness worst(const VersionCheck &v)
{
    for (Readiness r : {Readiness::Fails, Readiness::Differs, Readiness::NotChecked})
        if (v.up.status == r || v.undo.status == r)
            return r;
    return v.up.status;
}

} // namespace

QString badge(const VersionCheck &version)
{
    switch (worst(version)) {
    case Readiness::Ready:
        return tr("portable");
    case Readiness::Variant:
        return tr("PostgreSQL variant");
    case Readiness::Differs:
        return tr("different schema");
    case Readiness::Fails:
        return tr("fails on PostgreSQL");
    case Readiness::NotChecked:
    case Readiness::NoUndo:
        break;
    }
    return tr("not checked");
}

theme::Tone tone(const VersionCheck &version)
{
    switch (worst(version)) {
    case Readiness::Ready:
    case Readiness::Variant:
        return theme::Tone::Success;
    case Readiness::Differs:
        return theme::Tone::Warning;
    case Readiness::Fails:
        return theme::Tone::Danger;
    case Readiness::NotChecked:
    case Readiness::NoUndo:
        break;
    }
    return theme::Tone::Neutral;
}

QString verdict(const ScriptCheck &script)
{
    // The CLI shouts FAILS in a column of plain text; a coloured list does not need to.
    if (script.status == Readiness::Fails)
        return tr("fails");
    return readinessLabel(script.status);
}

QStringList details(const VersionCheck &version)
{
    QStringList lines;
    lines << tr("PostgreSQL: %1 (up), %2 (undo)").arg(verdict(version.up), verdict(version.undo));
    for (const QString &d : readinessDetails(version.up))
        lines << tr("up: %1").arg(d);
    for (const QString &d : readinessDetails(version.undo))
        lines << tr("undo: %1").arg(d);
    return lines;
}

QStringList failing(const ReadinessResult &result)
{
    QStringList out;
    for (const VersionCheck &v : result.versions)
        if (v.up.status == Readiness::Fails)
            out << v.version;
    return out;
}

} // namespace strata::readiness
