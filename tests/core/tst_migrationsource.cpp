#include "migration/MigrationSource.h"

#include <QtTest>

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QRegularExpression>
#include <QTemporaryDir>

#include <unistd.h>

using strata::Error;
using strata::FolderFormat;
using strata::Migration;
using strata::MigrationKind;
using strata::MigrationScript;
using strata::MigrationSet;
using strata::MigrationSource;
using strata::SourceProblem;
using Kind = strata::SourceProblemKind;
using strata::Version;

Q_DECLARE_METATYPE(strata::FolderFormat)
Q_DECLARE_METATYPE(strata::SourceProblemKind)

class TestMigrationSource : public QObject {
    Q_OBJECT

private slots:
    void readsFolder_data();
    void readsFolder();
    void flywayScripts();
    void golangScripts();
    void dbmateSections_data();
    void dbmateSections();
    void dbmateCrlf();
    void noTransactionMarker_data();
    void noTransactionMarker();
    void problems_data();
    void problems();
    void problemsLeaveTheRest_data();
    void problemsLeaveTheRest();
    void unreadable_data();
    void unreadable();
    void missingFolder();
    void folderIsAFile();
    void findsByVersion();
    void checksum_data();
    void checksum();
    void checksumFormat();
    void checksumOfReadFileIgnoresLineEndings();
    void demoFolder();
};

namespace {

const QByteArray dbmateDefault = "-- migrate:up\nSELECT 1;\n-- migrate:down\nSELECT 2;\n";

bool looksLikeDbmate(const QString &relative)
{
    static const QRegularExpression re(QStringLiteral(R"(^\d+_.*(?<!\.up|\.down)\.sql$)"));
    return re.match(relative.section(u'/', -1)).hasMatch();
}

// Writes `relative` (sub-folders created) under `dir`.
bool writeFile(const QString &dir, const QString &relative, const QByteArray &content)
{
    const QString path = dir + u'/' + relative;
    if (!QDir().mkpath(QFileInfo(path).absolutePath())) {
        qWarning("cannot create the folder for %s", qPrintable(path));
        return false;
    }
    QFile file(path);
    if (!file.open(QIODevice::WriteOnly) || file.write(content) != content.size()) {
        qWarning("cannot write %s: %s", qPrintable(path), qPrintable(file.errorString()));
        return false;
    }
    return true;
}

// Writes every file; contents[i] if given, else a plausible default for the file's format.
bool writeFiles(const QString &dir, const QStringList &files, const QByteArrayList &contents = {})
{
    for (qsizetype i = 0; i < files.size(); ++i) {
        QByteArray content = i < contents.size() ? contents[i]
                             : looksLikeDbmate(files[i])
                                 ? dbmateDefault
                                 : QByteArray("SELECT 1; -- ") + files[i].toUtf8() + '\n';
        if (!writeFile(dir, files[i], content))
            return false;
    }
    return true;
}

QStringList versionsOf(const MigrationSet &set)
{
    QStringList out;
    for (const Migration &m : set.versioned)
        out << m.versionText();
    return out;
}

QStringList descriptionsOf(const QList<Migration> &list)
{
    QStringList out;
    for (const Migration &m : list)
        out << m.description;
    return out;
}

QStringList undoVersionsOf(const MigrationSet &set)
{
    QStringList out;
    for (const Migration &m : set.versioned) {
        if (m.hasUndo())
            out << m.versionText();
    }
    return out;
}

QString canonical(const QString &path)
{
    return QFileInfo(path).canonicalFilePath();
}

bool isSha256Hex(const QString &text)
{
    static const QRegularExpression re(QStringLiteral("^[0-9a-f]{64}$"));
    return re.match(text).hasMatch();
}

QString describe(const Error &error)
{
    return QStringLiteral("file `%1`, message `%2`").arg(error.file, error.message);
}

QString describe(const SourceProblem &problem)
{
    return QStringLiteral("%1: file `%2`, reason `%3`")
        .arg(strata::sourceProblemKindName(problem.kind), problem.path, problem.reason);
}

} // namespace

// --- reading well-formed folders --------------------------------------------------------------

void TestMigrationSource::readsFolder_data()
{
    QTest::addColumn<QStringList>("files");
    QTest::addColumn<FolderFormat>("format");
    QTest::addColumn<QStringList>("versions");     // versioned, in order
    QTest::addColumn<QStringList>("descriptions"); // of the versioned migrations, same order
    QTest::addColumn<QStringList>("undos");        // versions that have an undo
    QTest::addColumn<QStringList>("repeatables");  // descriptions, in order

    QTest::newRow("empty folder") << QStringList() << FolderFormat::Unknown << QStringList()
                                  << QStringList() << QStringList() << QStringList();
    QTest::newRow("only a README")
        << QStringList{"README.md"} << FolderFormat::Unknown << QStringList() << QStringList()
        << QStringList() << QStringList();

    // Flyway
    QTest::newRow("flyway V/U/R") << QStringList{"V1__Create_users.sql", "V2__Add_email_index.sql",
                                                 "U1__Create_users.sql",
                                                 "R__Refresh_reporting_views.sql"}
                                  << FolderFormat::Flyway << QStringList{"1", "2"}
                                  << QStringList{"Create users", "Add email index"}
                                  << QStringList{"1"} << QStringList{"Refresh reporting views"};
    QTest::newRow("flyway V10 after V9")
        << QStringList{"V10__j.sql", "V1__a.sql", "V11__k.sql", "V2__b.sql", "V9__i.sql"}
        << FolderFormat::Flyway << QStringList{"1", "2", "9", "10", "11"}
        << QStringList{"a", "b", "i", "j", "k"} << QStringList() << QStringList();
    QTest::newRow("flyway V2.10 after V2.9")
        << QStringList{"V2.10__c.sql", "V2.9__b.sql",    "V2.1__a.sql",
                       "V10__d.sql",   "V1.2.10__y.sql", "V1.2.9__x.sql"}
        << FolderFormat::Flyway << QStringList{"1.2.9", "1.2.10", "2.1", "2.9", "2.10", "10"}
        << QStringList{"x", "y", "a", "b", "c", "d"} << QStringList() << QStringList();
    QTest::newRow("flyway V1_1 is 1.1")
        << QStringList{"V1_1__second.sql", "V1__first.sql", "V1_2__third.sql", "U1_1__second.sql"}
        << FolderFormat::Flyway << QStringList{"1", "1.1", "1.2"}
        << QStringList{"first", "second", "third"} << QStringList{"1.1"} << QStringList();
    QTest::newRow("flyway undo matched numerically (U01 for V1)")
        << QStringList{"V1__a.sql", "U01__a.sql"} << FolderFormat::Flyway << QStringList{"1"}
        << QStringList{"a"} << QStringList{"1"} << QStringList();
    QTest::newRow("flyway timestamps")
        << QStringList{"V20240101120001__b.sql", "V20240101120000__a.sql", "V999__old.sql"}
        << FolderFormat::Flyway << QStringList{"999", "20240101120000", "20240101120001"}
        << QStringList{"old", "a", "b"} << QStringList() << QStringList();
    QTest::newRow("flyway description: underscores become spaces, trimmed")
        << QStringList{"V1__Create_the_users_table.sql", "V2__a__b.sql", "V3___padded_.sql"}
        << FolderFormat::Flyway << QStringList{"1", "2", "3"}
        << QStringList{"Create the users table", "a  b", "padded"} << QStringList()
        << QStringList();
    QTest::newRow("flyway every version with an undo")
        << QStringList{"V1__a.sql", "U1__a.sql", "V2__b.sql", "U2__b.sql", "V3__c.sql", "U3__c.sql"}
        << FolderFormat::Flyway << QStringList{"1", "2", "3"} << QStringList{"a", "b", "c"}
        << QStringList{"1", "2", "3"} << QStringList();
    QTest::newRow("flyway repeatables only, sorted by description")
        << QStringList{"R__b_view.sql", "R__a_view.sql", "R__c_function.sql"}
        << FolderFormat::Flyway << QStringList() << QStringList() << QStringList()
        << QStringList{"a view", "b view", "c function"};

    // golang-migrate
    QTest::newRow("golang-migrate up/down")
        << QStringList{"1_create_users.up.sql", "1_create_users.down.sql", "2_add_index.up.sql",
                       "10_add_orders.up.sql", "10_add_orders.down.sql"}
        << FolderFormat::GolangMigrate << QStringList{"1", "2", "10"}
        << QStringList{"create users", "add index", "add orders"} << QStringList{"1", "10"}
        << QStringList();
    QTest::newRow("golang-migrate timestamps")
        << QStringList{"20240101120001_b.up.sql", "20240101120000_a.up.sql",
                       "20240101120000_a.down.sql"}
        << FolderFormat::GolangMigrate << QStringList{"20240101120000", "20240101120001"}
        << QStringList{"a", "b"} << QStringList{"20240101120000"} << QStringList();

    // dbmate
    QTest::newRow("dbmate") << QStringList{"20240101120000_create_users.sql",
                                           "20240102090000_add_index.sql", "999_legacy.sql"}
                            << FolderFormat::Dbmate
                            << QStringList{"999", "20240101120000", "20240102090000"}
                            << QStringList{"legacy", "create users", "add index"}
                            << QStringList{"999", "20240101120000", "20240102090000"}
                            << QStringList();

    // Files that are not migrations, and folder layout
    QTest::newRow("non-.sql files ignored")
        << QStringList{"README.md",     "V1__a.sql", "notes.txt",
                       "V2__b.sql.bak", "Makefile",  "sub/README.md"}
        << FolderFormat::Flyway << QStringList{"1"} << QStringList{"a"} << QStringList()
        << QStringList();
    QTest::newRow("dot files ignored")
        << QStringList{"V1__a.sql", ".V2__hidden.sql", ".#V3__editor_lock.sql"}
        << FolderFormat::Flyway << QStringList{"1"} << QStringList{"a"} << QStringList()
        << QStringList();
    QTest::newRow("subfolders read")
        << QStringList{"V1__root.sql",     "v2/V2__sub.sql",    "v2/deeper/V3__deep.sql",
                       "undo/U2__sub.sql", "views/R__view.sql", "sub/README.md"}
        << FolderFormat::Flyway << QStringList{"1", "2", "3"} << QStringList{"root", "sub", "deep"}
        << QStringList{"2"} << QStringList{"view"};
    QTest::newRow("golang-migrate in subfolders")
        << QStringList{"a/1_x.up.sql", "b/1_x.down.sql", "2_y.up.sql"}
        << FolderFormat::GolangMigrate << QStringList{"1", "2"} << QStringList{"x", "y"}
        << QStringList{"1"} << QStringList();
}

