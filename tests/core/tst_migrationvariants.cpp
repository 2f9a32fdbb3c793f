// Engine variants of migration files (V1__a.postgresql.sql beside V1__a.sql): which file runs
// on which engine, and which checksum the history is checked against.

#include "migration/MigrationStatus.h"
#include "migration/MigrationVariants.h"

#include <QtTest>

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QTemporaryDir>

using namespace strata;

Q_DECLARE_METATYPE(strata::Engine)
Q_DECLARE_METATYPE(strata::MigrationState)
Q_DECLARE_METATYPE(std::optional<strata::Engine>)

namespace {

bool writeFile(const QString &dir, const QString &relative, const QByteArray &content)
{
    const QString path = dir + u'/' + relative;
    if (!QDir().mkpath(QFileInfo(path).absolutePath()))
        return false;
    QFile file(path);
    return file.open(QIODevice::WriteOnly) && file.write(content) == content.size();
}

// Each file gets content of its own (so every checksum differs); dbmate files get sections.
bool writeFolder(const QString &dir, const QStringList &files)
{
    for (const QString &name : files) {
        const bool dbmate = name.startsWith(QLatin1String("dbmate/"));
        const QByteArray content =
            dbmate ? QByteArray("-- migrate:up\nSELECT 'up " + name.toUtf8() +
                                "';\n-- migrate:down\nSELECT 'down " + name.toUtf8() + "';\n")
                   : QByteArray("SELECT '" + name.toUtf8() + "';\n");
        if (!writeFile(dir, name, content))
            return false;
    }
    return true;
}

QString nameOf(const MigrationScript &script)
{
    return script.isEmpty() ? QStringLiteral("-") : script.fileName();
}

QString problemsOf(const MigrationSet &set)
{
    QStringList out;
    for (const SourceProblem &p : set.problems)
        out << p.path + u' ' + p.reason;
    return out.join(u'\n');
}

} // namespace

class TestMigrationVariants : public QObject {
    Q_OBJECT

private slots:
    void names_data();
    void names();
    void runsOnEngine_data();
    void runsOnEngine();
    void variantChecksums();
    void statusChecksTheFileThatRan_data();
    void statusChecksTheFileThatRan();
    void repeatableVariant();
};

void TestMigrationVariants::names_data()
{
    QTest::addColumn<QString>("name");
    QTest::addColumn<QString>("plain"); // empty: not a variant name
    QTest::addColumn<Engine>("engine");

    QTest::newRow("flyway") << "V3__x.postgresql.sql"
                            << "V3__x.sql" << Engine::Postgres;
    QTest::newRow("flyway undo") << "U3__x.postgresql.sql"
                                 << "U3__x.sql" << Engine::Postgres;
    QTest::newRow("sqlite") << "V3__x.sqlite.sql"
                            << "V3__x.sql" << Engine::Sqlite;
    QTest::newRow("capitals") << "V3__x.PostgreSQL.sql"
                              << "V3__x.sql" << Engine::Postgres;
    QTest::newRow("golang up") << "3_x.up.postgresql.sql"
                               << "3_x.up.sql" << Engine::Postgres;
    QTest::newRow("golang down") << "3_x.down.postgresql.sql"
                                 << "3_x.down.sql" << Engine::Postgres;
    QTest::newRow("golang, engine first") << "3_x.postgresql.up.sql"
                                          << "3_x.up.sql" << Engine::Postgres;
    QTest::newRow("golang down, engine first") << "3_x.sqlite.down.sql"
                                               << "3_x.down.sql" << Engine::Sqlite;
    QTest::newRow("dbmate") << "20240101_x.postgresql.sql"
                            << "20240101_x.sql" << Engine::Postgres;
    QTest::newRow("plain") << "V3__x.sql"
                           << "" << Engine::Postgres;
    QTest::newRow("postgres is not an engine word") << "V3__x.postgres.sql"
                                                    << "" << Engine::Postgres;
    QTest::newRow("engine inside the description") << "V3__postgresql_setup.sql"
                                                   << "" << Engine::Postgres;
    QTest::newRow("engine word alone") << "postgresql.sql"
                                       << "" << Engine::Postgres;
}

