// SQLite introspection: sqlite_master for the objects and their stored SQL, the table-valued
// PRAGMA functions (pragma_table_xinfo, pragma_index_list, pragma_index_xinfo,
// pragma_foreign_key_list) joined against sqlite_master for the structure, so a schema of any
// size is read with a handful of queries. What the PRAGMAs do not report (constraint names,
// CHECK expressions, generated-column expressions, collations, DEFERRABLE, expression-index
// text, partial-index predicates, view bodies) is parsed from the stored CREATE statements by
// SqliteDdlParser.h.

#include "schema/Introspector.h"

#include "schema/SqliteDdlParser.h"
#include <QHash>
#include <QSet>
#include <QSqlError>
#include <QSqlQuery>
#include <QVariant>
#include <algorithm>
#include <utility>

namespace strata {

namespace {

using sqliteddl::asciiLower;
using sqliteddl::asciiUpper;
using sqliteddl::collationName;
using sqliteddl::parseCreateIndex;
using sqliteddl::parseCreateTable;
using sqliteddl::parseCreateView;
using sqliteddl::ParsedColumn;
using sqliteddl::ParsedForeignKey;
using sqliteddl::ParsedIndex;
using sqliteddl::ParsedTable;
using sqliteddl::ParsedUnique;
using sqliteddl::ParsedView;
using sqliteddl::sameName;
using sqliteddl::sameNames;

// Tables SQLite keeps for itself (sqlite_sequence, sqlite_stat1, ...).
bool isInternalName(const QString &name)
{
    return name.startsWith(QLatin1String("sqlite_"), Qt::CaseInsensitive);
}

// "NUMERIC( 10, 2 )" -> "numeric(10,2)": lower case, single spaces, none around ( ) and ,.
QString normaliseType(const QString &declared)
{
    QString out;
    out.reserve(declared.size());
    bool space = false;
    for (const QChar c : declared) {
        if (c.isSpace()) {
            space = !out.isEmpty();
            continue;
        }
        const bool punct = c == u'(' || c == u')' || c == u',';
        if (space && !punct && !out.endsWith(u'(') && !out.endsWith(u','))
            out += u' ';
        space = false;
        out += c.toLower();
    }
    return out;
}

// ---- queries ----

QString driverText(const QSqlError &error)
{
    QString text = error.databaseText().trimmed();
    if (text.isEmpty())
        text = error.driverText().trimmed();
    return text;
}

Error queryError(const QString &what, const QString &sql, const QSqlError &error)
{
    Error e = Error::database(what, driverText(error));
    e.statement = sql;
    return e;
}

// Runs a read-only query forward-only (QSQLITE caches nothing then) and hands each row to fn.
template <typename RowFn>
Status forEachRow(const QSqlDatabase &db, const QString &what, const QString &sql, RowFn &&fn)
{
    QSqlQuery query(db);
    query.setForwardOnly(true);
    if (!query.exec(sql))
        return queryError(what, sql, query.lastError());
    while (query.next())
        fn(query);
    if (query.lastError().isValid())
        return queryError(what, sql, query.lastError());
    return {};
}

QString text(const QSqlQuery &q, int i)
{
    const QVariant v = q.value(i);
    return v.isNull() ? QString() : v.toString();
}

// The joined PRAGMA queries read every ordinary table in one go. Virtual tables are left out
// here: asking for their columns needs their module, which may not be loaded.
const char *const tablesFilter = "m.type = 'table' AND m.sql NOT LIKE 'CREATE VIRTUAL%'";

struct MasterRow {
    QString type;
    QString name;
    QString table;
    QString sql;
};

struct ColumnRow {
    Column column;
    int pk = 0;
    int hidden = 0;
};

struct IndexRow {
    QString name;
    bool unique = false;
    QString origin; // c (CREATE INDEX), u (UNIQUE), pk (PRIMARY KEY)
};

struct IndexColumnRow {
    int cid = 0; // -2 = expression, -1 = rowid
    QString name;
    bool descending = false;
    QString collation;
};

struct ForeignKeyRow {
    int id = 0;
    QString refTable;
    QString from;
    QString to; // empty when the parent's primary key is meant
    QString onUpdate;
    QString onDelete;
    QString match;
};

struct TableWork {
    Table table;
    QString sql;
    QList<ColumnRow> columns;
    QList<IndexRow> indexes;
    QList<ForeignKeyRow> foreignKeys;
};

Result<Schema> readSchema(DatabaseSession &session, const IntrospectOptions &options)
{
    const QSqlDatabase db = session.database();
    const QString what = QStringLiteral("cannot read the SQLite schema");

    QList<MasterRow> master;
    const QString masterSql =
        QStringLiteral("SELECT type, name, tbl_name, sql FROM main.sqlite_master");
    Status status = forEachRow(db, what, masterSql, [&](const QSqlQuery &q) {
        master.append({text(q, 0), text(q, 1), text(q, 2), text(q, 3)});
    });
    if (!status)
        return status.error();

    // Virtual tables (FTS, R*Tree, ...) and the shadow tables that store them have no place in
    // the model. pragma_table_list (SQLite 3.37+) names the shadow tables; older libraries
    // only lose that distinction, so a failure here is not an error.
    QSet<QString> skipped;
    forEachRow(db, what,
               QStringLiteral("SELECT name FROM pragma_table_list WHERE schema = 'main' "
                              "AND type IN ('virtual', 'shadow')"),
               [&](const QSqlQuery &q) { skipped.insert(asciiLower(text(q, 0))); });
    QSet<QString> excluded;
    for (const QString &name : options.excludeTables)
        excluded.insert(asciiLower(name));

    QList<TableWork> work;
    QList<const MasterRow *> views, triggers;
    QHash<QString, QString> indexSql;
    for (const MasterRow &row : std::as_const(master)) {
        if (row.type == QLatin1String("table")) {
            const QString key = asciiLower(row.name);
            if (isInternalName(row.name) || excluded.contains(key) || skipped.contains(key) ||
                row.sql.startsWith(QLatin1String("CREATE VIRTUAL"), Qt::CaseInsensitive))
                continue;
            TableWork w;
            w.table.schema = QStringLiteral("main");
            w.table.name = row.name;
            w.sql = row.sql;
            work.append(std::move(w));
        } else if (row.type == QLatin1String("view")) {
            views.append(&row);
        } else if (row.type == QLatin1String("trigger")) {
            triggers.append(&row);
        } else if (row.type == QLatin1String("index")) {
            indexSql.insert(row.name, row.sql);
        }
    }
    std::sort(work.begin(), work.end(),
              [](const TableWork &a, const TableWork &b) { return a.table.name < b.table.name; });
    std::sort(views.begin(), views.end(),
              [](const MasterRow *a, const MasterRow *b) { return a->name < b->name; });
    QHash<QString, qsizetype> tableIndex; // ASCII-lower name -> index in work
    for (qsizetype i = 0; i < work.size(); ++i)
        tableIndex.insert(asciiLower(work[i].table.name), i);
    auto tableFor = [&](const QString &name) -> TableWork * {
        const auto it = tableIndex.constFind(asciiLower(name));
        return it == tableIndex.constEnd() ? nullptr : &work[*it];
    };

    status = forEachRow(
        db, what,
        QStringLiteral("SELECT m.name, p.name, p.type, p.\"notnull\", p.dflt_value, p.pk, p.hidden "
                       "FROM main.sqlite_master AS m JOIN pragma_table_xinfo(m.name, 'main') AS p "
                       "WHERE %1 ORDER BY m.name, p.cid")
            .arg(QLatin1String(tablesFilter)),
        [&](const QSqlQuery &q) {
            TableWork *w = tableFor(text(q, 0));
            if (!w)
                return;
            ColumnRow row;
            row.column.name = text(q, 1);
            row.column.declaredType = text(q, 2);
            row.column.type = normaliseType(row.column.declaredType);
            row.column.notNull = q.value(3).toInt() != 0;
            row.column.defaultExpr = text(q, 4);
            row.pk = q.value(5).toInt();
            row.hidden = q.value(6).toInt();
            w->columns.append(row);
        });
    if (!status)
        return status.error();

    status = forEachRow(
        db, what,
        QStringLiteral("SELECT m.name, i.name, i.\"unique\", i.origin "
                       "FROM main.sqlite_master AS m JOIN pragma_index_list(m.name, 'main') AS i "
                       "WHERE %1 ORDER BY m.name, i.name")
            .arg(QLatin1String(tablesFilter)),
        [&](const QSqlQuery &q) {
            if (TableWork *w = tableFor(text(q, 0)))
                w->indexes.append({text(q, 1), q.value(2).toInt() != 0, text(q, 3)});
        });
    if (!status)
        return status.error();

    QHash<QString, QList<IndexColumnRow>> indexColumns; // by index name; key columns only
    status = forEachRow(
        db, what,
        QStringLiteral("SELECT i.name, x.cid, x.name, x.\"desc\", x.coll "
                       "FROM main.sqlite_master AS m JOIN pragma_index_list(m.name, 'main') AS i "
                       "JOIN pragma_index_xinfo(i.name, 'main') AS x "
                       "WHERE %1 AND x.key = 1 ORDER BY i.name, x.seqno")
            .arg(QLatin1String(tablesFilter)),
        [&](const QSqlQuery &q) {
            indexColumns[text(q, 0)].append(
                {q.value(1).toInt(), text(q, 2), q.value(3).toInt() != 0, text(q, 4)});
        });
    if (!status)
        return status.error();

    status = forEachRow(
        db, what,
        QStringLiteral(
            "SELECT m.name, f.id, f.\"table\", f.\"from\", f.\"to\", f.on_update, "
            "f.on_delete, f.\"match\" "
            "FROM main.sqlite_master AS m JOIN pragma_foreign_key_list(m.name, 'main') AS f "
            "WHERE %1 ORDER BY m.name, f.id, f.seq")
            .arg(QLatin1String(tablesFilter)),
        [&](const QSqlQuery &q) {
            if (TableWork *w = tableFor(text(q, 0))) {
                w->foreignKeys.append({q.value(1).toInt(), text(q, 2), text(q, 3), text(q, 4),
                                       text(q, 5), text(q, 6), text(q, 7)});
            }
        });
    if (!status)
        return status.error();

    const int total = int(work.size() + views.size());
    int done = 0;
    auto step = [&](const QString &label) -> bool {
        if (!options.progress)
            return true;
        if (options.progress->cancelled())
            return false;
        options.progress->report(++done, total, label);
        return true;
    };

    for (TableWork &w : work) {
        Table &t = w.table;
        ParsedTable parsed = parseCreateTable(w.sql);
        t.withoutRowid = parsed.withoutRowid;

        QList<std::pair<int, QString>> pkColumns;
        for (ColumnRow &row : w.columns) {
            Column &c = row.column;
            const ParsedColumn column = parsed.columns.value(asciiLower(c.name));
            c.collation = column.collation;
            if (row.hidden == 2 || row.hidden == 3) {
                c.generatedExpr = column.generatedExpr;
                c.generatedStored = row.hidden == 3;
            }
            if (row.pk > 0)
                pkColumns.append({row.pk, c.name});
            t.columns.append(c);
        }
        std::sort(pkColumns.begin(), pkColumns.end());
        if (!pkColumns.isEmpty()) {
            PrimaryKey pk;
            pk.name = parsed.primaryKeyName;
            for (const auto &[order, name] : pkColumns)
                pk.columns << name;
            t.primaryKey = pk;
        }

        // INTEGER PRIMARY KEY is an alias of the rowid unless the table is WITHOUT ROWID or the
        // key has an index of its own (the `INTEGER PRIMARY KEY DESC` quirk): SQLite's rule.
        const bool pkIndex =
            std::any_of(w.indexes.cbegin(), w.indexes.cend(),
                        [](const IndexRow &i) { return i.origin == QLatin1String("pk"); });
        if (pkColumns.size() == 1 && !t.withoutRowid && !pkIndex) {
            for (Column &c : t.columns) {
                if (c.name == pkColumns.front().second &&
                    c.declaredType.compare(QLatin1String("INTEGER"), Qt::CaseInsensitive) == 0)
                    c.identity =
                        parsed.autoincrement ? IdentityKind::Autoincrement : IdentityKind::Rowid;
            }
        }

        for (const IndexRow &row : w.indexes) {
            if (row.origin == QLatin1String("pk"))
                continue; // reported as the table's primary key
            const QList<IndexColumnRow> keys = indexColumns.value(row.name);
            if (row.origin == QLatin1String("u")) {
                UniqueConstraint unique;
                for (const IndexColumnRow &k : keys)
                    unique.columns << k.name;
                for (ParsedUnique &p : parsed.uniques) {
                    if (!p.used && sameNames(p.columns, unique.columns)) {
                        p.used = true;
                        unique.name = p.name;
                        break;
                    }
                }
                t.uniques.append(unique);
                continue;
            }
            Index index;
            index.name = row.name;
            index.unique = row.unique;
            index.definition = indexSql.value(row.name);
            const ParsedIndex parsedIndex = parseCreateIndex(index.definition);
            index.where = parsedIndex.where;
            for (qsizetype k = 0; k < keys.size(); ++k) {
                IndexColumn column;
                if (keys[k].cid >= 0) {
                    column.expression = keys[k].name;
                } else {
                    column.isExpression = keys[k].cid == -2;
                    column.expression =
                        k < parsedIndex.items.size() ? parsedIndex.items[k] : QString();
                }
                column.descending = keys[k].descending;
                column.collation = collationName(keys[k].collation);
                index.columns.append(column);
            }
            t.indexes.append(index);
        }

        for (qsizetype r = 0; r < w.foreignKeys.size();) {
            const int id = w.foreignKeys[r].id;
            const ForeignKeyRow &first = w.foreignKeys[r];
            ForeignKey fk;
            fk.refTable = first.refTable;
            fk.onUpdate = asciiUpper(first.onUpdate);
            fk.onDelete = asciiUpper(first.onDelete);
            const QString match = asciiUpper(first.match);
            if (match != QLatin1String("NONE") && match != QLatin1String("SIMPLE"))
                fk.match = match;
            bool implicit = false;
            for (; r < w.foreignKeys.size() && w.foreignKeys[r].id == id; ++r) {
                fk.columns << w.foreignKeys[r].from;
                fk.refColumns << w.foreignKeys[r].to;
                implicit |= w.foreignKeys[r].to.isEmpty();
            }
            if (implicit)
                fk.refColumns.clear(); // filled from the parent's primary key below
            for (ParsedForeignKey &p : parsed.foreignKeys) {
                if (!p.used && sameName(p.refTable, fk.refTable) &&
                    sameNames(p.columns, fk.columns)) {
                    p.used = true;
                    fk.name = p.name;
                    fk.deferrable = p.deferrable;
                    fk.initiallyDeferred = p.initiallyDeferred && p.deferrable;
                    break;
                }
            }
            t.foreignKeys.append(fk);
        }

        t.checks = parsed.checks;
        if (!step(t.name))
            return Error::cancelled();
    }

    // Parent names as the parent spells them (SQLite matches them case-insensitively), and the
    // parent's primary key where the REFERENCES clause named no columns.
    for (TableWork &w : work) {
        for (ForeignKey &fk : w.table.foreignKeys) {
            const TableWork *parent = tableFor(fk.refTable);
            if (!parent)
                continue; // a dangling reference: SQLite allows it, keep it as written
            fk.refTable = parent->table.name;
            if (fk.refColumns.isEmpty() && parent->table.primaryKey)
                fk.refColumns = parent->table.primaryKey->columns;
            for (QString &column : fk.refColumns) {
                for (const Column &c : parent->table.columns) {
                    if (sameName(c.name, column))
                        column = c.name;
                }
            }
        }
    }

    // Triggers on views (INSTEAD OF) have no place in the model and are left out.
    for (const MasterRow *row : triggers) {
        if (TableWork *w = tableFor(row->table))
            w->table.triggers.append({row->name, row->sql});
    }

    Schema schema;
    schema.engine = Engine::Sqlite;
    schema.serverVersion = session.serverVersion();
    schema.schemas = QStringList{QStringLiteral("main")};
    QHash<QString, QString> relations; // ASCII-lower name -> name, for view dependencies
    for (TableWork &w : work) {
        relations.insert(asciiLower(w.table.name), w.table.name);
        schema.tables.append(std::move(w.table));
    }
    for (const MasterRow *row : views)
        relations.insert(asciiLower(row->name), row->name);

    for (const MasterRow *row : views) {
        View view;
        view.schema = QStringLiteral("main");
        view.name = row->name;
        ParsedView parsed = parseCreateView(row->sql, row->name, relations);
        view.definition = parsed.definition;
        view.dependsOn = parsed.dependsOn;
        const QString sql = QStringLiteral("PRAGMA main.table_xinfo(") +
                            session.dialect().quoteIdentifier(row->name) + u')';
        status =
            forEachRow(db, QStringLiteral("cannot read the columns of the view %1").arg(row->name),
                       sql, [&](const QSqlQuery &q) { view.columns << text(q, 1); });
        if (!status)
            return status.error();
        schema.views.append(view);
        if (!step(view.name))
            return Error::cancelled();
    }

    schema.normalise();
    return schema;
}

} // namespace

Result<Schema> introspectSqlite(DatabaseSession &session, const IntrospectOptions &options)
{
    // A savepoint reads every query from one snapshot, and works both outside a transaction
    // (it opens one) and inside the caller's (a dry run introspects mid-transaction).
    const QString begin = QStringLiteral("SAVEPOINT strata_introspect");
    const QString release = QStringLiteral("RELEASE strata_introspect");
    if (auto begun = session.exec(begin); !begun) {
        Error error = begun.error();
        error.message = QStringLiteral("cannot start reading the SQLite schema");
        return error;
    }
    Result<Schema> schema = readSchema(session, options);
    auto released = session.exec(release); // every query above is finished by now
    if (!schema)
        return schema;
    if (!released) {
        Error error = released.error();
        error.message = QStringLiteral("cannot finish reading the SQLite schema");
        return error;
    }
    return schema;
}

} // namespace strata
