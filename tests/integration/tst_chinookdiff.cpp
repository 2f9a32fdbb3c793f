// Chinook (a real schema) through snapshot and diff: against itself, across engines, via the CLI.

#include "TestDatabases.h"
#include "diff/SchemaDiff.h"
#include "migration/SqlSplitter.h"
#include "schema/Introspector.h"
#include "schema/SchemaJson.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QTemporaryDir>
#include <QTest>

using namespace strata;

namespace {

QString chinookSource()
{
    const QString fixtures = qEnvironmentVariable("STRATA_FIXTURES", QStringLiteral("/work/shared/fixtures"));
    return fixtures + QStringLiteral("/chinook/Chinook_Sqlite.sqlite");
}

struct CliRun {
    int exitCode = -1;
    QByteArray out, err;
};

CliRun cli(const QStringList &args)
{
    QProcess p;
    p.start(qEnvironmentVariable("STRATA_CLI"), args);
    p.waitForFinished(120000);
    return {p.exitStatus() == QProcess::NormalExit ? p.exitCode() : -1, p.readAllStandardOutput(),
            p.readAllStandardError()};
}

QString describe(const SchemaDiffResult &diff)
{
    QStringList lines;
    for (const Change &c : diff.changes)
        lines << c.summary;
    return lines.join('\n');
}

} // namespace

class TestChinookDiff : public QObject {
    Q_OBJECT

    QTemporaryDir m_dir;
    QString m_chinook; // a private copy: the fixture is read-only

private slots:
    void initTestCase()
    {
        QVERIFY2(QFile::exists(chinookSource()), qPrintable(chinookSource()));
        m_chinook = m_dir.filePath("chinook.db");
        QVERIFY(QFile::copy(chinookSource(), m_chinook));
        QFile::setPermissions(m_chinook, QFile::ReadOwner | QFile::WriteOwner);
    }

    void snapshotIsStableAndDiffWithItselfIsEmpty()
    {
        auto session = DatabaseSession::open(*ConnectionSpec::parse("sqlite://" + m_chinook));
        QVERIFY(session.ok());
        auto first = Introspector::read(**session);
        QVERIFY2(first.ok(), qPrintable(first.error().toString()));
        QCOMPARE(first->tables.size(), 11);
        auto second = Introspector::read(**session);
        QCOMPARE(SchemaJson::write(*first), SchemaJson::write(*second));
        auto reread = SchemaJson::read(SchemaJson::write(*first));
        QVERIFY(reread.ok());
        QVERIFY(*reread == *first);
        const SchemaDiffResult diff = SchemaDiff::compare(*first, *reread);
        QVERIFY2(diff.isEmpty(), qPrintable(describe(diff)));
    }

    void crossEngineDiffAgainstPostgresPortIsEmpty()
    {
        STRATA_SCRATCH(pg, Engine::Postgres);
        auto pgSession = DatabaseSession::open(pg.spec());
        QVERIFY(pgSession.ok());
        QFile ddl(qEnvironmentVariable("STRATA_SOURCE_DIR") + "/tests/fixtures/chinook_postgres.sql");
        QVERIFY(ddl.open(QIODevice::ReadOnly));
        for (const SqlStatement &s : SqlSplitter::split(QString::fromUtf8(ddl.readAll()))) {
            auto ran = (*pgSession)->exec(s.sql);
            QVERIFY2(ran.ok(), qPrintable(ran.error().toString()));
        }
        auto pgSchema = Introspector::read(**pgSession);
        QVERIFY2(pgSchema.ok(), qPrintable(pgSchema.error().toString()));
        auto sqliteSession = DatabaseSession::open(*ConnectionSpec::parse("sqlite://" + m_chinook));
        auto sqliteSchema = Introspector::read(**sqliteSession);
        QVERIFY(sqliteSchema.ok());

        const SchemaDiffResult diff = SchemaDiff::compare(*sqliteSchema, *pgSchema);
        QVERIFY2(diff.isEmpty(), qPrintable(describe(diff)));
        QVERIFY(SchemaDiff::compare(*pgSchema, *sqliteSchema).isEmpty());

        // Real differences still show: drop an index and a NOT NULL on the PostgreSQL side.
        QVERIFY((*pgSession)->exec("DROP INDEX \"IFK_TrackGenreId\"").ok());
        QVERIFY((*pgSession)->exec("ALTER TABLE \"Track\" ALTER COLUMN \"Name\" DROP NOT NULL").ok());
        auto changed = Introspector::read(**pgSession);
        const SchemaDiffResult real = SchemaDiff::compare(*sqliteSchema, *changed);
        QCOMPARE(real.changes.size(), 2);
    }