void TestMigrationSource::readsFolder()
{
    QFETCH(QStringList, files);
    QFETCH(FolderFormat, format);
    QFETCH(QStringList, versions);
    QFETCH(QStringList, descriptions);
    QFETCH(QStringList, undos);
    QFETCH(QStringList, repeatables);

    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    QVERIFY(writeFiles(dir.path(), files));

    const auto set = MigrationSource::read(dir.path());
    QVERIFY2(set.ok(), qPrintable(describe(set.error())));
    QCOMPARE(set->format, format);
    QCOMPARE(versionsOf(*set), versions);
    QCOMPARE(descriptionsOf(set->versioned), descriptions);
    QCOMPARE(undoVersionsOf(*set), undos);
    QCOMPARE(descriptionsOf(set->repeatable), repeatables);

    for (const Migration &m : set->versioned) {
        QCOMPARE(m.kind, MigrationKind::Versioned);
        QVERIFY(!m.version.isEmpty());
        QVERIFY(!m.up.isEmpty());
        QVERIFY2(QFileInfo::exists(m.up.path), qPrintable(m.up.path));
        QVERIFY2(canonical(m.up.path).startsWith(canonical(dir.path()) + u'/'),
                 qPrintable(m.up.path));
        QCOMPARE(m.scriptName(), m.up.path.section(u'/', -1));
        QVERIFY(isSha256Hex(m.checksum));
        if (m.hasUndo())
            QVERIFY2(QFileInfo::exists(m.down.path), qPrintable(m.down.path));
    }
    for (const Migration &m : set->repeatable) {
        QCOMPARE(m.kind, MigrationKind::Repeatable);
        QVERIFY(m.version.isEmpty());
        QVERIFY(!m.hasUndo());
        QVERIFY(m.scriptName().startsWith(QLatin1String("R__")));
        QVERIFY(isSha256Hex(m.checksum));
    }
}

void TestMigrationSource::flywayScripts()
{
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const QByteArray v1 = "CREATE TABLE users (id int);\nINSERT INTO users VALUES (1);\n";
    const QByteArray u1 = "DROP TABLE users;\n";
    const QByteArray r = "\xEF\xBB\xBF"
                         "CREATE VIEW v AS SELECT 1;\n";
    QVERIFY(writeFiles(dir.path(), {"V1__Create_users.sql", "U1__Create_users.sql", "R__View.sql"},
                       {v1, u1, r}));

    const auto set = MigrationSource::read(dir.path());
    QVERIFY2(set.ok(), qPrintable(describe(set.error())));
    QCOMPARE(set->versioned.size(), 1);
    QCOMPARE(set->repeatable.size(), 1);

    const Migration &m = set->versioned.first();
    QCOMPARE(m.versionText(), QStringLiteral("1"));
    QCOMPARE(m.description, QStringLiteral("Create users"));
    QCOMPARE(m.scriptName(), QStringLiteral("V1__Create_users.sql"));
    QCOMPARE(canonical(m.up.path), canonical(dir.filePath("V1__Create_users.sql")));
    QCOMPARE(m.up.sql, QString::fromUtf8(v1));
    QCOMPARE(m.up.firstLine, 1);
    QVERIFY(!m.up.noTransaction);
    QCOMPARE(m.checksum, MigrationSource::checksum(v1));
    QVERIFY(m.hasUndo());
    QCOMPARE(canonical(m.down.path), canonical(dir.filePath("U1__Create_users.sql")));
    QCOMPARE(m.down.sql, QString::fromUtf8(u1));
    QCOMPARE(m.down.firstLine, 1);

    const Migration &rep = set->repeatable.first();
    QCOMPARE(rep.description, QStringLiteral("View"));
    QCOMPARE(rep.up.sql, QStringLiteral("CREATE VIEW v AS SELECT 1;\n")); // BOM not in the SQL
    QCOMPARE(rep.checksum, MigrationSource::checksum(r));
    QCOMPARE(rep.checksum, MigrationSource::checksum("CREATE VIEW v AS SELECT 1;\n"));

    // The set finds what it read.
    QCOMPARE(set->find(*Version::parse("1")), &set->versioned.first());
    QVERIFY(!set->find(*Version::parse("2")));

    // A trailing slash on the folder changes nothing.
    const auto again = MigrationSource::read(dir.path() + u'/');
    QVERIFY2(again.ok(), qPrintable(describe(again.error())));
    QCOMPARE(versionsOf(*again), QStringList{"1"});
    QCOMPARE(canonical(again->versioned.first().up.path), canonical(m.up.path));
}

