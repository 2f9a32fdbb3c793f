// MigrationWriter: "Save as migration" in each folder format, with the next version number,
// read back by MigrationSource; nothing is left behind when it cannot write.

#include "TestDatabases.h"
#include "migration/MigrationWriter.h"

#include <QTemporaryDir>
#include <QtTest>

using namespace strata;

Q_DECLARE_METATYPE(strata::FolderFormat)
using Files = QList<QPair<QString, QByteArray>>;

class TestMigrationWriter : public QObject {
    Q_OBJECT

private slots:
    void writesInFolderFormat_data();
    void writesInFolderFormat();
    void nextVersion_data();
    void nextVersion();
    void emptyFolderGetsFallbackFormat();
    void withoutUndo();
    void refusesExistingFile();
    void refusesEmptyScript();
    void fileSafeDescription_data();
    void fileSafeDescription();
    void draftFromDiffNamesMissingUndo();
};

namespace {
const QDateTime fixedNow = QDateTime(QDate(2026, 11, 24), QTime(20, 15, 0), Qt::UTC);
}

void TestMigrationWriter::writesInFolderFormat_data()
{
    QTest::addColumn<Files>("existing");
    QTest::addColumn<FolderFormat>("format");
    QTest::addColumn<QString>("version");
    QTest::addColumn<QStringList>("files");

    QTest::newRow("flyway") << Files{{"V1__a.sql", "SELECT 1;\n"},
                                     {"V2__b.sql", "SELECT 2;\n"},
                                     {"U2__b.sql", "SELECT 3;\n"}}
                            << FolderFormat::Flyway << "3"
                            << QStringList{"V3__Add_phone.sql", "U3__Add_phone.sql"};
    QTest::newRow("flyway dotted")
        << Files{{"V1.9__a.sql", "SELECT 1;\n"}} << FolderFormat::Flyway << "1.10"
        << QStringList{"V1.10__Add_phone.sql", "U1.10__Add_phone.sql"};
    QTest::newRow("golang-migrate padded")
        << Files{{"0009_a.up.sql", "SELECT 1;\n"}, {"0009_a.down.sql", "SELECT 2;\n"}}
        << FolderFormat::GolangMigrate << "0010"
        << QStringList{"0010_Add_phone.up.sql", "0010_Add_phone.down.sql"};
    QTest::newRow("golang-migrate timestamps")
        << Files{{"20240101120000_a.up.sql", "SELECT 1;\n"}} << FolderFormat::GolangMigrate
        << "20261124201500"
        << QStringList{"20261124201500_Add_phone.up.sql", "20261124201500_Add_phone.down.sql"};
    QTest::newRow("dbmate") << Files{{"20240101120000_a.sql",
                                      "-- migrate:up\nSELECT 1;\n-- migrate:down\nSELECT 2;\n"}}
                            << FolderFormat::Dbmate << "20261124201500"
                            << QStringList{"20261124201500_Add_phone.sql"};
}

void TestMigrationWriter::writesInFolderFormat()
{
    QFETCH(Files, existing);
    QFETCH(FolderFormat, format);
    QFETCH(QString, version);
    QFETCH(QStringList, files);

    QTemporaryDir dir;
    test::writeFiles(dir.path(), existing);
    const auto before = MigrationSource::read(dir.path());
    QVERIFY(before.ok());
    const MigrationDraft draft{QStringLiteral("Add phone"),
                               QStringLiteral("ALTER TABLE t ADD COLUMN phone TEXT;"),
                               QStringLiteral("ALTER TABLE t DROP COLUMN phone;")};
    auto written = MigrationWriter::write(dir.path(), draft, FolderFormat::Flyway, fixedNow);
    QVERIFY2(written.ok(), qPrintable(written.ok() ? QString() : written.error().toString()));
    QCOMPARE(written->format, format);
    QCOMPARE(written->version, version);
    QStringList names;
    for (const QString &path : written->files)
        names << QFileInfo(path).fileName();
    QCOMPARE(names, files);

    // The folder reads back with the new version last, both directions intact.
    auto folder = MigrationSource::read(dir.path());
    QVERIFY2(folder.ok(), qPrintable(folder.ok() ? QString() : folder.error().toString()));
    QCOMPARE(folder->format, format);
    QCOMPARE(folder->versioned.size(), before->versioned.size() + 1);
    const Migration &last = folder->versioned.last();
    QCOMPARE(last.versionText(), version);
    QCOMPARE(last.description, QStringLiteral("Add phone"));
    QCOMPARE(last.up.sql.trimmed(), draft.upSql);
    QVERIFY(last.hasUndo());
    QCOMPARE(last.down.sql.trimmed(), draft.downSql);
}

