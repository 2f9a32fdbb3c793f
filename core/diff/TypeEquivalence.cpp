#include "diff/TypeEquivalence.h"

#include <QHash>
#include <QRegularExpression>
#include <functional>

namespace strata::diff {

namespace {

struct Family {
    const char *family;
    int size; // width in bytes for integers/floats; -1 = taken from the declaration
};

// The table: every spelling either engine uses, by family. Unknown SQLite names fall back to
// SQLite's affinity rules; unknown PostgreSQL names are their own family.
const QHash<QString, Family> &families()
{
    static const QHash<QString, Family> table = {
        {"integer", {"integer", 4}},
        {"int", {"integer", 4}},
        {"int4", {"integer", 4}},
        {"mediumint", {"integer", 4}},
        {"serial", {"integer", 4}},
        {"serial4", {"integer", 4}},
        {"bigint", {"integer", 8}},
        {"int8", {"integer", 8}},
        {"bigserial", {"integer", 8}},
        {"serial8", {"integer", 8}},
        {"unsigned big int", {"integer", 8}},
        {"smallint", {"integer", 2}},
        {"int2", {"integer", 2}},
        {"smallserial", {"integer", 2}},
        {"serial2", {"integer", 2}},
        {"tinyint", {"integer", 1}},
        {"text", {"text", -1}},
        {"clob", {"text", -1}},
        {"varchar", {"text", -1}},
        {"character varying", {"text", -1}},
        {"nvarchar", {"text", -1}},
        {"varying character", {"text", -1}},
        {"national varying character", {"text", -1}},
        {"char", {"text", -1}},
        {"character", {"text", -1}},
        {"nchar", {"text", -1}},
        {"native character", {"text", -1}},
        {"bpchar", {"text", -1}},
        {"string", {"text", -1}},
        {"real", {"real", 4}},
        {"float4", {"real", 4}},
        {"double", {"real", 8}},
        {"double precision", {"real", 8}},
        {"float8", {"real", 8}},
        {"float", {"real", 8}},
        {"numeric", {"numeric", -1}},
        {"decimal", {"numeric", -1}},
        {"blob", {"blob", -1}},
        {"bytea", {"blob", -1}},
        {"boolean", {"boolean", -1}},
        {"bool", {"boolean", -1}},
        {"datetime", {"timestamp", -1}},
        {"timestamp", {"timestamp", -1}},
        {"timestamp without time zone", {"timestamp", -1}},
        {"timestamp with time zone", {"timestamp", -1}},
        {"timestamptz", {"timestamp", -1}},
        {"date", {"date", -1}},
        {"time", {"time", -1}},
        {"time without time zone", {"time", -1}},
        {"time with time zone", {"time", -1}},
        {"timetz", {"time", -1}},
    };
    return table;
}

QString simplified(const QString &type)
{
    QString t = type.toLower().simplified();
    t.replace(QLatin1String(" ("), QLatin1String("("));
    return t;
}

} // namespace

void splitType(const QString &type, QString &base, QString &args)
{
    const QString t = simplified(type);
    const qsizetype open = t.indexOf(u'(');
    const qsizetype close = open < 0 ? -1 : t.indexOf(u')', open);
    if (open < 0 || close < 0) {
        base = t;
        args.clear();
        return;
    }
    args = t.mid(open + 1, close - open - 1).remove(u' ');
    base = (t.left(open) + u' ' + t.mid(close + 1)).simplified();
}

namespace {

bool isIntegerFamily(const CanonicalType &t)
{
    return t.family == QLatin1String("integer");
}

} // namespace

CanonicalType canonicalType(const QString &type, Engine engine)
{
    QString base, args;
    splitType(type, base, args);
    base.remove(u'"');
    const QStringList parts = args.split(u',', Qt::SkipEmptyParts);
    CanonicalType result;
    const auto it = families().constFind(base);
    if (it != families().constEnd()) {
        result.family = QString::fromLatin1(it->family);
        result.size = it->size;
    } else if (engine == Engine::Sqlite) {
        // SQLite's affinity rules (https://sqlite.org/datatype3.html, 3.1).
        if (base.contains(QLatin1String("int")))
            result = {QStringLiteral("integer"), 8, -1};
        else if (base.contains(QLatin1String("char")) || base.contains(QLatin1String("clob")) ||
                 base.contains(QLatin1String("text")))
            result.family = QStringLiteral("text");
        else if (base.isEmpty() || base.contains(QLatin1String("blob")))
            result.family = QStringLiteral("blob");
        else if (base.contains(QLatin1String("real")) || base.contains(QLatin1String("floa")) ||
                 base.contains(QLatin1String("doub")))
            result = {QStringLiteral("real"), 8, -1};
        else
            result.family = QStringLiteral("numeric");
    } else {
        result.family = base;
    }
    if (result.family == QLatin1String("text") || result.family == QLatin1String("numeric")) {
        if (!parts.isEmpty())
            result.size = parts[0].toInt();
        if (parts.size() > 1)
            result.scale = parts[1].toInt();
    } else if (!isIntegerFamily(result) && result.family != QLatin1String("real")) {
        result.size = parts.isEmpty() ? -1 : parts[0].toInt();
    }
    return result;
}

bool typesEquivalent(const QString &a, Engine ea, const QString &b, Engine eb)
{
    const CanonicalType ta = canonicalType(a, ea);
    const CanonicalType tb = canonicalType(b, eb);
    if (ta.family != tb.family)
        return false;
    if (isIntegerFamily(ta) || ta.family == QLatin1String("real") ||
        ta.family == QLatin1String("timestamp"))
        return true;
    if (ta.size >= 0 && tb.size >= 0 && ta.size != tb.size)
        return false;
    return ta.scale < 0 || tb.scale < 0 || ta.scale == tb.scale;
}

bool isNarrowing(const QString &from, const QString &to, Engine engine)
{
    const CanonicalType f = canonicalType(from, engine);
    const CanonicalType t = canonicalType(to, engine);
    if (f.family != t.family) {
        if (t.family == QLatin1String("text") && t.size < 0)
            return false; // anything fits in unbounded text
        if (isIntegerFamily(f) &&
            (t.family == QLatin1String("numeric") || t.family == QLatin1String("real")))
            return false;
        return true;
    }
    if (t.size >= 0 && (f.size < 0 || t.size < f.size))
        return true;
    return t.scale >= 0 && f.scale >= 0 && t.scale < f.scale;
}

bool typeChangeRewrites(const QString &from, const QString &to)
{
    const CanonicalType f = canonicalType(from, Engine::Postgres);
    const CanonicalType t = canonicalType(to, Engine::Postgres);
    QString fromBase, toBase, ignored;
    splitType(from, fromBase, ignored);
    splitType(to, toBase, ignored);
    const bool varcharLike =
        fromBase == QLatin1String("character varying") || fromBase == QLatin1String("text");
    if (varcharLike &&
        (toBase == QLatin1String("text") || toBase == QLatin1String("character varying")))
        return t.size >= 0 && (f.size < 0 || t.size < f.size);
    if (fromBase == QLatin1String("numeric") && toBase == fromBase)
        return !(t.size < 0 || (f.size >= 0 && t.size >= f.size && t.scale == f.scale));
    return true;
}

namespace {

// Applies `transform` to the text outside single-quoted literals.
QString outsideLiterals(const QString &text,
                        const std::function<QString(const QString &)> &transform)
{
    QString out, chunk;
    bool inLiteral = false;
    for (qsizetype i = 0; i < text.size(); ++i) {
        const QChar c = text[i];
        if (c == u'\'') {
            if (!inLiteral) {
                out += transform(chunk);
                chunk.clear();
            }
            out += c;
            if (inLiteral && i + 1 < text.size() && text[i + 1] == u'\'') {
                out += text[++i];
                continue;
            }
            inLiteral = !inLiteral;
        } else if (inLiteral) {
            out += c;
        } else {
            chunk += c;
        }
    }
    return out + transform(chunk);
}

// Removes one pair of parentheses around the whole text while it encloses all of it.
QString stripOuterParens(QString text)
{
    while (text.startsWith(u'(') && text.endsWith(u')')) {
        int depth = 0;
        bool enclosesAll = true;
        for (qsizetype i = 0; i < text.size(); ++i) {
            if (text[i] == u'(')
                ++depth;
            else if (text[i] == u')' && --depth == 0 && i != text.size() - 1) {
                enclosesAll = false;
                break;
            }
        }
        if (!enclosesAll)
            break;
        text = text.mid(1, text.size() - 2).trimmed();
    }
    return text;
}

} // namespace

QString stripCasts(const QString &expression)
{
    // ::name, ::schema.name or ::"Name", with PostgreSQL's multi-word type names, a type
    // modifier and array brackets; never more (`a::text AND b` keeps ` AND b`).
    static const QRegularExpression cast(
        QStringLiteral(
            R"re(::\s*(?:"(?:[^"]|"")+"|[A-Za-z_][A-Za-z0-9_$]*))re"
            R"re((?:\s*\.\s*(?:"(?:[^"]|"")+"|[A-Za-z_][A-Za-z0-9_$]*))?)re"
            R"re((?:\s*\([0-9, ]*\))?(?:\s+(?:varying|precision)\b)?(?:\s*\([0-9, ]*\))?)re"
            R"re((?:\s+(?:with|without)\s+time\s+zone\b)?(?:\s*\[\])*)re"),
        QRegularExpression::CaseInsensitiveOption);
    return outsideLiterals(
        expression, [](const QString &chunk) { return QString(chunk).replace(cast, QString()); });
}