void TestMigrationSource::golangScripts()
{
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const QByteArray up = "CREATE TABLE users (id int);\n";
    const QByteArray down = "DROP TABLE users;\n";
    QVERIFY(
        writeFiles(dir.path(), {"1_create_users.up.sql", "1_create_users.down.sql"}, {up, down}));

    const auto set = MigrationSource::read(dir.path());
    QVERIFY2(set.ok(), qPrintable(describe(set.error())));
    QCOMPARE(set->format, FolderFormat::GolangMigrate);
    QCOMPARE(set->versioned.size(), 1);
    const Migration &m = set->versioned.first();
    QCOMPARE(m.description, QStringLiteral("create users"));
    QCOMPARE(m.scriptName(), QStringLiteral("1_create_users.up.sql"));
    QCOMPARE(m.up.sql, QString::fromUtf8(up));
    QCOMPARE(m.down.sql, QString::fromUtf8(down));
    QCOMPARE(m.down.path.section(u'/', -1), QStringLiteral("1_create_users.down.sql"));
    QCOMPARE(m.checksum, MigrationSource::checksum(up));
}

// --- dbmate -----------------------------------------------------------------------------------

void TestMigrationSource::dbmateSections_data()
{
    QTest::addColumn<QByteArray>("content");
    QTest::addColumn<QString>("upSql");
    QTest::addColumn<int>("upFirstLine");
    QTest::addColumn<bool>("upNoTransaction");
    QTest::addColumn<bool>("hasDown");
    QTest::addColumn<QString>("downSql");
    QTest::addColumn<int>("downFirstLine");
    QTest::addColumn<bool>("downNoTransaction");

    QTest::newRow("up and down")
        << QByteArray("-- migrate:up\nCREATE TABLE a (id int);\n\n-- migrate:down\nDROP TABLE "
                      "a;\n")
        << "CREATE TABLE a (id int);\n"
        << 2 << false << true << "DROP TABLE a;\n"
        << 5 << false;
    QTest::newRow("comment before up")
        << QByteArray("-- a header comment\n\n-- migrate:up\nSELECT 1;\n-- migrate:down\nSELECT "
                      "2;")
        << "SELECT 1;" << 4 << false << true << "SELECT 2;" << 6 << false;
    QTest::newRow("multi-line sections")
        << QByteArray("-- migrate:up\nCREATE TABLE a (\n  id int\n);\nCREATE INDEX i ON a "
                      "(id);\n-- migrate:down\nDROP INDEX i;\nDROP TABLE a;\n")
        << "CREATE TABLE a (\n  id int\n);\nCREATE INDEX i ON a (id);" << 2 << false << true
        << "DROP INDEX i;\nDROP TABLE a;\n"
        << 7 << false;
    QTest::newRow("up transaction:false")
        << QByteArray("-- migrate:up transaction:false\nCREATE INDEX CONCURRENTLY i ON a "
                      "(id);\n-- migrate:down\nDROP INDEX i;\n")
        << "CREATE INDEX CONCURRENTLY i ON a (id);" << 2 << true << true << "DROP INDEX i;\n"
        << 4 << false;
    QTest::newRow("down transaction:false")
        << QByteArray("-- migrate:up\nCREATE INDEX i ON a (id);\n-- migrate:down "
                      "transaction:false\nDROP INDEX CONCURRENTLY i;\n")
        << "CREATE INDEX i ON a (id);" << 2 << false << true << "DROP INDEX CONCURRENTLY i;\n"
        << 4 << true;
    QTest::newRow("strata:no-transaction as first line of up")
        << QByteArray("-- migrate:up\n-- strata:no-transaction\nCREATE INDEX CONCURRENTLY i ON a "
                      "(id);\n-- migrate:down\nDROP INDEX i;\n")
        << "-- strata:no-transaction\nCREATE INDEX CONCURRENTLY i ON a (id);" << 2 << true << true
        << "DROP INDEX i;\n"
        << 5 << false;
    QTest::newRow("no down section") << QByteArray("-- migrate:up\nSELECT 1;\n") << "SELECT 1;\n"
                                     << 2 << false << false << QString() << 0 << false;
    QTest::newRow("empty down section")
        << QByteArray("-- migrate:up\nSELECT 1;\n-- migrate:down\n\n  \n") << "SELECT 1;" << 2
        << false << false << QString() << 0 << false;
    QTest::newRow("down before up")
        << QByteArray("-- migrate:down\nDROP TABLE a;\n-- migrate:up\nCREATE TABLE a (id int);\n")
        << "CREATE TABLE a (id int);\n"
        << 4 << false << true << "DROP TABLE a;" << 2 << false;
    QTest::newRow("markers with odd spacing")
        << QByteArray("  --   migrate:up  \nSELECT 1;\n\t-- migrate:down\nSELECT 2;\n")
        << "SELECT 1;" << 2 << false << true << "SELECT 2;\n"
        << 4 << false;
    QTest::newRow("BOM before the up marker")
        << QByteArray("\xEF\xBB\xBF-- migrate:up\nSELECT 1;\n-- migrate:down\nSELECT 2;")
        << "SELECT 1;" << 2 << false << true << "SELECT 2;" << 4 << false;
    QTest::newRow("a word starting with up is not the marker")
        << QByteArray("-- migrate:upgrade notes\n-- migrate:up\nSELECT 1;\n") << "SELECT 1;\n"
        << 3 << false << false << QString() << 0 << false;
}

void TestMigrationSource::dbmateSections()
{
    QFETCH(QByteArray, content);
    QFETCH(QString, upSql);
    QFETCH(int, upFirstLine);
    QFETCH(bool, upNoTransaction);
    QFETCH(bool, hasDown);
    QFETCH(QString, downSql);
    QFETCH(int, downFirstLine);
    QFETCH(bool, downNoTransaction);

    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    QVERIFY(writeFiles(dir.path(), {"20240101120000_create_a.sql"}, {content}));

    const auto set = MigrationSource::read(dir.path());
    QVERIFY2(set.ok(), qPrintable(describe(set.error())));
    QCOMPARE(set->format, FolderFormat::Dbmate);
    QCOMPARE(set->versioned.size(), 1);
    const Migration &m = set->versioned.first();
    QCOMPARE(m.versionText(), QStringLiteral("20240101120000"));
    QCOMPARE(m.description, QStringLiteral("create a"));
    QCOMPARE(m.checksum, MigrationSource::checksum(content)); // of the whole file
    QCOMPARE(m.up.sql, upSql);
    QCOMPARE(m.up.firstLine, upFirstLine);
    QCOMPARE(m.up.noTransaction, upNoTransaction);
    QCOMPARE(canonical(m.up.path), canonical(dir.filePath("20240101120000_create_a.sql")));
    QCOMPARE(m.hasUndo(), hasDown);
    if (hasDown) {
        QCOMPARE(m.down.sql, downSql);
        QCOMPARE(m.down.firstLine, downFirstLine);
        QCOMPARE(m.down.noTransaction, downNoTransaction);
        QCOMPARE(m.down.path, m.up.path);
    }

    // firstLine really is the line after the marker in the file.
    const QStringList lines = QString::fromUtf8(content).split(u'\n');
    QVERIFY(lines.value(m.up.firstLine - 2).contains(QLatin1String("migrate:up")));
    if (hasDown)
        QVERIFY(lines.value(m.down.firstLine - 2).contains(QLatin1String("migrate:down")));
}

