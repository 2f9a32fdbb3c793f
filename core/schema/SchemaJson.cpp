#include "schema/SchemaJson.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

namespace strata {

QString engineName(Engine engine)
{
    return engine == Engine::Postgres ? QStringLiteral("postgresql") : QStringLiteral("sqlite");
}

std::optional<Engine> engineFromName(const QString &name)
{
    if (name == QLatin1String("postgresql"))
        return Engine::Postgres;
    if (name == QLatin1String("sqlite"))
        return Engine::Sqlite;
    return std::nullopt;
}

namespace {

const char *identityName(IdentityKind k)
{
    switch (k) {
    case IdentityKind::Always:
        return "always";
    case IdentityKind::ByDefault:
        return "by_default";
    case IdentityKind::Serial:
        return "serial";
    case IdentityKind::Autoincrement:
        return "autoincrement";
    case IdentityKind::Rowid:
        return "rowid";
    case IdentityKind::None:
        break;
    }
    return "";
}

// ---- writing: empty strings, false and empty lists are left out ----

void put(QJsonObject &o, const char *key, const QString &v)
{
    if (!v.isEmpty())
        o.insert(QLatin1String(key), v);
}
void put(QJsonObject &o, const char *key, bool v)
{
    if (v)
        o.insert(QLatin1String(key), true);
}
void put(QJsonObject &o, const char *key, const QStringList &v)
{
    if (!v.isEmpty())
        o.insert(QLatin1String(key), QJsonArray::fromStringList(v));
}
void put(QJsonObject &o, const char *key, const QJsonArray &v)
{
    if (!v.isEmpty())
        o.insert(QLatin1String(key), v);
}
// 64-bit numbers as strings: JSON doubles lose precision past 2^53.
void putInt(QJsonObject &o, const char *key, qint64 v, qint64 def)
{
    if (v != def)
        o.insert(QLatin1String(key), QString::number(v));
}

QJsonObject writeColumn(const Column &c)
{
    QJsonObject o;
    put(o, "name", c.name);
    put(o, "declared_type", c.declaredType);
    put(o, "type", c.type);
    put(o, "not_null", c.notNull);
    put(o, "default", c.defaultExpr);
    put(o, "identity", QString::fromLatin1(identityName(c.identity)));
    put(o, "generated", c.generatedExpr);
    put(o, "generated_stored", c.generatedStored);
    put(o, "collation", c.collation);
    put(o, "comment", c.comment);
    return o;
}

QJsonObject writeIndex(const Index &i)
{
    QJsonArray cols;
    for (const IndexColumn &c : i.columns) {
        QJsonObject co;
        put(co, "expression", c.expression);
        put(co, "is_expression", c.isExpression);
        put(co, "descending", c.descending);
        put(co, "nulls", c.nulls);
        put(co, "collation", c.collation);
        cols.append(co);
    }
    QJsonObject o;
    put(o, "name", i.name);
    put(o, "unique", i.unique);
    put(o, "columns", cols);
    put(o, "where", i.where);
    put(o, "method", i.method);
    put(o, "definition", i.definition);
    put(o, "comment", i.comment);
    return o;
}

QJsonObject writeTable(const Table &t)
{
    QJsonObject o;
    put(o, "schema", t.schema);
    put(o, "name", t.name);
    QJsonArray columns, uniques, fks, checks, indexes, triggers;
    for (const Column &c : t.columns)
        columns.append(writeColumn(c));
    put(o, "columns", columns);
    if (t.primaryKey) {
        QJsonObject pk;
        put(pk, "name", t.primaryKey->name);
        pk.insert(QStringLiteral("columns"), QJsonArray::fromStringList(t.primaryKey->columns));
        o.insert(QStringLiteral("primary_key"), pk);
    }
    for (const UniqueConstraint &u : t.uniques) {
        QJsonObject uo;
        put(uo, "name", u.name);
        put(uo, "columns", u.columns);
        uniques.append(uo);
    }
    put(o, "uniques", uniques);
    for (const ForeignKey &f : t.foreignKeys) {
        QJsonObject fo;
        put(fo, "name", f.name);
        put(fo, "columns", f.columns);
        put(fo, "ref_schema", f.refSchema);
        put(fo, "ref_table", f.refTable);
        put(fo, "ref_columns", f.refColumns);
        if (f.onUpdate != QLatin1String("NO ACTION"))
            put(fo, "on_update", f.onUpdate);
        if (f.onDelete != QLatin1String("NO ACTION"))
            put(fo, "on_delete", f.onDelete);
        put(fo, "match", f.match);
        put(fo, "deferrable", f.deferrable);
        put(fo, "initially_deferred", f.initiallyDeferred);
        fks.append(fo);
    }
    put(o, "foreign_keys", fks);
    for (const CheckConstraint &c : t.checks) {
        QJsonObject co;
        put(co, "name", c.name);
        put(co, "expression", c.expression);
        checks.append(co);
    }
    put(o, "checks", checks);
    for (const Index &i : t.indexes)
        indexes.append(writeIndex(i));
    put(o, "indexes", indexes);
    for (const Trigger &tr : t.triggers) {
        QJsonObject to;
        put(to, "name", tr.name);
        put(to, "definition", tr.definition);
        triggers.append(to);
    }
    put(o, "triggers", triggers);
    put(o, "without_rowid", t.withoutRowid);
    put(o, "comment", t.comment);
    return o;
}

// ---- reading: every field is checked for its JSON type ----

class Reader {
public:
    QString error;

