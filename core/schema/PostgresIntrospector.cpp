#include "schema/Introspector.h"

#include <QHash>
#include <QJsonArray>
#include <QJsonDocument>
#include <QSqlError>
#include <QSqlQuery>
#include <limits>

// PostgreSQL introspection: eight set-based catalog queries (schemas, tables+columns,
// constraints, indexes, triggers, views, sequences, enums), whatever the number of tables.
// Lists that come back from the server (constraint columns, index keys, view columns) are
// aggregated to JSON there and parsed with QJsonDocument, which copes with any identifier.
//
// The deparsing functions (format_type, pg_get_expr, pg_get_*def) qualify names that are not
// visible on the session's search_path, as psql and pg_dump do; with the default search_path
// that means objects in "public" come back unqualified and objects elsewhere qualified.

namespace strata {

namespace {

constexpr int stepCount = 8;

struct Context {
    DatabaseSession &session;
    const IntrospectOptions &options;
    QString namespaces; // oid[] literal of the schemas being read
    QString excluded;   // name[] literal of options.excludeTables
    int step = 0;
};

QString driverText(const QSqlError &error)
{
    QString text = error.databaseText().trimmed();
    if (text.isEmpty())
        text = error.driverText().trimmed();
    return text;
}

QString nameArray(const Dialect &dialect, const QStringList &names)
{
    QStringList quoted;
    quoted.reserve(names.size());
    for (const QString &name : names)
        quoted << dialect.quoteLiteral(name);
    return QStringLiteral("ARRAY[%1]::name[]").arg(quoted.join(QStringLiteral(", ")));
}

// Runs one catalog query and hands each row to `row`. Reports progress before it starts.
template <typename RowFn>
std::optional<Error> run(Context &ctx, const QString &what, const QString &sql, RowFn row)
{
    if (Progress *progress = ctx.options.progress) {
        if (progress->cancelled())
            return Error::cancelled();
        progress->report(ctx.step, stepCount, QStringLiteral("Reading %1").arg(what));
    }
    QSqlQuery query(ctx.session.database());
    query.setForwardOnly(true);
    bool ok = query.exec(sql);
    if (ok) {
        while (query.next())
            row(query);
        // A forward-only result streams its rows: a failure can also surface while fetching.
        ok = query.lastError().type() == QSqlError::NoError;
    }
    if (!ok) {
        Error error = Error::database(
            QStringLiteral("reading the %1 from the PostgreSQL catalog failed").arg(what),
            driverText(query.lastError()));
        error.statement = sql;
        return error;
    }
    ++ctx.step;
    return std::nullopt;
}

QJsonArray jsonArray(const QVariant &value)
{
    if (value.isNull())
        return {};
    return QJsonDocument::fromJson(value.toString().toUtf8()).array();
}

QStringList jsonStrings(const QVariant &value)
{
    const QJsonArray array = jsonArray(value);
    QStringList out;
    out.reserve(array.size());
    for (const QJsonValue &v : array)
        out << v.toString();
    return out;
}

// format_type() text in the model's normalised spelling: lower case and single spaces, except
// inside double-quoted identifiers, whose case and spacing are part of the name.
QString normaliseType(const QString &declared)
{
    QString out;
    out.reserve(declared.size());
    bool quoted = false, pendingSpace = false;
    for (const QChar ch : declared) {
        if (!quoted && ch.isSpace()) {
            pendingSpace = !out.isEmpty();
            continue;
        }
        if (pendingSpace)
            out += u' ';
        pendingSpace = false;
        if (ch == u'"')
            quoted = !quoted; // a doubled quote inside a name toggles twice
        out += quoted ? ch : ch.toLower();
    }
    return out;
}

// pg_get_constraintdef() of a CHECK is "CHECK (<expr>)[ NO INHERIT][ NOT VALID]".
QString checkExpression(QString definition)
{
    definition = definition.trimmed();
    for (const QLatin1String suffix : {QLatin1String(" NOT VALID"), QLatin1String(" NO INHERIT")}) {
        if (definition.endsWith(suffix))
            definition.chop(suffix.size());
    }
    const QLatin1String prefix("CHECK (");
    if (definition.startsWith(prefix) && definition.endsWith(u')'))
        return definition.mid(prefix.size(), definition.size() - prefix.size() - 1);
    return definition;
}

QString referentialAction(const QString &code)
{
    switch (code.isEmpty() ? u'a' : code.at(0).unicode()) {
    case u'r':
        return QStringLiteral("RESTRICT");
    case u'c':
        return QStringLiteral("CASCADE");
    case u'n':
        return QStringLiteral("SET NULL");
    case u'd':
        return QStringLiteral("SET DEFAULT");
    default:
        return QStringLiteral("NO ACTION");
    }
}

qint64 typeMaximum(const QString &dataType)
{
    if (dataType == QLatin1String("smallint"))
        return std::numeric_limits<qint16>::max();
    if (dataType == QLatin1String("integer"))
        return std::numeric_limits<qint32>::max();
    return std::numeric_limits<qint64>::max();
}

// Relations that belong to an extension are the extension's business, as in pg_dump.
QString notExtensionMember(const QString &alias, const QString &catalog)
{
    return QStringLiteral("NOT EXISTS (SELECT 1 FROM pg_depend x WHERE x.classid = '%2'::regclass "
                          "AND x.objid = %1.oid AND x.deptype = 'e')")
        .arg(alias, catalog);
}

std::optional<Error> readSchemas(Context &ctx, Schema &schema)
{
    const QString filter =
        ctx.options.schemas.isEmpty()
            ? QStringLiteral("n.nspname !~ '^pg_' AND n.nspname <> 'information_schema'")
            : QStringLiteral("n.nspname = ANY (%1)")
                  .arg(nameArray(ctx.session.dialect(), ctx.options.schemas));
    const QString sql =
        QStringLiteral("SELECT n.oid::int8, n.nspname, d.description\n"
                       "FROM pg_namespace n\n"
                       "LEFT JOIN pg_description d ON d.objoid = n.oid\n"
                       "  AND d.classoid = 'pg_namespace'::regclass AND d.objsubid = 0\n"
                       "WHERE %1 AND %2")
            .arg(filter, notExtensionMember(QStringLiteral("n"), QStringLiteral("pg_namespace")));
    QStringList oids;
    auto error = run(ctx, QStringLiteral("schemas"), sql, [&](const QSqlQuery &q) {
        oids << QString::number(q.value(0).toLongLong());
        const QString name = q.value(1).toString();
        schema.schemas << name;
        if (!q.value(2).isNull())
            schema.schemaComments.append({name, q.value(2).toString()});
    });
    ctx.namespaces = QStringLiteral("ARRAY[%1]::oid[]").arg(oids.join(QStringLiteral(", ")));
    return error;
}

std::optional<Error> readTables(Context &ctx, Schema &schema, QHash<qint64, qsizetype> &byOid)
{
    const QString sql =
        QStringLiteral(
            "SELECT c.oid::int8, n.nspname, c.relname, td.description,\n"
            "  a.attname, format_type(a.atttypid, a.atttypmod), a.attnotnull,\n"
            "  pg_get_expr(ad.adbin, ad.adrelid), a.attidentity::text, a.attgenerated::text,\n"
            "  CASE WHEN a.attcollation <> ty.typcollation THEN co.collname END,\n"
            "  cd.description,\n"
            // A serial column: its default reads a sequence that the column owns.
            "  ad.oid IS NOT NULL AND EXISTS (\n"
            "    SELECT 1 FROM pg_depend dd\n"
            "    JOIN pg_depend od ON od.classid = 'pg_class'::regclass\n"
            "      AND od.objid = dd.refobjid AND od.objsubid = 0\n"
            "      AND od.refclassid = 'pg_class'::regclass AND od.refobjid = a.attrelid\n"
            "      AND od.refobjsubid = a.attnum AND od.deptype = 'a'\n"
            "    WHERE dd.classid = 'pg_attrdef'::regclass AND dd.objid = ad.oid\n"
            "      AND dd.refclassid = 'pg_class'::regclass)\n"
            "FROM pg_class c\n"
            "JOIN pg_namespace n ON n.oid = c.relnamespace\n"
            "LEFT JOIN pg_description td ON td.objoid = c.oid\n"
            "  AND td.classoid = 'pg_class'::regclass AND td.objsubid = 0\n"
            "LEFT JOIN pg_attribute a ON a.attrelid = c.oid\n"
            "  AND a.attnum > 0 AND NOT a.attisdropped\n"
            "LEFT JOIN pg_type ty ON ty.oid = a.atttypid\n"
            "LEFT JOIN pg_collation co ON co.oid = a.attcollation\n"
            "LEFT JOIN pg_attrdef ad ON ad.adrelid = a.attrelid AND ad.adnum = a.attnum\n"
            "LEFT JOIN pg_description cd ON cd.objoid = c.oid\n"
            "  AND cd.classoid = 'pg_class'::regclass AND cd.objsubid = a.attnum\n"
            "WHERE c.relkind IN ('r', 'p') AND c.relnamespace = ANY (%1)\n"
            "  AND c.relname <> ALL (%2) AND %3\n"
            "ORDER BY c.oid, a.attnum")
            .arg(ctx.namespaces, ctx.excluded,
                 notExtensionMember(QStringLiteral("c"), QStringLiteral("pg_class")));
    qint64 currentOid = -1; // rows come grouped by table
    return run(ctx, QStringLiteral("tables and columns"), sql, [&](const QSqlQuery &q) {
        const qint64 oid = q.value(0).toLongLong();
        if (oid != currentOid) {
            currentOid = oid;
            Table t;
            t.schema = q.value(1).toString();
            t.name = q.value(2).toString();
            t.comment = q.value(3).toString();
            byOid.insert(oid, schema.tables.size());
            schema.tables.append(std::move(t));
        }
        if (q.value(4).isNull())
            return; // a table without columns
        Table *table = &schema.tables.last();
        Column c;
        c.name = q.value(4).toString();
        c.declaredType = q.value(5).toString();
        c.type = normaliseType(c.declaredType);
        c.notNull = q.value(6).toBool();
        const QString expression = q.value(7).toString();
        const QString identity = q.value(8).toString();
        const QString generated = q.value(9).toString();
        if (!generated.isEmpty()) {
            c.generatedExpr = expression;
            c.generatedStored = generated == QLatin1String("s");
        } else {
            c.defaultExpr = expression;
        }
        if (identity == QLatin1String("a"))
            c.identity = IdentityKind::Always;
        else if (identity == QLatin1String("d"))
            c.identity = IdentityKind::ByDefault;
        else if (q.value(12).toBool() && expression.startsWith(QLatin1String("nextval('")) &&
                 expression.endsWith(QLatin1String("'::regclass)")))
            c.identity = IdentityKind::Serial;
        c.collation = q.value(10).toString();
        c.comment = q.value(11).toString();
        table->columns.append(std::move(c));
    });
}

std::optional<Error> readConstraints(Context &ctx, Schema &schema,
                                     const QHash<qint64, qsizetype> &byOid)
{
    const QString sql =
        QStringLiteral(
            "SELECT k.conrelid::int8, k.conname, k.contype::text,\n"
            "  (SELECT json_agg(a.attname ORDER BY u.n)\n"
            "     FROM unnest(k.conkey) WITH ORDINALITY u(attnum, n)\n"
            "     JOIN pg_attribute a ON a.attrelid = k.conrelid AND a.attnum = u.attnum)::text,\n"
            "  rn.nspname, rc.relname,\n"
            "  (SELECT json_agg(a.attname ORDER BY u.n)\n"
            "     FROM unnest(k.confkey) WITH ORDINALITY u(attnum, n)\n"
            "     JOIN pg_attribute a ON a.attrelid = k.confrelid\n"
            "       AND a.attnum = u.attnum)::text,\n"
            "  k.confupdtype::text, k.confdeltype::text, k.confmatchtype::text,\n"
            "  k.condeferrable, k.condeferred,\n"
            "  CASE WHEN k.contype = 'c' THEN pg_get_constraintdef(k.oid) END\n"
            "FROM pg_constraint k\n"
            "JOIN pg_class c ON c.oid = k.conrelid\n"
            "LEFT JOIN pg_class rc ON rc.oid = k.confrelid\n"
            "LEFT JOIN pg_namespace rn ON rn.oid = rc.relnamespace\n"
            "WHERE k.contype IN ('p', 'u', 'f', 'c') AND c.relkind IN ('r', 'p')\n"
            "  AND c.relnamespace = ANY (%1) AND c.relname <> ALL (%2)")
            .arg(ctx.namespaces, ctx.excluded);
    return run(ctx, QStringLiteral("constraints"), sql, [&](const QSqlQuery &q) {
        const qsizetype at = byOid.value(q.value(0).toLongLong(), -1);
        if (at < 0)
            return; // an extension's table
        Table &table = schema.tables[at];
        const QString name = q.value(1).toString();
        const QString type = q.value(2).toString();
        const QStringList columns = jsonStrings(q.value(3));
        if (type == QLatin1String("p")) {
            table.primaryKey = PrimaryKey{name, columns};
        } else if (type == QLatin1String("u")) {
            table.uniques.append({name, columns});
        } else if (type == QLatin1String("f")) {
            ForeignKey fk;
            fk.name = name;
            fk.columns = columns;
            fk.refSchema = q.value(4).toString();
            fk.refTable = q.value(5).toString();
            fk.refColumns = jsonStrings(q.value(6));
            fk.onUpdate = referentialAction(q.value(7).toString());
            fk.onDelete = referentialAction(q.value(8).toString());
            const QString match = q.value(9).toString();
            if (match == QLatin1String("f"))
                fk.match = QStringLiteral("FULL");
            else if (match == QLatin1String("p"))
                fk.match = QStringLiteral("PARTIAL");
            fk.deferrable = q.value(10).toBool();
            fk.initiallyDeferred = q.value(11).toBool();
            table.foreignKeys.append(std::move(fk));
        } else {
            table.checks.append({name, checkExpression(q.value(12).toString())});
        }
    });
}

std::optional<Error> readIndexes(Context &ctx, Schema &schema,
                                 const QHash<qint64, qsizetype> &byOid)
{
    // Per key column: [text, is expression, indoption, collation or null]. The collation is
    // reported when it differs from the column's (for an expression: from its type's default).
    const QString sql =
        QStringLiteral(
            "SELECT i.indrelid::int8, ic.relname, i.indisunique, am.amname,\n"
            "  pg_get_indexdef(i.indexrelid), pg_get_expr(i.indpred, i.indrelid), d.description,\n"
            "  (SELECT json_agg(json_build_array(\n"
            "       CASE WHEN u.attnum = 0 THEN pg_get_indexdef(i.indexrelid, u.n::int, true)\n"
            "            ELSE a.attname::text END,\n"
            "       u.attnum = 0, u.opt,\n"
            "       CASE WHEN u.coll <> 0 AND u.coll <> CASE WHEN u.attnum = 0\n"
            "                                                THEN ity.typcollation\n"
            "                                                ELSE a.attcollation END\n"
            "            THEN co.collname END) ORDER BY u.n)\n"
            "     FROM unnest(i.indkey::int2[], i.indoption::int2[], i.indcollation::oid[])\n"
            "          WITH ORDINALITY u(attnum, opt, coll, n)\n"
            "     LEFT JOIN pg_attribute a ON a.attrelid = i.indrelid AND a.attnum = u.attnum\n"
            "     LEFT JOIN pg_attribute ia ON ia.attrelid = i.indexrelid AND ia.attnum = u.n\n"
            "     LEFT JOIN pg_type ity ON ity.oid = ia.atttypid\n"
            "     LEFT JOIN pg_collation co ON co.oid = u.coll\n"
            "     WHERE u.n <= i.indnkeyatts)::text\n"
            "FROM pg_index i\n"
            "JOIN pg_class c ON c.oid = i.indrelid\n"
            "JOIN pg_class ic ON ic.oid = i.indexrelid\n"
            "JOIN pg_am am ON am.oid = ic.relam\n"
            "LEFT JOIN pg_description d ON d.objoid = i.indexrelid\n"
            "  AND d.classoid = 'pg_class'::regclass AND d.objsubid = 0\n"
            "WHERE c.relkind IN ('r', 'p') AND c.relnamespace = ANY (%1)\n"
            "  AND c.relname <> ALL (%2)\n"
            "  AND NOT EXISTS (SELECT 1 FROM pg_constraint k WHERE k.conindid = i.indexrelid\n"
            "                    AND k.contype IN ('p', 'u', 'x'))")
            .arg(ctx.namespaces, ctx.excluded);
    return run(ctx, QStringLiteral("indexes"), sql, [&](const QSqlQuery &q) {
        const qsizetype at = byOid.value(q.value(0).toLongLong(), -1);
        if (at < 0)
            return;
        Index index;
        index.name = q.value(1).toString();
        index.unique = q.value(2).toBool();
        index.method = q.value(3).toString();
        index.definition = q.value(4).toString();
        index.where = q.value(5).toString();
        index.comment = q.value(6).toString();
        for (const QJsonValue &v : jsonArray(q.value(7))) {
            const QJsonArray key = v.toArray();
            IndexColumn column;
            column.expression = key.at(0).toString();
            column.isExpression = key.at(1).toBool();
            const int option = key.at(2).toInt();
            column.descending = option & 1;
            const bool nullsFirst = option & 2;
            if (nullsFirst != column.descending) // default: ASC NULLS LAST, DESC NULLS FIRST
                column.nulls = nullsFirst ? QStringLiteral("FIRST") : QStringLiteral("LAST");
            column.collation = key.at(3).toString();
            index.columns.append(std::move(column));
        }
        schema.tables[at].indexes.append(std::move(index));
    });
}

std::optional<Error> readTriggers(Context &ctx, Schema &schema,
                                  const QHash<qint64, qsizetype> &byOid)
{
    const QString sql =
        QStringLiteral("SELECT t.tgrelid::int8, t.tgname, pg_get_triggerdef(t.oid, true)\n"
                       "FROM pg_trigger t\n"
                       "JOIN pg_class c ON c.oid = t.tgrelid\n"
                       "WHERE NOT t.tgisinternal AND c.relkind IN ('r', 'p')\n"
                       "  AND c.relnamespace = ANY (%1) AND c.relname <> ALL (%2)")
            .arg(ctx.namespaces, ctx.excluded);
    return run(ctx, QStringLiteral("triggers"), sql, [&](const QSqlQuery &q) {
        const qsizetype at = byOid.value(q.value(0).toLongLong(), -1);
        if (at >= 0)
            schema.tables[at].triggers.append({q.value(1).toString(), q.value(2).toString()});
    });
}

std::optional<Error> readViews(Context &ctx, Schema &schema)
{
    const QString sql =
        QStringLiteral(
            "SELECT n.nspname, c.relname, c.relkind = 'm', pg_get_viewdef(c.oid, true),\n"
            "  d.description,\n"
            "  (SELECT json_agg(a.attname ORDER BY a.attnum) FROM pg_attribute a\n"
            "     WHERE a.attrelid = c.oid AND a.attnum > 0 AND NOT a.attisdropped)::text,\n"
            "  (SELECT json_agg(DISTINCT rn.nspname || '.' || rc.relname)\n"
            "     FROM pg_rewrite r\n"
            "     JOIN pg_depend dp ON dp.classid = 'pg_rewrite'::regclass AND dp.objid = r.oid\n"
            "       AND dp.refclassid = 'pg_class'::regclass AND dp.refobjid <> c.oid\n"
            "     JOIN pg_class rc ON rc.oid = dp.refobjid\n"
            "     JOIN pg_namespace rn ON rn.oid = rc.relnamespace\n"
            "     WHERE r.ev_class = c.oid AND rc.relkind IN ('r', 'p', 'v', 'm', 'f'))::text\n"
            "FROM pg_class c\n"
            "JOIN pg_namespace n ON n.oid = c.relnamespace\n"
            "LEFT JOIN pg_description d ON d.objoid = c.oid\n"
            "  AND d.classoid = 'pg_class'::regclass AND d.objsubid = 0\n"
            "WHERE c.relkind IN ('v', 'm') AND c.relnamespace = ANY (%1) AND %2")
            .arg(ctx.namespaces,
                 notExtensionMember(QStringLiteral("c"), QStringLiteral("pg_class")));
    return run(ctx, QStringLiteral("views"), sql, [&](const QSqlQuery &q) {
        View v;
        v.schema = q.value(0).toString();
        v.name = q.value(1).toString();
        v.materialized = q.value(2).toBool();
        QString definition = q.value(3).toString().trimmed();
        if (definition.endsWith(u';'))
            definition.chop(1);
        v.definition = definition.trimmed();
        v.comment = q.value(4).toString();
        v.columns = jsonStrings(q.value(5));
        v.dependsOn = jsonStrings(q.value(6));
        schema.views.append(std::move(v));
    });
}

std::optional<Error> readSequences(Context &ctx, Schema &schema)
{
    // Identity sequences (deptype 'i') belong to their column and are left out; serial ones
    // (deptype 'a', OWNED BY) are kept with their owner, unless that table is excluded.
    const QString sql =
        QStringLiteral(
            "SELECT n.nspname, c.relname, format_type(s.seqtypid, NULL), s.seqstart,\n"
            "  s.seqincrement, s.seqmin, s.seqmax, s.seqcycle, o.relname, o.attname\n"
            "FROM pg_sequence s\n"
            "JOIN pg_class c ON c.oid = s.seqrelid\n"
            "JOIN pg_namespace n ON n.oid = c.relnamespace\n"
            "LEFT JOIN LATERAL (\n"
            "  SELECT d.deptype, t.relname, a.attname FROM pg_depend d\n"
            "  JOIN pg_class t ON t.oid = d.refobjid\n"
            "  JOIN pg_attribute a ON a.attrelid = d.refobjid AND a.attnum = d.refobjsubid\n"
            "  WHERE d.classid = 'pg_class'::regclass AND d.objid = s.seqrelid AND d.objsubid = 0\n"
            "    AND d.refclassid = 'pg_class'::regclass AND d.deptype IN ('a', 'i')\n"
            "  LIMIT 1) o ON true\n"
            "WHERE c.relnamespace = ANY (%1) AND o.deptype IS DISTINCT FROM 'i'\n"
            "  AND (o.relname IS NULL OR o.relname <> ALL (%2)) AND %3")
            .arg(ctx.namespaces, ctx.excluded,
                 notExtensionMember(QStringLiteral("c"), QStringLiteral("pg_class")));
    return run(ctx, QStringLiteral("sequences"), sql, [&](const QSqlQuery &q) {
        Sequence s;
        s.schema = q.value(0).toString();
        s.name = q.value(1).toString();
        s.dataType = q.value(2).toString();
        s.start = q.value(3).toLongLong();
        s.increment = q.value(4).toLongLong();
        s.minValue = q.value(5).toLongLong();
        s.maxValue = q.value(6).toLongLong();
        if (s.maxValue == typeMaximum(s.dataType))
            s.maxValue = 0;
        s.cycle = q.value(7).toBool();
        if (!q.value(8).isNull())
            s.ownedBy = q.value(8).toString() + u'.' + q.value(9).toString();
        schema.sequences.append(std::move(s));
    });
}

std::optional<Error> readEnums(Context &ctx, Schema &schema)
{
    const QString sql =
        QStringLiteral("SELECT n.nspname, t.typname,\n"
                       "  (SELECT json_agg(e.enumlabel ORDER BY e.enumsortorder) FROM pg_enum e\n"
                       "     WHERE e.enumtypid = t.oid)::text,\n"
                       "  d.description\n"
                       "FROM pg_type t\n"
                       "JOIN pg_namespace n ON n.oid = t.typnamespace\n"
                       "LEFT JOIN pg_description d ON d.objoid = t.oid\n"
                       "  AND d.classoid = 'pg_type'::regclass AND d.objsubid = 0\n"
                       "WHERE t.typtype = 'e' AND t.typnamespace = ANY (%1) AND %2")
            .arg(ctx.namespaces,
                 notExtensionMember(QStringLiteral("t"), QStringLiteral("pg_type")));
    return run(ctx, QStringLiteral("enums"), sql, [&](const QSqlQuery &q) {
        schema.enums.append({q.value(0).toString(), q.value(1).toString(), jsonStrings(q.value(2)),
                             q.value(3).toString()});
    });
}

} // namespace

Result<Schema> introspectPostgres(DatabaseSession &session, const IntrospectOptions &options)
{
    if (session.dialect().engine() != Engine::Postgres)
        return Error::usage(QStringLiteral("PostgreSQL introspection needs a PostgreSQL session"));

    Context ctx{session, options, {}, nameArray(session.dialect(), options.excludeTables)};
    Schema schema;
    schema.engine = Engine::Postgres;
    schema.serverVersion = session.serverVersion();
    QHash<qint64, qsizetype> tablesByOid;

    if (auto error = readSchemas(ctx, schema))
        return *error;
    if (auto error = readTables(ctx, schema, tablesByOid))
        return *error;
    if (auto error = readConstraints(ctx, schema, tablesByOid))
        return *error;
    if (auto error = readIndexes(ctx, schema, tablesByOid))
        return *error;
    if (auto error = readTriggers(ctx, schema, tablesByOid))
        return *error;
    if (auto error = readViews(ctx, schema))
        return *error;
    if (auto error = readSequences(ctx, schema))
        return *error;
    if (auto error = readEnums(ctx, schema))
        return *error;

    if (options.progress)
        options.progress->report(stepCount, stepCount, QStringLiteral("Schema read"));
    schema.normalise();
    return schema;
}

} // namespace strata