void TestMigrationSource::dbmateCrlf()
{
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    QVERIFY(writeFiles(dir.path(), {"1_idx.sql"},
                       {"-- header\r\n-- migrate:up transaction:false\r\nCREATE INDEX "
                        "CONCURRENTLY i ON t (c);\r\n\r\n-- migrate:down\r\nDROP INDEX i;\r\n"}));
    const auto set = MigrationSource::read(dir.path());
    QVERIFY2(set.ok(), qPrintable(describe(set.error())));
    QCOMPARE(set->versioned.size(), 1);
    const Migration &m = set->versioned.first();
    QCOMPARE(m.up.firstLine, 3);
    QVERIFY(m.up.noTransaction);
    QCOMPARE(QString(m.up.sql).remove(u'\r').trimmed(),
             QStringLiteral("CREATE INDEX CONCURRENTLY i ON t (c);"));
    QVERIFY(m.hasUndo());
    QCOMPARE(m.down.firstLine, 6);
    QVERIFY(!m.down.noTransaction);
    QCOMPARE(QString(m.down.sql).remove(u'\r').trimmed(), QStringLiteral("DROP INDEX i;"));
    QCOMPARE(m.checksum, MigrationSource::checksum("-- header\n-- migrate:up transaction:false\n"
                                                   "CREATE INDEX CONCURRENTLY i ON t (c);\n\n"
                                                   "-- migrate:down\nDROP INDEX i;\n"));
}

// --- -- strata:no-transaction -----------------------------------------------------------------

void TestMigrationSource::noTransactionMarker_data()
{
    QTest::addColumn<QString>("file");
    QTest::addColumn<QByteArray>("content");
    QTest::addColumn<bool>("upNoTransaction");
    QTest::addColumn<bool>("downNoTransaction");

    const QByteArray marked = "-- strata:no-transaction\nCREATE INDEX CONCURRENTLY i ON t (c);\n";
    const QByteArray plain = "CREATE INDEX i ON t (c);\n";

    QTest::newRow("flyway, marked") << "V1__idx.sql" << marked << true << false;
    QTest::newRow("flyway, plain") << "V1__idx.sql" << plain << false << false;
    QTest::newRow("flyway undo, marked") << "U1__idx.sql" << marked << false << true;
    QTest::newRow("golang up, marked") << "1_idx.up.sql" << marked << true << false;
    QTest::newRow("golang down, marked") << "1_idx.down.sql" << marked << false << true;
    QTest::newRow("no space after --")
        << "V1__idx.sql" << QByteArray("--strata:no-transaction\nSELECT 1;") << true << false;
    QTest::newRow("trailing spaces")
        << "V1__idx.sql" << QByteArray("-- strata:no-transaction   \nSELECT 1;") << true << false;
    QTest::newRow("CRLF") << "V1__idx.sql"
                          << QByteArray("-- strata:no-transaction\r\nSELECT 1;\r\n") << true
                          << false;
    QTest::newRow("BOM") << "V1__idx.sql"
                         << QByteArray("\xEF\xBB\xBF-- strata:no-transaction\nSELECT 1;") << true
                         << false;
    QTest::newRow("only line") << "V1__idx.sql" << QByteArray("-- strata:no-transaction") << true
                               << false;
    QTest::newRow("on the second line")
        << "V1__idx.sql" << QByteArray("-- index\n-- strata:no-transaction\nSELECT 1;") << false
        << false;
    QTest::newRow("after a blank line")
        << "V1__idx.sql" << QByteArray("\n-- strata:no-transaction\nSELECT 1;") << false << false;
    QTest::newRow("more text on the line")
        << "V1__idx.sql" << QByteArray("-- strata:no-transaction please\nSELECT 1;") << false
        << false;
    QTest::newRow("other marker") << "V1__idx.sql" << QByteArray("-- strata:transaction\nSELECT 1;")
                                  << false << false;
    QTest::newRow("not a comment")
        << "V1__idx.sql" << QByteArray("SELECT 1; -- strata:no-transaction\n") << false << false;
}

void TestMigrationSource::noTransactionMarker()
{
    QFETCH(QString, file);
    QFETCH(QByteArray, content);
    QFETCH(bool, upNoTransaction);
    QFETCH(bool, downNoTransaction);

    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    // The other direction is a plain script.
    QString other = file;
    if (file.startsWith(u'U'))
        other[0] = u'V';
    else if (file.startsWith(u'V'))
        other[0] = u'U';
    else if (file.endsWith(QLatin1String(".up.sql")))
        other.replace(QLatin1String(".up.sql"), QLatin1String(".down.sql"));
    else
        other.replace(QLatin1String(".down.sql"), QLatin1String(".up.sql"));
    QVERIFY(writeFiles(dir.path(), {file, other}, {content, "SELECT 2;\n"}));

    const auto set = MigrationSource::read(dir.path());
    QVERIFY2(set.ok(), qPrintable(describe(set.error())));
    QCOMPARE(set->versioned.size(), 1);
    const Migration &m = set->versioned.first();
    QVERIFY(m.hasUndo());
    QCOMPARE(m.up.noTransaction, upNoTransaction);
    QCOMPARE(m.down.noTransaction, downNoTransaction);
}

// --- errors -----------------------------------------------------------------------------------

