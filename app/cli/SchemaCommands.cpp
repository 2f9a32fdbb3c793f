#include "SchemaCommands.h"
#include "CliArgs.h"
#include "CliOutput.h"

#include "diff/SchemaDiff.h"
#include "schema/SchemaJson.h"
#include "schema/SchemaSource.h"

#include <QFile>
#include <QSaveFile>

namespace strata::cli {

namespace {


Status checkPositionals(const QStringList &args, int expected, const QString &usage)
{
    for (const QString &a : args) {
        if (a.startsWith(QLatin1String("-")))
            return Error::usage(QStringLiteral("unknown option `%1` (usage: %2)").arg(a, usage));
    }
    if (args.size() != expected)
        return Error::usage(QStringLiteral("usage: %1").arg(usage));
    return {};
}

} // namespace

int cmdSnapshot(QStringList args, const QString &defaultDb, Output &out)
{
    const QString usage = QStringLiteral("strata-cli snapshot [URL] [-o FILE.json]");
    QString file;
    if (!takeValue(args, {QStringLiteral("-o"), QStringLiteral("--output")}, file))
        return out.fail(Error::usage(QStringLiteral("-o needs a file name")));
    if (args.isEmpty() && !defaultDb.isEmpty())
        args << defaultDb;
    if (Status s = checkPositionals(args, 1, usage); !s.ok())
        return out.fail(s.error());
    if (!SchemaSource::isDatabaseUrl(args.first()))
        return out.fail(Error::usage(QStringLiteral("`%1` is not a database URL").arg(args.first())));
    auto schema = SchemaSource::load(args.first());
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
        return out.fail(Error::usage(QStringLiteral("cannot write %1: %2").arg(file, save.errorString())));
    out.note(QStringLiteral("Wrote %1 (%2 tables, %3 views).").arg(file).arg(schema->tables.size()).arg(schema->views.size()));
    return Ok;
}

int cmdDiff(QStringList args, Output &out, const ReportOption &reportRequest)
{
    const QString usage = QStringLiteral("strata-cli diff A B [--sql] [--reverse] [--json] [--exit-code]");
    const bool sql = args.removeAll(QStringLiteral("--sql")) > 0;
    const bool reverse = args.removeAll(QStringLiteral("--reverse")) > 0;
    const bool exitCode = args.removeAll(QStringLiteral("--exit-code")) > 0;
    if (Status s = checkPositionals(args, 2, usage); !s.ok())
        return out.fail(s.error());
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
