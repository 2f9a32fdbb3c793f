#include "SchemaCommands.h"
#include "CliArgs.h"
#include "CliDatabaseUrl.h"
#include "CliOutput.h"

#include "diff/SchemaDiff.h"
#include "schema/SchemaJson.h"
#include "schema/SchemaSource.h"

#include <QFile>
#include <QSaveFile>

namespace strata::cli {

int cmdSnapshot(const CommandArgs &args, const QString &defaultDb, Output &out)
{
    const QString file = args.value(QStringLiteral("--output"));
    const QString url = args.positionals().value(0, defaultDb);
    if (url.isEmpty() || !SchemaSource::isDatabaseUrl(url)) {
        auto spec = databaseUrl(url, args.positionals().isEmpty() ? QStringLiteral("--db")
                                                                  : QStringLiteral("URL"));
        return out.fail(spec ? Error::usage(QStringLiteral("`%1` is not a database URL").arg(url))
                             : spec.error());
    }
    auto schema = SchemaSource::load(url);
    if (!schema)
        return out.fail(schema.error());
    const QByteArray json = SchemaJson::write(*schema);
    if (file.isEmpty() || file == QLatin1String("-")) {
        QTextStream(stdout) << json;
        return Ok;
    }
    // Written whole or not at all: a failed write never leaves half a snapshot.
    QSaveFile save(file);
    if (!save.open(QIODevice::WriteOnly) || save.write(json) != json.size() || !save.commit())
        return out.fail(
            Error::usage(QStringLiteral("cannot write %1: %2").arg(file, save.errorString())));
    out.note(QStringLiteral("Wrote %1 (%2 tables, %3 views).")
                 .arg(file)
                 .arg(schema->tables.size())
                 .arg(schema->views.size()));
    return Ok;
}

int cmdDiff(const CommandArgs &command, Output &out, const ReportOption &reportRequest)
{
    const bool sql = command.has(QStringLiteral("--sql"));
    const bool reverse = command.has(QStringLiteral("--reverse"));
    const bool exitCode = command.has(QStringLiteral("--exit-code"));
    const QStringList &args = command.positionals(); // A and B, the parser saw to it
    auto a = SchemaSource::load(args[0]);
    if (!a)
        return out.fail(a.error());
    auto b = SchemaSource::load(args[1]);
    if (!b)
        return out.fail(b.error());
    DiffOptions diffOptions;
    diffOptions.tableRows = SchemaSource::rowEstimates(args[0]); // the database being changed
    const SchemaDiffResult diff = SchemaDiff::compare(*a, *b, diffOptions);
    const QString nameA = SchemaSource::displayName(args[0]);
    const QString nameB = SchemaSource::displayName(args[1]);
    if (out.json()) {
        out.document(diffJson(nameA, nameB, diff));
    } else if (sql) {
        out.text(reverse ? diff.inverseSql() : diff.forwardSql());
    } else {
        out.text(diffText(nameA, nameB, diff));
    }
    Report report = Report::begin(QStringLiteral("Schema diff"));
    for (const QString &side : {args[0], args[1]}) {
        if (SchemaSource::isDatabaseUrl(side)) {
            if (auto spec = ConnectionSpec::parse(side))
                report.addSecretsOf(*spec);
        }
    }
    report.diff = ReportDiff{nameA, nameB, diff};
    return finishWithReport(reportRequest, report, out, exitCode && !diff.isEmpty() ? Differs : Ok);
}

} // namespace strata::cli
