#include "check/ReadinessBridge.h"
#include "transfer/TypeMapper.h"

#include "diff/TypeEquivalence.h"
#include "transfer/DefaultTranslator.h"

#include <QSet>
#include <QSqlError>
#include <QSqlQuery>
#include <QSqlRecord>

namespace strata::check {

namespace {

const QString nocase = QStringLiteral("NOCASE");

// "NOCASE", "nocase", "\"s\".\"NOCASE\"" -> "NOCASE"; other collations as they are.
QString collationName(const QString &collation)
{
    QString bare = collation;
    bare.remove(u'"');
    bare = bare.section(u'.', -1);
    return bare.compare(nocase, Qt::CaseInsensitive) == 0 ? nocase : collation;
}

QString renamed(const QString &schema, const QString &to)
{
    return schema.isEmpty() || schema == QLatin1String("main") ? to : schema;
}

// Tables in an order where every table comes after the tables its foreign keys reference
// (a cycle is broken where it closes; TRUNCATE covers the rest).
QList<const Table *> loadOrder(const Schema &schema)
{
    QList<const Table *> order;
    QSet<QString> placed;
    QList<const Table *> left;
    for (const Table &t : schema.tables)
        left << &t;
    while (!left.isEmpty()) {
        bool progressed = false;
        for (qsizetype i = 0; i < left.size(); ++i) {
            const Table *t = left[i];
            bool ready = true;
            for (const ForeignKey &fk : t->foreignKeys)
                ready &= fk.refTable == t->name || placed.contains(fk.refTable) ||
                         !schema.table(t->schema, fk.refTable);
            if (ready) {
                order << t;
                placed << t->name;
                left.removeAt(i);
                progressed = true;
                break;
            }
        }
        if (!progressed)
            order << left.takeFirst();
    }
    return order;
}

QString literal(const Dialect &d, const QVariant &value)
{
    if (value.isNull())
        return QStringLiteral("NULL");
    switch (value.typeId()) {
    case QMetaType::QByteArray:
        return QStringLiteral("'\\x") + QString::fromLatin1(value.toByteArray().toHex()) + u'\'';
    case QMetaType::Double:
        return u'\'' + QString::number(value.toDouble(), 'g', 17) + u'\'';
    default:
        // An untyped literal: PostgreSQL reads it as whatever the column is (integer, boolean
        // from 0/1, timestamp from SQLite's text), as the INSERT would have.
        return d.quoteLiteral(value.toString());
    }
}

Status copyRows(DatabaseSession &pg, DatabaseSession &sqlite, const Table &table,
                const QString &pgSchema)
{
    const Dialect &pd = pg.dialect();
    const Dialect &sd = sqlite.dialect();
    QStringList names, pgNames, sqliteNames;
    for (const Column &c : table.columns) {
        if (!c.generatedExpr.isEmpty())
            continue;
        pgNames << pd.quoteIdentifier(c.name);
        sqliteNames << sd.quoteIdentifier(c.name);
    }
    if (sqliteNames.isEmpty())
        return {};
    QSqlQuery rows(sqlite.database());
    rows.setForwardOnly(true);
    if (!rows.exec(
            QStringLiteral("SELECT %1 FROM %2")
                .arg(sqliteNames.join(QStringLiteral(", ")), sd.quoteIdentifier(table.name))))
        return Error::database(QStringLiteral("cannot read %1 on SQLite").arg(table.name),
                               rows.lastError().text());
    const QString head = QStringLiteral("INSERT INTO %1.%2 (%3) OVERRIDING SYSTEM VALUE VALUES ")
                             .arg(pd.quoteIdentifier(pgSchema), pd.quoteIdentifier(table.name),
                                  pgNames.join(QStringLiteral(", ")));
    QStringList batch;
    auto flush = [&]() -> Status {
        if (batch.isEmpty())
            return {};
        auto done = pg.exec(head + batch.join(QStringLiteral(", ")));
        batch.clear();
        if (!done)
            return done.error();
        return {};
    };
    while (rows.next()) {
        QStringList values;
        for (int i = 0; i < sqliteNames.size(); ++i)
            values << literal(pd, rows.value(i));
        batch << u'(' + values.join(QStringLiteral(", ")) + u')';
        if (batch.size() == 200) {
            if (Status s = flush(); !s.ok())
                return s;
        }
    }
    return flush();
}

// Every identity or serial sequence of the scratch schema moved past the largest key, so a
// later INSERT that leaves the key to PostgreSQL does not collide with a copied row.
Status resetSequences(DatabaseSession &pg, const QString &pgSchema)
{
    QSqlQuery q(pg.database());
    q.setForwardOnly(true);
    const QString sql =
        QStringLiteral(
            "SELECT format('%I.%I', n.nspname, c.relname), quote_ident(a.attname), s.seq "
            "FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace "
            "JOIN pg_attribute a ON a.attrelid = c.oid AND a.attnum > 0 AND NOT a.attisdropped "
            "CROSS JOIN LATERAL (SELECT pg_get_serial_sequence(format('%I.%I', n.nspname, "
            "c.relname), a.attname) AS seq) s "
            "WHERE c.relkind = 'r' AND n.nspname = %1 AND s.seq IS NOT NULL")
            .arg(pg.dialect().quoteLiteral(pgSchema));
    if (!q.exec(sql))
        return Error::database(QStringLiteral("cannot list the identity sequences"),
                               q.lastError().text());
    QStringList statements;
    while (q.next())
        statements << QStringLiteral("SELECT setval(%1, COALESCE((SELECT max(%2) FROM %3), 0) + 1, "
                                     "false)")
                          .arg(pg.dialect().quoteLiteral(q.value(2).toString()),
                               q.value(1).toString(), q.value(0).toString());
    q.finish();
    for (const QString &s : statements) {
        if (auto done = pg.exec(s); !done)
            return done.error();
    }
    return {};
}

// SQLite's defaults spelled for PostgreSQL the way transfer does it (datetime('now') and
// strftime(..., 'now') become expressions on now()); one that cannot be translated is left
// out, so the table can still be built (the note says so).
Schema withPostgresDefaults(const Schema &sqlite, const QString &pgSchema, QStringList &notes)
{
    TranslationContext context;
    context.schema = pgSchema;
    context.foldLowerCase = false;
    const ExpressionTranslator expressions(context);
    Schema out = sqlite;
    for (Table &t : out.tables) {
        const bool singlePk = t.primaryKey && t.primaryKey->columns.size() == 1;
        for (Column &c : t.columns) {
            if (c.defaultExpr.isEmpty())
                continue;
            const Column target =
                diff::translateColumn(c, Engine::Sqlite, Engine::Postgres,
                                      singlePk && t.primaryKey->columns.first() == c.name);
            if (target.identity != IdentityKind::None)
                continue;
            const Translation d = DefaultTranslator::translate(c.defaultExpr, target.declaredType,
                                                               ValueTransform::None, expressions);
            if (d.ok()) {
                c.defaultExpr = d.sql;
            } else {
                notes << QStringLiteral("the default of %1.%2 (%3): %4")
                             .arg(t.name, c.name, c.defaultExpr, d.problem);
                c.defaultExpr.clear();
            }
        }
    }
    return out;
}

// SQLite reports an index column's collation even when it is the column's own (index_xinfo
// gives the effective one); PostgreSQL only when it differs. Compared as PostgreSQL says it.
void dropInheritedIndexCollations(Table &t)
{
    for (Index &i : t.indexes) {
        for (IndexColumn &ic : i.columns) {
            const Column *c = ic.isExpression ? nullptr : t.column(ic.expression);
            if (c && ic.collation.compare(c->collation, Qt::CaseInsensitive) == 0)
                ic.collation.clear();
        }
    }
}

// What a change is about, whatever its DDL says: two diffs name the same change by it.
QString changeKey(const Change &c)
{
    return QStringLiteral("%1|%2|%3|%4|%5")
        .arg(changeActionName(c.action), objectKindName(c.kind), c.schema, c.table, c.name);
}

} // namespace

Schema sqliteAsScratch(const Schema &sqlite, const QString &pgSchema)
{
    Schema out = sqlite;
    for (QString &s : out.schemas)
        s = renamed(s, pgSchema);
    for (Table &t : out.tables) {
        t.schema = renamed(t.schema, pgSchema);
        for (Column &c : t.columns) {
            // A key referencing a NOCASE key compares as NOCASE: the transfer (and port)
            // carry it over that way (TypeMapper::inheritedNocase).
            const Table &source = sqlite.tables[&t - out.tables.data()]; // `out` is a copy
            if (!TypeMapper::inheritedNocase(sqlite, source, c).isEmpty())
                c.collation = nocase;
            c.collation = c.collation.isEmpty() ? c.collation : collationName(c.collation);
        }
        for (Index &i : t.indexes) {
            for (IndexColumn &ic : i.columns)
                ic.collation = ic.collation.isEmpty() ? ic.collation : collationName(ic.collation);
        }
        for (ForeignKey &fk : t.foreignKeys)
            fk.refSchema = renamed(fk.refSchema, pgSchema);
        dropInheritedIndexCollations(t);
    }
    for (View &v : out.views) {
        v.schema = renamed(v.schema, pgSchema);
        for (QString &d : v.dependsOn) {
            if (d.startsWith(QLatin1String("main.")))
                d = pgSchema + d.mid(4);
        }
    }
    return out;
}

Schema postgresComparable(const Schema &postgres)
{
    Schema out = postgres;
    for (Table &t : out.tables) {
        for (Column &c : t.columns) {
            const QString type = QString(c.type).remove(u'"').section(u'.', -1);
            if (type == QLatin1String("citext")) {
                c.declaredType = c.type = QStringLiteral("text");
                c.collation = nocase;
            } else if (!c.collation.isEmpty()) {
                c.collation = collationName(c.collation);
            }
        }
        dropInheritedIndexCollations(t);
    }
    return out;
}

namespace {

// PostgreSQL keeps a view as its own deparsed query, never as written: across engines two
// views are the same when they give the same columns.
Schema viewsByColumns(Schema schema)
{
    for (View &v : schema.views)
        v.definition = QStringLiteral("select ") + v.columns.join(QStringLiteral(", ")).toLower();
    return schema;
}

// An expression without its grouping: PostgreSQL stores a default with parentheses (and casts)
// of its own, which say nothing about its meaning here.
QString loose(const QString &expression)
{
    return diff::normaliseExpression(expression).remove(u'(').remove(u')').remove(u' ');
}

// A PostgreSQL default that is exactly what transfer (and port) make of SQLite's default
// (datetime('now') on a text column -> to_char(...)) means the same: it reads as SQLite's.
void alignTranslatedDefaults(Schema &postgres, const Schema &sqlite, const QString &pgSchema)
{
    QStringList ignored;
    const Schema translated = withPostgresDefaults(sqlite, pgSchema, ignored);
    for (Table &t : postgres.tables) {
        const Table *raw = nullptr;
        const Table *spelled = nullptr;
        for (qsizetype i = 0; i < sqlite.tables.size(); ++i) {
            if (sqlite.tables[i].name.compare(t.name, Qt::CaseInsensitive) == 0) {
                raw = &sqlite.tables[i];
                spelled = &translated.tables[i];
            }
        }
        if (!raw)
            continue;
        for (Column &c : t.columns) {
            for (qsizetype i = 0; i < raw->columns.size(); ++i) {
                if (raw->columns[i].name.compare(c.name, Qt::CaseInsensitive) != 0 ||
                    raw->columns[i].defaultExpr.isEmpty() || c.defaultExpr.isEmpty())
                    continue;
                if (loose(c.defaultExpr) == loose(spelled->columns[i].defaultExpr))
                    c.defaultExpr = raw->columns[i].defaultExpr;
            }
        }
    }
}

SchemaDiffResult compareCross(const Schema &postgres, const Schema &sqlite, const QString &pgSchema,
                              bool forPeople)
{
    DiffOptions options;
    options.crossEngine = true;
    Schema a = postgresComparable(postgres);
    Schema b = sqliteAsScratch(sqlite, pgSchema);
    if (forPeople) {
        alignTranslatedDefaults(a, sqlite, pgSchema);
        a = viewsByColumns(a);
        b = viewsByColumns(b);
    }
    return SchemaDiff::compare(a, b, options);
}

} // namespace

SchemaDiffResult crossDiff(const Schema &postgres, const Schema &sqlite, const QString &pgSchema)
{
    return compareCross(postgres, sqlite, pgSchema, true);
}

QList<Change> introducedChanges(const SchemaDiffResult &before, const SchemaDiffResult &after)
{
    QSet<QString> inherited;
    for (const Change &c : before.changes)
        inherited << c.summary;
    QList<Change> out;
    for (const Change &c : after.changes) {
        if (!inherited.contains(c.summary))
            out << c;
    }
    return out;
}

Result<QStringList> bridge(DatabaseSession &pg, const Schema &pgNow, DatabaseSession &sqlite,
                           const Schema &sqliteNow, const QString &pgSchema,
                           const QString &historySql, const SchemaDiffResult &inherited)
{
    // NOCASE columns need a case-insensitive collation of that (quoted, upper-case) name: an
    // unquoted COLLATE NOCASE in a later migration still fails, as on any other server.
    auto exists = pg.scalar(
        QStringLiteral("SELECT count(*) FROM pg_catalog.pg_collation WHERE collname = 'NOCASE' AND "
                       "collnamespace = (SELECT oid FROM pg_catalog.pg_namespace WHERE nspname = "
                       "current_schema())"));
    if (exists && exists->toInt() == 0 &&
        !pg.exec(QStringLiteral("CREATE COLLATION \"NOCASE\" (provider = icu, locale = "
                                "'und-u-ks-level2', deterministic = false)")))
        pg.exec(QStringLiteral("CREATE COLLATION \"NOCASE\" FROM \"C\"")); // no ICU

    // Only what the failed version should have built: a difference PostgreSQL already had
    // (a version that ran there and built something else) stays, as a fresh install keeps it;
    // and a column whose default only reads differently once translated is left alone.
    QSet<QString> wanted;
    for (const Change &c : crossDiff(pgNow, sqliteNow, pgSchema).changes)
        wanted << changeKey(c);
    for (const Change &c : inherited.changes)
        wanted.remove(changeKey(c));
    QStringList skipped;
    const Schema target = withPostgresDefaults(sqliteNow, pgSchema, skipped);
    SchemaDiffResult ddl = compareCross(pgNow, target, pgSchema, false);
    ddl.changes.removeIf([&](const Change &c) { return !wanted.contains(changeKey(c)); });
    if (auto begun = pg.exec(QStringLiteral("BEGIN")); !begun)
        return begun.error();
    auto fail = [&](Error error, const QString &what) -> Error {
        pg.exec(QStringLiteral("ROLLBACK"));
        error.message = what;
        return error;
    };
    // Each change and each table's rows under a savepoint: what PostgreSQL refuses (a view or
    // CHECK in SQLite's dialect) is left out and named, and the rest still carries the check on.
    auto attempt = [&](const QStringList &statements) -> Status {
        pg.exec(QStringLiteral("SAVEPOINT strata_bridge"));
        for (const QString &statement : statements) {
            if (auto done = pg.exec(statement); !done) {
                pg.exec(QStringLiteral("ROLLBACK TO SAVEPOINT strata_bridge"));
                return done.error();
            }
        }
        pg.exec(QStringLiteral("RELEASE SAVEPOINT strata_bridge"));
        return {};
    };
    QSet<QString> missingTables;
    for (const Change &change : ddl.changes) {
        if (Status done = attempt(change.forward); !done.ok()) {
            skipped << QStringLiteral("%1: %2").arg(
                change.summary, done.error().driverMessage.section(u'\n', 0, 0));
            if (change.kind == ObjectKind::Table && change.action == ChangeAction::Create)
                missingTables << change.name;
        }
    }
    const Dialect &d = pg.dialect();
    QStringList tables;
    QList<const Table *> order;
    for (const Table *t : loadOrder(sqliteNow)) {
        if (missingTables.contains(t->name))
            continue;
        order << t;
        tables << d.quoteIdentifier(pgSchema) + u'.' + d.quoteIdentifier(t->name);
    }
    if (!tables.isEmpty()) {
        if (auto done = pg.exec(QStringLiteral("TRUNCATE %1 RESTART IDENTITY CASCADE")
                                    .arg(tables.join(QStringLiteral(", "))));
            !done)
            return fail(done.error(), QStringLiteral("cannot empty the PostgreSQL tables"));
    }
    for (const Table *t : order) {
        pg.exec(QStringLiteral("SAVEPOINT strata_bridge"));
        if (Status copied = copyRows(pg, sqlite, *t, pgSchema); !copied.ok()) {
            pg.exec(QStringLiteral("ROLLBACK TO SAVEPOINT strata_bridge"));
            skipped << QStringLiteral("the rows of %1: %2")
                           .arg(t->name, copied.error().driverMessage.section(u'\n', 0, 0));
        } else {
            pg.exec(QStringLiteral("RELEASE SAVEPOINT strata_bridge"));
        }
    }
    if (Status reset = resetSequences(pg, pgSchema); !reset.ok())
        return fail(reset.error(), QStringLiteral("cannot move the identity sequences"));
    if (!historySql.isEmpty()) {
        if (auto done = pg.exec(historySql); !done)
            return fail(done.error(), QStringLiteral("cannot record the version in the history"));
    }
    if (auto committed = pg.exec(QStringLiteral("COMMIT")); !committed)
        return fail(committed.error(), QStringLiteral("cannot commit the bridged schema"));
    return skipped;
}

} // namespace strata::check