QString normaliseExpression(const QString &expression)
{
    static const QRegularExpression qualifier(QStringLiteral(R"(\b[a-z_][a-z0-9_$]*\.(?=[a-z_]))"));
    static const QRegularExpression spaceAround(QStringLiteral(R"(\s*([(),=<>+\-*/|]+)\s*)"));
    static const QRegularExpression parenToken(QStringLiteral(R"(\(([a-z0-9_.]+|'[^']*')\))"));
    // PostgreSQL stores `x IN (a, b)` as `x = ANY (ARRAY[a, b])` and `x NOT IN (a, b)` as
    // `x <> ALL (ARRAY[a, b])`: spelled back the way SQLite keeps what was written.
    // (With a cast on the array, as for varchar columns, the array keeps a second pair of
    // parentheses once the cast is stripped.) `x BETWEEN a AND b` is stored as
    // `(x >= a) AND (x <= b)`.
    static const QRegularExpression anyArray(
        QStringLiteral(
            R"(\s*(=|<>)\s*(any|all)\s*\((\s*\()?\s*array\s*\[([^\]]*)\]\s*(?(3)\))\s*\))"),
        QRegularExpression::CaseInsensitiveOption);
    static const QRegularExpression between(
        QStringLiteral(
            R"(([a-z_][a-z0-9_."]*)\s+between\s+('[^']*'|[^\s()]+)\s+and\s+('[^']*'|[^\s()]+))"),
        QRegularExpression::CaseInsensitiveOption);
    QString text = stripCasts(expression).trimmed();
    for (auto m = anyArray.match(text); m.hasMatch(); m = anyArray.match(text, m.capturedStart())) {
        const bool in = m.captured(1) == QLatin1String("=") &&
                        m.captured(2).compare(QLatin1String("any"), Qt::CaseInsensitive) == 0;
        const bool notIn = m.captured(1) == QLatin1String("<>") &&
                           m.captured(2).compare(QLatin1String("all"), Qt::CaseInsensitive) == 0;
        if (!in && !notIn)
            break;
        text.replace(m.capturedStart(), m.capturedLength(),
                     (in ? QStringLiteral(" in (") : QStringLiteral(" not in (")) + m.captured(4) +
                         u')');
    }
    text.replace(between, QStringLiteral("(\\1 >= \\2) and (\\1 <= \\3)"));
    while (text.endsWith(u';'))
        text.chop(1);
    text = outsideLiterals(text, [](const QString &chunk) {
        QString c = chunk.toLower();
        c.remove(u'"').remove(u'`').remove(u'[').remove(u']');
        c.replace(qualifier, QString());
        c = c.simplified();
        c.replace(spaceAround, QStringLiteral("\\1"));
        return c;
    });
    // "(0)" -> "0", repeatedly, then the parentheses around the whole expression. The token
    // keeps a blank on each side, taken again where punctuation follows: "(a) in(" must become
    // "a in(", not "ain(".
    for (QString previous; previous != text;) {
        previous = text;
        text.replace(parenToken, QStringLiteral(" \\1 "));
    }
    text = outsideLiterals(text, [](const QString &chunk) {
        QString c = chunk.simplified();
        c.replace(spaceAround, QStringLiteral("\\1"));
        return c;
    });
    return stripOuterParens(text.trimmed());
}

