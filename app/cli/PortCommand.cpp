#include "PortCommand.h"

#include "port/MigrationPorter.h"

#include <QFile>
#include <QJsonDocument>
#include <QSaveFile>

namespace strata::cli {

int cmdPort(const CommandArgs &args, const QString &migrationsDir, Output &out)
{
    const QString engine = args.value(QStringLiteral("--engine"));
    if (engine != QLatin1String("postgresql"))
        return out.fail(Error::usage(
            QStringLiteral("--engine is postgresql (port writes PostgreSQL variants), not `%1`")
                .arg(engine)));
    PortOptions options;
    options.engine = Engine::Postgres;
    options.dryRun = args.has(QStringLiteral("--dry-run"));
    options.force = args.has(QStringLiteral("--force"));
    options.transfer.foldLowerCase = !args.has(QStringLiteral("--keep-case"));
    const QString nocase = args.value(QStringLiteral("--nocase"));
    if (!nocase.isEmpty()) {
        if (nocase != QLatin1String("citext") && nocase != QLatin1String("icu"))
            return out.fail(
                Error::usage(QStringLiteral("--nocase is citext or icu, not `%1`").arg(nocase)));
        options.transfer.nocase = nocase;
    }

    auto report = MigrationPorter::port(migrationsDir, options);
    if (!report)
        return out.fail(report.error());
    if (out.json())
        out.document(QJsonDocument::fromJson(report->json()).object());
    else
        out.text(report->text());

    const QString reportPath = args.value(QStringLiteral("--report"));
    if (!reportPath.isEmpty()) {
        QSaveFile file(reportPath);
        const QByteArray bytes = reportPath.endsWith(QLatin1String(".json"), Qt::CaseInsensitive)
                                     ? report->json()
                                     : report->text().toUtf8();
        if (!file.open(QIODevice::WriteOnly) || file.write(bytes) < 0 || !file.commit())
            return out.fail(Error::source(
                reportPath, QStringLiteral("cannot write the report: %1").arg(file.errorString())));
    }
    if (report->count(PortOutcome::Failed) > 0)
        return Failed;
    return report->manualCount() > 0 ? Invalid : Ok;
}

} // namespace strata::cli