void TestMigrationVariants::names()
{
    QFETCH(QString, name);
    QFETCH(QString, plain);
    QFETCH(Engine, engine);
    const auto read = readVariantName(name);
    QCOMPARE(read.has_value(), !plain.isEmpty());
    if (!read)
        return;
    QCOMPARE(read->plainName, plain);
    QCOMPARE(read->engine, engine);
    // Port writes the canonical spelling: the engine right before the final `.sql`.
    const QString written = variantFileName(plain, engine);
    QCOMPARE(readVariantName(written)->plainName, plain);
    QVERIFY2(written.endsWith(QStringLiteral(".%1.sql").arg(engineVariantName(engine))),
             qPrintable(written));
}

void TestMigrationVariants::runsOnEngine_data()
{
    QTest::addColumn<QStringList>("files");
    QTest::addColumn<Engine>("engine");
    QTest::addColumn<QString>("up");   // file name that runs
    QTest::addColumn<QString>("down"); // "-" for none

    const QStringList full{"V1__a.sql", "U1__a.sql", "V1__a.postgresql.sql",
                           "U1__a.postgresql.sql"};
    QTest::newRow("flyway both on postgresql") << full << Engine::Postgres << "V1__a.postgresql.sql"
                                               << "U1__a.postgresql.sql";
    QTest::newRow("flyway both on sqlite") << full << Engine::Sqlite << "V1__a.sql"
                                           << "U1__a.sql";
    const QStringList upOnly{"V1__a.sql", "U1__a.sql", "V1__a.postgresql.sql"};
    QTest::newRow("up variant only: plain undo")
        << upOnly << Engine::Postgres << "V1__a.postgresql.sql"
        << "U1__a.sql";
    const QStringList undoOnly{"V1__a.sql", "U1__a.sql", "U1__a.postgresql.sql"};
    QTest::newRow("undo variant only: plain up") << undoOnly << Engine::Postgres << "V1__a.sql"
                                                 << "U1__a.postgresql.sql";
    QTest::newRow("undo variant only on sqlite") << undoOnly << Engine::Sqlite << "V1__a.sql"
                                                 << "U1__a.sql";
    const QStringList both{"V1__a.sql", "V1__a.sqlite.sql", "V1__a.postgresql.sql"};
    QTest::newRow("variants for both engines, postgresql")
        << both << Engine::Postgres << "V1__a.postgresql.sql"
        << "-";
    QTest::newRow("variants for both engines, sqlite")
        << both << Engine::Sqlite << "V1__a.sqlite.sql"
        << "-";
    const QStringList sub{"2024/V1__a.sql", "2024/V1__a.postgresql.sql"};
    QTest::newRow("in a sub-folder") << sub << Engine::Postgres << "V1__a.postgresql.sql"
                                     << "-";
    const QStringList golang{"1_a.up.sql", "1_a.down.sql", "1_a.up.postgresql.sql",
                             "1_a.down.postgresql.sql"};
    QTest::newRow("golang-migrate on postgresql")
        << golang << Engine::Postgres << "1_a.up.postgresql.sql"
        << "1_a.down.postgresql.sql";
    QTest::newRow("golang-migrate on sqlite") << golang << Engine::Sqlite << "1_a.up.sql"
                                              << "1_a.down.sql";
    const QStringList golangFirst{"1_a.up.sql", "1_a.postgresql.up.sql"};
    QTest::newRow("golang-migrate, engine before .up")
        << golangFirst << Engine::Postgres << "1_a.postgresql.up.sql"
        << "-";
    const QStringList dbmate{"dbmate/1_a.sql", "dbmate/1_a.postgresql.sql"};
    QTest::newRow("dbmate on postgresql") << dbmate << Engine::Postgres << "1_a.postgresql.sql"
                                          << "1_a.postgresql.sql";
    QTest::newRow("dbmate on sqlite") << dbmate << Engine::Sqlite << "1_a.sql"
                                      << "1_a.sql";
}

