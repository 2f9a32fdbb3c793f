// PgRecord's probe (Verifier.h): typed values of every kind, hashed by the server with
// hash_record_extended over the checksum's own terms and by the loader's encoders.

#include "transfer/Verifier.h"

#include <cmath>
#include <limits>

namespace strata::transfer {

namespace {

struct ProbeList {
    QList<HashProbe> probes;

    void add(const char *pgType, SourceValue::Type type, qint64 integer, double real,
             const QByteArray &bytes, const QString &literal,
             ValueTransform transform = ValueTransform::None)
    {
        HashProbe p;
        p.pgType = QLatin1String(pgType);
        p.type = type;
        p.integer = integer;
        p.real = real;
        p.bytes = bytes;
        p.transform = transform;
        p.literal = PgConnection::quoteLiteral(literal);
        probes << p;
    }
    void integer(const char *pgType, qint64 v, const QString &literal = {},
                 ValueTransform transform = ValueTransform::None)
    {
        add(pgType, SourceValue::Integer, v, 0, {}, literal.isNull() ? QString::number(v) : literal,
            transform);
    }
    void real(const char *pgType, double v, const QString &literal,
              ValueTransform transform = ValueTransform::None)
    {
        add(pgType, SourceValue::Real, 0, v, {}, literal, transform);
    }
    // Text as SQLite holds it; the literal is the same text unless given.
    void text(const char *pgType, const QByteArray &t, const QString &literal = {},
              ValueTransform transform = ValueTransform::None)
    {
        add(pgType, SourceValue::Text, 0, 0, t, literal.isNull() ? QString::fromUtf8(t) : literal,
            transform);
    }
    void blob(const char *pgType, const QByteArray &b)
    {
        add(pgType, SourceValue::Blob, 0, 0, b,
            QStringLiteral("\\x") + QString::fromLatin1(b.toHex()));
    }
};

} // namespace

QList<HashProbe> rowHashProbes()
{
    constexpr double inf = std::numeric_limits<double>::infinity();
    constexpr qint64 int64Max = std::numeric_limits<qint64>::max();
    ProbeList p;
    for (qint64 v :
         {qint64(0), qint64(1), qint64(-1), qint64(42), qint64(-42), qint64(2147483647),
          qint64(2147483648), qint64(-2147483648), qint64(-2147483649), qint64(4294967296),
          qint64(-4294967296), int64Max, -int64Max - 1, qint64(1234567890123456789)})
        p.integer("bigint", v);
    p.real("bigint", 3.0, QStringLiteral("3"));
    p.text("bigint", " -17 ", QStringLiteral("-17"));
    for (qint64 v : {qint64(0), qint64(-1), qint64(65536), qint64(2147483647), qint64(-2147483648)})
        p.integer("integer", v);
    p.integer("smallint", -32768);
    p.integer("smallint", 32767);

    p.real("double precision", 0.0, QStringLiteral("0"));
    p.real("double precision", -0.0, QStringLiteral("-0"));
    p.real("double precision", 0.1, QStringLiteral("0.1"));
    p.real("double precision", -1.5, QStringLiteral("-1.5"));
    p.real("double precision", 1e308, QStringLiteral("1e308"));
    p.real("double precision", -1e-300, QStringLiteral("-1e-300"));
    p.real("double precision", 5e-324, QStringLiteral("5e-324"));
    p.real("double precision", 123456789.12345679, QStringLiteral("123456789.12345679"));
    p.real("double precision", inf, QStringLiteral("Infinity"));
    p.real("double precision", -inf, QStringLiteral("-Infinity"));
    p.real("double precision", std::numeric_limits<double>::quiet_NaN(), QStringLiteral("NaN"));
    p.integer("double precision", 9007199254740993);
    p.text("double precision", "2.5e-3");
    p.real("real", 0.1, QStringLiteral("0.1"));
    p.real("real", -0.0, QStringLiteral("-0"));
    p.real("real", 3.4028234663852886e38, QStringLiteral("3.4028234663852886e38"));
    p.real("real", inf, QStringLiteral("Infinity"));
    p.real("real", std::numeric_limits<double>::quiet_NaN(), QStringLiteral("NaN"));
    p.integer("real", 16777217);

    for (const char *t : {"0",
                          "0.000",
                          "-0",
                          "1.5",
                          "-1.5",
                          "1.50",
                          "1e-5",
                          "0.00001",
                          "-0.0001",
                          "9999",
                          "10000",
                          "-10000.0001",
                          "123456789.0001",
                          "12345678901234567890123",
                          "100000000",
                          "1e100",
                          "-1.23e-50",
                          "NaN",
                          "nan",
                          "Infinity",
                          "-Infinity",
                          "inf"})
        p.text("numeric", t);
    p.text("numeric", " 42 ", QStringLiteral("42"));
    QByteArray longNumber = "-" + QByteArray(150, '7') + "." + QByteArray(90, '3');
    p.text("numeric", longNumber);
    p.real("numeric", 2.5, QStringLiteral("2.5"));
    p.real("numeric", 0.1, QStringLiteral("0.1"));
    p.real("numeric", -inf, QStringLiteral("-Infinity"));
    p.integer("numeric", -int64Max - 1);
    p.integer("numeric", 0);

    p.integer("boolean", 1, QStringLiteral("true"));
    p.integer("boolean", 0, QStringLiteral("false"));
    p.text("boolean", "yes", QStringLiteral("true"));
    p.text("boolean", "f", QStringLiteral("false"));
    p.integer("bigint", 1, QStringLiteral("1"), ValueTransform::BoolFromInt);

    p.blob("bytea", QByteArray());
    p.blob("bytea", QByteArray("\x00\xff\\\n\t", 5));
    QByteArray longBlob;
    for (int i = 0; i < 300; ++i)
        longBlob.append(char(i * 7));
    p.blob("bytea", longBlob);
    p.text("bytea", "abc", QStringLiteral("\\x616263"), ValueTransform::TextToBytea);
    p.integer("bytea", 42, QStringLiteral("\\x3432"));

    for (const char *t :
         {"2000-01-01 00:00:00", "1999-12-31 23:59:59.999999", "2000-01-01 00:00:00.000001",
          "2024-01-02 10:00:00.5", "1970-01-01", "1850-06-01 12:00", "0044-03-15 12:00:00 BC",
          "9999-12-31 23:59:59", "2024-01-02 10:00:00+05"})
        p.text("timestamp", t);
    p.integer("timestamp", 1700000000, QStringLiteral("2023-11-14 22:13:20"),
              ValueTransform::EpochSeconds);
    p.integer("timestamp", -1, QStringLiteral("1969-12-31 23:59:59"), ValueTransform::EpochSeconds);
    p.integer("timestamp", 1700000000123, QStringLiteral("2023-11-14 22:13:20.123"),
              ValueTransform::EpochMillis);
    p.real("timestamp", 2451545.0, QStringLiteral("2000-01-01 12:00:00"),
           ValueTransform::JulianDay);
    for (const char *t : {"2024-01-02 10:00:00+02", "1969-07-20 20:17:40Z", "1999-12-31 23:59:59.5",
                          "0001-01-01 00:00:00+00"})
        p.text("timestamp with time zone", t);
    p.integer("timestamp with time zone", 0, QStringLiteral("1970-01-01 00:00:00+00"),
              ValueTransform::EpochSeconds);
    for (const char *t : {"2000-01-01", "1999-12-31", "2000-01-02", "1970-01-01", "0001-01-01",
                          "9999-12-31", "2400-02-29", "0100-03-01 BC"})
        p.text("date", t);
    p.integer("date", 86400, QStringLiteral("1970-01-02"), ValueTransform::EpochSeconds);

    for (const char *t :
         {"", "abc", "ABC", "Zo\xc3\xab \xe6\x9d\xb1\xe4\xba\xac \xf0\x9d\x84\x9e",
          "quote \" comma , paren ( ) backslash \\ tab \t", "line\nbreak", "trailing  "})
        p.text("text", t);
    p.text("text", "a\xc3(", QStringLiteral("a\uFFFD("));
    p.integer("text", 42);
    p.real("text", 1e308, QStringLiteral("1e+308"));
    p.integer("text", 1, QStringLiteral("t"), ValueTransform::BoolFromInt);
    p.integer("text", 0, QStringLiteral("1970-01-01 00:00:00"), ValueTransform::EpochSeconds);
    p.add("text", SourceValue::Blob, 0, 0, "\x01\x02", QStringLiteral("\\x0102"),
          ValueTransform::TextToBytea); // stored as bytea's output text
    p.text("character varying(10)", "abc");
    p.text("name", "pg_class");
    for (const char *t : {"ab", "ab   ", "", "abcde", " a", "\xc3\xa9"})
        p.text("character(5)", t);
    p.text("uuid", "a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11");
    p.text("json", "{\"a\": [1, 2]}");
    return p.probes;
}

std::optional<quint64> clientRecordHash(const HashProbe &probe, bool binary)
{
    ValueEncoder encoder(probe.kind(), probe.transform, BadTextPolicy::Replace, binary);
    CanonRow row(RowHash::PgRecord);
    QByteArray copy, problem;
    row.begin();
    if (encoder.encode(probe.value(), copy, row, problem) == ValueEncoder::Outcome::Failed)
        return std::nullopt;
    row.end();
    return row.hash();
}

Result<QStringList> recordHashMismatches(PgConnection &pg, const QList<HashProbe> &probes)
{
    // One row: a column per probe, then a NULL of every type.
    QStringList columns, hashes, allTerms, nullTypes;
    for (int i = 0; i < probes.size(); ++i) {
        const QString c = QStringLiteral("c%1").arg(i);
        columns << QStringLiteral("%1::%2 AS %3").arg(probes[i].literal, probes[i].pgType, c);
        const QStringList terms = recordHashTerms(c, probes[i].kind());
        hashes << QStringLiteral("hash_record_extended(ROW(%1), 0)::text")
                      .arg(terms.join(QStringLiteral(", ")));
        allTerms << terms;
        if (!nullTypes.contains(probes[i].pgType))
            nullTypes << probes[i].pgType;
    }
    for (int i = 0; i < nullTypes.size(); ++i) {
        const QString c = QStringLiteral("n%1").arg(i);
        columns << QStringLiteral("NULL::%1 AS %2").arg(nullTypes[i], c);
        allTerms << recordHashTerms(c, targetKindOf(nullTypes[i]));
    }
    hashes << QStringLiteral("hash_record_extended(ROW(%1), 0)::text")
                  .arg(allTerms.join(QStringLiteral(", ")));
    auto rows =
        pg.query(QStringLiteral("SELECT %1 FROM (SELECT %2) s")
                     .arg(hashes.join(QStringLiteral(", ")), columns.join(QStringLiteral(", "))));
    if (!rows)
        return rows.error();
    const QStringList server = rows->value(0);

    QStringList mismatches;
    for (bool binary : {true, false}) {
        CanonRow whole(RowHash::PgRecord);
        whole.begin();
        bool wholeOk = true;
        for (int i = 0; i < probes.size(); ++i) {
            const HashProbe &p = probes[i];
            const bool fits = binaryCopyFits(p.pgType, p.kind());
            const auto h = clientRecordHash(p, binary && fits);
            if (!h || QString::number(qint64(*h)) != server.value(i))
                mismatches << p.label() + (binary && fits ? QStringLiteral(" (binary COPY)")
                                                          : QStringLiteral(" (text COPY)"));
            ValueEncoder encoder(p.kind(), p.transform, BadTextPolicy::Replace, binary && fits);
            QByteArray copy, problem;
            wholeOk = wholeOk && encoder.encode(p.value(), copy, whole, problem) !=
                                     ValueEncoder::Outcome::Failed;
        }
        for (const QString &type : nullTypes) {
            ValueEncoder encoder(targetKindOf(type), ValueTransform::None, BadTextPolicy::Replace,
                                 binary && binaryCopyFits(type, targetKindOf(type)));
            QByteArray copy, problem;
            encoder.encode(SourceValue{}, copy, whole, problem);
        }
        whole.end();
        if (!wholeOk || QString::number(qint64(whole.hash())) != server.value(probes.size()))
            mismatches << (binary ? QStringLiteral("a row of every probe (binary COPY)")
                                  : QStringLiteral("a row of every probe (text COPY)"));
    }
    mismatches.removeDuplicates();
    return mismatches;
}

} // namespace strata::transfer
