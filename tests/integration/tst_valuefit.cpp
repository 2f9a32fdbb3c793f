// transfer --migrations checks every value against the PostgreSQL type its migration declared
// before anything commits. Each kind of value that does not fit is named, in the plan (exit 3)
// and by the run (nothing committed), with its column, count and first row; several at once
// are all named; the values at each type's limits load and verify.
#include "MigrationsFolderSupport.h"

#include <QJsonArray>
#include <QTemporaryDir>
#include <QtTest>

using namespace strata;
using namespace strata::test;

class TestValueFit : public QObject {
    Q_OBJECT
private slots:
    void misfitNamed_data();
    void misfitNamed();
    void everyMisfitNamedAtOnce();
    void valuesAtTheLimitsLoad();
};

void TestValueFit::misfitNamed_data()
{
    QTest::addColumn<QString>("column");
    QTest::addColumn<QString>("value"); // an SQLite literal SQLite stores as it is
    QTest::addColumn<QString>("why");   // in the misfit's description
    QTest::newRow("text in integer") << "n"
                                     << "'abc'"
                                     << "is not an integer";
    QTest::newRow("real in integer") << "n"
                                     << "2.5"
                                     << "is not an integer";
    QTest::newRow("integer over integer") << "n"
                                          << "3000000000"
                                          << "out of range for integer";
    QTest::newRow("integer over smallint") << "small"
                                           << "40000"
                                           << "out of range for smallint";
    QTest::newRow("text in bigint") << "big"
                                    << "'12x'"
                                    << "is not an integer";
    QTest::newRow("too long for varchar") << "label"
                                          << "'abcdef'"
                                          << "longer than";
    QTest::newRow("multibyte too long") << "label"
                                        << "'ééééé€'"
                                        << "6 characters";
    QTest::newRow("too long for char") << "fixed"
                                       << "'abcd'"
                                       << "longer than";
    QTest::newRow("numeric overflow") << "amount"
                                      << "1234.5"
                                      << "does not fit numeric(5,2)";
    QTest::newRow("numeric rounded") << "amount"
                                     << "1.234"
                                     << "does not fit numeric(5,2)";
    QTest::newRow("text in numeric") << "amount"
                                     << "'ten'"
                                     << "not a number";
    QTest::newRow("invalid date") << "day"
                                  << "'2024-02-30'"
                                  << "text '2024-02-30'";
    QTest::newRow("not a date") << "day"
                                << "'yesterday'"
                                << "text 'yesterday'";
    QTest::newRow("invalid timestamp") << "at"
                                       << "'2024-13-01 10:00'"
                                       << "text '2024-13-01";
    QTest::newRow("boolean 2") << "flag"
                               << "2"
                               << "is not a boolean";
    QTest::newRow("boolean text") << "flag"
                                  << "'maybe'"
                                  << "is not a boolean";
    QTest::newRow("text in real") << "ratio"
                                  << "'half'"
                                  << "is not a number";
    QTest::newRow("null in primary key") << "code"
                                         << "NULL"
                                         << "NULL in a NOT NULL column";
}

// One value that does not fit among good rows: the plan names its column (exit 3), the run
// names it and commits nothing.
void TestValueFit::misfitNamed()
{
    QFETCH(QString, column);
    QFETCH(QString, value);
    QFETCH(QString, why);
    STRATA_SCRATCH(sqlite, Engine::Sqlite);
    STRATA_SCRATCH(pg, Engine::Postgres);
    QTemporaryDir dir;
    writeFiles(dir.path(), {{"V1__typed.sql", typedTable}, {"V2__second.sql", typedSecond}});
    CliRun r = cli({"--db", sqlite.url(), "--migrations", dir.path(), "up"});
    QVERIFY2(r.exitCode == 0, qPrintable(cliText(r)));
    execAll(sqlite, {"INSERT INTO typed VALUES ('a', 1, 2, 3, 'abc', 'xyz', 123.45, "
                     "'2024-02-29', '2024-01-02 10:00:00', 1, 0.5)",
                     "INSERT INTO typed (code) VALUES ('b')", "INSERT INTO second VALUES (1, 5)"});
    const QString code = column == QLatin1String("code") ? QStringLiteral("code")
                                                         : QStringLiteral("code, ") + column;
    execAll(sqlite,
            {QStringLiteral("INSERT INTO typed (%1) VALUES (%2)")
                 .arg(code,
                      column == QLatin1String("code") ? value : QStringLiteral("'c', ") + value)});
    const QString expected = QStringLiteral("typed.") + column;

    r = cli({"--json", "transfer", sqlite.url(), pg.url(), "--plan", "--migrations", dir.path()});
    QVERIFY2(r.exitCode == 3, qPrintable(cliText(r)));
    QJsonArray misfits = r.json().value("misfits").toArray();
    QCOMPARE(misfits.size(), 1);
    QCOMPARE(misfits[0].toObject().value("column").toString(), column);
    QVERIFY2(misfits[0].toObject().value("first").toString().contains(why), qPrintable(cliText(r)));

    r = cli({"--json", "transfer", sqlite.url(), pg.url(), "--migrations", dir.path()});
    QVERIFY2(r.exitCode != 0, qPrintable(cliText(r)));
    misfits = r.json().value("misfits").toArray();
    QCOMPARE(misfits.size(), 1);
    QCOMPARE(misfits[0].toObject().value("table").toString(), QStringLiteral("typed"));
    QCOMPARE(misfits[0].toObject().value("column").toString(), column);
    QCOMPARE(misfits[0].toObject().value("values").toInt(), 1);
    QVERIFY2(misfits[0].toObject().value("first").toString().contains(why), qPrintable(cliText(r)));
    QVERIFY2(r.json().value("error").toObject().value("message").toString().contains(expected),
             qPrintable(cliText(r)));
    QCOMPARE(publicRelations(pg), QString());
}

