#include "transfer/MigrationsBuild.h"

#include "migration/HistoryTable.h"
#include "migration/SqlSplitter.h"
#include <QMap>

namespace strata::transfer {

namespace {

QString label(const Migration &m)
{
    return m.kind == MigrationKind::Repeatable
               ? QStringLiteral("repeatable \"%1\"").arg(m.description)
               : QStringLiteral("V%1").arg(m.versionText());
}

// The checksum the file a history row names has now: the plain file or a variant; a row that
// names no file of the migration is checked against what runs on SQLite.
QString checksumThatRan(const Migration &m, const AppliedMigration &row)
{
    const QString named = m.checksumOfScript(row.script);
    return named.isEmpty() ? m.forEngine(Engine::Sqlite).checksum : named;
}

Error refused(const QString &why)
{
    return Error::usage(
        QStringLiteral("--migrations cannot build the schema this SQLite database is at: %1")
            .arg(why));
}

} // namespace

Result<BuildSteps> buildStepsFor(DatabaseSession &sqlite, const MigrationSet &folder)
{
    HistoryTable history(sqlite);
    auto exists = history.exists();
    if (!exists)
        return exists.error();
    if (!*exists)
        return refused(QStringLiteral("it has no %1 saying which version it is at (migrate it "
                                      "with strata-cli, or adopt its tool's history first)")
                           .arg(history.name()));
    auto rows = history.read();
    if (!rows)
        return rows.error();
    QMap<Version, AppliedMigration> applied;
    QMap<QString, AppliedMigration> repeatables; // the last run of each, by description
    for (const AppliedMigration &row : std::as_const(*rows)) {
        if (HistoryTable::isTransfer(row))
            continue;
        if (!row.success)
            return refused(QStringLiteral("its history records a failed migration (%1): repair "
                                          "it on SQLite first")
                               .arg(row.version.isEmpty() ? row.description : row.version));
        if (row.type == QLatin1String("baseline"))
            return refused(QStringLiteral("it was baselined at %1, so its schema up to there did "
                                          "not come from the folder")
                               .arg(row.version));
        if (row.type == QLatin1String("repeatable")) {
            repeatables.insert(row.description, row);
            continue;
        }
        const auto v = Version::parse(row.version);
        if (!v)
            return refused(QStringLiteral("its history holds version `%1`, which is not a version")
                               .arg(row.version));
        applied.insert(*v, row);
    }
    if (applied.isEmpty())
        return refused(QStringLiteral("its history holds no applied version"));
    BuildSteps steps;
    const Version current = applied.lastKey();
    steps.version = current.toString();
    for (const Migration &m : folder.versioned) {
        if (current < m.version)
            break;
        const auto row = applied.constFind(m.version);
        if (row == applied.cend())
            return refused(QStringLiteral("%1 (%2) is in the folder but was never applied there")
                               .arg(label(m), m.up.path));
        // The history names the file that ran on SQLite: the plain one or its SQLite variant.
        const QString ran = checksumThatRan(m, *row);
        if (!row->checksum.isEmpty() && row->checksum != ran)
            return refused(QStringLiteral("%1 (%2) changed since it was applied there (checksum "
                                          "%3 recorded, %4 now)")
                               .arg(label(m), m.up.path, row->checksum.left(12), ran.left(12)));
        steps.migrations << m.forEngine(Engine::Postgres); // its PostgreSQL variant, if any
    }
    for (auto it = applied.cbegin(); it != applied.cend(); ++it) {
        if (!folder.find(it.key()))
            return refused(QStringLiteral("version %1 (%2) was applied there but is not in the "
                                          "folder")
                               .arg(it.key().toString(), it->description));
    }
    for (const Migration &m : folder.repeatable) {
        const auto row = repeatables.constFind(m.description);
        if (row == repeatables.cend())
            continue;
        if (!row->checksum.isEmpty() && row->checksum != checksumThatRan(m, *row))
            return refused(
                QStringLiteral("%1 (%2) changed since it last ran there").arg(label(m), m.up.path));
        steps.migrations << m.forEngine(Engine::Postgres);
    }
    for (const Migration &m : std::as_const(steps.migrations)) {
        if (m.up.noTransaction)
            return refused(QStringLiteral("%1 (%2) is marked to run outside a transaction, and "
                                          "the target is built in one")
                               .arg(label(m), m.up.path));
    }
    return steps;
}

std::optional<Error> runBuildSteps(DatabaseSession &pg, const BuildSteps &steps,
                                   const std::function<bool()> &cancelled,
                                   const std::function<void(int, int)> &report)
{
    const int total = int(steps.migrations.size());
    for (int i = 0; i < total; ++i) {
        const Migration &m = steps.migrations[i];
        report(i, total);
        for (const SqlStatement &statement : SqlSplitter::split(m.up.sql, m.up.firstLine)) {
            if (cancelled())
                return Error::cancelled();
            if (auto ran = pg.exec(statement.sql); !ran) {
                Error e = ran.error();
                e.kind = Error::Kind::Migration;
                e.file = m.up.path;
                e.line = statement.line;
                e.statement = statement.sql;
                e.message = QStringLiteral("building the target: migration %1 failed on "
                                           "PostgreSQL; everything was rolled back, the target "
                                           "is as it was")
                                .arg(label(m));
                return e;
            }
        }
    }
    report(total, total);
    return std::nullopt;
}

} // namespace strata::transfer
