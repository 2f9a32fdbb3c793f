// DEFAULT translation; see DefaultTranslator.h and docs/TRANSFER.md, "Defaults".

#include "transfer/DefaultTranslator.h"

#include "dialect/Dialect.h"
#include "schema/SqliteDdlParser.h"
#include "schema/SqliteDdlTokenizer.h"
#include "transfer/ExprWriter.h"
#include "transfer/TypeMapper.h"
#include <QDateTime>
#include <QRegularExpression>
#include <QTimeZone>
#include <cmath>

namespace strata {

namespace {

using sqliteddl::asciiLower;
using sqliteddl::asciiUpper;
using sqliteddl::SqlTokens;
using sqliteddl::TokenKind;

enum class Family { Boolean, Integer, Float, Timestamp, TimestampTz, Date, Text, Bytea, Other };

Family familyOf(const QString &type)
{
    if (type == QLatin1String("boolean"))
        return Family::Boolean;
    if (type == QLatin1String("bigint") || type == QLatin1String("integer") ||
        type == QLatin1String("smallint"))
        return Family::Integer;
    if (type == QLatin1String("double precision") || type == QLatin1String("real") ||
        type.startsWith(QLatin1String("numeric")))
        return Family::Float;
    if (type == QLatin1String("timestamp with time zone") || type == QLatin1String("timestamptz"))
        return Family::TimestampTz;
    if (type.startsWith(QLatin1String("timestamp")))
        return Family::Timestamp;
    if (type == QLatin1String("date"))
        return Family::Date;
    if (TypeMapper::isTextType(type))
        return Family::Text;
    if (type == QLatin1String("bytea"))
        return Family::Bytea;
    return Family::Other;
}

Translation ok(const QString &sql)
{
    return {sql, {}};
}

Translation refuse(const QString &what, const QString &type)
{
    return {{}, QStringLiteral("%1 does not fit the target type %2").arg(what, type)};
}

QString timestampLiteral(double msSinceEpoch)
{
    const QDateTime t =
        QDateTime::fromMSecsSinceEpoch(qint64(std::llround(msSinceEpoch)), QTimeZone::utc());
    return u'\'' + t.toString(QStringLiteral("yyyy-MM-dd HH:mm:ss.zzz")) + u'\'';
}

Translation number(const QString &text, const QString &type, ValueTransform transform)
{
    bool isInt = false, isNum = false;
    qint64 i = 0;
    if (text.contains(QLatin1String("0x"), Qt::CaseInsensitive)) {
        const bool negative = text.startsWith(u'-');
        i = qint64(QString(text).remove(u'-').remove(u'+').mid(2).toULongLong(&isInt, 16));
        if (negative)
            i = -i;
    } else {
        i = text.toLongLong(&isInt);
    }
    const double d = isInt ? double(i) : text.toDouble(&isNum);
    isNum = isNum || isInt;
    if (!isNum)
        return refuse(QStringLiteral("default ") + text, type);
    switch (familyOf(type)) {
    case Family::Boolean:
        if (isInt && (i == 0 || i == 1))
            return ok(i ? QStringLiteral("true") : QStringLiteral("false"));
        break;
    case Family::Integer:
        if (isInt)
            return ok(QString::number(i));
        if (d == std::floor(d) && std::abs(d) < 9.2e18)
            return ok(QString::number(qint64(d)));
        break;
    case Family::Float:
        return ok(isInt ? QString::number(i) : text);
    case Family::Text:
        return ok(Dialect::create(Engine::Postgres)->quoteLiteral(text));
    case Family::Timestamp:
    case Family::TimestampTz:
        if (transform == ValueTransform::EpochSeconds)
            return ok(timestampLiteral(d * 1000));
        if (transform == ValueTransform::EpochMillis)
            return ok(timestampLiteral(d));
        if (transform == ValueTransform::JulianDay)
            return ok(timestampLiteral((d - 2440587.5) * 86400000.0));
        break;
    default:
        break;
    }
    return refuse(QStringLiteral("default ") + text, type);
}

Translation string(const QString &text, const QString &type, ValueTransform transform)
{
    const auto pg = Dialect::create(Engine::Postgres);
    const QString lower = text.trimmed().toLower();
    switch (familyOf(type)) {
    case Family::Text:
    case Family::Other:
        return ok(pg->quoteLiteral(text));
    case Family::Boolean: {
        static const QStringList yes = {"1", "true", "t", "yes", "on"};
        static const QStringList no = {"0", "false", "f", "no", "off"};
        if (yes.contains(lower) || no.contains(lower))
            return ok(yes.contains(lower) ? QStringLiteral("true") : QStringLiteral("false"));
        break;
    }
    case Family::Integer:
    case Family::Float: {
        bool isNum = false;
        text.trimmed().toDouble(&isNum);
        if (isNum)
            return number(text.trimmed(), type, transform);
        break;
    }
    case Family::Timestamp:
    case Family::TimestampTz:
    case Family::Date: {
        static const QRegularExpression iso(
            QStringLiteral(R"(^\d{4}-\d{2}-\d{2}([ T]\d{2}:\d{2}.*)?$)"));
        if (transform == ValueTransform::IsoText && iso.match(text).hasMatch())
            return ok(pg->quoteLiteral(text));
        bool isNum = false;
        text.trimmed().toDouble(&isNum);
        if (isNum && transform != ValueTransform::IsoText)
            return number(text.trimmed(), type, transform);
        break;
    }
    case Family::Bytea:
        return ok(QStringLiteral("'\\x%1'::bytea").arg(QString::fromLatin1(text.toUtf8().toHex())));
    }
    return refuse(QStringLiteral("default ") + pg->quoteLiteral(text), type);
}

// Outer parentheses around the whole text removed: "((0))" -> "0".
QString bare(QString sql)
{
    for (;;) {
        sql = sql.trimmed();
        const SqlTokens t(sql);
        if (t.size() >= 2 && t.isPunct(0, u'(') && t.closeOf(0) == t.size() - 1)
            sql = t.inside(0);
        else
            return sql;
    }
}

} // namespace

Translation DefaultTranslator::translate(const QString &sqliteDefault, const QString &targetType,
                                         ValueTransform transform,
                                         const ExpressionTranslator &expressions)
{
    const QString sql = bare(sqliteDefault);
    const SqlTokens t(sql);
    if (t.size() == 0 || (t.size() == 1 && t.isKeyword(0, "NULL")))
        return {};
    if (t.size() == 1 && t[0].kind == TokenKind::String) {
        if (sql.front() == u'\'')
            return string(t[0].text, targetType, transform);
        if (familyOf(targetType) == Family::Bytea)
            return ok(QStringLiteral("'\\x%1'::bytea").arg(t[0].text.toLower()));
        return refuse(QStringLiteral("blob default ") + sql, targetType);
    }
    // A lone name is a string to SQLite: DEFAULT abc, DEFAULT "abc", DEFAULT ("").
    if (t.size() == 1 &&
        (t[0].kind == TokenKind::QuotedName ||
         (t[0].kind == TokenKind::Word && !expr::isValueWord(asciiUpper(t[0].text)))))
        return string(t[0].text, targetType, transform);
    const bool signedNumber = t.size() == 2 && (t.isPunct(0, u'-') || t.isPunct(0, u'+')) &&
                              t[1].kind == TokenKind::Number;
    if ((t.size() == 1 && t[0].kind == TokenKind::Number) || signedNumber)
        return number(signedNumber ? t[0].text + t[1].text : t[0].text, targetType, transform);
    if (t.size() == 1 && (t.isKeyword(0, "TRUE") || t.isKeyword(0, "FALSE")))
        return number(t.isKeyword(0, "TRUE") ? QStringLiteral("1") : QStringLiteral("0"),
                      targetType, transform);
    // Anything else, "now" in every spelling included: a value of the column's type, or
    // refused with the reason (no column is in scope in a DEFAULT).
    TranslationContext constant = expressions.context();
    constant.constant = true;
    Translation e = ExpressionTranslator(constant).translateAs(sql, targetType, transform);
    if (e.ok())
        e.sql = u'(' + e.sql + u')';
    return e;
}

} // namespace strata
