// Reading and checking the mapping file; see MappingFile.h.

#include "transfer/MappingFile.h"

#include "schema/SqliteDdlParser.h"
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QRegularExpression>

namespace strata {

namespace {

using sqliteddl::sameName;

Error fileError(const QString &path, const QString &message, int line = 0)
{
    Error e = Error::source(path, QStringLiteral("mapping file %1: %2").arg(path, message));
    e.line = line;
    return e;
}

// Unknown keys are errors: a typo ("tpye") must not be ignored silently.
std::optional<QString> unknownKey(const QJsonObject &o, const QStringList &known,
                                  const QString &where)
{
    for (auto it = o.constBegin(); it != o.constEnd(); ++it) {
        if (!known.contains(it.key()))
            return QStringLiteral("%1: unknown key \"%2\" (expected %3)")
                .arg(where, it.key(), known.join(QStringLiteral(", ")));
    }
    return std::nullopt;
}

std::optional<QString> stringField(const QJsonObject &o, const QString &key, const QString &where,
                                   QString *out)
{
    if (!o.contains(key))
        return std::nullopt;
    if (!o.value(key).isString() || o.value(key).toString().trimmed().isEmpty())
        return QStringLiteral("%1: \"%2\" must be a non-empty string").arg(where, key);
    *out = o.value(key).toString().trimmed();
    return std::nullopt;
}

std::optional<QString> readColumn(const QString &source, const QJsonValue &value,
                                  const QString &where, ColumnMapping &c)
{
    c.source = source;
    if (!value.isObject())
        return where + QStringLiteral(": must be an object");
    const QJsonObject o = value.toObject();
    if (auto e = unknownKey(o, {"name", "type", "transform"}, where))
        return e;
    QString type, transform;
    for (auto e : {stringField(o, QStringLiteral("name"), where, &c.name),
                   stringField(o, QStringLiteral("type"), where, &type),
                   stringField(o, QStringLiteral("transform"), where, &transform)}) {
        if (e)
            return e;
    }
    if (!type.isEmpty()) {
        const auto canonical = MappingFile::canonicalType(type);
        if (!canonical)
            return QStringLiteral("%1: unknown PostgreSQL type \"%2\"").arg(where, type);
        c.type = *canonical;
    }
    if (!transform.isEmpty()) {
        c.transform = valueTransformFromName(transform);
        if (!c.transform)
            return QStringLiteral(
                       "%1: unknown transform \"%2\" (known: none, bool_from_int, "
                       "epoch_seconds, epoch_millis, julian_day, iso_text, text_to_bytea)")
                .arg(where, transform);
        if (!c.type.isEmpty() && !MappingFile::transformFits(*c.transform, c.type))
            return QStringLiteral("%1: transform %2 does not produce %3")
                .arg(where, transform, c.type);
    }
    return std::nullopt;
}

std::optional<QString> readTable(const QString &source, const QJsonValue &value, TableMapping &t)
{
    const QString where = QStringLiteral("tables.") + source;
    t.source = source;
    if (!value.isObject())
        return where + QStringLiteral(": must be an object");
    const QJsonObject o = value.toObject();
    if (auto e = unknownKey(o, {"name", "columns"}, where))
        return e;
    if (auto e = stringField(o, QStringLiteral("name"), where, &t.name))
        return e;
    if (o.contains(QLatin1String("columns")) && !o.value(QLatin1String("columns")).isObject())
        return where + QStringLiteral(".columns: must be an object");
    const QJsonObject columns = o.value(QLatin1String("columns")).toObject();
    for (auto it = columns.constBegin(); it != columns.constEnd(); ++it) {
        if (t.column(it.key()))
            return QStringLiteral("%1.columns: \"%2\" is listed twice").arg(where, it.key());
        ColumnMapping c;
        if (auto e =
                readColumn(it.key(), it.value(), where + QStringLiteral(".columns.") + it.key(), c))
            return e;
        t.columns << c;
    }
    return std::nullopt;
}

} // namespace

const ColumnMapping *TableMapping::column(const QString &sourceName) const
{
    for (const ColumnMapping &c : columns) {
        if (sameName(c.source, sourceName))
            return &c;
    }
    return nullptr;
}

const TableMapping *MappingFile::table(const QString &sourceName) const
{
    for (const TableMapping &t : tables) {
        if (sameName(t.source, sourceName))
            return &t;
    }
    return nullptr;
}

Result<MappingFile> MappingFile::read(const QString &path)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return fileError(path, QStringLiteral("cannot be read: ") + file.errorString());
    const QByteArray bytes = file.readAll();
    QJsonParseError parse;
    const QJsonDocument doc = QJsonDocument::fromJson(bytes, &parse);
    if (parse.error != QJsonParseError::NoError) {
        const int line = int(bytes.left(parse.offset).count('\n')) + 1;
        return fileError(
            path, QStringLiteral("not valid JSON (line %1): %2").arg(line).arg(parse.errorString()),
            line);
    }
    if (!doc.isObject())
        return fileError(path, QStringLiteral("must hold a JSON object"));
    const QJsonObject root = doc.object();
    if (auto e = unknownKey(root, {"version", "tables"}, QStringLiteral("top level")))
        return fileError(path, *e);
    if (root.contains(QLatin1String("version")) &&
        root.value(QLatin1String("version")).toInt() != 1)
        return fileError(path, QStringLiteral("version must be 1"));
    if (root.contains(QLatin1String("tables")) && !root.value(QLatin1String("tables")).isObject())
        return fileError(path, QStringLiteral("\"tables\" must be an object"));
    MappingFile out;
    out.path = path;
    const QJsonObject tables = root.value(QLatin1String("tables")).toObject();
    for (auto it = tables.constBegin(); it != tables.constEnd(); ++it) {
        if (out.table(it.key()))
            return fileError(path, QStringLiteral("table \"%1\" is listed twice").arg(it.key()));
        TableMapping t;
        if (auto e = readTable(it.key(), it.value(), t))
            return fileError(path, *e);
        out.tables << t;
    }
    return out;
}