    QString str(const QJsonObject &o, const char *key, const QString &def = {})
    {
        const QJsonValue v = o.value(QLatin1String(key));
        if (v.isUndefined() || v.isNull())
            return def;
        if (!v.isString())
            fail(key, "a string");
        return v.toString();
    }
    bool flag(const QJsonObject &o, const char *key)
    {
        const QJsonValue v = o.value(QLatin1String(key));
        if (v.isUndefined() || v.isNull())
            return false;
        if (!v.isBool())
            fail(key, "true or false");
        return v.toBool();
    }
    qint64 integer(const QJsonObject &o, const char *key, qint64 def)
    {
        const QJsonValue v = o.value(QLatin1String(key));
        if (v.isUndefined() || v.isNull())
            return def;
        bool ok = false;
        const qint64 n = v.isString() ? v.toString().toLongLong(&ok) : 0;
        if (!ok)
            fail(key, "an integer in a string");
        return n;
    }
    QStringList strings(const QJsonObject &o, const char *key)
    {
        QStringList out;
        for (const QJsonValue &v : array(o, key)) {
            if (!v.isString())
                fail(key, "a list of strings");
            out << v.toString();
        }
        return out;
    }
    QJsonArray array(const QJsonObject &o, const char *key)
    {
        const QJsonValue v = o.value(QLatin1String(key));
        if (v.isUndefined() || v.isNull())
            return {};
        if (!v.isArray())
            fail(key, "a list");
        return v.toArray();
    }
    QList<QJsonObject> objects(const QJsonObject &o, const char *key)
    {
        QList<QJsonObject> out;
        for (const QJsonValue &v : array(o, key)) {
            if (!v.isObject())
                fail(key, "a list of objects");
            out << v.toObject();
        }
        return out;
    }
    void fail(const char *key, const char *expected)
    {
        if (error.isEmpty())
            error = QStringLiteral("`%1` must be %2").arg(QLatin1String(key), QLatin1String(expected));
    }

    IdentityKind identity(const QJsonObject &o)
    {
        const QString name = str(o, "identity");
        for (IdentityKind k : {IdentityKind::None, IdentityKind::Always, IdentityKind::ByDefault,
                               IdentityKind::Serial, IdentityKind::Autoincrement, IdentityKind::Rowid}) {
            if (name == QLatin1String(identityName(k)))
                return k;
        }
        fail("identity", "one of always, by_default, serial, autoincrement, rowid");
        return IdentityKind::None;
    }

