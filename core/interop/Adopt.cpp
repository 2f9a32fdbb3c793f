#include "interop/Adopt.h"

#include "interop/AlembicStatus.h"
#include "migration/Migrator.h"
#include <QFileInfo>

namespace strata {

namespace {

Error adoptError(const QString &message)
{
    return {Error::Kind::Migration, message, {}, {}, 0, {}};
}

// Alembic's applied revisions, oldest first, from the project graph (or just the heads).
QList<ForeignEntry> alembicEntries(const ForeignHistory &history, const AlembicProject *project)
{
    if (!project)
        return history.entries;
    QStringList heads;
    for (const ForeignEntry &e : history.entries)
        heads << e.version;
    const AlembicStatus placed = AlembicPlacement::place(project->graph, heads);
    QList<ForeignEntry> out;
    for (auto it = placed.entries.crbegin(); it != placed.entries.crend(); ++it) {
        if (it->state != MigrationState::Applied && it->state != MigrationState::MissingFile)
            continue;
        ForeignEntry e;
        e.version = it->id;
        e.description = it->revision ? it->revision->message : QStringLiteral("(no revision file)");
        e.script = it->revision ? QFileInfo(it->revision->file).fileName() : it->id;
        out.append(e);
    }
    return out;
}

QString insertWithTimeSql(const DatabaseSession &session, const QString &table,
                          const AppliedMigration &row)
{
    const Dialect &d = session.dialect();
    auto textOrNull = [&](const QString &s) {
        return s.isEmpty() ? QStringLiteral("NULL") : d.quoteLiteral(s);
    };
    const QString on = row.installedOn.isValid()
                           ? d.quoteLiteral(row.installedOn.toUTC().toString(
                                 QStringLiteral("yyyy-MM-dd'T'HH:mm:ss.zzz'Z'")))
                           : (d.engine() == Engine::Sqlite
                                  ? QStringLiteral("strftime('%Y-%m-%dT%H:%M:%fZ', 'now')")
                                  : QStringLiteral("now()"));
    const QString by =
        row.installedBy.isEmpty() ? d.installedByExpression() : d.quoteLiteral(row.installedBy);
    return QStringLiteral("INSERT INTO %1 (\"rank\", version, description, type, script, checksum, "
                          "installed_by, "
                          "installed_on, execution_ms, success) SELECT COALESCE(MAX(\"rank\"), 0) "
                          "+ 1, %2, %3, %4, %5, "
                          "%6, %7, %8, %9, %10 FROM %1")
        .arg(d.quoteIdentifier(table), textOrNull(row.version), d.quoteLiteral(row.description),
             d.quoteLiteral(row.type), d.quoteLiteral(row.script), textOrNull(row.checksum), by, on,
             QString::number(std::max<qint64>(0, row.executionMs)))
        .arg(d.booleanLiteral(true));
}

} // namespace

Result<AdoptResult> Adopt::run(DatabaseSession &session, ForeignTool tool,
                               const AdoptOptions &options)
{
    auto history = HistoryReaders::read(tool, session, options.read);
    if (!history)
        return history.error();
    if (!*history)
        return adoptError(
            QStringLiteral("the database has no %1 history to adopt").arg(foreignToolName(tool)));
    const ForeignHistory &h = **history;
    if (h.hasFailures())
        return adoptError(
            QStringLiteral(
                "the %1 history (%2) records a failed change; adopting would hide it. %3")
                .arg(foreignToolName(tool), h.table, h.problems.join(u' ')));

    AdoptResult result;
    result.tool = tool;
    result.source = h.table;
    result.current = h.current;
    const QList<ForeignEntry> entries =
        tool == ForeignTool::Alembic ? alembicEntries(h, options.alembicProject) : h.entries;

    Migrator migrator(session, MigrationSet{});
    HistoryTable &table = migrator.history();
    if (options.apply) {
        if (Status locked = migrator.acquireLock(); !locked.ok())
            return locked.error();
        Status created = table.create();
        if (created.ok())
            created = migrator.audit().create();
        if (!created.ok()) {
            migrator.releaseLock();
            return created.error();
        }
    }
    auto existing = table.read();
    if (!existing) {
        migrator.releaseLock();
        return existing.error();
    }
    QSet<QString> recorded;
    for (const AppliedMigration &row : *existing) {
        if (row.success)
            recorded.insert(row.version.isEmpty() ? QStringLiteral("R:") + row.description
                                                  : row.version);
    }
    QStringList statements;
    for (const ForeignEntry &e : entries) {
        const QString key = e.version.isEmpty() ? QStringLiteral("R:") + e.description : e.version;
        if (recorded.contains(key)) {
            result.skipped << (e.version.isEmpty() ? e.description : e.version);
            continue;
        }
        recorded.insert(key);
        AppliedMigration row;
        row.version = e.version;
        row.description = e.description.isEmpty()
                              ? QStringLiteral("adopted from %1").arg(foreignToolName(tool))
                              : e.description;
        // Repeatables keep their kind so a changed script still runs again.
        row.type = e.version.isEmpty() ? QStringLiteral("repeatable") : QStringLiteral("baseline");
        row.script = QStringLiteral("%1:%2").arg(foreignToolName(tool),
                                                 e.script.isEmpty() ? e.version : e.script);
        row.installedBy = e.installedBy;
        row.installedOn = e.installedOn;
        row.executionMs = e.executionMs;
        row.success = true;
        result.written.append(row);
        statements << insertWithTimeSql(session, table.name(), row);
        // On record in the same transaction: adopted from which tool, by whom, when.
        AuditEntry audit;
        audit.action = QStringLiteral("adopt");
        audit.version = row.version;
        audit.description = row.description;
        audit.script = row.script;
        audit.outcome = QStringLiteral("ok");
        audit.detail = QStringLiteral("adopted from %1's %2").arg(foreignToolName(tool), h.table);
        audit.historyTable = table.name();
        statements << migrator.audit().insertSql(audit);
    }
    if (!options.apply || statements.isEmpty()) {
        migrator.releaseLock();
        return result;
    }
    Status done;
    if (auto begun = session.exec(session.dialect().beginSql()); !begun) {
        done = begun.error();
    } else {
        for (const QString &sql : std::as_const(statements)) {
            if (auto ran = session.exec(sql); !ran) {
                done = ran.error();
                break;
            }
        }
        if (done.ok()) {
            if (auto committed = session.exec(QStringLiteral("COMMIT")); !committed)
                done = committed.error();
        }
        if (!done.ok())
            session.exec(QStringLiteral("ROLLBACK"));
    }
    migrator.releaseLock();
    if (!done.ok()) {
        Error e = done.error();
        e.message = QStringLiteral("adopting the %1 history failed; nothing was written")
                        .arg(foreignToolName(tool));
        return e;
    }
    return result;
}

} // namespace strata
