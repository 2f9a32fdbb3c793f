// The whole SQLite → PostgreSQL move of a project, through strata-cli as a DBA runs it
// (docs/TRANSITION.md): the demo moved at version 10 with and without --migrations keeps
// working on PostgreSQL; the SQLite-dialect folder is named by `check` before `port` and not
// after, and the database moved with --migrations equals a fresh install of the ported folder.
#include "TestDatabases.h"

#include <QDir>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QRegularExpression>
#include <QTemporaryDir>
#include <QTest>

using namespace strata;

namespace {

struct Run {
    int exitCode = -1;
    QString out;
    QString err;
    QString both() const { return out + u'\n' + err; }
};

Run cli(const QStringList &args)
{
    QProcess p;
    p.start(qEnvironmentVariable("STRATA_CLI"), args);
    Run r;
    if (!p.waitForFinished(300000)) {
        p.kill();
        p.waitForFinished();
        r.err = QStringLiteral("timed out: ") + args.join(u' ');
        return r;
    }
    r.exitCode = p.exitStatus() == QProcess::NormalExit ? p.exitCode() : -1;
    r.out = QString::fromUtf8(p.readAllStandardOutput());
    r.err = QString::fromUtf8(p.readAllStandardError());
    return r;
}

QString currentOf(const QString &db, const QString &folder)
{
    const Run r = cli({QStringLiteral("--db"), db, QStringLiteral("--migrations"), folder,
                       QStringLiteral("status"), QStringLiteral("--json")});
    return QJsonDocument::fromJson(r.out.toUtf8())
        .object()
        .value(QStringLiteral("current"))
        .toString();
}

bool copyFolder(const QString &from, const QString &to)
{
    QDir().mkpath(to);
    for (const QString &name : QDir(from).entryList(QDir::Files)) {
        if (!QFile::copy(from + u'/' + name, to + u'/' + name))
            return false;
    }
    return true;
}

// The versions `check --json` says are not ready, each with where it failed.
QStringList notReady(const Run &check, QStringList *locations = nullptr)
{
    QStringList out;
    const QJsonObject root = QJsonDocument::fromJson(check.out.toUtf8()).object();
    const QJsonArray versions = root.value(QStringLiteral("versions")).toArray();
    for (const QJsonValue &v : versions) {
        const QJsonObject o = v.toObject();
        const QJsonObject up = o.value(QStringLiteral("up")).toObject();
        const QString status = up.value(QStringLiteral("status")).toString();
        if (status == QLatin1String("ready") || status == QLatin1String("variant"))
            continue;
        out << o.value(QStringLiteral("version")).toString();
        if (locations && status == QLatin1String("fails"))
            *locations << up.value(QStringLiteral("error"))
                              .toObject()
                              .value(QStringLiteral("location"))
                              .toString();
    }
    return out;
}

} // namespace

class TestTransition : public QObject {
    Q_OBJECT

private slots:
    void demoKeepsWorkingOnPostgres_data()
    {
        QTest::addColumn<bool>("withMigrations");
        QTest::newRow("target derived from SQLite") << false;
        QTest::newRow("target built by the folder (--migrations)") << true;
    }

    void demoKeepsWorkingOnPostgres()
    {
        QFETCH(bool, withMigrations);
        QTemporaryDir dir;
        const QString folder = test::demoFolder();
        const QString sqlite =
            QStringLiteral("sqlite://") + dir.filePath(QStringLiteral("shop.db"));
        STRATA_SCRATCH(pg, Engine::Postgres);
        Run r = cli({QStringLiteral("--db"), sqlite, QStringLiteral("--migrations"), folder,
                     QStringLiteral("up")});
        QVERIFY2(r.exitCode == 0, qPrintable(r.both()));
        QStringList transfer{QStringLiteral("transfer"), sqlite, pg.url()};
        if (withMigrations)
            transfer << QStringLiteral("--migrations") << folder;
        r = cli(transfer);
        QVERIFY2(r.exitCode == 0, qPrintable(r.both()));

        const QStringList on{QStringLiteral("--db"), pg.url(), QStringLiteral("--migrations"),
                             folder};
        QCOMPARE(currentOf(pg.url(), folder), QStringLiteral("10"));
        r = cli(on + QStringList{QStringLiteral("validate")});
        QVERIFY2(r.exitCode == 0, qPrintable(r.both()));
        r = cli(on + QStringList{QStringLiteral("drift")});
        QVERIFY2(r.exitCode == 0, qPrintable(r.both())); // clean right after the move
        r = cli(on + QStringList{QStringLiteral("down"), QStringLiteral("--steps"),
                                 QStringLiteral("3"), QStringLiteral("--allow-data-loss")});
        QVERIFY2(r.exitCode == 0, qPrintable(r.both()));
        QCOMPARE(currentOf(pg.url(), folder), QStringLiteral("7"));
        r = cli(on + QStringList{QStringLiteral("up")});
        QVERIFY2(r.exitCode == 0, qPrintable(r.both()));
        QCOMPARE(currentOf(pg.url(), folder), QStringLiteral("10"));
        r = cli(on + QStringList{QStringLiteral("drift")});
        QVERIFY2(r.exitCode == 0, qPrintable(r.both()));

        // The move is on the history, where the database changed engines.
        r = cli(on + QStringList{QStringLiteral("status")});
        QVERIFY2(r.out.contains(QStringLiteral("transfer"), Qt::CaseInsensitive) ||
                     r.out.contains(QStringLiteral("moved"), Qt::CaseInsensitive),
                 qPrintable(r.out));

        if (withMigrations) { // equals a fresh PostgreSQL install of the folder
            STRATA_SCRATCH(fresh, Engine::Postgres);
            r = cli({QStringLiteral("--db"), fresh.url(), QStringLiteral("--migrations"), folder,
                     QStringLiteral("up")});
            QVERIFY2(r.exitCode == 0, qPrintable(r.both()));
            r = cli({QStringLiteral("diff"), fresh.url(), pg.url(), QStringLiteral("--exit-code")});
            QVERIFY2(r.exitCode == 0, qPrintable(r.both()));
        }
    }