void TestMigrationSource::problems_data()
{
    QTest::addColumn<QStringList>("files");
    QTest::addColumn<QByteArrayList>("contents"); // for the first files; others get defaults
    QTest::addColumn<QStringList>("culprits"); // a problem's file is one; each is named somewhere
    QTest::addColumn<Kind>("kind");            // what every problem of the row is

    // Duplicate versions
    QTest::newRow("duplicate V1") << QStringList{"V1__a.sql", "V1__b.sql"} << QByteArrayList()
                                  << QStringList{"V1__a.sql", "V1__b.sql"}
                                  << Kind::DuplicateVersion;
    QTest::newRow("duplicate V1 vs V001")
        << QStringList{"V1__a.sql", "V001__b.sql"} << QByteArrayList()
        << QStringList{"V1__a.sql", "V001__b.sql"} << Kind::DuplicateVersion;
    QTest::newRow("duplicate V1 vs V1.0")
        << QStringList{"V1__a.sql", "V1.0__b.sql"} << QByteArrayList()
        << QStringList{"V1__a.sql", "V1.0__b.sql"} << Kind::DuplicateVersion;
    QTest::newRow("duplicate V1_1 vs V1.1")
        << QStringList{"V1_1__a.sql", "V1.1__b.sql"} << QByteArrayList()
        << QStringList{"V1_1__a.sql", "V1.1__b.sql"} << Kind::DuplicateVersion;
    QTest::newRow("duplicate across subfolders")
        << QStringList{"V1__a.sql", "V2__b.sql", "more/V2__c.sql"} << QByteArrayList()
        << QStringList{"V2__b.sql", "V2__c.sql"} << Kind::DuplicateVersion;
    QTest::newRow("duplicate golang-migrate up")
        << QStringList{"1_a.up.sql", "01_b.up.sql"} << QByteArrayList()
        << QStringList{"1_a.up.sql", "01_b.up.sql"} << Kind::DuplicateVersion;
    QTest::newRow("duplicate dbmate")
        << QStringList{"1_a.sql", "001_b.sql"} << QByteArrayList()
        << QStringList{"1_a.sql", "001_b.sql"} << Kind::DuplicateVersion;
    QTest::newRow("second undo for one version")
        << QStringList{"V1__a.sql", "U1__a.sql", "U01__b.sql"} << QByteArrayList()
        << QStringList{"U1__a.sql", "U01__b.sql"} << Kind::SecondUndo;
    QTest::newRow("second golang-migrate down")
        << QStringList{"1_a.up.sql", "1_a.down.sql", "01_a.down.sql"} << QByteArrayList()
        << QStringList{"1_a.down.sql", "01_a.down.sql"} << Kind::SecondUndo;
    QTest::newRow("duplicate repeatable")
        << QStringList{"R__view.sql", "other/R__view.sql"} << QByteArrayList()
        << QStringList{"R__view.sql"} << Kind::DuplicateRepeatable;

    // Names that match no format
    QTest::newRow("unknown name create_users.sql")
        << QStringList{"V1__a.sql", "create_users.sql"} << QByteArrayList()
        << QStringList{"create_users.sql"} << Kind::Misnamed;
    QTest::newRow("V1_missing_double_underscore.sql")
        << QStringList{"V1_missing_double_underscore.sql"} << QByteArrayList()
        << QStringList{"V1_missing_double_underscore.sql"} << Kind::Misnamed;
    QTest::newRow("V without version")
        << QStringList{"V__a.sql"} << QByteArrayList() << QStringList{"V__a.sql"} << Kind::Misnamed;
    QTest::newRow("lower-case v") << QStringList{"v1__a.sql"} << QByteArrayList()
                                  << QStringList{"v1__a.sql"} << Kind::Misnamed;
    QTest::newRow("letters in version") << QStringList{"V1a__a.sql"} << QByteArrayList()
                                        << QStringList{"V1a__a.sql"} << Kind::Misnamed;
    QTest::newRow("version with trailing dot") << QStringList{"V1.__a.sql"} << QByteArrayList()
                                               << QStringList{"V1.__a.sql"} << Kind::Misnamed;
    QTest::newRow("R with one underscore") << QStringList{"R_view.sql"} << QByteArrayList()
                                           << QStringList{"R_view.sql"} << Kind::Misnamed;
    QTest::newRow("R without description")
        << QStringList{"R__.sql"} << QByteArrayList() << QStringList{"R__.sql"} << Kind::Misnamed;
    QTest::newRow("golang without name")
        << QStringList{"1.up.sql"} << QByteArrayList() << QStringList{"1.up.sql"} << Kind::Misnamed;
    QTest::newRow("unknown name in a subfolder")
        << QStringList{"V1__a.sql", "sub/seed.sql"} << QByteArrayList() << QStringList{"seed.sql"}
        << Kind::Misnamed;

    // Mixed formats
    QTest::newRow("flyway + golang-migrate")
        << QStringList{"V1__a.sql", "2_b.up.sql"} << QByteArrayList()
        << QStringList{"V1__a.sql", "2_b.up.sql"} << Kind::OtherFormat;
    QTest::newRow("golang-migrate + flyway undo")
        << QStringList{"1_a.up.sql", "U1__a.sql"} << QByteArrayList()
        << QStringList{"1_a.up.sql", "U1__a.sql"} << Kind::OtherFormat;
    QTest::newRow("flyway + dbmate") << QStringList{"V1__a.sql", "2_b.sql"} << QByteArrayList()
                                     << QStringList{"V1__a.sql", "2_b.sql"} << Kind::OtherFormat;
    QTest::newRow("golang-migrate + dbmate")
        << QStringList{"1_a.up.sql", "2_b.sql"} << QByteArrayList()
        << QStringList{"1_a.up.sql", "2_b.sql"} << Kind::OtherFormat;
    QTest::newRow("flyway repeatable + golang-migrate")
        << QStringList{"R__view.sql", "1_a.up.sql"} << QByteArrayList()
        << QStringList{"R__view.sql", "1_a.up.sql"} << Kind::OtherFormat;

    // Undo without its version
    QTest::newRow("U5 without V5")
        << QStringList{"V1__a.sql", "V4__d.sql", "U5__e.sql"} << QByteArrayList()
        << QStringList{"U5__e.sql"} << Kind::UndoWithoutVersion;
    QTest::newRow("only an undo") << QStringList{"U1__a.sql"} << QByteArrayList()
                                  << QStringList{"U1__a.sql"} << Kind::UndoWithoutVersion;
    QTest::newRow("golang .down without .up")
        << QStringList{"1_a.up.sql", "1_a.down.sql", "2_b.down.sql"} << QByteArrayList()
        << QStringList{"2_b.down.sql"} << Kind::UndoWithoutVersion;

    // dbmate sections
    QTest::newRow("dbmate without migrate:up")
        << QStringList{"1_a.sql"} << QByteArrayList{"-- migrate:down\nDROP TABLE a;\n"}
        << QStringList{"1_a.sql"} << Kind::BadSections;
    QTest::newRow("dbmate without markers")
        << QStringList{"1_a.sql"} << QByteArrayList{"CREATE TABLE a (id int);\n"}
        << QStringList{"1_a.sql"} << Kind::BadSections;
    QTest::newRow("dbmate with two up sections")
        << QStringList{"1_a.sql"}
        << QByteArrayList{"-- migrate:up\nSELECT 1;\n-- migrate:up\nSELECT 2;\n"}
        << QStringList{"1_a.sql"} << Kind::BadSections;
    QTest::newRow("dbmate with two down sections")
        << QStringList{"1_a.sql"}
        << QByteArrayList{"-- migrate:up\nSELECT 1;\n-- migrate:down\n-- migrate:down\n"}
        << QStringList{"1_a.sql"} << Kind::BadSections;

    // Invalid UTF-8
    QTest::newRow("invalid UTF-8 byte")
        << QStringList{"V1__a.sql"} << QByteArrayList{"SELECT '\xff';\n"}
        << QStringList{"V1__a.sql"} << Kind::NotUtf8;
    QTest::newRow("Latin-1 text") << QStringList{"V1__a.sql"}
                                  << QByteArrayList{"INSERT INTO t VALUES ('caf\xe9');\n"}
                                  << QStringList{"V1__a.sql"} << Kind::NotUtf8;
    QTest::newRow("truncated sequence at the end")
        << QStringList{"V1__a.sql"} << QByteArrayList{"SELECT '\xc3"} << QStringList{"V1__a.sql"}
        << Kind::NotUtf8;
    QTest::newRow("overlong encoding")
        << QStringList{"V1__a.sql"} << QByteArrayList{"SELECT '\xc0\xaf';\n"}
        << QStringList{"V1__a.sql"} << Kind::NotUtf8;
    QTest::newRow("encoded surrogate")
        << QStringList{"V1__a.sql"} << QByteArrayList{"SELECT '\xed\xa0\x80';\n"}
        << QStringList{"V1__a.sql"} << Kind::NotUtf8;
    QTest::newRow("invalid UTF-8 in an undo")
        << QStringList{"U1__a.sql", "V1__a.sql"} << QByteArrayList{"DROP TABLE \xff;\n"}
        << QStringList{"U1__a.sql"} << Kind::NotUtf8;
    // Engine variants (V1__a.postgresql.sql stands in for V1__a.sql on PostgreSQL)
    QTest::newRow("variant without its plain file")
        << QStringList{"V1__a.sql", "V2__b.postgresql.sql"} << QByteArrayList()
        << QStringList{"V2__b.postgresql.sql", "V2__b.sql"} << Kind::VariantWithoutPlain;
    QTest::newRow("variant named after another description")
        << QStringList{"V1__a.sql", "V1__ab.postgresql.sql"} << QByteArrayList()
        << QStringList{"V1__ab.postgresql.sql", "V1__a.postgresql.sql"}
        << Kind::VariantWithoutPlain;
    QTest::newRow("undo variant without a plain undo")
        << QStringList{"V1__a.sql", "U1__a.postgresql.sql"} << QByteArrayList()
        << QStringList{"U1__a.postgresql.sql", "no undo script"} << Kind::VariantWithoutPlain;
    QTest::newRow("variant in another sub-folder than its plain file")
        << QStringList{"V1__a.sql", "pg/V1__a.postgresql.sql"} << QByteArrayList()
        << QStringList{"V1__a.postgresql.sql"} << Kind::VariantWithoutPlain;
    QTest::newRow("sqlite variant without its plain file")
        << QStringList{"V1__a.sql", "V2__b.sqlite.sql"} << QByteArrayList()
        << QStringList{"V2__b.sqlite.sql", "SQLite"} << Kind::VariantWithoutPlain;
    QTest::newRow("golang-migrate variant without its plain file")
        << QStringList{"1_a.up.sql", "2_b.up.postgresql.sql"} << QByteArrayList()
        << QStringList{"2_b.up.postgresql.sql", "2_b.up.sql"} << Kind::VariantWithoutPlain;
    QTest::newRow("golang-migrate down variant of an up-only version")
        << QStringList{"1_a.up.sql", "1_a.down.postgresql.sql"} << QByteArrayList()
        << QStringList{"1_a.down.postgresql.sql"} << Kind::VariantWithoutPlain;
    QTest::newRow("dbmate variant without its plain file")
        << QStringList{"1_a.sql", "2_b.postgresql.sql"} << QByteArrayList()
        << QStringList{"2_b.postgresql.sql"} << Kind::VariantWithoutPlain;
    QTest::newRow("repeatable variant without its plain file")
        << QStringList{"R__v.sql", "R__w.postgresql.sql"} << QByteArrayList()
        << QStringList{"R__w.postgresql.sql", "R__w.sql"} << Kind::VariantWithoutPlain;
    QTest::newRow("two variants of one file for one engine")
        << QStringList{"V1__a.sql", "V1__a.PostgreSQL.sql", "V1__a.postgresql.sql"}
        << QByteArrayList() << QStringList{"V1__a.postgresql.sql", "V1__a.PostgreSQL.sql"}
        << Kind::SecondVariant;
    QTest::newRow("golang-migrate variant in both spellings")
        << QStringList{"1_a.up.sql", "1_a.postgresql.up.sql", "1_a.up.postgresql.sql"}
        << QByteArrayList() << QStringList{"1_a.up.postgresql.sql", "1_a.postgresql.up.sql"}
        << Kind::SecondVariant;
    QTest::newRow("variant of another format")
        << QStringList{"V1__a.sql", "V2__b.sql", "1_a.up.postgresql.sql"} << QByteArrayList()
        << QStringList{"1_a.up.postgresql.sql"} << Kind::OtherFormat;
    QTest::newRow("dbmate variant without an up section")
        << QStringList{"1_a.sql", "1_a.postgresql.sql"}
        << QByteArrayList{dbmateDefault, "SELECT 1;\n"} << QStringList{"1_a.postgresql.sql"}
        << Kind::BadSections;
    QTest::newRow("variant that is not UTF-8")
        << QStringList{"V1__a.sql", "V1__a.postgresql.sql"}
        << QByteArrayList{"SELECT 1;\n", "SELECT '\xff';\n"} << QStringList{"V1__a.postgresql.sql"}
        << Kind::NotUtf8;
    QTest::newRow("invalid UTF-8 in a repeatable")
        << QStringList{"R__v.sql"} << QByteArrayList{"\xfe\xff"} << QStringList{"R__v.sql"}
        << Kind::NotUtf8;
    QTest::newRow("invalid UTF-8 in dbmate")
        << QStringList{"1_a.sql"} << QByteArrayList{"-- migrate:up\nSELECT '\x80';\n"}
        << QStringList{"1_a.sql"} << Kind::NotUtf8;
}

