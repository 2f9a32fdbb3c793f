// The type decision rules; docs/TRANSFER.md lists them with examples.

#include "transfer/TypeMapper.h"

#include <QRegularExpression>

namespace strata {

namespace {

// Unix times accepted as such: 1900-01-01 .. 2100-01-01, and at least one value after 1973
// (1e8 s), which tells epoch seconds from YYYYMMDD numbers and small counters.
constexpr qint64 epochLow = -2208988800LL, epochHigh = 4102444800LL;
constexpr double epochMinMax = 1e8;
// Milliseconds: the same range times 1000, with a value beyond 1e11 (seconds would be 5138 AD).
constexpr double millisMinMax = 1e11;
// Julian day numbers of the years 1000 .. 3000.
constexpr double julianLow = 2086302.5, julianHigh = 2816787.5;
// Integers a double holds exactly.
constexpr qint64 exactInDouble = 9007199254740992LL; // 2^53

const QString timestampType = QStringLiteral("timestamp without time zone");

TypeChoice pick(const QString &type, const QString &reason,
                ValueTransform transform = ValueTransform::None)
{
    TypeChoice c;
    c.type = type;
    c.reason = reason;
    c.transform = transform;
    return c;
}

QString numericType(int p, int s)
{
    return QStringLiteral("numeric(%1,%2)").arg(p).arg(s);
}

TypeChoice fromDeclaration(const DeclaredType &d, const QString &why)
{
    int p = 0, s = 0;
    if (d.isBoolean())
        return pick(QStringLiteral("boolean"), why, ValueTransform::BoolFromInt);
    if (d.isDate() && d.base == QLatin1String("DATE"))
        return pick(QStringLiteral("date"), why, ValueTransform::IsoText);
    if (d.isDateTime())
        return pick(timestampType, why, ValueTransform::IsoText);
    if (d.isTime())
        return pick(QStringLiteral("text"), why + QStringLiteral(" (a time of day stays text)"));
    switch (d.affinity) {
    case Affinity::Integer:
        return pick(QStringLiteral("bigint"), why);
    case Affinity::Text:
        return pick(d.length() > 0 ? QStringLiteral("character varying(%1)").arg(d.length())
                                   : QStringLiteral("text"),
                    why);
    case Affinity::Real:
        return pick(QStringLiteral("double precision"), why);
    case Affinity::Numeric:
        return pick(d.precision(&p, &s) ? numericType(p, s) : QStringLiteral("numeric"), why);
    case Affinity::Blob:
        break;
    }
    return d.text.trimmed().isEmpty() ? pick(QStringLiteral("text"), why)
                                      : pick(QStringLiteral("bytea"), why);
}

TypeChoice texts(const DeclaredType &d, const ColumnProfile &p, const QString &why)
{
    const int n = d.length();
    if (n <= 0)
        return pick(QStringLiteral("text"), why);
    const bool padded =
        d.base.startsWith(QLatin1String("CHAR")) || d.base.startsWith(QLatin1String("NCHAR")) ||
        d.base == QLatin1String("CHARACTER") || d.base == QLatin1String("NATIVE CHARACTER");
    if (p.maxTextChars <= n)
        return pick(QStringLiteral("character varying(%1)").arg(n),
                    why + QStringLiteral(", all fit %1 characters").arg(n) +
                        (padded ? QStringLiteral(" (not character(n), which pads with spaces)")
                                : QString()));
    TypeChoice c = pick(QStringLiteral("text"),
                        why + QStringLiteral(", values up to %1 characters exceed the declared %2")
                                  .arg(p.maxTextChars)
                                  .arg(n));
    c.warnings << QStringLiteral("values up to %1 characters exceed the declared length %2: text")
                      .arg(p.maxTextChars)
                      .arg(n);
    return c;
}

TypeChoice numbers(const DeclaredType &d, const ColumnProfile &p, const QString &why)
{
    int prec = 0, scale = 0;
    const bool fixed = d.precision(&prec, &scale);
    if (fixed && p.numericMisfits == 0)
        return pick(numericType(prec, scale),
                    why + QStringLiteral(", all fit %1").arg(numericType(prec, scale)));
    const QString misfit = fixed ? QStringLiteral(", %1 do not fit %2")
                                       .arg(p.numericMisfits)
                                       .arg(numericType(prec, scale))
                                 : QString();
    if (p.reals == 0)
        return pick(QStringLiteral("bigint"),
                    why + misfit +
                        QStringLiteral(", integers %1 .. %2").arg(p.minInteger).arg(p.maxInteger));
    if (p.integers > 0 && (p.maxInteger > exactInDouble || p.minInteger < -exactInDouble))
        return pick(QStringLiteral("numeric"),
                    why + misfit +
                        QStringLiteral(", integers beyond 2^53 next to reals: numeric holds both "
                                       "exactly"));
    return pick(QStringLiteral("double precision"), why + misfit);
}

TypeChoice byData(const DeclaredType &d, const ColumnProfile &p, const QString &why)
{
    if (p.blobs > 0) {
        if (p.blobs == p.values())
            return pick(QStringLiteral("bytea"), why);
        TypeChoice c = pick(QStringLiteral("bytea"),
                            why + QStringLiteral(", blobs next to other values: bytea, texts and "
                                                 "numbers as their text bytes"),
                            p.texts > 0 ? ValueTransform::TextToBytea : ValueTransform::None);
        c.warnings << QStringLiteral("blobs mixed with other values (%1): stored as bytea")
                          .arg(p.describe());
        return c;
    }
    if (p.texts > 0) {
        if (p.texts < p.values())
            return pick(QStringLiteral("text"),
                        why + QStringLiteral(", mixed: numbers kept in their text form"));
        return texts(d, p, why);
    }
    return numbers(d, p, why);
}

TypeChoice dateTime(const DeclaredType &d, const ColumnProfile &p, const QString &why)
{
    if (p.texts == p.values()) {
        if (p.isoDateTexts < p.texts)
            return pick(QStringLiteral("text"),
                        why + QStringLiteral(", %1 of %2 texts are not ISO-8601 dates: text")
                                  .arg(p.texts - p.isoDateTexts)
                                  .arg(p.texts));
        if (p.isoZonedTexts == p.texts)
            return pick(QStringLiteral("timestamp with time zone"),
                        why + QStringLiteral(", all ISO-8601 with UTC offsets"),
                        ValueTransform::IsoText);
        if (p.isoZonedTexts > 0)
            return pick(QStringLiteral("text"),
                        why + QStringLiteral(", %1 ISO-8601 texts carry a UTC offset and %2 do "
                                             "not: text (a timestamp would drop or shift them)")
                                  .arg(p.isoZonedTexts)
                                  .arg(p.texts - p.isoZonedTexts));
        if (p.isoDateOnlyTexts == p.texts && d.base == QLatin1String("DATE"))
            return pick(QStringLiteral("date"), why + QStringLiteral(", all ISO-8601 dates"),
                        ValueTransform::IsoText);
        return pick(timestampType, why + QStringLiteral(", all ISO-8601 timestamps"),
                    ValueTransform::IsoText);
    }
    if (p.texts > 0 || p.blobs > 0)
        return byData(d, p, why + QStringLiteral(", not one kind of date"));
    if (p.reals == 0) {
        if (p.minInteger >= epochLow && p.maxInteger <= epochHigh && p.maxInteger >= epochMinMax)
            return pick(timestampType, why + QStringLiteral(", integers read as Unix seconds"),
                        ValueTransform::EpochSeconds);
        if (p.minInteger >= epochLow * 1000 && p.maxInteger <= epochHigh * 1000 &&
            p.maxInteger > millisMinMax)
            return pick(timestampType,
                        why + QStringLiteral(", integers beyond 1e11 read as Unix milliseconds"),
                        ValueTransform::EpochMillis);
        return pick(QStringLiteral("bigint"),
                    why + QStringLiteral(", integers %1 .. %2 do not look like Unix times")
                              .arg(p.minInteger)
                              .arg(p.maxInteger));
    }
    double lo = p.minReal, hi = p.maxReal;
    if (p.integers > 0) {
        lo = std::min(lo, double(p.minInteger));
        hi = std::max(hi, double(p.maxInteger));
    }
    if (lo >= julianLow && hi <= julianHigh)
        return pick(timestampType, why + QStringLiteral(", reals read as Julian day numbers"),
                    ValueTransform::JulianDay);
    if (lo >= double(epochLow) && hi <= double(epochHigh) && hi >= epochMinMax)
        return pick(timestampType, why + QStringLiteral(", numbers read as Unix seconds"),
                    ValueTransform::EpochSeconds);
    return numbers(d, p, why + QStringLiteral(", numbers that are not Julian days or Unix times"));
}

void badTexts(TypeChoice &c, const ColumnProfile &p, const TransferOptions &o)
{
    if (p.badTexts == 0 || !TypeMapper::isTextType(c.type))
        return;
    const QString what =
        QStringLiteral("%1 texts are not valid UTF-8 or hold NUL bytes (%2 with NUL)")
            .arg(p.badTexts)
            .arg(p.nulTexts);
    switch (o.badText) {
    case BadTextPolicy::Fail:
        c.reason += QStringLiteral("; ") + what;
        c.warnings << what + QStringLiteral(": the load stops at the first (bad-text policy "
                                            "fail; choose replace or bytea)");
        break;
    case BadTextPolicy::Replace:
        c.reason += QStringLiteral("; ") + what;
        c.warnings << what + QStringLiteral(": invalid bytes become U+FFFD and NUL bytes are "
                                            "removed (bad-text policy replace)");
        break;
    case BadTextPolicy::Bytea:
        c.type = QStringLiteral("bytea");
        c.transform = ValueTransform::TextToBytea;
        c.reason += QStringLiteral("; ") + what + QStringLiteral(": bytea (bad-text policy bytea)");
        break;
    }
}

void collation(TypeChoice &c, const Column &column, const TransferOptions &o,
               const QString &nocaseCollation)
{
    if (column.collation.isEmpty() || column.collation == QLatin1String("BINARY"))
        return;
    if (column.collation != QLatin1String("NOCASE")) {
        c.warnings << QStringLiteral("COLLATE %1 has no PostgreSQL equivalent: default collation")
                          .arg(column.collation);
        c.reason += QStringLiteral("; COLLATE %1 not carried over").arg(column.collation);
        return;
    }
    if (!TypeMapper::isTextType(c.type)) {
        c.reason += QStringLiteral("; COLLATE NOCASE has no meaning for ") + c.type;
        return;
    }
    if (o.nocase == QLatin1String("icu")) {
        c.collation = nocaseCollation;
        c.reason += QStringLiteral("; COLLATE NOCASE: ICU case-insensitive collation");
        return;
    }
    if (c.type.startsWith(QLatin1String("character varying")))
        c.reason += QStringLiteral("; COLLATE NOCASE: citext (its length limit is not kept)");
    else
        c.reason += QStringLiteral("; COLLATE NOCASE: citext");
    c.type = QStringLiteral("citext");
}

} // namespace

DeclaredType DeclaredType::parse(const QString &declared)
{
    DeclaredType d;
    d.text = declared;
    const qsizetype open = declared.indexOf(u'(');
    d.base = (open < 0 ? declared : declared.left(open)).simplified().toUpper();
    if (open >= 0) {
        const qsizetype close = declared.indexOf(u')', open);
        for (const QString &arg :
             declared.mid(open + 1, close < 0 ? -1 : close - open - 1).split(u',')) {
            bool ok = false;
            const int v = arg.trimmed().toInt(&ok);
            if (ok)
                d.args << v;
        }
    }
    const QString upper = declared.toUpper();
    if (upper.contains(QLatin1String("INT")))
        d.affinity = Affinity::Integer;
    else if (upper.contains(QLatin1String("CHAR")) || upper.contains(QLatin1String("CLOB")) ||
             upper.contains(QLatin1String("TEXT")))
        d.affinity = Affinity::Text;
    else if (upper.contains(QLatin1String("BLOB")) || upper.trimmed().isEmpty())
        d.affinity = Affinity::Blob;
    else if (upper.contains(QLatin1String("REAL")) || upper.contains(QLatin1String("FLOA")) ||
             upper.contains(QLatin1String("DOUB")))
        d.affinity = Affinity::Real;
    else
        d.affinity = Affinity::Numeric;
    return d;
}

bool DeclaredType::isBoolean() const
{
    return base == QLatin1String("BOOL") || base == QLatin1String("BOOLEAN");
}

bool DeclaredType::isDate() const
{
    return base == QLatin1String("DATE");
}

bool DeclaredType::isDateTime() const
{
    static const QStringList names = {"DATE",
                                      "DATETIME",
                                      "TIMESTAMP",
                                      "TIMESTAMPTZ",
                                      "TIMESTAMP WITH TIME ZONE",
                                      "TIMESTAMP WITHOUT TIME ZONE"};
    return names.contains(base);
}

bool DeclaredType::isTime() const
{
    return base == QLatin1String("TIME");
}

bool DeclaredType::precision(int *p, int *s) const
{
    if ((base != QLatin1String("NUMERIC") && base != QLatin1String("DECIMAL")) || args.isEmpty() ||
        args.size() > 2)
        return false;
    *p = args[0];
    *s = args.size() == 2 ? args[1] : 0;
    return *p >= 1 && *p <= 1000 && *s >= 0 && *s <= *p;
}

int DeclaredType::length() const
{
    return affinity == Affinity::Text && args.size() == 1 && args[0] > 0 ? args[0] : -1;
}

bool TypeMapper::isTextType(const QString &type)
{
    return type == QLatin1String("text") || type == QLatin1String("citext") ||
           type.startsWith(QLatin1String("character varying")) ||
           type.startsWith(QLatin1String("character(")) ||
           type.startsWith(QLatin1String("varchar"));
}

TypeChoice TypeMapper::choose(const Column &column, const ColumnProfile &p, bool identity,
                              const TransferOptions &options, const QString &nocaseCollation)
{
    const DeclaredType d = DeclaredType::parse(column.declaredType);
    QString why = column.declaredType.trimmed().isEmpty()
                      ? QStringLiteral("no declared type")
                      : QStringLiteral("declared ") + column.declaredType.simplified();
    if (identity)
        return pick(QStringLiteral("bigint"),
                    why + QStringLiteral(", INTEGER PRIMARY KEY%1 (the rowid): bigint identity")
                              .arg(column.identity == IdentityKind::Autoincrement
                                       ? QStringLiteral(" AUTOINCREMENT")
                                       : QString()));
    TypeChoice c;
    if (p.values() == 0) {
        c = fromDeclaration(d, why + QStringLiteral(", no values: from the declared type"));
    } else {
        why += QStringLiteral(", holds ") + p.describe();
        const bool zeroOne = p.integers == p.values() && p.minInteger >= 0 && p.maxInteger <= 1;
        if (d.isBoolean() && zeroOne)
            c = pick(QStringLiteral("boolean"), why + QStringLiteral(", only 0/1"),
                     ValueTransform::BoolFromInt);
        else if (d.isBoolean())
            c = byData(d, p, why + QStringLiteral(", not only 0/1"));
        else if (d.isDateTime())
            c = dateTime(d, p, why);
        else if (d.isTime() && p.texts == p.values())
            c = pick(QStringLiteral("text"), why + QStringLiteral(", a time of day stays text"));
        else
            c = byData(d, p, why);
    }
    badTexts(c, p, options);
    collation(c, column, options, nocaseCollation);
    return c;
}

QString TypeMapper::inheritedNocase(const Schema &source, const Table &table, const Column &column)
{
    if (!column.collation.isEmpty())
        return {};
    for (const ForeignKey &fk : table.foreignKeys) {
        const qsizetype at = fk.columns.indexOf(column.name, Qt::CaseInsensitive);
        if (at < 0 || at >= fk.refColumns.size())
            continue;
        for (const Table &parent : source.tables) {
            if (parent.name.compare(fk.refTable, Qt::CaseInsensitive) != 0)
                continue;
            for (const Column &p : parent.columns) {
                if (p.name.compare(fk.refColumns[at], Qt::CaseInsensitive) == 0 &&
                    p.collation.compare(QLatin1String("NOCASE"), Qt::CaseInsensitive) == 0)
                    return parent.name + u'.' + p.name;
            }
        }
    }
    return {};
}

} // namespace strata
