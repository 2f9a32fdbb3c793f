#include "transfer/HistoryMove.h"

#include "migration/AuditLog.h"

#include "migration/HistoryTable.h"
#include "migration/SnapshotStore.h"
#include "migration/Version.h"
#include "schema/Introspector.h"
#include <QElapsedTimer>
#include <QFileInfo>
#include <QLocale>
#include <QRegularExpression>
#include <map>

namespace strata::transfer {

namespace {

bool withTimeZone(const QString &type)
{
    return type == QLatin1String("timestamptz") || type.endsWith(QLatin1String("with time zone"));
}

// One SQLite value as a PostgreSQL literal of `type`. Text goes through the type's own input
// function (booleans accept 't'/'true'/'1', timestamps ISO-8601 with or without a zone).
QString literal(const SourceValue &v, const QString &type)
{
    const bool boolean = type == QLatin1String("boolean");
    const bool time = type.startsWith(QLatin1String("timestamp"));
    const bool integer = type == QLatin1String("integer") || type == QLatin1String("bigint");
    if (type == QLatin1String("text[]") && v.type != SourceValue::Null) {
        // sqitch's SQLite registry keeps its lists as space-separated text.
        const QString text = v.type == SourceValue::Text || v.type == SourceValue::Blob
                                 ? QString::fromUtf8(v.bytes.data(), v.bytes.size())
                                 : QString();
        return QStringLiteral("string_to_array(%1, ' ')").arg(PgConnection::quoteLiteral(text));
    }
    switch (v.type) {
    case SourceValue::Null:
        return QStringLiteral("NULL");
    case SourceValue::Integer:
    case SourceValue::Real: {
        const double number = v.type == SourceValue::Integer ? double(v.integer) : v.real;
        if (boolean)
            return number != 0 ? QStringLiteral("true") : QStringLiteral("false");
        if (time) { // Unix seconds, as SQLite's unixepoch() stores them
            const QString at = QStringLiteral("to_timestamp(%1)").arg(number, 0, 'g', 17);
            return withTimeZone(type) ? at : QStringLiteral("(%1 AT TIME ZONE 'UTC')").arg(at);
        }
        const QString text = v.type == SourceValue::Integer ? QString::number(v.integer)
                             : integer && v.real == double(qint64(v.real))
                                 ? QString::number(qint64(v.real))
                                 : QString::number(v.real, 'g', 17);
        if (integer)
            return text;
        return PgConnection::quoteLiteral(text) + QStringLiteral("::") + type;
    }
    case SourceValue::Text:
    case SourceValue::Blob:
        break;
    }
    const QString text = QString::fromUtf8(v.bytes.data(), v.bytes.size());
    // A TEXT column turns the Unix seconds written into it into digits: still seconds.
    static const QRegularExpression seconds(QStringLiteral("^-?[0-9]+(\\.[0-9]+)?$"));
    if (time && seconds.match(text).hasMatch()) {
        SourceValue number;
        number.type = SourceValue::Real;
        number.real = text.toDouble();
        return literal(number, type);
    }
    return PgConnection::quoteLiteral(text) + QStringLiteral("::") + type;
}

Error historyError(const HistoryCopy &copy, const Error &cause)
{
    Error e = cause;
    e.message = QStringLiteral("history table %1 (%2): %3. The data is loaded and verified; "
                               "no history table was kept: rerun with --resume to write them")
                    .arg(copy.sourceName, copy.tool, cause.message);
    return e;
}

// Copies one table's rows; returns how many it read.
Result<qint64> copyRows(PgConnection &pg, SqliteReader &source, const HistoryCopy &copy,
                        const QString &target)
{
    QStringList selected, inserted;
    QList<const HistoryColumn *> columns;
    for (const HistoryColumn &c : copy.columns) {
        if (c.source.isEmpty())
            continue; // an older tool version's table: the column keeps its default
        selected << SqliteReader::quoteIdentifier(c.source);
        inserted << PgConnection::quoteIdentifier(c.target);
        columns << &c;
    }
    auto cursor = source.select(QStringLiteral("SELECT %1 FROM %2")
                                    .arg(selected.join(QStringLiteral(", ")),
                                         SqliteReader::quoteIdentifier(copy.sourceName)));
    if (!cursor)
        return cursor.error();
    const QString head = QStringLiteral("INSERT INTO %1 (%2) VALUES ")
                             .arg(target, inserted.join(QStringLiteral(", ")));
    qint64 rows = 0;
    QStringList batch;
    auto flush = [&]() -> Status {
        if (batch.isEmpty())
            return {};
        const Status s = pg.exec(head + batch.join(QStringLiteral(",\n")));
        batch.clear();
        return s;
    };
    for (;;) {
        auto more = (*cursor)->next();
        if (!more)
            return more.error();
        if (!*more)
            break;
        QStringList values;
        for (int i = 0; i < columns.size(); ++i)
            values << literal((*cursor)->value(i), columns[i]->type);
        batch << u'(' + values.join(QStringLiteral(", ")) + u')';
        ++rows;
        if (batch.size() >= 100) {
            if (Status s = flush(); !s.ok())
                return s.error();
        }
    }
    if (Status s = flush(); !s.ok())
        return s.error();
    return rows;
}

} // namespace

Result<QStringList> existingHistories(PgConnection &pg, const QList<HistoryCopy> &copies,
                                      const QString &schema)
{
    QStringList existing;
    for (const HistoryCopy &copy : copies) {
        auto found = pg.query(QStringLiteral("SELECT to_regclass(%1) IS NOT NULL")
                                  .arg(PgConnection::quoteLiteral(copy.qualifiedTarget(schema))));
        if (!found)
            return found.error();
        if (!found->isEmpty() && found->first().value(0) == QLatin1String("t"))
            existing << (copy.targetSchema.isEmpty() ? copy.targetName
                                                     : copy.targetSchema + u'.' + copy.targetName);
    }
    return existing;
}

std::optional<Error> copyHistories(PgConnection &pg, const QString &sourcePath,
                                   const QList<HistoryCopy> &copies, const QString &schema,
                                   bool replace, QList<TableResult> &results, bool ownTransaction)
{
    results.clear();
    if (copies.isEmpty())
        return std::nullopt;
    std::map<QString, std::unique_ptr<SqliteReader>> readers; // by file
    for (const HistoryCopy &copy : copies) {
        const QString path = copy.sourceFile.isEmpty() ? sourcePath : copy.sourceFile;
        if (readers.count(path))
            continue;
        auto reader = SqliteReader::open(path);
        if (!reader)
            return historyError(copy, reader.error());
        readers[path] = std::move(reader).value();
    }
    // Inside the caller's transaction a failure is the caller's to roll back.
    PgConnection *own = ownTransaction ? &pg : nullptr;
    auto rollback = [own] {
        if (own)
            own->rollback();
    };
    if (ownTransaction) {
        if (Status s = pg.exec(QStringLiteral("BEGIN")); !s.ok())
            return s.error();
    }
    // Unqualified names in the tools' DDL resolve in the transfer's target schema.
    if (Status s = pg.exec(QStringLiteral("SET LOCAL search_path TO %1")
                               .arg(PgConnection::quoteIdentifier(schema)));
        !s.ok())
        return rollback(), s.error();
    for (const HistoryCopy &copy : copies) {
        QElapsedTimer clock;
        clock.start();
        const QString target = copy.qualifiedTarget(schema);
        QStringList statements;
        if (replace)
            statements << QStringLiteral("DROP TABLE IF EXISTS %1 CASCADE").arg(target);
        statements << copy.createSql;
        for (const QString &sql : std::as_const(statements)) {
            if (Status s = pg.exec(sql); !s.ok())
                return rollback(), historyError(copy, s.error());
        }
        SqliteReader &source =
            *readers.at(copy.sourceFile.isEmpty() ? sourcePath : copy.sourceFile);
        auto rows = copyRows(pg, source, copy, target);
        if (!rows)
            return rollback(), historyError(copy, rows.error());
        for (const QString &sql : copy.afterRowsSql) {
            if (Status s = pg.exec(sql); !s.ok())
                return rollback(), historyError(copy, s.error());
        }
        auto counted = pg.query(QStringLiteral("SELECT count(*) FROM %1").arg(target));
        if (!counted)
            return rollback(), historyError(copy, counted.error());
        TableResult r;
        r.table = copy.targetSchema.isEmpty() ? copy.targetName
                                              : copy.targetSchema + u'.' + copy.targetName;
        r.rows = *rows;
        r.sourceChecksum = QString::number(*rows);
        r.targetChecksum = counted->value(0).value(0);
        r.verified = r.sourceChecksum == r.targetChecksum;
        r.ms = clock.elapsed();
        if (!r.verified) {
            rollback();
            return historyError(copy,
                                Error::database(QStringLiteral("%1 rows read, %2 written")
                                                    .arg(r.sourceChecksum, r.targetChecksum)));
        }
        results << r;
    }
    if (ownTransaction) {
        if (Status s = pg.exec(QStringLiteral("COMMIT")); !s.ok())
            return rollback(), s.error();
    }
    return std::nullopt;
}

std::optional<Error> recordMove(const ConnectionSpec &sqlite, const ConnectionSpec &postgres,
                                const QString &schema, const TransferResult &result, qint64 ms)
{
    auto session = DatabaseSession::open(postgres);
    if (!session)
        return session.error();
    DatabaseSession &db = **session;
    if (schema != QLatin1String("public")) {
        if (auto set = db.exec(
                QStringLiteral("SET search_path TO %1").arg(db.dialect().quoteIdentifier(schema)));
            !set)
            return set.error();
    }
    return recordMove(db, sqlite, result, ms);
}

std::optional<Error> recordMove(DatabaseSession &db, const ConnectionSpec &sqlite,
                                const TransferResult &result, qint64 ms, bool inOpenTransaction)
{
    // The audit log would otherwise be created in a transaction of its own, committing the
    // caller's.
    if (inOpenTransaction) {
        if (Status created = AuditLog(db).create(false); !created.ok())
            return created.error();
    }
    HistoryTable history(db);
    auto rows = history.read();
    if (!rows)
        return rows.error();
    // The version the database is at: the highest one its history holds.
    AppliedMigration move;
    std::optional<Version> highest;
    for (const AppliedMigration &row : std::as_const(*rows)) {
        if (!row.success || row.version.isEmpty() || HistoryTable::isTransfer(row) ||
            row.type == QLatin1String("repeatable"))
            continue;
        const auto v = Version::parse(row.version);
        if (v && (!highest || *v > *highest))
            highest = v, move.version = row.version;
    }
    qint64 tables = 0, moved = 0;
    bool verified = true;
    for (const TableResult &t : result.tables) {
        ++tables;
        moved += t.rows;
        verified = verified && t.verified;
    }
    auto live = Introspector::read(db);
    if (!live)
        return live.error();
    const QLocale c = QLocale::c();
    move.description =
        QStringLiteral("moved from SQLite %1: %2 table%3, %4 row%5, %6")
            .arg(QFileInfo(sqlite.path).fileName())
            .arg(tables)
            .arg(tables == 1 ? "" : "s")
            .arg(c.toString(moved))
            .arg(moved == 1 ? "" : "s")
            .arg(verified ? QStringLiteral("verified") : QStringLiteral("not verified"));
    move.type = QLatin1String(HistoryTable::transferType);
    move.script = QStringLiteral("<< transfer from %1 >>").arg(sqlite.displayUrl());
    move.executionMs = ms;
    move.success = true;
    move.snapshot = SnapshotStore::encode({std::nullopt, *live});
    if (auto inserted = db.exec(history.insertSql(move)); !inserted) {
        Error e = inserted.error();
        e.message = QStringLiteral("the data and history moved, but the move could not be "
                                   "recorded in %1: %2")
                        .arg(history.name(), e.message);
        return e;
    }
    AuditEntry entry;
    entry.action = QStringLiteral("transfer");
    entry.version = move.version;
    entry.description = move.description;
    entry.script = move.script;
    entry.outcome = QStringLiteral("ok");
    entry.executionMs = ms;
    entry.historyTable = history.name();
    if (Status logged = AuditLog(db).append(entry); !logged.ok()) {
        Error e = logged.error();
        e.message =
            QStringLiteral("the move was recorded, but not in the audit log: %1").arg(e.message);
        return e;
    }
    return std::nullopt;
}

} // namespace strata::transfer