void TestMigrationSource::problems()
{
    QFETCH(QStringList, files);
    QFETCH(QByteArrayList, contents);
    QFETCH(QStringList, culprits);
    QFETCH(Kind, kind);

    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    QVERIFY(writeFiles(dir.path(), files, contents));

    // The folder is read; the bad files are problems beside what could be read.
    const auto set = MigrationSource::read(dir.path());
    QVERIFY2(set.ok(), qPrintable(describe(set.error())));
    QVERIFY2(!set->problems.isEmpty(), "the folder was read without a problem");
    QString all;
    for (const SourceProblem &p : set->problems) {
        all += p.path + u' ' + p.reason + u'\n';
        QVERIFY2(p.kind == kind, qPrintable(describe(p)));
        QVERIFY2(!p.reason.isEmpty(), qPrintable(describe(p)));
        QVERIFY2(QFileInfo(p.path).isFile(), qPrintable(describe(p)));
        // A left-out file is in no migration.
        for (const Migration &m : set->versioned + set->repeatable)
            QVERIFY2(m.up.path != p.path && m.down.path != p.path, qPrintable(describe(p)));
    }
    QVERIFY2(culprits.contains(set->problems.first().path.section(u'/', -1)), qPrintable(all));
    for (const QString &culprit : std::as_const(culprits))
        QVERIFY2(all.contains(u'/' + culprit) || all.contains(culprit),
                 qPrintable(QStringLiteral("%1 is not named: %2").arg(culprit, all)));

    // For commands that must not run on an incomplete folder, the same is an error.
    const auto complete = MigrationSource::readComplete(dir.path());
    QVERIFY(!complete.ok());
    QCOMPARE(complete.error().kind, Error::Kind::Source);
    QCOMPARE(complete.error().file, set->problems.first().path);
    QCOMPARE(complete.error().message.startsWith(set->problems.first().reason), true);
}