Status MappingFile::validate(const Schema &source) const
{
    for (const TableMapping &t : tables) {
        const Table *table = nullptr;
        for (const Table &s : source.tables) {
            if (sameName(s.name, t.source))
                table = &s;
        }
        if (!table)
            return fileError(
                path,
                QStringLiteral("tables.%1: no such table in the SQLite database").arg(t.source));
        for (const ColumnMapping &c : t.columns) {
            bool found = false;
            for (const Column &col : table->columns)
                found = found || sameName(col.name, c.source);
            if (!found)
                return fileError(path, QStringLiteral("tables.%1.columns.%2: no such column in "
                                                      "table %3")
                                           .arg(t.source, c.source, table->name));
        }
    }
    return {};
}

std::optional<QString> MappingFile::canonicalType(const QString &type)
{
    static const QRegularExpression spaces(QStringLiteral(R"(\s*([(),])\s*)"));
    const QString t = type.simplified().toLower().replace(spaces, QStringLiteral("\\1"));
    static const QHash<QString, QString> aliases = {
        {"int8", "bigint"},
        {"bigint", "bigint"},
        {"int", "integer"},
        {"int4", "integer"},
        {"integer", "integer"},
        {"int2", "smallint"},
        {"smallint", "smallint"},
        {"float8", "double precision"},
        {"double precision", "double precision"},
        {"float4", "real"},
        {"real", "real"},
        {"bool", "boolean"},
        {"boolean", "boolean"},
        {"text", "text"},
        {"citext", "citext"},
        {"bytea", "bytea"},
        {"date", "date"},
        {"json", "json"},
        {"jsonb", "jsonb"},
        {"uuid", "uuid"},
        {"interval", "interval"},
        {"numeric", "numeric"},
        {"decimal", "numeric"},
        {"inet", "inet"},
        {"cidr", "cidr"},
        {"money", "money"},
        {"xml", "xml"},
        {"varchar", "character varying"},
        {"character varying", "character varying"},
        {"timestamp", "timestamp without time zone"},
        {"timestamp without time zone", "timestamp without time zone"},
        {"timestamptz", "timestamp with time zone"},
        {"timestamp with time zone", "timestamp with time zone"},
        {"time", "time without time zone"},
        {"time without time zone", "time without time zone"},
        {"timetz", "time with time zone"},
        {"time with time zone", "time with time zone"}};
    if (const auto it = aliases.constFind(t); it != aliases.constEnd())
        return *it;
    static const QRegularExpression sized(QStringLiteral(
        R"(^(varchar|character varying|char|character|numeric|decimal)\((\d+)(?:,(\d+))?\)$)"));
    const auto m = sized.match(t);
    if (!m.hasMatch())
        return std::nullopt;
    const QString base = m.captured(1);
    const int n = m.captured(2).toInt();
    if (base == QLatin1String("numeric") || base == QLatin1String("decimal")) {
        const int s = m.captured(3).isEmpty() ? 0 : m.captured(3).toInt();
        if (n < 1 || n > 1000 || s > n)
            return std::nullopt;
        return QStringLiteral("numeric(%1,%2)").arg(n).arg(s);
    }
    if (!m.captured(3).isEmpty() || n < 1 || n > 10485760)
        return std::nullopt;
    const bool fixed = base == QLatin1String("char") || base == QLatin1String("character");
    return (fixed ? QStringLiteral("character(%1)") : QStringLiteral("character varying(%1)"))
        .arg(n);
}

bool MappingFile::transformFits(ValueTransform transform, const QString &type)
{
    const bool timestamp =
        type.startsWith(QLatin1String("timestamp")) || type == QLatin1String("date");
    switch (transform) {
    case ValueTransform::None:
        return true;
    case ValueTransform::BoolFromInt:
        return type == QLatin1String("boolean");
    case ValueTransform::EpochSeconds:
    case ValueTransform::EpochMillis:
    case ValueTransform::JulianDay:
        return timestamp;
    case ValueTransform::IsoText:
        return timestamp || type.startsWith(QLatin1String("time"));
    case ValueTransform::TextToBytea:
        return type == QLatin1String("bytea");
    }
    return false;
}

} // namespace strata
