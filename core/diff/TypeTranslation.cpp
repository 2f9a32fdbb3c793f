// Spelling a schema of one engine in the other's dialect: types, defaults, identity, schema
// names (main <-> public), expressions without PostgreSQL's ::casts.

#include "diff/TypeEquivalence.h"

#include <QHash>

namespace strata::diff {

namespace {

QString sqliteSpelling(const Column &column, const CanonicalType &t, bool rowidAlias)
{
    QString base, args;
    splitType(column.declaredType, base, args);
    const QString suffix = args.isEmpty() ? QString() : u'(' + args + u')';
    if (t.family == QLatin1String("integer"))
        return rowidAlias    ? QStringLiteral("INTEGER")
               : t.size == 2 ? QStringLiteral("SMALLINT")
               : t.size == 8 ? QStringLiteral("BIGINT")
                             : QStringLiteral("INTEGER");
    if (t.family == QLatin1String("text")) {
        if (base == QLatin1String("character") || base == QLatin1String("bpchar"))
            return QStringLiteral("CHARACTER") + suffix;
        return args.isEmpty() ? QStringLiteral("TEXT") : QStringLiteral("VARCHAR") + suffix;
    }
    static const QHash<QString, QString> simple = {
        {"real", "REAL"},       {"numeric", "NUMERIC"},     {"blob", "BLOB"},
        {"boolean", "BOOLEAN"}, {"timestamp", "TIMESTAMP"}, {"date", "DATE"},
        {"time", "TIME"}};
    if (const auto it = simple.constFind(t.family); it != simple.constEnd())
        return *it + (t.family == QLatin1String("numeric") ? suffix : QString());
    return column.declaredType;
}

QString postgresSpelling(const Column &column, const CanonicalType &t, bool rowidAlias)
{
    QString base, args;
    splitType(column.declaredType, base, args);
    const QString suffix = args.isEmpty() ? QString() : u'(' + args + u')';
    if (t.family == QLatin1String("integer")) {
        if (rowidAlias || base == QLatin1String("integer") || t.size == 8)
            return QStringLiteral("bigint"); // SQLite INTEGER holds 64 bits
        return t.size <= 2 ? QStringLiteral("smallint") : QStringLiteral("integer");
    }
    if (t.family == QLatin1String("text")) {
        if (args.isEmpty())
            return QStringLiteral("text");
        const bool fixed = base == QLatin1String("char") || base == QLatin1String("character") ||
                           base == QLatin1String("nchar") ||
                           base == QLatin1String("native character");
        return (fixed ? QStringLiteral("character") : QStringLiteral("character varying")) + suffix;
    }
    static const QHash<QString, QString> simple = {{"real", "double precision"},
                                                   {"numeric", "numeric"},
                                                   {"blob", "bytea"},
                                                   {"boolean", "boolean"},
                                                   {"timestamp", "timestamp without time zone"},
                                                   {"date", "date"},
                                                   {"time", "time without time zone"}};
    if (const auto it = simple.constFind(t.family); it != simple.constEnd())
        return *it + (t.family == QLatin1String("numeric") ? suffix : QString());
    return column.declaredType.toLower();
}

} // namespace

bool isAutoIncrementing(const Column &column)
{
    return column.identity != IdentityKind::None ||
           column.defaultExpr.contains(QLatin1String("nextval("));
}

Column translateColumn(const Column &column, Engine from, Engine to, bool isSingleColumnPk)
{
    if (from == to)
        return column;
    Column c = column;
    const CanonicalType t =
        canonicalType(column.declaredType.isEmpty() ? column.type : column.declaredType, from);
    const bool autoKey =
        isSingleColumnPk && isAutoIncrementing(column) && t.family == QLatin1String("integer");
    QString def = stripCasts(column.defaultExpr).trimmed();
    const QString loose = normaliseDefault(column.defaultExpr, t.family);
    if (loose.isEmpty())
        def.clear(); // NULL or a serial's nextval()
    else if (loose == QLatin1String("current_timestamp"))
        def = QStringLiteral("CURRENT_TIMESTAMP");
    if (to == Engine::Sqlite) {
        c.declaredType = sqliteSpelling(column, t, autoKey);
        c.identity =
            autoKey ? (column.identity == IdentityKind::Autoincrement ? IdentityKind::Autoincrement
                                                                      : IdentityKind::Rowid)
                    : IdentityKind::None;
        c.generatedStored = false; // PostgreSQL only has STORED; SQLite's usual is VIRTUAL
    } else {
        c.declaredType = postgresSpelling(column, t, autoKey);
        c.identity = autoKey ? IdentityKind::ByDefault : IdentityKind::None;
        if (!column.generatedExpr.isEmpty())
            c.generatedStored = true;
        if (t.family == QLatin1String("boolean") &&
            (loose == QLatin1String("true") || loose == QLatin1String("false")))
            def = loose;
    }
    c.defaultExpr = c.identity == IdentityKind::None ? def : QString();
    c.type = c.declaredType.toLower().simplified();
    c.comment.clear();
    return c;
}

namespace {

QString mapSchemaName(const QString &schema, Engine from)
{
    if (from == Engine::Sqlite && schema == QLatin1String("main"))
        return QStringLiteral("public");
    if (from == Engine::Postgres && schema == QLatin1String("public"))
        return QStringLiteral("main");
    return schema;
}

QString mapQualifiedName(const QString &qualified, Engine from)
{
    const qsizetype dot = qualified.indexOf(u'.');
    return dot < 0 ? qualified : mapSchemaName(qualified.left(dot), from) + qualified.mid(dot);
}

} // namespace

Schema translateSchema(const Schema &schema, Engine to, QStringList *rowidColumns)
{
    if (schema.engine == to)
        return schema;
    const Engine from = schema.engine;
    QStringList enumNames;
    for (const EnumType &e : schema.enums)
        enumNames << e.name << e.schema + u'.' + e.name;
    Schema out = schema;
    out.engine = to;
    for (QString &s : out.schemas)
        s = mapSchemaName(s, from);
    out.schemas.removeDuplicates();
    for (Table &t : out.tables) {
        t.schema = mapSchemaName(t.schema, from);
        const bool singlePk = t.primaryKey && t.primaryKey->columns.size() == 1;
        for (Column &c : t.columns) {
            const QString bare = QString(c.declaredType).remove(u'"');
            if (enumNames.contains(bare)) {
                c.declaredType = QStringLiteral("text"); // an enum keeps text in SQLite
                c.type = c.declaredType;
            }
            if (rowidColumns && c.identity == IdentityKind::Rowid)
                *rowidColumns << t.schema + u'.' + t.name + u'.' + c.name;
            const bool inPk = t.primaryKey && t.primaryKey->columns.contains(c.name);
            c = translateColumn(c, from, to, singlePk && t.primaryKey->columns.first() == c.name);
            if (to == Engine::Postgres) // PostgreSQL reports key and identity columns NOT NULL
                c.notNull = c.notNull || inPk || c.identity != IdentityKind::None;
        }
        if (to == Engine::Sqlite) { // PostgreSQL's deparsed expressions carry ::casts
            for (CheckConstraint &c : t.checks)
                c.expression = stripCasts(c.expression);
            for (Column &c : t.columns)
                c.generatedExpr = stripCasts(c.generatedExpr);
            for (Index &i : t.indexes) {
                i.where = stripCasts(i.where);
                for (IndexColumn &ic : i.columns)
                    ic.expression = ic.isExpression ? stripCasts(ic.expression) : ic.expression;
            }
        }
        for (ForeignKey &fk : t.foreignKeys)
            fk.refSchema = fk.refSchema.isEmpty() ? t.schema : mapSchemaName(fk.refSchema, from);
        for (Index &i : t.indexes) {
            i.definition.clear();
            i.method.clear();
            i.comment.clear();
        }
        t.comment.clear();
        if (to == Engine::Postgres)
            t.withoutRowid = false;
    }
    for (View &v : out.views) {
        v.schema = mapSchemaName(v.schema, from);
        if (to == Engine::Sqlite)
            v.definition = stripCasts(v.definition);
        for (QString &d : v.dependsOn)
            d = mapQualifiedName(d, from);
        v.comment.clear();
    }
    out.sequences.clear();
    out.enums.clear();
    out.schemaComments.clear();
    out.normalise();
    return out;
}

} // namespace strata::diff