void TestMigrationSource::problemsLeaveTheRest_data()
{
    QTest::addColumn<QStringList>("files");
    QTest::addColumn<QByteArrayList>("contents");
    QTest::addColumn<QStringList>("versions"); // what is still read
    QTest::addColumn<QStringList>("undos");
    QTest::addColumn<QStringList>("problemFiles");
    QTest::addColumn<QString>("reasonMentions");

    QTest::newRow("V6_add_note.sql: one underscore")
        << QStringList{"V1__a.sql", "V5__e.sql", "V6_add_note.sql", "V7__g.sql"} << QByteArrayList()
        << QStringList{"1", "5", "7"} << QStringList() << QStringList{"V6_add_note.sql"}
        << "V6__add_note.sql";
    QTest::newRow("R_view.sql: one underscore")
        << QStringList{"V1__a.sql", "R_view.sql"} << QByteArrayList() << QStringList{"1"}
        << QStringList() << QStringList{"R_view.sql"} << "R__view.sql";
    QTest::newRow("duplicate version: both left out")
        << QStringList{"V1__a.sql", "V2__b.sql", "V2__c.sql", "V3__d.sql", "U2__b.sql"}
        << QByteArrayList() << QStringList{"1", "3"} << QStringList()
        << QStringList{"V2__b.sql", "V2__c.sql"} << "duplicate version 2";
    QTest::newRow("undo without its forward script")
        << QStringList{"V1__a.sql", "U1__a.sql", "U2__b.sql"} << QByteArrayList()
        << QStringList{"1"} << QStringList{"1"} << QStringList{"U2__b.sql"} << "version 2";
    QTest::newRow("invalid UTF-8 between good files")
        << QStringList{"V2__b.sql", "V1__a.sql", "V3__c.sql"} << QByteArrayList{"SELECT '\xff';\n"}
        << QStringList{"1", "3"} << QStringList() << QStringList{"V2__b.sql"} << "UTF-8";
    QTest::newRow("one stray file of another format: the majority decides")
        << QStringList{"1_a.up.sql", "V1__a.sql", "V2__b.sql", "V3__c.sql"} << QByteArrayList()
        << QStringList{"1", "2", "3"} << QStringList() << QStringList{"1_a.up.sql"} << "Flyway";
    QTest::newRow("dbmate file without sections")
        << QStringList{"1_a.sql", "2_b.sql"}
        << QByteArrayList{"-- migrate:up\nSELECT 1;\n", "SELECT 2;\n"} << QStringList{"1"}
        << QStringList() << QStringList{"2_b.sql"} << "migrate:up";
    QTest::newRow("variant without plain file: the plain migrations stay")
        << QStringList{"V1__a.sql", "U1__a.sql", "V2__b.postgresql.sql", "V3__c.sql"}
        << QByteArrayList() << QStringList{"1", "3"} << QStringList{"1"}
        << QStringList{"V2__b.postgresql.sql"} << "no V2__b.sql beside it";
    QTest::newRow("variant of a duplicate version: only the duplicates are named")
        << QStringList{"V1__a.sql", "V01__b.sql", "V1__a.postgresql.sql", "V2__c.sql"}
        << QByteArrayList() << QStringList{"2"} << QStringList()
        << QStringList{"V01__b.sql", "V1__a.sql"} << "duplicate version 1";
    QTest::newRow("misspelt variant: the hint names the right file")
        << QStringList{"V1__a.sql", "V2__add_users.sql", "V2__add_user.postgresql.sql"}
        << QByteArrayList() << QStringList{"1", "2"} << QStringList()
        << QStringList{"V2__add_user.postgresql.sql"} << "name the variant V2__add_users.postgresql.sql";
    QTest::newRow("several problems at once, sorted by file")
        << QStringList{"V1__a.sql", "V2_b.sql", "U9__z.sql", "V3__c.sql"} << QByteArrayList()
        << QStringList{"1", "3"} << QStringList() << QStringList{"U9__z.sql", "V2_b.sql"}
        << "V2__b.sql";
}

void TestMigrationSource::problemsLeaveTheRest()
{
    QFETCH(QStringList, files);
    QFETCH(QByteArrayList, contents);
    QFETCH(QStringList, versions);
    QFETCH(QStringList, undos);
    QFETCH(QStringList, problemFiles);
    QFETCH(QString, reasonMentions);

    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    QVERIFY(writeFiles(dir.path(), files, contents));
    const auto set = MigrationSource::read(dir.path());
    QVERIFY2(set.ok(), qPrintable(describe(set.error())));
    QCOMPARE(versionsOf(*set), versions);
    QCOMPARE(undoVersionsOf(*set), undos);
    QStringList named, reasons;
    for (const SourceProblem &p : set->problems) {
        named << p.path.section(u'/', -1);
        reasons << p.reason;
    }
    QCOMPARE(named, problemFiles);
    QVERIFY2(reasons.join(u'\n').contains(reasonMentions), qPrintable(reasons.join(u'\n')));
}

void TestMigrationSource::unreadable_data()
{
    QTest::addColumn<QStringList>("files");
    QTest::addColumn<QString>("locked");  // chmod 000; "." is the folder itself
    QTest::addColumn<QString>("outcome"); // "error", "problem" or "ignored"

    QTest::newRow("file") << QStringList{"V1__a.sql", "V2__secret.sql"} << "V2__secret.sql"
                          << "problem";
    QTest::newRow("undo file") << QStringList{"V1__a.sql", "U1__a.sql"} << "U1__a.sql"
                               << "problem";
    QTest::newRow("file in a subfolder")
        << QStringList{"V1__a.sql", "sub/V2__secret.sql"} << "sub/V2__secret.sql"
        << "problem";
    QTest::newRow("subfolder") << QStringList{"V1__a.sql", "locked/V2__b.sql"} << "locked"
                               << "problem";
    QTest::newRow("the folder itself") << QStringList{"V1__a.sql"} << "."
                                       << "error";
    QTest::newRow("a non-.sql file is still ignored")
        << QStringList{"V1__a.sql", "notes.txt"} << "notes.txt"
        << "ignored";
}

void TestMigrationSource::unreadable()
{
    QFETCH(QStringList, files);
    QFETCH(QString, locked);
    QFETCH(QString, outcome);

    if (geteuid() == 0)
        QSKIP("running as root: chmod 000 does not stop root from reading");

    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    QVERIFY(writeFiles(dir.path(), files));
    const QString path = QDir::cleanPath(dir.filePath(locked));
    const QFileDevice::Permissions before = QFile::permissions(path);
    QVERIFY(QFile::setPermissions(path, QFileDevice::Permissions()));
    const auto set = MigrationSource::read(dir.path());
    QVERIFY(QFile::setPermissions(path, before)); // so that QTemporaryDir can clean up

    if (outcome == QLatin1String("error")) {
        QVERIFY2(!set.ok(), "an unreadable folder was read");
        QCOMPARE(set.error().kind, Error::Kind::Source);
        QCOMPARE(QDir::cleanPath(set.error().file), path);
        return;
    }
    QVERIFY2(set.ok(), qPrintable(describe(set.error())));
    QCOMPARE(versionsOf(*set), QStringList{"1"}); // the readable rest is still read
    if (outcome == QLatin1String("ignored")) {
        QVERIFY(set->problems.isEmpty());
        return;
    }
    QCOMPARE(set->problems.size(), 1);
    QCOMPARE(set->problems.first().kind, Kind::Unreadable);
    QCOMPARE(QDir::cleanPath(set->problems.first().path), path);
}

void TestMigrationSource::missingFolder()
{
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const QString missing = dir.filePath("no-such-folder");

    const auto set = MigrationSource::read(missing);
    QVERIFY(!set.ok());
    QCOMPARE(set.error().kind, Error::Kind::Source);
    QVERIFY2(set.error().file.contains(QLatin1String("no-such-folder")) ||
                 set.error().message.contains(QLatin1String("no-such-folder")),
             qPrintable(describe(set.error())));
}

void TestMigrationSource::folderIsAFile()
{
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    QVERIFY(writeFiles(dir.path(), {"V1__a.sql"}));

    const auto set = MigrationSource::read(dir.filePath("V1__a.sql"));
    QVERIFY(!set.ok());
    QCOMPARE(set.error().kind, Error::Kind::Source);
    QVERIFY2(set.error().file.contains(QLatin1String("V1__a.sql")) ||
                 set.error().message.contains(QLatin1String("V1__a.sql")),
             qPrintable(describe(set.error())));
}

