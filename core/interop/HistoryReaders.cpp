#include "interop/HistoryReaders.h"
#include "interop/HistoryRows.h"

#include "migration/Version.h"
#include <QSqlError>
#include <QSqlQuery>
#include <QSqlRecord>
#include <QTimeZone>
#include <algorithm>

namespace strata {

namespace interop {

Result<QList<QVariantMap>> queryRows(DatabaseSession &session, const QString &sql,
                                     const QString &what)
{
    QSqlQuery query(session.database());
    query.setForwardOnly(true);
    if (!query.exec(sql)) {
        Error e = Error::database(QStringLiteral("cannot read %1").arg(what),
                                  query.lastError().databaseText());
        e.statement = sql;
        return e;
    }
    QList<QVariantMap> rows;
    while (query.next()) {
        QVariantMap row;
        const QSqlRecord rec = query.record();
        for (int i = 0; i < rec.count(); ++i)
            row.insert(rec.fieldName(i).toLower(), query.value(i));
        rows.append(row);
    }
    return rows;
}

QDateTime utcTime(const QVariant &value)
{
    if (value.isNull())
        return {};
    if (value.metaType().id() == QMetaType::QDateTime)
        return value.toDateTime().toUTC();
    QString text = value.toString().trimmed();
    if (text.size() > 10 && text[10] == u' ')
        text[10] = u'T';
    QDateTime t = QDateTime::fromString(text, Qt::ISODateWithMs);
    if (!t.isValid())
        return {};
    if (t.timeSpec() == Qt::LocalTime && !text.endsWith(u'Z') && !text.contains(u'+'))
        t.setTimeSpec(Qt::UTC); // SQLite's CURRENT_TIMESTAMP is UTC without a marker
    return t.toUTC();
}

QString qualified(const Dialect &dialect, const QString &schema, const QString &table)
{
    return schema.isEmpty()
               ? dialect.quoteIdentifier(table)
               : dialect.quoteIdentifier(schema) + u'.' + dialect.quoteIdentifier(table);
}

} // namespace interop

using namespace interop;

namespace {

bool hasColumns(const QStringList &have, const QStringList &need)
{
    return std::all_of(need.begin(), need.end(),
                       [&](const QString &c) { return have.contains(c); });
}

// The highest of `versions` compared part by part (falls back to text order when not numeric).
QString highestVersion(const QList<ForeignEntry> &entries)
{
    QString best;
    for (const ForeignEntry &e : entries) {
        if (e.state == MigrationState::Failed || e.version.isEmpty())
            continue;
        const auto a = Version::parse(e.version);
        const auto b = Version::parse(best);
        if (best.isEmpty() || (a && b ? *a > *b : e.version > best))
            best = e.version;
    }
    return best;
}

QString whenText(const QDateTime &t)
{
    return t.isValid() ? t.toString(Qt::ISODate) : QStringLiteral("an unknown time");
}

} // namespace

HistoryReaders::Found HistoryReaders::flyway(DatabaseSession &session)
{
    auto columns = tableColumns(session, {}, QStringLiteral("flyway_schema_history"));
    if (!columns)
        return columns.error();
    if (!hasColumns(*columns,
                    {"installed_rank", "version", "type", "script", "checksum", "success"}))
        return std::optional<ForeignHistory>();
    auto rows = queryRows(
        session, QStringLiteral("SELECT * FROM flyway_schema_history ORDER BY installed_rank"),
        QStringLiteral("flyway_schema_history"));
    if (!rows)
        return rows.error();
    ForeignHistory h{ForeignTool::Flyway, QStringLiteral("flyway_schema_history"), {}, {}, {}};
    for (const QVariantMap &r : *rows) {
        const QString type = r.value("type").toString().toUpper();
        if (type == QLatin1String("SCHEMA"))
            continue; // Flyway's marker for the schemas it created, not a migration
        ForeignEntry e;
        e.version = r.value("version").toString();
        e.description = r.value("description").toString();
        e.script = r.value("script").toString();
        e.checksum = r.value("checksum").isNull() ? QString() : r.value("checksum").toString();
        e.installedBy = r.value("installed_by").toString();
        e.installedOn = utcTime(r.value("installed_on"));
        e.executionMs = r.value("execution_time").toLongLong();
        const bool success = r.value("success").toBool();
        if (type.startsWith(QLatin1String("UNDO_")) && success) {
            // An undo removes its version from the applied set.
            for (qsizetype i = h.entries.size() - 1; i >= 0; --i) {
                if (h.entries[i].version == e.version &&
                    h.entries[i].state != MigrationState::Failed) {
                    h.entries.removeAt(i);
                    break;
                }
            }
            continue;
        }
        if (!success) {
            e.state = MigrationState::Failed;
            e.note = QStringLiteral("failed");
            h.problems << QStringLiteral("Flyway recorded %1 (%2) as failed on %3: the database "
                                         "may be half-migrated. "
                                         "Undo what the script did by hand, then run `flyway "
                                         "repair` to remove the failed "
                                         "row (or adopt and use `strata-cli repair`).")
                              .arg(e.version.isEmpty() ? e.script
                                                       : QStringLiteral("version ") + e.version,
                                   e.description, whenText(e.installedOn));
        } else if (type.contains(QLatin1String("BASELINE"))) {
            e.state = MigrationState::Baseline;
        }
        if (e.version.isEmpty()) {
            // A repeatable: its latest run stands for it.
            h.entries.erase(std::remove_if(h.entries.begin(), h.entries.end(),
                                           [&](const ForeignEntry &o) {
                                               return o.version.isEmpty() &&
                                                      o.description == e.description;
                                           }),
                            h.entries.end());
        }
        h.entries.append(e);
    }
    h.current = highestVersion(h.entries);
    return std::optional<ForeignHistory>(h);
}

HistoryReaders::Found HistoryReaders::liquibase(DatabaseSession &session)
{
    auto columns = tableColumns(session, {}, QStringLiteral("databasechangelog"));
    if (!columns)
        return columns.error();
    if (!hasColumns(*columns,
                    {"id", "author", "filename", "dateexecuted", "orderexecuted", "exectype"}))
        return std::optional<ForeignHistory>();
    auto rows = queryRows(
        session,
        QStringLiteral("SELECT * FROM databasechangelog ORDER BY orderexecuted, dateexecuted"),
        QStringLiteral("databasechangelog"));
    if (!rows)
        return rows.error();
    ForeignHistory h{ForeignTool::Liquibase, QStringLiteral("databasechangelog"), {}, {}, {}};
    QString lastTag;
    QString lastId;
    for (const QVariantMap &r : *rows) {
        ForeignEntry e;
        const QString id = r.value("id").toString();
        const QString author = r.value("author").toString();
        const QString exectype = r.value("exectype").toString().toUpper();
        e.version = r.value("orderexecuted").toString();
        e.description =
            r.value("description").toString().isEmpty()
                ? QStringLiteral("%1 by %2").arg(id, author)
                : QStringLiteral("%1 by %2: %3").arg(id, author, r.value("description").toString());
        e.script = QStringLiteral("%1::%2::%3").arg(r.value("filename").toString(), id, author);
        e.checksum = r.value("md5sum").toString();
        e.installedBy = author;
        e.installedOn = utcTime(r.value("dateexecuted"));
        e.note = exectype.toLower();
        if (const QString tag = r.value("tag").toString(); !tag.isEmpty()) {
            e.note += QStringLiteral(", tag ") + tag;
            lastTag = tag;
        }
        if (exectype == QLatin1String("FAILED")) {
            e.state = MigrationState::Failed;
            h.problems << QStringLiteral("Liquibase recorded changeset %1 by %2 (%3) as FAILED: "
                                         "fix the database, then "
                                         "`liquibase clear-checksums`/`update` or remove the row.")
                              .arg(id, author, r.value("filename").toString());
        } else if (exectype == QLatin1String("SKIPPED")) {
            continue;
        } else if (exectype == QLatin1String("MARK_RAN")) {
            e.state = MigrationState::Baseline;
        }
        lastId = id;
        h.entries.append(e);
    }
    h.current = lastTag.isEmpty() ? lastId : lastTag;
    return std::optional<ForeignHistory>(h);
}

HistoryReaders::Found HistoryReaders::golangMigrate(DatabaseSession &session)
{
    auto columns = tableColumns(session, {}, QStringLiteral("schema_migrations"));
    if (!columns)
        return columns.error();
    if (!hasColumns(*columns, {"version", "dirty"}))
        return std::optional<ForeignHistory>();
    auto rows = queryRows(session, QStringLiteral("SELECT version, dirty FROM schema_migrations"),
                          QStringLiteral("schema_migrations"));
    if (!rows)
        return rows.error();
    ForeignHistory h{ForeignTool::GolangMigrate, QStringLiteral("schema_migrations"), {}, {}, {}};
    for (const QVariantMap &r : *rows) {
        ForeignEntry e;
        e.version = r.value("version").toString();
        e.script = e.version;
        if (r.value("dirty").toBool()) {
            e.state = MigrationState::Failed;
            e.note = QStringLiteral("dirty");
            h.problems << QStringLiteral("golang-migrate marks version %1 dirty: its migration "
                                         "failed part-way. Repair "
                                         "the schema by hand, then `migrate force %1` if its "
                                         "changes are complete, or "
                                         "`migrate force <previous version>` and run it again.")
                              .arg(e.version);
        }
        h.entries.append(e);
    }
    // golang-migrate keeps one row: the version the database is at (dirty or not).
    h.current = h.entries.isEmpty() ? QString() : h.entries.first().version;
    return std::optional<ForeignHistory>(h);
}

HistoryReaders::Found HistoryReaders::dbmate(DatabaseSession &session)
{
    auto columns = tableColumns(session, {}, QStringLiteral("schema_migrations"));
    if (!columns)
        return columns.error();
    if (!columns->contains(QStringLiteral("version")) || columns->contains(QStringLiteral("dirty")))
        return std::optional<ForeignHistory>();
    auto rows = queryRows(session, QStringLiteral("SELECT * FROM schema_migrations"),
                          QStringLiteral("schema_migrations"));
    if (!rows)
        return rows.error();
    ForeignHistory h{ForeignTool::Dbmate, QStringLiteral("schema_migrations"), {}, {}, {}};
    for (const QVariantMap &r : *rows) {
        ForeignEntry e;
        e.version = r.value("version").toString();
        e.script = e.version;
        e.installedOn = utcTime(r.value("applied_at")); // newer dbmate versions may keep it
        h.entries.append(e);
    }
    std::sort(h.entries.begin(), h.entries.end(), [](const ForeignEntry &a, const ForeignEntry &b) {
        const auto x = Version::parse(a.version);
        const auto y = Version::parse(b.version);
        return x && y ? *x < *y : a.version < b.version;
    });
    h.current = highestVersion(h.entries);
    return std::optional<ForeignHistory>(h);
}

HistoryReaders::Found HistoryReaders::alembic(DatabaseSession &session,
                                              const HistoryReadOptions &options)
{
    auto columns = tableColumns(session, {}, options.alembicVersionTable);
    if (!columns)
        return columns.error();
    if (!columns->contains(QStringLiteral("version_num")))
        return std::optional<ForeignHistory>();
    auto rows = queryRows(session,
                          QStringLiteral("SELECT version_num FROM %1 ORDER BY version_num")
                              .arg(session.dialect().quoteIdentifier(options.alembicVersionTable)),
                          options.alembicVersionTable);
    if (!rows)
        return rows.error();
    ForeignHistory h{ForeignTool::Alembic, options.alembicVersionTable, {}, {}, {}};
    QStringList heads;
    for (const QVariantMap &r : *rows) {
        ForeignEntry e;
        e.version = r.value("version_num").toString();
        e.script = e.version;
        e.note = QStringLiteral("head");
        heads << e.version;
        h.entries.append(e);
    }
    h.current = heads.join(u',');
    return std::optional<ForeignHistory>(h);
}

HistoryReaders::Found HistoryReaders::read(ForeignTool tool, DatabaseSession &session,
                                           const HistoryReadOptions &options)
{
    switch (tool) {
    case ForeignTool::Flyway:
        return flyway(session);
    case ForeignTool::Liquibase:
        return liquibase(session);
    case ForeignTool::GolangMigrate:
        return golangMigrate(session);
    case ForeignTool::Dbmate:
        return dbmate(session);
    case ForeignTool::Sqitch:
        return sqitch(session, options);
    case ForeignTool::Atlas:
        return atlas(session);
    case ForeignTool::Alembic:
        return alembic(session, options);
    }
    return std::optional<ForeignHistory>();
}

Result<QList<ForeignHistory>> HistoryReaders::detect(DatabaseSession &session,
                                                     const HistoryReadOptions &options)
{
    QList<ForeignHistory> found;
    for (ForeignTool tool : allForeignTools()) {
        auto h = read(tool, session, options);
        if (!h)
            return h.error();
        if (*h)
            found.append(**h);
    }
    return found;
}

} // namespace strata
