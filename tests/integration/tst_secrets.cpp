// Secrets: a PostgreSQL role with a distinctive password is used through every CLI command
// (successful and failing), the GUI's saved profiles and remembered workspace. Then every file
// Strata wrote (home, config, working folder, snapshots, settings), everything it printed and
// every text in the history table are searched for the password: it is never found.

#include "CliProcess.h"
#include "TestDatabases.h"

#include "connection/ConnectionProfiles.h"
#include "workspace/Workspace.h"

#include <QDirIterator>
#include <QProcess>
#include <QSettings>
#include <QSqlQuery>
#include <QTest>
#include <QUrl>

using namespace strata;

namespace {

const QString password = QStringLiteral("Zq7-hunter2-S3CRET-x9");
const QString role = QStringLiteral("strata_secret_user");

// The text of a PDF (pdftotext from poppler-utils, which scripts/setup installs).
QByteArray pdfText(const QString &file)
{
    QProcess p;
    p.start(QStringLiteral("pdftotext"), {file, QStringLiteral("-")});
    p.waitForFinished(60000);
    return p.readAllStandardOutput();
}

} // namespace

class TestSecrets : public QObject {
    Q_OBJECT

    QTemporaryDir m_home;
    QStringList m_leaks;

    // Runs strata-cli with HOME, XDG_CONFIG_HOME and the working folder inside m_home and no
    // PGPASSWORD, so the password in the URL is the one that counts; records where it leaked.
    test::CliRun cli(const QStringList &args)
    {
        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        env.remove(QStringLiteral("PGPASSWORD"));
        env.insert(QStringLiteral("HOME"), m_home.path());
        env.insert(QStringLiteral("XDG_CONFIG_HOME"), m_home.filePath(QStringLiteral(".config")));
        QProcess *p = new QProcess;
        p->setProcessEnvironment(env);
        p->setWorkingDirectory(m_home.path());
        p->setProcessChannelMode(QProcess::MergedChannels);
        p->start(test::cliPath(), args);
        const test::CliRun run = test::finishCli(p);
        if (run.text().contains(password))
            m_leaks << QStringLiteral("output of `%1`").arg(args.join(u' '));
        return run;
    }

private slots:
    void everythingStrataWrites()
    {
        STRATA_SCRATCH(db, Engine::Postgres);
        auto admin = test::openSession(db.url());
        admin->exec(QStringLiteral("DROP ROLE IF EXISTS %1").arg(role));
        QVERIFY(
            admin->exec(QStringLiteral("CREATE ROLE %1 LOGIN PASSWORD '%2'").arg(role, password))
                .ok());
        QVERIFY(admin->exec(QStringLiteral("GRANT ALL ON SCHEMA public TO %1").arg(role)).ok());
        QVERIFY(
            admin->exec(QStringLiteral("ALTER DATABASE %1 OWNER TO %2").arg(db.name(), role)).ok());

        const QString host = qEnvironmentVariable("PGHOST", QStringLiteral("localhost"));
        const QString port = qEnvironmentVariable("PGPORT", QStringLiteral("5432"));
        // TCP, so the server asks for the password (pg_virtualenv's clusters do for host lines).
        const QString url =
            QStringLiteral("postgresql://%1:%2@%3:%4/%5")
                .arg(role, QString::fromLatin1(QUrl::toPercentEncoding(password)),
                     host.startsWith(u'/') ? QStringLiteral("127.0.0.1") : host, port, db.name());
        const QString wrong = QString(url).replace(password, QStringLiteral("not-the-password"));
        const QString source =
            QStringLiteral("sqlite://") + m_home.filePath(QStringLiteral("source.db"));
        {
            auto s = test::openSession(source);
            QVERIFY(
                s->exec(QStringLiteral("CREATE TABLE things (id INTEGER PRIMARY KEY, name TEXT)"))
                    .ok());
            QVERIFY(s->exec(QStringLiteral("INSERT INTO things VALUES (1, 'one')")).ok());
        }
        const QString demo = test::demoFolder();
        const QString snapshot = m_home.filePath(QStringLiteral("snap.json"));
        const QStringList base{"--db", url, "--migrations", demo};

        test::CliRun up = cli(base + QStringList{"up"});
        QVERIFY2(up.exitCode == 0, qPrintable(up.describe())); // the password really was used
        QCOMPARE(cli(QStringList{"--db", wrong, "--migrations", demo, "status"}).exitCode,
                 1); // wrong one fails
        for (const QStringList &args : QList<QStringList>{
                 base + QStringList{"status"},
                 base + QStringList{"--json", "status"},
                 base + QStringList{"validate"},
                 base + QStringList{"plan", "--down", "--steps", "2"},
                 base + QStringList{"dry-run", "--down", "--steps", "1"},
                 base + QStringList{"down", "--steps", "1"},
                 base + QStringList{"--json", "up"},
                 {"snapshot", url, "-o", snapshot},
                 {"diff", url, snapshot, "--sql"},
                 {"--json", "diff", url, snapshot},
                 {"transfer", source, url},
                 {"transfer", source, url}, // fails: the table is there now
                 {"--json", "transfer", source, url, "--plan"},
                 {"--db", url, "--migrations", m_home.filePath(QStringLiteral("missing")), "up"},
                 // Reports (docs/REPORTS.md), every format, from every command that writes one.
                 base + QStringList{"report", "-o", m_home.filePath(QStringLiteral("state.html"))},
                 base + QStringList{"report", "-o", m_home.filePath(QStringLiteral("state.md"))},
                 base + QStringList{"report", "-o", m_home.filePath(QStringLiteral("state.json"))},
                 base + QStringList{"report", "-o", m_home.filePath(QStringLiteral("state.pdf"))},
                 base + QStringList{"dry-run", "--down", "--steps", "1", "--report",
                                    m_home.filePath(QStringLiteral("dry.json"))},
                 base + QStringList{"down", "--steps", "1", "--report",
                                    m_home.filePath(QStringLiteral("down.html"))},
                 base + QStringList{"up", "--report", m_home.filePath(QStringLiteral("up.md"))},
                 base + QStringList{"validate", "--report",
                                    m_home.filePath(QStringLiteral("validate.json"))},
                 {"diff", url, snapshot, "--report", m_home.filePath(QStringLiteral("diff.html"))},
                 {"transfer", source, url, "--report",
                  m_home.filePath(QStringLiteral("transfer.json"))},
                 {"--db", QString(url).replace(db.name(), QStringLiteral("no_such_db")),
                  "--migrations", demo, "status"},
                 {"--db", QString(url).replace(port, QStringLiteral("1")), "--migrations", demo,
                  "status"},
             })
            cli(args);

        // The GUI's settings: a saved profile that remembers its password, and the last workspace.
        {
            QSettings settings(m_home.filePath(QStringLiteral("strata.ini")), QSettings::IniFormat);
            ConnectionProfiles profiles(&settings);
            auto spec = ConnectionSpec::parse(url);
            QVERIFY(spec && spec->password == password);
            profiles.save(QStringLiteral("production"), *spec, true);
            auto withOption = ConnectionSpec::parse(url + QStringLiteral("?password=") + password);
            QVERIFY(withOption.ok());
            profiles.save(QStringLiteral("option"), *withOption, false);
            WorkspaceConfig config;
            config.spec = *spec;
            config.migrationsDir = demo;
            Workspace::remember(config, settings);
            settings.sync();
            QCOMPARE(profiles.all().size(), 2);
        }

        // Every file written under the home folder, and every text in the history table.
        int files = 0;
        QDirIterator it(m_home.path(), QDir::Files | QDir::Hidden, QDirIterator::Subdirectories);
        while (it.hasNext()) {
            QFile f(it.next());
            QVERIFY(f.open(QIODevice::ReadOnly));
            ++files;
            QByteArray content = f.readAll();
            if (f.fileName().endsWith(QLatin1String(".pdf"))) // its text streams are compressed
                content += pdfText(f.fileName());
            if (content.contains(password.toUtf8()) ||
                content.contains(QUrl::toPercentEncoding(password)))
                m_leaks << f.fileName();
        }
        QVERIFY2(
            files >= 3,
            "expected the snapshot, the settings and the source database"); // the search saw them
        QVERIFY(QFile::exists(snapshot));
        QSqlQuery rows(admin->database());
        QVERIFY(rows.exec(QStringLiteral(
            "SELECT concat_ws(' ', version, description, script, installed_by, snapshot) "
            "FROM strata_schema_history")));
        int historyRows = 0;
        while (rows.next()) {
            ++historyRows;
            if (rows.value(0).toString().contains(password))
                m_leaks << QStringLiteral("history table");
        }
        QVERIFY(historyRows > 0);
        QVERIFY2(m_leaks.isEmpty(), qPrintable(QStringLiteral("the password leaked into: ") +
                                               m_leaks.join(QStringLiteral(", "))));
        admin.reset();
    }
};

QTEST_GUILESS_MAIN(TestSecrets)
#include "tst_secrets.moc"