void TestMigrationSource::findsByVersion()
{
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    QVERIFY(writeFiles(dir.path(), {"V1__a.sql", "V2.10__c.sql", "V2.9__b.sql", "V10__d.sql"}));
    const auto set = MigrationSource::read(dir.path());
    QVERIFY2(set.ok(), qPrintable(describe(set.error())));

    for (const char *text : {"1", "001", "1.0", "2.9", "2.10", "2_10", "10"}) {
        const Migration *m = set->find(*Version::parse(QString::fromLatin1(text)));
        QVERIFY2(m, text);
        QVERIFY(m->version == *Version::parse(QString::fromLatin1(text)));
    }
    for (const char *text : {"0", "2", "2.1", "3", "11", "20240101120000"})
        QVERIFY2(!set->find(*Version::parse(QString::fromLatin1(text))), text);
}

// --- checksum ---------------------------------------------------------------------------------

void TestMigrationSource::checksum_data()
{
    QTest::addColumn<QByteArray>("a");
    QTest::addColumn<QByteArray>("b");
    QTest::addColumn<bool>("same");

    const QByteArray lf = "CREATE TABLE a (id int);\nINSERT INTO a VALUES (1);\n";
    const QByteArray crlf = "CREATE TABLE a (id int);\r\nINSERT INTO a VALUES (1);\r\n";
    const QByteArray cr = "CREATE TABLE a (id int);\rINSERT INTO a VALUES (1);\r";
    const QByteArray bom = "\xEF\xBB\xBF";

    QTest::newRow("identical") << lf << lf << true;
    QTest::newRow("CRLF vs LF") << crlf << lf << true;
    QTest::newRow("CR vs LF") << cr << lf << true;
    QTest::newRow("mixed line endings vs LF")
        << QByteArray("CREATE TABLE a (id int);\r\nINSERT INTO a VALUES (1);\n") << lf << true;
    QTest::newRow("BOM vs none") << bom + lf << lf << true;
    QTest::newRow("BOM + CRLF vs LF") << bom + crlf << lf << true;
    QTest::newRow("BOM only vs empty") << bom << QByteArray() << true;
    QTest::newRow("different content") << lf << QByteArray("CREATE TABLE b (id int);\n") << false;
    QTest::newRow("one character differs")
        << lf << QByteArray("CREATE TABLE a (id int);\nINSERT INTO a VALUES (2);\n") << false;
    QTest::newRow("missing final newline")
        << lf << QByteArray("CREATE TABLE a (id int);\nINSERT INTO a VALUES (1);") << false;
    QTest::newRow("extra blank line") << lf << lf + '\n' << false;
    QTest::newRow("CRCRLF is two lines") << QByteArray("a\r\r\nb") << QByteArray("a\nb") << false;
    QTest::newRow("trailing spaces count") << QByteArray("a \n") << QByteArray("a\n") << false;
    QTest::newRow("BOM in the middle counts") << QByteArray("a\n") + bom + "b\n"
                                              << QByteArray("a\nb\n") << false;
    QTest::newRow("two BOMs: only the first is removed") << bom + bom + lf << lf << false;
    QTest::newRow("empty vs newline") << QByteArray() << QByteArray("\n") << false;
}

void TestMigrationSource::checksum()
{
    QFETCH(QByteArray, a);
    QFETCH(QByteArray, b);
    QFETCH(bool, same);

    const QString ca = MigrationSource::checksum(a);
    const QString cb = MigrationSource::checksum(b);
    QVERIFY(isSha256Hex(ca));
    QVERIFY(isSha256Hex(cb));
    QCOMPARE(ca == cb, same);
    QCOMPARE(MigrationSource::checksum(a), ca); // deterministic
}

void TestMigrationSource::checksumFormat()
{
    // SHA-256 of the normalised bytes, lower-case hex.
    QCOMPARE(MigrationSource::checksum(QByteArray()),
             QStringLiteral("e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"));
    QCOMPARE(MigrationSource::checksum("SELECT 1;\n"),
             QStringLiteral("b4e0497804e46e0a0b0b8c31975b062152d551bac49c3c2e80932567b4085dcd"));
    QCOMPARE(MigrationSource::checksum("\xEF\xBB\xBFSELECT 1;\r\n"),
             QStringLiteral("b4e0497804e46e0a0b0b8c31975b062152d551bac49c3c2e80932567b4085dcd"));
    QCOMPARE(MigrationSource::checksum(QByteArray(100000, 'x')).size(), 64);
}

void TestMigrationSource::checksumOfReadFileIgnoresLineEndings()
{
    QTemporaryDir lfDir, crlfDir, otherDir;
    QVERIFY(lfDir.isValid() && crlfDir.isValid() && otherDir.isValid());
    QVERIFY(writeFiles(lfDir.path(), {"V1__a.sql"}, {"CREATE TABLE a (id int);\nSELECT 1;\n"}));
    QVERIFY(writeFiles(crlfDir.path(), {"V1__a.sql"},
                       {"\xEF\xBB\xBF"
                        "CREATE TABLE a (id int);\r\nSELECT 1;\r\n"}));
    QVERIFY(writeFiles(otherDir.path(), {"V1__a.sql"}, {"CREATE TABLE a (id int);\nSELECT 2;\n"}));

    const auto lf = MigrationSource::read(lfDir.path());
    const auto crlf = MigrationSource::read(crlfDir.path());
    const auto other = MigrationSource::read(otherDir.path());
    QVERIFY(lf.ok() && crlf.ok() && other.ok());
    QCOMPARE(crlf->versioned.first().checksum, lf->versioned.first().checksum);
    QVERIFY(other->versioned.first().checksum != lf->versioned.first().checksum);
}

// --- the demo project -------------------------------------------------------------------------

void TestMigrationSource::demoFolder()
{
    const QString source = qEnvironmentVariable("STRATA_SOURCE_DIR");
    if (source.isEmpty())
        QSKIP("STRATA_SOURCE_DIR is not set (run through CTest)");

    const auto set = MigrationSource::read(source + QStringLiteral("/migrations"));
    QVERIFY2(set.ok(), qPrintable(describe(set.error())));
    QCOMPARE(set->format, FolderFormat::Flyway);
    QCOMPARE(set->repeatable.size(), 0);
    QCOMPARE(set->versioned.size(), 10);
    for (int i = 0; i < set->versioned.size(); ++i) {
        const Migration &m = set->versioned[i];
        QCOMPARE(m.versionText(), QString::number(i + 1));
        QVERIFY(!m.description.isEmpty());
        QVERIFY(!m.description.contains(u'_'));
        QVERIFY2(m.hasUndo(), qPrintable(m.scriptName()));
        QCOMPARE(m.scriptName(), QStringLiteral("V%1__%2.sql")
                                     .arg(i + 1)
                                     .arg(QString(m.description).replace(u' ', u'_')));
        QCOMPARE(m.down.path.section(u'/', -1), QStringLiteral("U") + m.scriptName().mid(1));
        QVERIFY(!m.up.sql.trimmed().isEmpty());
        QVERIFY(!m.down.sql.trimmed().isEmpty());
        QVERIFY(isSha256Hex(m.checksum));
    }
}

QTEST_GUILESS_MAIN(TestMigrationSource)
#include "tst_migrationsource.moc"