    void cliSnapshotAndDiff()
    {
        const QString url = "sqlite://" + m_chinook;
        const QString snap = m_dir.filePath("chinook.json");
        CliRun snapshot = cli({"snapshot", url, "-o", snap});
        QVERIFY2(snapshot.exitCode == 0, snapshot.err);
        QVERIFY(QFile::exists(snap));
        CliRun toStdout = cli({"snapshot", url});
        QFile file(snap);
        QVERIFY(file.open(QIODevice::ReadOnly));
        QCOMPARE(toStdout.out, file.readAll());

        CliRun same = cli({"diff", url, snap, "--exit-code"});
        QVERIFY2(same.exitCode == 0, same.out + same.err);
        QVERIFY(same.out.contains("same"));

        // A changed copy differs: exit 4 with --exit-code, SQL with --sql, JSON with --json.
        const QString copy = m_dir.filePath("changed.db");
        QVERIFY(QFile::copy(m_chinook, copy));
        {
            auto session = DatabaseSession::open(*ConnectionSpec::parse("sqlite://" + copy));
            QVERIFY((*session)->exec("CREATE INDEX \"IFK_TrackName\" ON \"Track\" (\"Name\")").ok());
        }
        CliRun differs = cli({"diff", snap, "sqlite://" + copy, "--exit-code"});
        QCOMPARE(differs.exitCode, 4);
        CliRun sql = cli({"diff", snap, "sqlite://" + copy, "--sql"});
        QCOMPARE(sql.exitCode, 0);
        QVERIFY2(sql.out.contains("CREATE INDEX"), sql.out);
        CliRun reverse = cli({"diff", snap, "sqlite://" + copy, "--sql", "--reverse"});
        QVERIFY2(reverse.out.contains("DROP INDEX"), reverse.out);
        CliRun json = cli({"--json", "diff", snap, "sqlite://" + copy});
        const QJsonObject doc = QJsonDocument::fromJson(json.out).object();
        QCOMPARE(doc["identical"].toBool(), false);
        QCOMPARE(doc["changes"].toArray().size(), 1);
        QCOMPARE(doc["changes"].toArray().at(0).toObject()["kind"].toString(), QStringLiteral("index"));
    }

    void cliErrors_data()
    {
        QTest::addColumn<QStringList>("args");
        QTest::addColumn<int>("exitCode");
        QTest::addColumn<QString>("mentions");
        QTest::newRow("missing file") << QStringList{"diff", "nope.json", "nope2.json"} << 2 << "nope.json";
        QTest::newRow("one side") << QStringList{"diff", "a.json"} << 2 << "diff needs B (see strata-cli diff --help)";
        QTest::newRow("bad url") << QStringList{"snapshot", "mysql://x"} << 2 << "bad database URL (URL): Strata connects to SQLite and PostgreSQL";
        QTest::newRow("missing sqlite") << QStringList{"snapshot", "sqlite:/nonexistent/x.db"} << 2 << "no SQLite database";
        QTest::newRow("malformed snapshot") << QStringList{"diff", "MALFORMED", "MALFORMED"} << 2 << "invalid JSON";
    }
    void cliErrors()
    {
        QFETCH(QStringList, args);
        QFETCH(int, exitCode);
        QFETCH(QString, mentions);
        const QString malformed = m_dir.filePath("bad.json");
        QFile f(malformed);
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write("{ not json");
        f.close();
        args.replaceInStrings("MALFORMED", malformed);
        CliRun run = cli(args);
        QCOMPARE(run.exitCode, exitCode);
        QVERIFY2(run.err.contains(mentions.toUtf8()), run.err);
    }
};

QTEST_GUILESS_MAIN(TestChinookDiff)
#include "tst_chinookdiff.moc"