void TestMigrationVariants::runsOnEngine()
{
    QFETCH(QStringList, files);
    QFETCH(Engine, engine);
    QFETCH(QString, up);
    QFETCH(QString, down);

    QTemporaryDir dir;
    QVERIFY(writeFolder(dir.path(), files));
    const auto set = MigrationSource::read(dir.path());
    QVERIFY(set.ok());
    QVERIFY2(set->problems.isEmpty(), qPrintable(problemsOf(*set)));
    QCOMPARE(set->versioned.size(), 1);
    const Migration &plain = set->versioned.first();
    // As read, the migration is its plain files; the variants hang beside them.
    QVERIFY(!plain.scriptName().contains(QLatin1String(".postgresql")));
    QVERIFY(!plain.scriptName().contains(QLatin1String(".sqlite")));

    const Migration runs = plain.forEngine(engine);
    QCOMPARE(runs.scriptName(), up);
    QCOMPARE(nameOf(runs.down), down);
    // The folder-level view gives the same.
    QCOMPARE(set->forEngine(engine).versioned.first().scriptName(), up);
    // The script text is the file's own (each file of the folder has different content).
    if (!files.first().startsWith(QLatin1String("dbmate/")))
        QVERIFY2(runs.up.sql.contains(up), qPrintable(runs.up.sql));
    else
        QVERIFY2(runs.down.sql.contains(QStringLiteral("down dbmate/") + down),
                 qPrintable(runs.down.sql));
    QCOMPARE(runs.hasVariantFor(engine), up != plain.scriptName() || down != nameOf(plain.down));
}

void TestMigrationVariants::variantChecksums()
{
    QTemporaryDir dir;
    QVERIFY(writeFolder(
        dir.path(), {"V1__a.sql", "U1__a.sql", "V1__a.postgresql.sql", "U1__a.postgresql.sql"}));
    const auto set = MigrationSource::read(dir.path());
    QVERIFY(set.ok());
    const Migration &m = set->versioned.first();
    QFile variantFile(dir.filePath("V1__a.postgresql.sql"));
    QVERIFY(variantFile.open(QIODevice::ReadOnly));
    const QString variantSum = MigrationSource::checksum(variantFile.readAll());
    QVERIFY(variantSum != m.checksum);
    const Migration pg = m.forEngine(Engine::Postgres);
    QCOMPARE(pg.checksum, variantSum);
    QCOMPARE(m.forEngine(Engine::Sqlite).checksum, m.checksum);
    // Either up file can be looked up by the name the history records; undo files cannot
    // (the history names the up file that ran).
    for (const Migration &view : {m, pg}) {
        QCOMPARE(view.checksumOfScript("V1__a.sql"), m.checksum);
        QCOMPARE(view.checksumOfScript("V1__a.postgresql.sql"), variantSum);
        QCOMPARE(view.pathOfScript("V1__a.sql"), dir.filePath("V1__a.sql"));
        QCOMPARE(view.pathOfScript("V1__a.postgresql.sql"), dir.filePath("V1__a.postgresql.sql"));
        QCOMPARE(view.checksumOfScript("U1__a.postgresql.sql"), QString());
        QCOMPARE(view.checksumOfScript("V1__b.sql"), QString());
    }
}

