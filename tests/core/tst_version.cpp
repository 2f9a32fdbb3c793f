#include "migration/Version.h"

#include <QtTest>

#include <algorithm>
#include <optional>

using strata::Version;

class TestVersion : public QObject {
    Q_OBJECT

private slots:
    void parseValid_data();
    void parseValid();
    void parseInvalid_data();
    void parseInvalid();
    void compare_data();
    void compare();
    void sortsNumerically();
    void defaultIsEmpty();
};

namespace {

Version parsed(const char *text)
{
    const std::optional<Version> v = Version::parse(QString::fromUtf8(text));
    if (!v)
        qFatal("test setup: `%s` should parse", text);
    return *v;
}

QString thirtyDigits(char last)
{
    return QStringLiteral("12345678901234567890123456789") + QLatin1Char(last);
}

} // namespace

void TestVersion::parseValid_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<QString>("expected"); // toString()

    QTest::newRow("single part") << "1"
                                 << "1";
    QTest::newRow("zero") << "0"
                          << "0";
    QTest::newRow("two parts") << "2.10"
                               << "2.10";
    QTest::newRow("three parts") << "1.2.10"
                                 << "1.2.10";
    QTest::newRow("flyway underscore") << "1_1"
                                       << "1.1";
    QTest::newRow("flyway underscores, three parts") << "1_2_3"
                                                     << "1.2.3";
    QTest::newRow("mixed separators") << "1_2.3"
                                      << "1.2.3";
    QTest::newRow("leading zeros kept") << "001"
                                        << "001";
    QTest::newRow("leading zeros in later part") << "1.002"
                                                 << "1.002";
    QTest::newRow("trailing zero part kept") << "1.0"
                                             << "1.0";
    QTest::newRow("14-digit timestamp") << "20240101120000"
                                        << "20240101120000";
    QTest::newRow("30 digits") << thirtyDigits('0') << thirtyDigits('0');
    QTest::newRow("many parts") << "1.2.3.4.5.6.7.8.9.10"
                                << "1.2.3.4.5.6.7.8.9.10";
}

void TestVersion::parseValid()
{
    QFETCH(QString, text);
    QFETCH(QString, expected);

    const std::optional<Version> v = Version::parse(text);
    QVERIFY2(v.has_value(), qPrintable(text));
    QVERIFY(!v->isEmpty());
    QCOMPARE(v->toString(), expected);
    QCOMPARE(v->compare(*v), 0);
    // toString() output parses back to an equal version.
    const std::optional<Version> again = Version::parse(v->toString());
    QVERIFY(again.has_value());
    QCOMPARE(again->toString(), expected);
    QVERIFY(*again == *v);
}

void TestVersion::parseInvalid_data()
{
    QTest::addColumn<QString>("text");

    QTest::newRow("empty") << "";
    QTest::newRow("letter") << "a";
    QTest::newRow("empty middle part") << "1..2";
    QTest::newRow("leading dot") << ".1";
    QTest::newRow("trailing dot") << "1.";
    QTest::newRow("only a dot") << ".";
    QTest::newRow("hyphen") << "1-2";
    QTest::newRow("leading space") << " 1";
    QTest::newRow("trailing space") << "1 ";
    QTest::newRow("inner space") << "1. 2";
    QTest::newRow("v prefix") << "v1";
    QTest::newRow("V prefix") << "V1";
    QTest::newRow("letter suffix") << "1a";
    QTest::newRow("double underscore") << "1__2";
    QTest::newRow("trailing underscore") << "1_";
    QTest::newRow("leading underscore") << "_1";
    QTest::newRow("sign") << "+1";
    QTest::newRow("negative") << "-1";
    QTest::newRow("hex") << "0x10";
    QTest::newRow("comma") << "1,2";
    QTest::newRow("fullwidth digit") << QString::fromUtf8("\xEF\xBC\x91"); // U+FF11
    QTest::newRow("arabic-indic digit") << QString::fromUtf8("\xD9\xA1");  // U+0661
    QTest::newRow("superscript digit") << QString::fromUtf8("\xC2\xB9");   // U+00B9
}

void TestVersion::parseInvalid()
{
    QFETCH(QString, text);
    const std::optional<Version> v = Version::parse(text);
    QVERIFY2(
        !v.has_value(),
        qPrintable(QStringLiteral("`%1` parsed as `%2`").arg(text, v ? v->toString() : QString())));
}