QString normaliseDefault(const QString &expression, const QString &family)
{
    QString d = normaliseExpression(expression);
    if (d.isEmpty() || d == QLatin1String("null") || d.startsWith(QLatin1String("nextval(")))
        return {};
    static const QStringList now = {"now()", "current_timestamp", "transaction_timestamp()",
                                    "datetime('now')", "datetime('now','localtime')"};
    if (now.contains(d))
        return QStringLiteral("current_timestamp");
    static const QRegularExpression quotedNumber(QStringLiteral(R"(^'(-?[0-9]+(\.[0-9]+)?)'$)"));
    if (const auto m = quotedNumber.match(d); m.hasMatch())
        d = m.captured(1);
    if (family == QLatin1String("boolean")) {
        if (d == QLatin1String("1") || d == QLatin1String("'t'") || d == QLatin1String("'true'"))
            return QStringLiteral("true");
        if (d == QLatin1String("0") || d == QLatin1String("'f'") || d == QLatin1String("'false'"))
            return QStringLiteral("false");
    }
    return d;
}

QString normaliseCollation(const QString &collation)
{
    QString c = collation.toLower();
    c.remove(u'"');
    if (c.startsWith(QLatin1String("pg_catalog.")))
        c = c.mid(11);
    if (c == QLatin1String("binary") || c == QLatin1String("c") || c == QLatin1String("default") ||
        c == QLatin1String("posix"))
        return {};
    return c;
}

} // namespace strata::diff