void TestMigrationWriter::nextVersion_data()
{
    QTest::addColumn<QStringList>("names");
    QTest::addColumn<QString>("next");
    QTest::newRow("empty") << QStringList{} << "1";
    QTest::newRow("plain") << QStringList{"V1__a.sql", "V7__b.sql"} << "8";
    QTest::newRow("carry") << QStringList{"V9__a.sql"} << "10";
    QTest::newRow("padded carry") << QStringList{"0099_a.up.sql"} << "0100";
    QTest::newRow("underscore parts") << QStringList{"V2_3__a.sql"} << "2_4";
    QTest::newRow("timestamp in the future")
        << QStringList{"20301231235959_a.up.sql"} << "20301231235960";
    QTest::newRow("timestamp in the past")
        << QStringList{"20200101000000_a.up.sql"} << "20261124201500";
}

void TestMigrationWriter::nextVersion()
{
    QFETCH(QStringList, names);
    QFETCH(QString, next);
    QTemporaryDir dir;
    Files files;
    for (const QString &name : names)
        files.append({name, "SELECT 1;\n"});
    test::writeFiles(dir.path(), files);
    auto folder = MigrationSource::read(dir.path());
    QVERIFY(folder.ok());
    QCOMPARE(MigrationWriter::nextVersion(*folder, fixedNow), next);
}

void TestMigrationWriter::emptyFolderGetsFallbackFormat()
{
    QTemporaryDir dir;
    auto written = MigrationWriter::write(
        dir.path(), {QStringLiteral("first"), QStringLiteral("CREATE TABLE t (id INTEGER);"), {}},
        FolderFormat::GolangMigrate, fixedNow);
    QVERIFY(written.ok());
    QCOMPARE(written->version, QStringLiteral("1"));
    QCOMPARE(QFileInfo(written->files.value(0)).fileName(), QStringLiteral("1_first.up.sql"));
    QCOMPARE(written->files.size(), 1); // no undo: no down file
}

void TestMigrationWriter::withoutUndo()
{
    QTemporaryDir dir;
    test::writeFiles(dir.path(), {{"V1__a.sql", "SELECT 1;\n"}});
    auto written = MigrationWriter::write(
        dir.path(), {QStringLiteral("x"), QStringLiteral("SELECT 2;"), QStringLiteral("  \n")},
        FolderFormat::Flyway, fixedNow);
    QVERIFY(written.ok());
    QCOMPARE(written->files.size(), 1);
    auto folder = MigrationSource::read(dir.path());
    QVERIFY(folder.ok());
    QVERIFY(!folder->versioned.last().hasUndo());
}