    Table table(const QJsonObject &o)
    {
        Table t;
        t.schema = str(o, "schema");
        t.name = str(o, "name");
        for (const QJsonObject &c : objects(o, "columns")) {
            Column col;
            col.name = str(c, "name");
            col.declaredType = str(c, "declared_type");
            col.type = str(c, "type");
            col.notNull = flag(c, "not_null");
            col.defaultExpr = str(c, "default");
            col.identity = identity(c);
            col.generatedExpr = str(c, "generated");
            col.generatedStored = flag(c, "generated_stored");
            col.collation = str(c, "collation");
            col.comment = str(c, "comment");
            t.columns.append(col);
        }
        if (o.contains(QStringLiteral("primary_key"))) {
            const QJsonObject pk = o.value(QStringLiteral("primary_key")).toObject();
            t.primaryKey = PrimaryKey{str(pk, "name"), strings(pk, "columns")};
        }
        for (const QJsonObject &u : objects(o, "uniques"))
            t.uniques.append({str(u, "name"), strings(u, "columns")});
        for (const QJsonObject &f : objects(o, "foreign_keys")) {
            ForeignKey fk;
            fk.name = str(f, "name");
            fk.columns = strings(f, "columns");
            fk.refSchema = str(f, "ref_schema");
            fk.refTable = str(f, "ref_table");
            fk.refColumns = strings(f, "ref_columns");
            fk.onUpdate = str(f, "on_update", QStringLiteral("NO ACTION"));
            fk.onDelete = str(f, "on_delete", QStringLiteral("NO ACTION"));
            fk.match = str(f, "match");
            fk.deferrable = flag(f, "deferrable");
            fk.initiallyDeferred = flag(f, "initially_deferred");
            t.foreignKeys.append(fk);
        }
        for (const QJsonObject &c : objects(o, "checks"))
            t.checks.append({str(c, "name"), str(c, "expression")});
        for (const QJsonObject &i : objects(o, "indexes")) {
            Index index;
            index.name = str(i, "name");
            index.unique = flag(i, "unique");
            for (const QJsonObject &c : objects(i, "columns"))
                index.columns.append({str(c, "expression"), flag(c, "is_expression"), flag(c, "descending"),
                                      str(c, "nulls"), str(c, "collation")});
            index.where = str(i, "where");
            index.method = str(i, "method");
            index.definition = str(i, "definition");
            index.comment = str(i, "comment");
            t.indexes.append(index);
        }
        for (const QJsonObject &tr : objects(o, "triggers"))
            t.triggers.append({str(tr, "name"), str(tr, "definition")});
        t.withoutRowid = flag(o, "without_rowid");
        t.comment = str(o, "comment");
        return t;
    }
};

} // namespace

QByteArray SchemaJson::write(const Schema &input, bool compact)
{
    Schema schema = input;
    schema.normalise();
    QJsonObject root;
    root.insert(QStringLiteral("format"), formatVersion);
    root.insert(QStringLiteral("engine"), engineName(schema.engine));
    put(root, "server_version", schema.serverVersion);
    put(root, "schemas", schema.schemas);
    QJsonArray tables, views, sequences, enums, comments;
    for (const Table &t : schema.tables)
        tables.append(writeTable(t));
    put(root, "tables", tables);
    for (const View &v : schema.views) {
        QJsonObject o;
        put(o, "schema", v.schema);
        put(o, "name", v.name);
        put(o, "definition", v.definition);
        put(o, "materialized", v.materialized);
        put(o, "columns", v.columns);
        put(o, "depends_on", v.dependsOn);
        put(o, "comment", v.comment);
        views.append(o);
    }
    put(root, "views", views);
    for (const Sequence &s : schema.sequences) {
        QJsonObject o;
        put(o, "schema", s.schema);
        put(o, "name", s.name);
        if (s.dataType != QLatin1String("bigint"))
            put(o, "data_type", s.dataType);
        putInt(o, "start", s.start, 1);
        putInt(o, "increment", s.increment, 1);
        putInt(o, "min_value", s.minValue, 1);
        putInt(o, "max_value", s.maxValue, 0);
        put(o, "cycle", s.cycle);
        put(o, "owned_by", s.ownedBy);
        sequences.append(o);
    }
    put(root, "sequences", sequences);
    for (const EnumType &e : schema.enums) {
        QJsonObject o;
        put(o, "schema", e.schema);
        put(o, "name", e.name);
        o.insert(QStringLiteral("labels"), QJsonArray::fromStringList(e.labels));
        put(o, "comment", e.comment);
        enums.append(o);
    }
    put(root, "enums", enums);
    for (const auto &[name, comment] : schema.schemaComments)
        comments.append(QJsonObject{{QStringLiteral("schema"), name}, {QStringLiteral("comment"), comment}});
    put(root, "schema_comments", comments);
    return QJsonDocument(root).toJson(compact ? QJsonDocument::Compact : QJsonDocument::Indented);
}

Result<Schema> SchemaJson::read(const QByteArray &json, const QString &origin)
{
    QJsonParseError parseError;
    const QJsonDocument doc = QJsonDocument::fromJson(json, &parseError);
    if (parseError.error != QJsonParseError::NoError)
        return Error::source(origin, QStringLiteral("not a snapshot: invalid JSON at byte %1 (%2)")
                                         .arg(parseError.offset).arg(parseError.errorString()));
    if (!doc.isObject())
        return Error::source(origin, QStringLiteral("not a snapshot: the document is not a JSON object"));
    const QJsonObject root = doc.object();
    if (root.value(QStringLiteral("format")).toInt() != formatVersion)
        return Error::source(origin, QStringLiteral("not a snapshot of format %1 (the `format` field)").arg(formatVersion));
    Reader r;
    Schema schema;
    const auto engine = engineFromName(r.str(root, "engine"));
    if (!engine)
        return Error::source(origin, QStringLiteral("`engine` must be sqlite or postgresql"));
    schema.engine = *engine;
    schema.serverVersion = r.str(root, "server_version");
    schema.schemas = r.strings(root, "schemas");
    for (const QJsonObject &t : r.objects(root, "tables"))
        schema.tables.append(r.table(t));
    for (const QJsonObject &o : r.objects(root, "views")) {
        View v;
        v.schema = r.str(o, "schema");
        v.name = r.str(o, "name");
        v.definition = r.str(o, "definition");
        v.materialized = r.flag(o, "materialized");
        v.columns = r.strings(o, "columns");
        v.dependsOn = r.strings(o, "depends_on");
        v.comment = r.str(o, "comment");
        schema.views.append(v);
    }
    for (const QJsonObject &o : r.objects(root, "sequences")) {
        Sequence s;
        s.schema = r.str(o, "schema");
        s.name = r.str(o, "name");
        s.dataType = r.str(o, "data_type", QStringLiteral("bigint"));
        s.start = r.integer(o, "start", 1);
        s.increment = r.integer(o, "increment", 1);
        s.minValue = r.integer(o, "min_value", 1);
        s.maxValue = r.integer(o, "max_value", 0);
        s.cycle = r.flag(o, "cycle");
        s.ownedBy = r.str(o, "owned_by");
        schema.sequences.append(s);
    }
    for (const QJsonObject &o : r.objects(root, "enums"))
        schema.enums.append({r.str(o, "schema"), r.str(o, "name"), r.strings(o, "labels"), r.str(o, "comment")});
    for (const QJsonObject &o : r.objects(root, "schema_comments"))
        schema.schemaComments.append({r.str(o, "schema"), r.str(o, "comment")});
    if (!r.error.isEmpty())
        return Error::source(origin, QStringLiteral("malformed snapshot: %1").arg(r.error));
    schema.normalise();
    return schema;
}

} // namespace strata
