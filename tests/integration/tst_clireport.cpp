// strata-cli reports end to end: --report FILE on dry-run, up, down, diff, transfer, validate
// and drift, `report [--format F] -o FILE`, usage errors (exit 2, no file), PDF without a
// display, and a PostgreSQL URL with its password that appears in no report.

#include "TestDatabases.h"

#include <QDir>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QRegularExpression>
#include <QtTest>

using namespace strata;

namespace {

struct CliRun {
    int exitCode = -1;
    QByteArray out, err;
};

CliRun cli(const QStringList &args,
           QProcessEnvironment env = QProcessEnvironment::systemEnvironment())
{
    QProcess p;
    p.setProcessEnvironment(env);
    p.start(qEnvironmentVariable("STRATA_CLI"), args);
    CliRun r;
    if (!p.waitForFinished(120000))
        p.kill();
    r.exitCode = p.exitStatus() == QProcess::NormalExit ? p.exitCode() : -1;
    r.out = p.readAllStandardOutput();
    r.err = p.readAllStandardError();
    return r;
}

QString describe(const CliRun &r)
{
    return QStringLiteral("exit %1\nstdout: %2\nstderr: %3")
        .arg(r.exitCode)
        .arg(QString::fromUtf8(r.out.left(2000)), QString::fromUtf8(r.err.left(2000)));
}

QByteArray readAll(const QString &path)
{
    QFile f(path);
    return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray();
}

// What a reader of the file sees (PDF through pdftotext).
QString visibleText(const QString &path)
{
    if (!path.endsWith(QLatin1String(".pdf")))
        return QString::fromUtf8(readAll(path));
    QProcess p;
    p.start(QStringLiteral("pdftotext"), {path, QStringLiteral("-")});
    p.waitForFinished(60000);
    return QString::fromUtf8(p.readAllStandardOutput()).simplified();
}

int pdfPages(const QString &path)
{
    QProcess p;
    p.start(QStringLiteral("pdfinfo"), {path});
    p.waitForFinished(60000);
    const auto m = QRegularExpression(QStringLiteral("Pages:\\s+(\\d+)"))
                       .match(QString::fromUtf8(p.readAllStandardOutput()));
    return m.hasMatch() ? m.captured(1).toInt() : -1;
}

QJsonObject jsonOf(const QString &path)
{
    return QJsonDocument::fromJson(readAll(path)).object();
}

} // namespace