    void sqliteDialectFolderIsCheckedPortedAndMoved()
    {
        QTemporaryDir dir;
        const QString folder = dir.filePath(QStringLiteral("notes"));
        QVERIFY(copyFolder(qEnvironmentVariable("STRATA_SOURCE_DIR") +
                               QStringLiteral("/tests/fixtures/sqlite_dialect"),
                           folder));
        QFile::remove(folder + QStringLiteral("/README.md"));
        const QString sqlite =
            QStringLiteral("sqlite://") + dir.filePath(QStringLiteral("notes.db"));
        STRATA_SCRATCH(server, Engine::Postgres);
        Run r = cli({QStringLiteral("--db"), sqlite, QStringLiteral("--migrations"), folder,
                     QStringLiteral("up")});
        QVERIFY2(r.exitCode == 0, qPrintable(r.both()));
        const QString latest = currentOf(sqlite, folder);
        QVERIFY(!latest.isEmpty());

        // Before port: check names each version that fails, with file and line, exit 3.
        const QStringList checkArgs{QStringLiteral("--migrations"),
                                    folder,
                                    QStringLiteral("check"),
                                    QStringLiteral("--engine"),
                                    QStringLiteral("postgresql"),
                                    QStringLiteral("--against"),
                                    server.url(),
                                    QStringLiteral("--json")};
        r = cli(checkArgs);
        QCOMPARE(r.exitCode, 3);
        QStringList where;
        const QStringList failing = notReady(r, &where);
        QVERIFY2(failing.size() >= 5, qPrintable(failing.join(u',') + u'\n' + r.both().left(3000)));
        QVERIFY(!where.isEmpty());
        for (const QString &w : std::as_const(where)) // file:line of the failing statement
            QVERIFY2(QRegularExpression(QStringLiteral("\\.sql:[1-9][0-9]*$")).match(w).hasMatch(),
                     qPrintable(w));

        // Port, then check again: nothing left.
        r = cli({QStringLiteral("--migrations"), folder, QStringLiteral("port"),
                 QStringLiteral("--engine"), QStringLiteral("postgresql")});
        QVERIFY2(r.exitCode == 0, qPrintable(r.both()));
        QVERIFY(!QDir(folder).entryList({QStringLiteral("*.postgresql.sql")}).isEmpty());
        // No version fails on PostgreSQL any more. (A column declared JSON still "builds a
        // different schema": NUMERIC affinity on SQLite, text from its data on PostgreSQL.)
        r = cli(checkArgs);
        QStringList stillFailing;
        notReady(r, &stillFailing);
        QVERIFY2(r.exitCode == 0 || r.exitCode == 3, qPrintable(r.both().left(3000)));
        QVERIFY2(stillFailing.isEmpty(), qPrintable(stillFailing.join(u',')));

        // The database moved with --migrations equals a fresh install of the ported folder.
        STRATA_SCRATCH(moved, Engine::Postgres);
        r = cli({QStringLiteral("transfer"), sqlite, moved.url(), QStringLiteral("--migrations"),
                 folder});
        QVERIFY2(r.exitCode == 0, qPrintable(r.both()));
        STRATA_SCRATCH(fresh, Engine::Postgres);
        r = cli({QStringLiteral("--db"), fresh.url(), QStringLiteral("--migrations"), folder,
                 QStringLiteral("up")});
        QVERIFY2(r.exitCode == 0, qPrintable(r.both()));
        r = cli({QStringLiteral("diff"), fresh.url(), moved.url(), QStringLiteral("--exit-code")});
        QVERIFY2(r.exitCode == 0, qPrintable(r.both()));

        // Values: every table's rows equal on both engines (the transfer verified checksums too).
        auto source = test::openSession(sqlite);
        auto target = test::openSession(moved.url());
        for (const QString &table : test::tableNames(*source)) {
            if (table.startsWith(QLatin1String("strata_")) ||
                table.startsWith(QLatin1String("sqlite_")))
                continue;
            QCOMPARE(test::rowCount(*target, table.toLower()), test::rowCount(*source, table));
        }

        // On PostgreSQL: status, validate, drift clean, down to 0 and up again.
        const QStringList on{QStringLiteral("--db"), moved.url(), QStringLiteral("--migrations"),
                             folder};
        QCOMPARE(currentOf(moved.url(), folder), latest);
        r = cli(on + QStringList{QStringLiteral("validate")});
        QVERIFY2(r.exitCode == 0, qPrintable(r.both()));
        r = cli(on + QStringList{QStringLiteral("drift")});
        QVERIFY2(r.exitCode == 0, qPrintable(r.both()));
        r = cli(on + QStringList{QStringLiteral("down"), QStringLiteral("--to"),
                                 QStringLiteral("0"), QStringLiteral("--allow-data-loss")});
        QVERIFY2(r.exitCode == 0, qPrintable(r.both()));
        QVERIFY(currentOf(moved.url(), folder).isEmpty() ||
                currentOf(moved.url(), folder) == QLatin1String("none"));
        r = cli(on + QStringList{QStringLiteral("up")});
        QVERIFY2(r.exitCode == 0, qPrintable(r.both()));
        QCOMPARE(currentOf(moved.url(), folder), latest);
    }
};

QTEST_MAIN(TestTransition)
#include "tst_transition.moc"
