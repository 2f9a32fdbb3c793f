// Readers for histories kept outside the application's tables: sqitch's registry (schema
// `sqitch` on PostgreSQL, a separate sqitch.db file beside an SQLite database) and Atlas's
// atlas_schema_revisions (its own schema on PostgreSQL).
#include "interop/HistoryReaders.h"
#include "interop/HistoryRows.h"

#include <QDir>
#include <QFileInfo>
#include <QHash>

namespace strata {

using namespace interop;

namespace {

HistoryReaders::Found readSqitchRegistry(DatabaseSession &session, const QString &schema,
                                         const QString &where)
{
    auto columns = tableColumns(session, schema, QStringLiteral("changes"));
    if (!columns)
        return columns.error();
    if (!columns->contains(QStringLiteral("change_id")) ||
        !columns->contains(QStringLiteral("change")))
        return std::optional<ForeignHistory>();
    const Dialect &d = session.dialect();
    auto changes = queryRows(
        session,
        QStringLiteral("SELECT change_id, change, project, note, committed_at, "
                       "committer_name, script_hash FROM %1 ORDER BY committed_at, change_id")
            .arg(qualified(d, schema, QStringLiteral("changes"))),
        where + QStringLiteral(" changes"));
    if (!changes)
        return changes.error();
    auto tags = queryRows(session,
                          QStringLiteral("SELECT tag, change_id FROM %1")
                              .arg(qualified(d, schema, QStringLiteral("tags"))),
                          where + QStringLiteral(" tags"));
    if (!tags)
        return tags.error();
    auto events = queryRows(
        session,
        QStringLiteral("SELECT event, change_id, change, note, committed_at, committer_name "
                       "FROM %1 ORDER BY committed_at")
            .arg(qualified(d, schema, QStringLiteral("events"))),
        where + QStringLiteral(" events"));
    if (!events)
        return events.error();

    QHash<QString, QStringList> tagsOf;
    for (const QVariantMap &t : *tags)
        tagsOf[t.value("change_id").toString()] << t.value("tag").toString();
    ForeignHistory h{ForeignTool::Sqitch, where, {}, {}, {}};
    QSet<QString> deployed;
    for (const QVariantMap &c : *changes) {
        ForeignEntry e;
        const QString id = c.value("change_id").toString();
        e.version = c.value("change").toString();
        e.description = c.value("note").toString();
        e.script = QStringLiteral("%1:%2").arg(c.value("project").toString(), e.version);
        e.checksum = c.value("script_hash").toString();
        e.installedBy = c.value("committer_name").toString();
        e.installedOn = utcTime(c.value("committed_at"));
        if (const QStringList t = tagsOf.value(id); !t.isEmpty())
            e.note = t.join(u' ');
        deployed.insert(id);
        h.entries.append(e);
    }
    // A change whose latest event is a failed deploy is not in `changes`: show it as failed.
    QHash<QString, QVariantMap> lastEvent;
    for (const QVariantMap &ev : *events)
        lastEvent.insert(ev.value("change_id").toString(), ev);
    for (auto it = lastEvent.cbegin(); it != lastEvent.cend(); ++it) {
        if (it->value("event").toString() != QLatin1String("fail") || deployed.contains(it.key()))
            continue;
        ForeignEntry e;
        e.version = it->value("change").toString();
        e.description = it->value("note").toString();
        e.script = e.version;
        e.installedBy = it->value("committer_name").toString();
        e.installedOn = utcTime(it->value("committed_at"));
        e.state = MigrationState::Failed;
        e.note = QStringLiteral("deploy failed");
        h.entries.append(e);
        h.problems
            << QStringLiteral(
                   "sqitch failed to deploy %1 (and reverted it): fix its deploy script and run "
                   "`sqitch deploy` again.")
                   .arg(e.version);
    }
    if (!h.entries.isEmpty()) {
        for (qsizetype i = h.entries.size() - 1; i >= 0; --i) {
            if (h.entries[i].state != MigrationState::Failed) {
                h.current = h.entries[i].version;
                break;
            }
        }
    }
    return std::optional<ForeignHistory>(h);
}

} // namespace

HistoryReaders::Found HistoryReaders::sqitch(DatabaseSession &session,
                                             const HistoryReadOptions &options)
{
    if (session.dialect().engine() == Engine::Postgres)
        return readSqitchRegistry(session, QStringLiteral("sqitch"), QStringLiteral("sqitch"));
    // sqitch keeps an SQLite database's registry in a file of its own beside the database.
    QString registry = options.sqitchRegistry;
    if (registry.isEmpty()) {
        const QString path = session.spec().path;
        if (path.isEmpty() || path == QLatin1String(":memory:"))
            return std::optional<ForeignHistory>();
        registry = QFileInfo(path).absoluteDir().filePath(QStringLiteral("sqitch.db"));
    }
    if (!QFileInfo(registry).isFile())
        return std::optional<ForeignHistory>();
    ConnectionSpec spec;
    spec.engine = Engine::Sqlite;
    spec.path = registry;
    auto registrySession = DatabaseSession::open(spec);
    if (!registrySession)
        return registrySession.error();
    return readSqitchRegistry(**registrySession, {}, QFileInfo(registry).fileName());
}

HistoryReaders::Found HistoryReaders::atlas(DatabaseSession &session)
{
    const QString table = QStringLiteral("atlas_schema_revisions");
    QString schema;
    if (session.dialect().engine() == Engine::Postgres) {
        // Atlas keeps the table in a schema of the same name unless told to use the current one.
        auto own = tableColumns(session, table, table);
        if (!own)
            return own.error();
        if (!own->isEmpty())
            schema = table;
    }
    auto columns = tableColumns(session, schema, table);
    if (!columns)
        return columns.error();
    if (!columns->contains(QStringLiteral("version")) ||
        !columns->contains(QStringLiteral("applied")) ||
        !columns->contains(QStringLiteral("total")))
        return std::optional<ForeignHistory>();
    auto rows = queryRows(session,
                          QStringLiteral("SELECT * FROM %1 ORDER BY executed_at, version")
                              .arg(qualified(session.dialect(), schema, table)),
                          table);
    if (!rows)
        return rows.error();
    ForeignHistory h{
        ForeignTool::Atlas, schema.isEmpty() ? table : schema + u'.' + table, {}, {}, {}};
    for (const QVariantMap &r : *rows) {
        ForeignEntry e;
        e.version = r.value("version").toString();
        if (e.version.startsWith(u'.'))
            continue; // Atlas's own bookkeeping rows (e.g. .atlas_cloud_identifiers)
        e.description = r.value("description").toString();
        e.script = QStringLiteral("%1_%2.sql").arg(e.version, e.description);
        e.checksum = r.value("hash").toString();
        e.installedBy = QStringLiteral("atlas %1").arg(r.value("operator_version").toString());
        e.installedOn = utcTime(r.value("executed_at"));
        e.executionMs = r.value("execution_time").toLongLong() / 1000000; // stored as nanoseconds
        const qint64 applied = r.value("applied").toLongLong();
        const qint64 total = r.value("total").toLongLong();
        const QString error = r.value("error").toString();
        const int type = r.value("type").toInt();
        if (!error.isEmpty() || applied < total) {
            e.state = MigrationState::Failed;
            e.note = QStringLiteral("%1 of %2 statements applied").arg(applied).arg(total);
            h.problems << QStringLiteral("Atlas stopped version %1 after %2 of %3 statements (%4): "
                                         "fix the statement, "
                                         "then run `atlas migrate apply` again to finish it.")
                              .arg(e.version)
                              .arg(applied)
                              .arg(total)
                              .arg(error.isEmpty() ? QStringLiteral("no error recorded") : error);
        } else if (type & 1) {
            e.state = MigrationState::Baseline; // RevisionTypeBaseline
        }
        h.entries.append(e);
    }
    for (qsizetype i = h.entries.size() - 1; i >= 0 && h.current.isEmpty(); --i) {
        if (h.entries[i].state != MigrationState::Failed)
            h.current = h.entries[i].version;
    }
    return std::optional<ForeignHistory>(h);
}

} // namespace strata