class TestCliReport : public QObject {
    Q_OBJECT

private:
    QTemporaryDir m_dir;
    QString path(const QString &name) const { return m_dir.filePath(name); }
    QStringList base(const QString &url) const
    {
        return {QStringLiteral("--db"), url, QStringLiteral("--migrations"), test::demoFolder()};
    }

private slots:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        QVERIFY2(QFile::exists(qEnvironmentVariable("STRATA_CLI")),
                 "STRATA_CLI must name strata-cli");
    }

    void migrationCommands_data()
    {
        QTest::addColumn<QStringList>("setup"); // run first (without a report)
        QTest::addColumn<QStringList>("command");
        QTest::addColumn<QString>("file");
        QTest::addColumn<int>("exitCode");
        QTest::addColumn<QStringList>("kinds");
        const QStringList none;
        const QStringList at6{QStringLiteral("up"), QStringLiteral("--to"), QStringLiteral("6")};
        QTest::newRow("up html") << none << at6 << "up.html" << 0 << QStringList{"timeline", "run"};
        QTest::newRow("up json") << none << at6 << "up.json" << 0 << QStringList{"timeline", "run"};
        QTest::newRow("dry-run md")
            << at6 << QStringList{"dry-run"} << "dry.md" << 0 << QStringList{"timeline", "dry_run"};
        QTest::newRow("dry-run down json")
            << at6 << QStringList{"dry-run", "--down", "--steps", "2"} << "drydown.json" << 0
            << QStringList{"timeline", "dry_run"};
        QTest::newRow("down pdf") << at6 << QStringList{"down", "--steps", "2"} << "down.pdf" << 0
                                  << QStringList{"timeline", "run"};
        QTest::newRow("down json") << at6 << QStringList{"down", "--steps", "2"} << "down.json" << 0
                                   << QStringList{"timeline", "run"};
        QTest::newRow("validate json") << at6 << QStringList{"validate"} << "valid.json" << 0
                                       << QStringList{"timeline", "validation"};
        QTest::newRow("drift json")
            << at6 << QStringList{"drift"} << "drift.json" << 0 << QStringList{"timeline", "drift"};
        QTest::newRow("drift md") << at6 << QStringList{"drift"} << "drift.md" << 0
                                  << QStringList{"timeline", "drift"};
        QTest::newRow("report md") << at6 << QStringList{"report", "-o"} << "state.md" << 0
                                   << QStringList{"timeline", "validation"};
        QTest::newRow("report json") << at6 << QStringList{"report", "-o"} << "state.json" << 0
                                     << QStringList{"timeline", "validation"};
        QTest::newRow("report pdf") << at6 << QStringList{"report", "-o"} << "state.pdf" << 0
                                    << QStringList{"timeline", "validation"};
    }

    void migrationCommands()
    {
        QFETCH(QStringList, setup);
        QFETCH(QStringList, command);
        QFETCH(QString, file);
        QFETCH(int, exitCode);
        QFETCH(QStringList, kinds);
        STRATA_SCRATCH(db, Engine::Sqlite);
        if (!setup.isEmpty()) {
            const CliRun r = cli(base(db.url()) + setup);
            QVERIFY2(r.exitCode == 0, qPrintable(describe(r)));
        }
        const QString out = path(file);
        QFile::remove(out);
        QStringList args = base(db.url()) + command;
        if (command.first() == QLatin1String("report"))
            args << out;
        else
            args << QStringLiteral("--report") << out;
        // PDF without a display: the CLI picks the offscreen platform itself.
        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        env.remove(QStringLiteral("QT_QPA_PLATFORM"));
        env.remove(QStringLiteral("DISPLAY"));
        env.remove(QStringLiteral("WAYLAND_DISPLAY"));
        const CliRun r = cli(args, env);
        QVERIFY2(r.exitCode == exitCode, qPrintable(describe(r)));
        QVERIFY(r.err.contains("Wrote the report"));
        const QByteArray bytes = readAll(out);
        QVERIFY2(bytes.size() > 500, qPrintable(out));
        if (file.endsWith(QLatin1String(".json"))) {
            const QJsonObject doc = jsonOf(out);
            QCOMPARE(doc.value(QStringLiteral("kinds")).toArray(),
                     QJsonArray::fromStringList(kinds));
            QCOMPARE(doc.value(QStringLiteral("database")).toObject().value(QStringLiteral("url")),
                     QJsonValue(db.url()));
        } else if (file.endsWith(QLatin1String(".pdf"))) {
            QVERIFY(bytes.startsWith("%PDF-"));
        } else {
            QVERIFY(bytes.contains(db.url().toUtf8()));
        }
    }

    void diffReport()
    {
        STRATA_SCRATCH(a, Engine::Sqlite);
        STRATA_SCRATCH(b, Engine::Sqlite);
        QCOMPARE(cli(base(a.url()) + QStringList{"up", "--to", "4"}).exitCode, 0);
        QCOMPARE(cli(base(b.url()) + QStringList{"up"}).exitCode, 0);
        const QString out = path(QStringLiteral("diff.html"));
        const CliRun r = cli({QStringLiteral("diff"), a.url(), b.url(),
                              QStringLiteral("--exit-code"), QStringLiteral("--report"), out});
        QVERIFY2(r.exitCode == 4, qPrintable(describe(r))); // differences, and still a report
        const QString html = QString::fromUtf8(readAll(out));
        QVERIFY(html.contains(QStringLiteral("<section id=\"diff\">")));
        QVERIFY(html.contains(QStringLiteral("create table main.product_reviews")));
        QVERIFY(html.contains(QStringLiteral("Inverse SQL")));
    }

    void driftReport_data()
    {
        QTest::addColumn<QString>("file");
        QTest::newRow("html") << "drifted.html";
        QTest::newRow("md") << "drifted.md";
        QTest::newRow("json") << "drifted.json";
        QTest::newRow("pdf") << "drifted.pdf";
    }

    // A change made outside the migrations: exit 4, and the report shows it and its SQL.
    void driftReport()
    {
        QFETCH(QString, file);
        STRATA_SCRATCH(db, Engine::Sqlite);
        QCOMPARE(cli(base(db.url()) + QStringList{"up"}).exitCode, 0);
        {
            auto session = test::openSession(db.url());
            QVERIFY(session->exec(QStringLiteral("ALTER TABLE customers ADD COLUMN nickname TEXT"))
                        .ok());
        }
        const QString out = path(file);
        const CliRun r = cli(base(db.url()) + QStringList{"drift", "--report", out});
        QVERIFY2(r.exitCode == 4, qPrintable(describe(r)));
        QVERIFY(r.err.contains("Wrote the report"));
        const QString text = visibleText(out);
        QVERIFY2(text.contains(QStringLiteral("nickname")), qPrintable(out));
        if (file.endsWith(QLatin1String(".json"))) {
            const QJsonObject doc = jsonOf(out);
            QCOMPARE(doc.value(QStringLiteral("kinds")).toArray(),
                     (QJsonArray{QStringLiteral("timeline"), QStringLiteral("drift")}));
            const QJsonObject drift = doc.value(QStringLiteral("drift")).toObject();
            QCOMPARE(drift.value(QStringLiteral("drifted")), QJsonValue(true));
            QCOMPARE(drift.value(QStringLiteral("version")).toString(), QStringLiteral("10"));
            QCOMPARE(drift.value(QStringLiteral("live")).toString(), db.url());
            QVERIFY(drift.value(QStringLiteral("forward_sql"))
                        .toString()
                        .contains(QStringLiteral("nickname")));
        } else {
            QVERIFY2(text.contains(QStringLiteral("DRIFTED")), qPrintable(out));
            QVERIFY(text.contains(QStringLiteral("since version 10 was recorded")));
        }
    }

    void transferReport()
    {
        STRATA_SCRATCH(sqlite, Engine::Sqlite);
        STRATA_SCRATCH(pg, Engine::Postgres);
        QCOMPARE(cli(base(sqlite.url()) + QStringList{"up"}).exitCode, 0);
        // The plan alone: type decisions, nothing loaded.
        const QString plan = path(QStringLiteral("transfer-plan.md"));
        CliRun r = cli({QStringLiteral("transfer"), sqlite.url(), pg.url(),
                        QStringLiteral("--plan"), QStringLiteral("--report"), plan});
        QVERIFY2(r.exitCode == 0, qPrintable(describe(r)));
        const QString md = QString::fromUtf8(readAll(plan));
        QVERIFY(md.contains(QStringLiteral("plan only: nothing was loaded")));
        QVERIFY(md.contains(QStringLiteral("**Type decisions**")));
        // The transfer: every table loaded and verified.
        const QString out = path(QStringLiteral("transfer.json"));
        r = cli(
            {QStringLiteral("transfer"), sqlite.url(), pg.url(), QStringLiteral("--report"), out});
        QVERIFY2(r.exitCode == 0, qPrintable(describe(r)));
        const QJsonObject doc = jsonOf(out);
        QCOMPARE(doc.value(QStringLiteral("kinds")).toArray(),
                 QJsonArray{QStringLiteral("transfer")});
        const QJsonObject transfer = doc.value(QStringLiteral("transfer")).toObject();
        QCOMPARE(transfer.value(QStringLiteral("source")).toString(), sqlite.url());
        const QJsonObject result = transfer.value(QStringLiteral("result")).toObject();
        QCOMPARE(result.value(QStringLiteral("ok")), QJsonValue(true));
        const QJsonArray tables = result.value(QStringLiteral("tables")).toArray();
        // The demo's seven tables; its strata_schema_history moves as history, not data.
        QCOMPARE(tables.size(), 7);
        for (const QJsonValue &t : tables)
            QVERIFY2(t.toObject().value(QStringLiteral("verified")).toBool(),
                     qPrintable(t.toObject().value(QStringLiteral("table")).toString()));
        QVERIFY(!transfer.value(QStringLiteral("plan"))
                     .toObject()
                     .value(QStringLiteral("tables"))
                     .toArray()
                     .isEmpty());
    }

    void usageErrors_data()
    {
        QTest::addColumn<QStringList>("args");
        QTest::addColumn<QString>("message");
        QTest::newRow("unknown extension")
            << QStringList{"validate", "--report", "REPORT"} << "cannot tell the report format";
        QTest::newRow("txt") << QStringList{"up", "--report=REPORT.txt"} << "name it .html";
        QTest::newRow("missing value") << QStringList{"dry-run", "--report"} << "--report needs";
        QTest::newRow("not a reporting command") << QStringList{"status", "--report", "REPORT.html"}
                                                 << "`status` has no option `--report`";
        QTest::newRow("report without -o") << QStringList{"report"} << "report needs -o";
        QTest::newRow("report bad format")
            << QStringList{"report", "--format", "docx", "-o", "REPORT.html"}
            << "--format is html, md, json or pdf";
        QTest::newRow("report bad name")
            << QStringList{"report", "-o", "REPORT.doc"} << "cannot tell the report format";
        QTest::newRow("diff unknown")
            << QStringList{"diff", "sqlite:a.db", "sqlite:b.db", "--report", "REPORT.xml"}
            << "cannot tell the report format";
    }

    void usageErrors()
    {
        QFETCH(QStringList, args);
        QFETCH(QString, message);
        STRATA_SCRATCH(db, Engine::Sqlite);
        const QString out = path(QStringLiteral("usage"));
        for (QString &a : args)
            a.replace(QStringLiteral("REPORT"), out);
        const CliRun r = cli(base(db.url()) + args);
        QVERIFY2(r.exitCode == 2, qPrintable(describe(r)));
        QVERIFY2(r.err.contains(message.toUtf8()), qPrintable(describe(r)));
        QVERIFY(QDir(m_dir.path()).entryList({QStringLiteral("usage*")}).isEmpty());
        // Nothing was applied either.
        auto session = test::openSession(db.url());
        QCOMPARE(test::tableNames(*session).filter(QStringLiteral("customers")), QStringList());
    }

    // The format of `report` comes from --format or, without it, from the file's extension; a
    // name with no extension takes --format's.
    void reportFormatFromNameOrOption()
    {
        STRATA_SCRATCH(db, Engine::Sqlite);
        QTemporaryDir dir;
        const QStringList at = base(db.url());
        QCOMPARE(cli(at + QStringList{"up", "--to", "3"}).exitCode, 0);
        const QString md = dir.filePath(QStringLiteral("state.md"));
        CliRun inferred = cli(at + QStringList{"report", "-o", md});
        QVERIFY2(inferred.exitCode == 0, qPrintable(describe(inferred)));
        QFile mdFile(md);
        QVERIFY(mdFile.open(QIODevice::ReadOnly));
        QVERIFY(mdFile.readAll().contains("| --- |"));
        const QString plain = dir.filePath(QStringLiteral("state"));
        CliRun chosen = cli(at + QStringList{"report", "--format", "json", "-o", plain});
        QVERIFY2(chosen.exitCode == 0, qPrintable(describe(chosen)));
        QFile jsonFile(plain);
        QVERIFY(jsonFile.open(QIODevice::ReadOnly));
        QVERIFY(QJsonDocument::fromJson(jsonFile.readAll()).isObject());
        CliRun same = cli(at + QStringList{"report", "--format", "md", "-o", md});
        QVERIFY2(same.exitCode == 0, qPrintable(describe(same)));
    }

    void formatOptionOverridesName()
    {
        STRATA_SCRATCH(db, Engine::Sqlite);
        const QString out = path(QStringLiteral("state.txt"));
        const CliRun r = cli(base(db.url()) + QStringList{"report", "--format", "md", "-o", out});
        QVERIFY2(r.exitCode == 0, qPrintable(describe(r)));
        QVERIFY(readAll(out).startsWith("# State of "));
    }

    // A short report is one page: its title block heads page 1 and its sections follow, rather
    // than a nearly empty title page and a page per section (13 versions took 3 pages).
    void shortPdfFillsPageOne()
    {
        QTemporaryDir folder;
        QList<QPair<QString, QByteArray>> files;
        for (int v = 1; v <= 13; ++v)
            files.append(
                {QStringLiteral("V%1__Create_table_%1.sql").arg(v),
                 QStringLiteral("CREATE TABLE t%1 (id INTEGER PRIMARY KEY);\n").arg(v).toUtf8()});
        test::writeFiles(folder.path(), files);
        STRATA_SCRATCH(db, Engine::Sqlite);
        const QStringList at{QStringLiteral("--db"), db.url(), QStringLiteral("--migrations"),
                             folder.path()};
        QCOMPARE(cli(at + QStringList{"up", "--to", "8"}).exitCode, 0);
        const QString out = path(QStringLiteral("thirteen.pdf"));
        const CliRun r = cli(at + QStringList{"report", "-o", out});
        QVERIFY2(r.exitCode == 0, qPrintable(describe(r)));
        QCOMPARE(pdfPages(out), 1);
        const QString text = visibleText(out);
        QVERIFY(text.contains(QStringLiteral("Create table 13"))); // the last row made it
        QVERIFY(text.contains(QStringLiteral("Validation")));

        // The demo's dry run is longer (every statement, then the SQL): page 1 holds the title,
        // the whole timeline and the start of the dry run, not the title alone.
        STRATA_SCRATCH(shop, Engine::Sqlite);
        QCOMPARE(cli(base(shop.url()) + QStringList{"up", "--to", "6"}).exitCode, 0);
        const QString dry = path(QStringLiteral("demo-dry-run.pdf"));
        const CliRun d = cli(base(shop.url()) + QStringList{"dry-run", "--report", dry});
        QVERIFY2(d.exitCode == 0, qPrintable(describe(d)));
        QProcess firstPage;
        firstPage.start(QStringLiteral("pdftotext"),
                        {QStringLiteral("-f"), QStringLiteral("1"), QStringLiteral("-l"),
                         QStringLiteral("1"), dry, QStringLiteral("-")});
        QVERIFY(firstPage.waitForFinished(60000));
        const QString page1 = QString::fromUtf8(firstPage.readAllStandardOutput());
        for (const char *shown : {"STRATA MIGRATION REPORT", "Create product reviews",
                                  "Dry run: migrate 6", "Statements"})
            QVERIFY2(page1.contains(QLatin1String(shown)), qPrintable(page1));
    }

    void noPasswordFromPostgresUrl_data()
    {
        QTest::addColumn<QString>("file");
        QTest::newRow("html") << "pg.html";
        QTest::newRow("md") << "pg.md";
        QTest::newRow("json") << "pg.json";
        QTest::newRow("pdf") << "pg.pdf";
    }

    void noPasswordFromPostgresUrl()
    {
        QFETCH(QString, file);
        STRATA_SCRATCH(pg, Engine::Postgres);
        const QString password = qEnvironmentVariable("PGPASSWORD");
        if (password.size() < 8)
            QFAIL("this test needs PGPASSWORD (pg_virtualenv sets one)");
        const QString host = qEnvironmentVariable("PGHOST", QStringLiteral("localhost"));
        const QString url =
            QStringLiteral("postgresql://%1:%2@%3:%4/%5")
                .arg(qEnvironmentVariable("PGUSER"), password,
                     host.startsWith(u'/') ? QStringLiteral("localhost") : host,
                     qEnvironmentVariable("PGPORT", QStringLiteral("5432")), pg.name());
        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        env.remove(QStringLiteral("PGPASSWORD")); // the URL's password is the one used
        const CliRun up = cli(base(url) + QStringList{"up", "--to", "6"}, env);
        QVERIFY2(up.exitCode == 0, qPrintable(describe(up)));
        QVERIFY(!up.out.contains(password.toUtf8()) && !up.err.contains(password.toUtf8()));
        const QString out = path(file);
        const CliRun r = cli(base(url) + QStringList{"dry-run", "--report", out}, env);
        QVERIFY2(r.exitCode == 0, qPrintable(describe(r)));
        const QString text = visibleText(out);
        QVERIFY2(!text.contains(password), qPrintable(out));
        QVERIFY(!readAll(out).contains(password.toUtf8()));
        QVERIFY(text.contains(
            QStringLiteral("@%1").arg(host.startsWith(u'/') ? QStringLiteral("localhost") : host)));
        QVERIFY(text.contains(QStringLiteral("Create order totals view")));

        // The drift check against the same URL: no drift, and no password either.
        const QString drift = path(QStringLiteral("drift-") + file);
        const CliRun d = cli(base(url) + QStringList{"drift", "--report", drift}, env);
        QVERIFY2(d.exitCode == 0, qPrintable(describe(d)));
        const QString driftText = visibleText(drift);
        QVERIFY2(driftText.contains(file.endsWith(QLatin1String(".json"))
                                        ? QStringLiteral("\"drifted\": false")
                                        : QStringLiteral("no drift")),
                 qPrintable(drift));
        QVERIFY2(!driftText.contains(password), qPrintable(drift));
        QVERIFY(!readAll(drift).contains(password.toUtf8()));
    }
};

QTEST_MAIN(TestCliReport)
#include "tst_clireport.moc"