void TestMigrationWriter::refusesExistingFile()
{
    QTemporaryDir dir;
    // An undo file for version 2 already exists (left over): the writer must not touch it and
    // must not leave its new V2 behind... but a U without V makes the folder unreadable, so
    // use a golang-migrate down file that would collide after V2's up is written.
    test::writeFiles(dir.path(), {{"1_a.up.sql", "SELECT 1;\n"}, {"2_x.down.sql.keep", "keep"}});
    QFile::rename(dir.filePath("2_x.down.sql.keep"), dir.filePath("2_x.down.sql"));
    // The folder is now invalid (down without up): the writer reports the folder's error.
    auto written = MigrationWriter::write(
        dir.path(), {QStringLiteral("x"), QStringLiteral("SELECT 2;"), QStringLiteral("SELECT 3;")},
        FolderFormat::Flyway, fixedNow);
    QVERIFY(!written.ok());
    QCOMPARE(QDir(dir.path()).entryList(QDir::Files).size(), 2);

    // A clean folder where the target name exists as a directory: nothing is left behind.
    QTemporaryDir dir2;
    test::writeFiles(dir2.path(), {{"V1__a.sql", "SELECT 1;\n"}});
    QVERIFY(QDir(dir2.path()).mkdir(QStringLiteral("U2__x.sql")));
    written = MigrationWriter::write(
        dir2.path(),
        {QStringLiteral("x"), QStringLiteral("SELECT 2;"), QStringLiteral("SELECT 3;")},
        FolderFormat::Flyway, fixedNow);
    QVERIFY(!written.ok());
    QVERIFY(written.error().file.endsWith(QLatin1String("U2__x.sql")));
    QVERIFY(!QFile::exists(dir2.filePath("V2__x.sql")));
}

void TestMigrationWriter::refusesEmptyScript()
{
    QTemporaryDir dir;
    auto written =
        MigrationWriter::write(dir.path(), {QStringLiteral("x"), QStringLiteral("  "), {}});
    QVERIFY(!written.ok());
    QVERIFY(QDir(dir.path()).isEmpty());
}

void TestMigrationWriter::fileSafeDescription_data()
{
    QTest::addColumn<QString>("in");
    QTest::addColumn<QString>("out");
    QTest::newRow("spaces") << "Add phone to customers"
                            << "Add_phone_to_customers";
    QTest::newRow("punctuation") << "  drift: fix \"orders\"!  "
                                 << "drift_fix_orders";
    QTest::newRow("unicode") << "Ändere Größe"
                             << "Ändere_Größe";
    QTest::newRow("empty") << "!!!"
                           << "schema_change";
}

void TestMigrationWriter::fileSafeDescription()
{
    QFETCH(QString, in);
    QFETCH(QString, out);
    QCOMPARE(MigrationWriter::fileSafeDescription(in), out);
}

void TestMigrationWriter::draftFromDiffNamesMissingUndo()
{
    SchemaDiffResult diff;
    Change reversible;
    reversible.summary = QStringLiteral("create table t");
    reversible.forward = {QStringLiteral("CREATE TABLE t (id integer)")};
    reversible.inverse = {QStringLiteral("DROP TABLE t")};
    Change oneWay;
    oneWay.summary = QStringLiteral("alter enum e");
    oneWay.forward = {QStringLiteral("ALTER TYPE e ADD VALUE 'x'")};
    oneWay.hasInverse = false;
    diff.changes = {reversible, oneWay};
    const MigrationDraft draft = MigrationWriter::draftFromDiff(diff, QStringLiteral("d"));
    QVERIFY(draft.upSql.contains(QLatin1String("CREATE TABLE t (id integer);")));
    QVERIFY(draft.upSql.contains(QLatin1String("ALTER TYPE e ADD VALUE 'x';")));
    QVERIFY(draft.downSql.contains(QLatin1String("-- no undo for: alter enum e")));
    QVERIFY(draft.downSql.contains(QLatin1String("DROP TABLE t;")));

    SchemaDiffResult oneWayOnly;
    oneWayOnly.changes = {oneWay};
    QVERIFY(MigrationWriter::draftFromDiff(oneWayOnly, QStringLiteral("d")).downSql.isEmpty());
}

QTEST_GUILESS_MAIN(TestMigrationWriter)
#include "tst_migrationwriter.moc"