// Several columns in two tables: all named in one run, not only the first.
void TestValueFit::everyMisfitNamedAtOnce()
{
    STRATA_SCRATCH(sqlite, Engine::Sqlite);
    STRATA_SCRATCH(pg, Engine::Postgres);
    QTemporaryDir dir;
    writeFiles(dir.path(), {{"V1__typed.sql", typedTable}, {"V2__second.sql", typedSecond}});
    CliRun r = cli({"--db", sqlite.url(), "--migrations", dir.path(), "up"});
    QVERIFY2(r.exitCode == 0, qPrintable(cliText(r)));
    execAll(sqlite, {"INSERT INTO typed (code, n, label) VALUES ('a', 'x', 'abcdef')",
                     "INSERT INTO typed (code, n, flag) VALUES ('b', 'y', 7)",
                     "INSERT INTO second VALUES (1, 'many')"});
    r = cli({"--json", "transfer", sqlite.url(), pg.url(), "--migrations", dir.path()});
    QVERIFY2(r.exitCode != 0, qPrintable(cliText(r)));
    QStringList named;
    for (const QJsonValue &m : r.json().value("misfits").toArray())
        named << QStringLiteral("%1.%2=%3")
                     .arg(m.toObject().value("table").toString(),
                          m.toObject().value("column").toString())
                     .arg(m.toObject().value("values").toInt());
    named.sort();
    QCOMPARE(named, QStringList({"second.qty=1", "typed.flag=1", "typed.label=1", "typed.n=2"}));
    QCOMPARE(publicRelations(pg), QString());
}

// The edges of each type load and verify: the check refuses only what does not fit.
void TestValueFit::valuesAtTheLimitsLoad()
{
    STRATA_SCRATCH(sqlite, Engine::Sqlite);
    STRATA_SCRATCH(pg, Engine::Postgres);
    QTemporaryDir dir;
    writeFiles(dir.path(), {{"V1__typed.sql", typedTable}, {"V2__second.sql", typedSecond}});
    CliRun r = cli({"--db", sqlite.url(), "--migrations", dir.path(), "up"});
    QVERIFY2(r.exitCode == 0, qPrintable(cliText(r)));
    execAll(sqlite, {"INSERT INTO typed VALUES ('a', 2147483647, 32767, 9223372036854775807, "
                     "'ééééé', 'ab', 999.99, '2024-02-29', '2024-01-02T10:00:00.123456', 0, 1e30)",
                     "INSERT INTO typed VALUES ('b', -2147483648, -32768, -1, '12345', 'abc', "
                     "-999.99, '0001-01-01', '1970-01-01 00:00', 'true', -0.0)",
                     "INSERT INTO typed VALUES ('c', '42', '7', 3.0, 12345, 123, 5, NULL, NULL, "
                     "1.0, '2.5')",
                     "INSERT INTO second VALUES (1, NULL)"});
    r = cli({"--json", "transfer", sqlite.url(), pg.url(), "--migrations", dir.path()});
    QVERIFY2(r.exitCode == 0, qPrintable(cliText(r)));
    for (const QJsonValue &t : r.json().value("tables").toArray())
        QVERIFY2(t.toObject().value("verified").toBool(), qPrintable(cliText(r)));
    auto db = openUrl(pg.url());
    QCOMPARE(scalar(*db, "SELECT n || ' ' || small || ' ' || label || ' ' || amount FROM typed "
                         "WHERE code = 'b'")
                 .toString(),
             QStringLiteral("-2147483648 -32768 12345 -999.99"));
    QCOMPARE(scalar(*db, "SELECT n + small FROM typed WHERE code = 'c'").toInt(), 49);
}

QTEST_GUILESS_MAIN(TestValueFit)
#include "tst_valuefit.moc"