void TestMigrationVariants::statusChecksTheFileThatRan_data()
{
    QTest::addColumn<std::optional<Engine>>("engine");
    QTest::addColumn<QString>("script");   // what the history row names
    QTest::addColumn<QString>("checksum"); // "plain", "variant" or "other"
    QTest::addColumn<MigrationState>("state");
    QTest::addColumn<QString>("checked"); // the file the row is checked against

    const std::optional<Engine> pg = Engine::Postgres, lite = Engine::Sqlite, none;
    const QString plain = "V1__a.sql", variant = "V1__a.postgresql.sql";
    QTest::newRow("variant ran on postgresql")
        << pg << variant << "variant" << MigrationState::Applied << variant;
    QTest::newRow("variant edited since")
        << pg << variant << "other" << MigrationState::ChecksumMismatch << variant;
    QTest::newRow("plain ran (on sqlite, before a transfer)")
        << pg << plain << "plain" << MigrationState::Applied << plain;
    QTest::newRow("plain ran, edited since")
        << pg << plain << "other" << MigrationState::ChecksumMismatch << plain;
    QTest::newRow("plain ran on sqlite")
        << lite << plain << "plain" << MigrationState::Applied << plain;
    QTest::newRow("row names no file: the engine's file counts")
        << pg << "V1__renamed.sql"
        << "variant" << MigrationState::Applied << variant;
    QTest::newRow("row names no file, plain checksum on postgresql")
        << pg << "V1__renamed.sql"
        << "plain" << MigrationState::ChecksumMismatch << variant;
    QTest::newRow("row names no file on sqlite") << lite << "V1__renamed.sql"
                                                 << "plain" << MigrationState::Applied << plain;
    QTest::newRow("without an engine: the plain file")
        << none << "V1__renamed.sql"
        << "plain" << MigrationState::Applied << plain;
}

void TestMigrationVariants::statusChecksTheFileThatRan()
{
    QFETCH(std::optional<Engine>, engine);
    QFETCH(QString, script);
    QFETCH(QString, checksum);
    QFETCH(MigrationState, state);
    QFETCH(QString, checked);

    QTemporaryDir dir;
    QVERIFY(writeFolder(dir.path(), {"V1__a.sql", "V1__a.postgresql.sql", "V2__b.sql"}));
    const auto set = MigrationSource::read(dir.path());
    QVERIFY(set.ok());
    const Migration &m = set->versioned.first();
    const QString sum = checksum == QLatin1String("plain") ? m.checksum
                        : checksum == QLatin1String("variant")
                            ? m.variantFor(Engine::Postgres)->checksum
                            : QStringLiteral("0123abcd");
    AppliedMigration row{
        1, "1", "a", "versioned", script, sum, "dba", QDateTime::currentDateTimeUtc(), 1, true, {}};
    const StatusReport report = mergeStatus(*set, {row}, engine);
    QCOMPARE(report.entries.size(), 2);
    const VersionState &e = report.entries.first();
    QCOMPARE(e.state, state);
    QCOMPARE(e.checkedPath(), dir.filePath(checked));
    QCOMPARE(e.checkedChecksum(), m.checksumOfScript(checked));
    QCOMPARE(report.entries.at(1).state, MigrationState::Pending);
    // The entry's migration is the one that runs on the engine: plans take it from here.
    const QString runs =
        engine == Engine::Postgres ? QStringLiteral("V1__a.postgresql.sql") : m.scriptName();
    QCOMPARE(e.migration->scriptName(), runs);
}

void TestMigrationVariants::repeatableVariant()
{
    QTemporaryDir dir;
    QVERIFY(writeFolder(dir.path(), {"V1__a.sql", "R__v.sql", "R__v.postgresql.sql"}));
    const auto set = MigrationSource::read(dir.path());
    QVERIFY(set.ok());
    QVERIFY2(set->problems.isEmpty(), qPrintable(problemsOf(*set)));
    QCOMPARE(set->repeatable.size(), 1);
    const Migration &r = set->repeatable.first();
    const QString pgSum = r.variantFor(Engine::Postgres)->checksum;
    // Last run on SQLite with the plain file: on PostgreSQL the variant has not run yet.
    AppliedMigration ran{1,          {},         "v",   "repeatable",
                         "R__v.sql", r.checksum, "dba", QDateTime::currentDateTimeUtc(),
                         1,          true,       {}};
    QCOMPARE(mergeStatus(*set, {ran}, Engine::Sqlite).entries.last().state,
             MigrationState::Applied);
    QCOMPARE(mergeStatus(*set, {ran}, Engine::Postgres).entries.last().state,
             MigrationState::Pending);
    ran.script = "R__v.postgresql.sql";
    ran.checksum = pgSum;
    QCOMPARE(mergeStatus(*set, {ran}, Engine::Postgres).entries.last().state,
             MigrationState::Applied);
}

QTEST_GUILESS_MAIN(TestMigrationVariants)
#include "tst_migrationvariants.moc"