void TestVersion::compare_data()
{
    QTest::addColumn<QString>("a");
    QTest::addColumn<QString>("b");
    QTest::addColumn<int>("expected"); // sign of a.compare(b)

    QTest::newRow("1 < 2") << "1"
                           << "2" << -1;
    QTest::newRow("equal") << "7"
                           << "7" << 0;
    QTest::newRow("9 < 10") << "9"
                            << "10" << -1;
    QTest::newRow("2.9 < 2.10") << "2.9"
                                << "2.10" << -1;
    QTest::newRow("2.10 < 10") << "2.10"
                               << "10" << -1;
    QTest::newRow("2.9 < 10") << "2.9"
                              << "10" << -1;
    QTest::newRow("1.2.10 > 1.2.9") << "1.2.10"
                                    << "1.2.9" << 1;
    QTest::newRow("1.10 > 1.9.9") << "1.10"
                                  << "1.9.9" << 1;
    QTest::newRow("1.2 < 1.2.1") << "1.2"
                                 << "1.2.1" << -1;
    QTest::newRow("1_1 == 1.1") << "1_1"
                                << "1.1" << 0;
    QTest::newRow("1_2_10 > 1.2.9") << "1_2_10"
                                    << "1.2.9" << 1;
    QTest::newRow("001 == 1") << "001"
                              << "1" << 0;
    QTest::newRow("000 == 0") << "000"
                              << "0" << 0;
    QTest::newRow("010 > 9") << "010"
                             << "9" << 1;
    QTest::newRow("1.01 == 1.1") << "1.01"
                                 << "1.1" << 0;
    QTest::newRow("1.0 == 1") << "1.0"
                              << "1" << 0;
    QTest::newRow("1.0.0 == 1") << "1.0.0"
                                << "1" << 0;
    QTest::newRow("1.00 == 1") << "1.00"
                               << "1" << 0;
    QTest::newRow("1.0.1 > 1") << "1.0.1"
                               << "1" << 1;
    QTest::newRow("0 == 0.0") << "0"
                              << "0.0" << 0;
    QTest::newRow("0 < 0.1") << "0"
                             << "0.1" << -1;
    QTest::newRow("timestamp +1s") << "20240101120000"
                                   << "20240101120001" << -1;
    QTest::newRow("timestamp next year") << "20241231235959"
                                         << "20250101000000" << -1;
    QTest::newRow("timestamp > 999") << "20240101120000"
                                     << "999" << 1;
    QTest::newRow("timestamp > 1.999") << "20240101120000"
                                       << "1.999" << 1;
    QTest::newRow("30 digits equal") << thirtyDigits('0') << thirtyDigits('0') << 0;
    QTest::newRow("30 digits, last differs") << thirtyDigits('0') << thirtyDigits('1') << -1;
    QTest::newRow("30 digits > 29 nines")
        << thirtyDigits('0') << QStringLiteral("99999999999999999999999999999") << 1;
    QTest::newRow("30 digits > int64 max")
        << thirtyDigits('0') << QStringLiteral("9223372036854775807") << 1;
    QTest::newRow("2^64 > 2^64-1") << "18446744073709551616"
                                   << "18446744073709551615" << 1;
    QTest::newRow("leading zeros on long number")
        << QStringLiteral("000") + thirtyDigits('5') << thirtyDigits('5') << 0;
    QTest::newRow("long part in second position") << QStringLiteral("1.") + thirtyDigits('0')
                                                  << QStringLiteral("1.") + thirtyDigits('1') << -1;
}

void TestVersion::compare()
{
    QFETCH(QString, a);
    QFETCH(QString, b);
    QFETCH(int, expected);

    const std::optional<Version> va = Version::parse(a);
    const std::optional<Version> vb = Version::parse(b);
    QVERIFY(va.has_value());
    QVERIFY(vb.has_value());

    auto sign = [](int c) { return c < 0 ? -1 : (c > 0 ? 1 : 0); };
    QCOMPARE(sign(va->compare(*vb)), expected);
    QCOMPARE(sign(vb->compare(*va)), -expected); // antisymmetric

    QCOMPARE(*va == *vb, expected == 0);
    QCOMPARE(*va != *vb, expected != 0);
    QCOMPARE(*va < *vb, expected < 0);
    QCOMPARE(*va > *vb, expected > 0);
    QCOMPARE(*va <= *vb, expected <= 0);
    QCOMPARE(*va >= *vb, expected >= 0);
}

void TestVersion::sortsNumerically()
{
    QList<Version> versions;
    for (const char *text :
         {"10", "2.10", "1_1", "20240101120000", "2.9", "1", "1.2.10", "001.0.5", "1.2.9", "999"})
        versions.append(parsed(text));
    std::sort(versions.begin(), versions.end());

    QStringList order;
    for (const Version &v : std::as_const(versions))
        order << v.toString();
    QCOMPARE(order, QStringList({"1", "001.0.5", "1.1", "1.2.9", "1.2.10", "2.9", "2.10", "10",
                                 "999", "20240101120000"}));
}

void TestVersion::defaultIsEmpty()
{
    const Version empty;
    QVERIFY(empty.isEmpty());
    QCOMPARE(empty.toString(), QString());
    QCOMPARE(empty.compare(Version()), 0);
    QVERIFY(empty < parsed("1"));
}

QTEST_GUILESS_MAIN(TestVersion)
#include "tst_version.moc"
