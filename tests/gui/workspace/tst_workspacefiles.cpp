// What an installed Strata does with files: the demo migrations copied from the read-only
// shipped folder into the user's data directory (once, never over the user's changes), `strata
// FILE` (a double-clicked database) finding its migrations folder, or asking for it, or refusing
// what is not an SQLite database, and the desktop entry's MimeType covering such a file.

#include "TestDatabases.h"
#include "connection/ConnectionDialog.h"
#include "workspace/MainWindow.h"
#include "workspace/Workspace.h"

#include <QApplication>
#include <QDir>
#include <QFile>
#include <QMimeDatabase>
#include <QSettings>
#include <QSqlDatabase>
#include <QSqlQuery>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>
#include <QTimer>

using namespace strata;

namespace {

QStringList sqlFiles(const QString &dir)
{
    return QDir(dir).entryList({QStringLiteral("*.sql")}, QDir::Files, QDir::Name);
}

QByteArray contents(const QString &path)
{
    QFile f(path);
    return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray("<unreadable>");
}

bool write(const QString &path, const QByteArray &bytes)
{
    QFile f(path);
    return f.open(QIODevice::WriteOnly) && f.write(bytes) == bytes.size();
}

// A real SQLite database with one table.
bool makeDatabase(const QString &path)
{
    bool ok = false;
    {
        QSqlDatabase db =
            QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), QStringLiteral("mk"));
        db.setDatabaseName(path);
        ok = db.open() && QSqlQuery(db).exec(QStringLiteral("CREATE TABLE t (id INTEGER)"));
        db.close();
    }
    QSqlDatabase::removeDatabase(QStringLiteral("mk"));
    return ok;
}

// The shipped demo, read-only as a package installs it.
QString shippedDemo(const QTemporaryDir &dir)
{
    const QString shipped = dir.filePath(QStringLiteral("usr/share/strata/migrations"));
    QDir().mkpath(shipped);
    for (const QString &name : sqlFiles(test::demoFolder())) {
        QFile::copy(test::demoFolder() + u'/' + name, shipped + u'/' + name);
        QFile::setPermissions(shipped + u'/' + name,
                              QFile::ReadOwner | QFile::ReadGroup | QFile::ReadOther);
    }
    return shipped;
}

} // namespace

class TestWorkspaceFiles : public QObject {
    Q_OBJECT

private slots:
    void initTestCase() { QStandardPaths::setTestModeEnabled(true); } // settings not the user's

    void demoIsCopiedOnceAndStaysTheUsers()
    {
        QTemporaryDir dir;
        const QString shipped = shippedDemo(dir);
        QVERIFY(sqlFiles(shipped).size() >= 20);
        const QString demoDir = dir.filePath(QStringLiteral("home/.local/share/strata/demo"));

        auto copy = Workspace::userDemoMigrations(shipped, demoDir);
        QVERIFY2(copy.ok(), qPrintable(copy.error().toString()));
        QCOMPARE(*copy, QDir(demoDir + QStringLiteral("/migrations")).canonicalPath());
        QCOMPARE(sqlFiles(*copy), sqlFiles(shipped));
        for (const QString &name : sqlFiles(shipped)) {
            QCOMPARE(contents(*copy + u'/' + name), contents(shipped + u'/' + name));
            QVERIFY2(QFileInfo(*copy + u'/' + name).permissions() & QFile::WriteOwner,
                     qPrintable(name)); // the copy is the user's to edit
        }
        QVERIFY(!QFileInfo::exists(demoDir + QStringLiteral("/migrations.partial")));

        // The user's changes and deletions survive the next start.
        const QString v1 = *copy + QStringLiteral("/V1__Create_customers.sql");
        QVERIFY(write(v1, "-- changed by the user\n"));
        QVERIFY(QFile::remove(*copy + QStringLiteral("/V10__Create_product_reviews.sql")));
        auto again = Workspace::userDemoMigrations(shipped, demoDir);
        QVERIFY(again.ok());
        QCOMPARE(*again, *copy);
        QCOMPARE(contents(v1), QByteArray("-- changed by the user\n"));
        QCOMPARE(sqlFiles(*again).size(), sqlFiles(shipped).size() - 1);
    }

    // A copy cut short (a crash, a full disk) is left as .partial and redone, never used.
    void aCopyCutShortIsRedone()
    {
        QTemporaryDir dir;
        const QString shipped = shippedDemo(dir);
        const QString demoDir = dir.filePath(QStringLiteral("demo"));
        QVERIFY(QDir().mkpath(demoDir + QStringLiteral("/migrations.partial")));
        QVERIFY(write(demoDir + QStringLiteral("/migrations.partial/V1__Create_customers.sql"),
                      "half"));
        auto copy = Workspace::userDemoMigrations(shipped, demoDir);
        QVERIFY2(copy.ok(), qPrintable(copy.error().toString()));
        QCOMPARE(sqlFiles(*copy), sqlFiles(shipped));
        QCOMPARE(contents(*copy + QStringLiteral("/V1__Create_customers.sql")),
                 contents(shipped + QStringLiteral("/V1__Create_customers.sql")));
    }

    void aCopyThatCannotBeMadeSaysWhere()
    {
        QTemporaryDir dir;
        const QString shipped = shippedDemo(dir);
        const QString blocker = dir.filePath(QStringLiteral("file-not-folder"));
        QVERIFY(write(blocker, "x"));
        auto copy = Workspace::userDemoMigrations(shipped, blocker + QStringLiteral("/demo"));
        QVERIFY(!copy.ok());
        QVERIFY2(copy.error().toString().contains(blocker), qPrintable(copy.error().toString()));
        QCOMPARE(contents(blocker), QByteArray("x"));
    }

    // `strata FILE`: which migrations folder goes with the database, and what is refused.
    void databaseFile_data()
    {
        QTest::addColumn<QString>("file");       // relative to the scratch folder
        QTest::addColumn<QString>("migrations"); // --migrations; "" when not given
        QTest::addColumn<QString>("lastUsed");   // the folder last used with it; "-" for none
        QTest::addColumn<QString>("folder");     // the chosen folder; "" for ask
        QTest::addColumn<QString>("error");      // part of the error, or "" for none

        QTest::newRow("migrations beside it") << "shop/shop.db"
                                              << ""
                                              << "-"
                                              << "shop/migrations"
                                              << "";
        QTest::newRow("the folder last used wins over the one beside") << "shop/shop.db"
                                                                       << ""
                                                                       << "other"
                                                                       << "other"
                                                                       << "";
        QTest::newRow("--migrations wins over both") << "shop/shop.db"
                                                     << "other"
                                                     << "shop/migrations"
                                                     << "other"
                                                     << "";
        QTest::newRow("a last-used folder that is gone is passed over") << "shop/shop.db"
                                                                        << ""
                                                                        << "gone"
                                                                        << "shop/migrations"
                                                                        << "";
        QTest::newRow("no folder known: ask") << "alone/data.sqlite"
                                              << ""
                                              << "-"
                                              << ""
                                              << "";
        QTest::newRow("an empty file is an empty database") << "alone/empty.db"
                                                            << ""
                                                            << "-"
                                                            << ""
                                                            << "";
        QTest::newRow("--migrations that does not exist") << "shop/shop.db"
                                                          << "gone"
                                                          << "-"
                                                          << ""
                                                          << "migrations folder does not exist";
        QTest::newRow("a file that does not exist") << "shop/missing.db"
                                                    << ""
                                                    << "-"
                                                    << ""
                                                    << "does not exist";
        QTest::newRow("a folder") << "shop"
                                  << ""
                                  << "-"
                                  << ""
                                  << "not a file";
        QTest::newRow("not an SQLite database") << "alone/notes.db"
                                                << ""
                                                << "-"
                                                << ""
                                                << "not an SQLite database";
        QTest::newRow("a short file") << "alone/short.db"
                                      << ""
                                      << "-"
                                      << ""
                                      << "not an SQLite";
    }
    void databaseFile()
    {
        QFETCH(QString, file);
        QFETCH(QString, migrations);
        QFETCH(QString, lastUsed);
        QFETCH(QString, folder);
        QFETCH(QString, error);
        QTemporaryDir dir;
        QDir root(dir.path());
        QVERIFY(root.mkpath(QStringLiteral("shop/migrations")) &&
                root.mkpath(QStringLiteral("other")) && root.mkpath(QStringLiteral("alone")));
        QVERIFY(makeDatabase(root.filePath(QStringLiteral("shop/shop.db"))));
        QVERIFY(makeDatabase(root.filePath(QStringLiteral("alone/data.sqlite"))));
        QVERIFY(write(root.filePath(QStringLiteral("alone/empty.db")), {}));
        QVERIFY(write(root.filePath(QStringLiteral("alone/notes.db")),
                      "These are notes, not a database: long enough to be read.\n"));
        QVERIFY(write(root.filePath(QStringLiteral("alone/short.db")), "SQLite"));

        const QByteArray before = contents(root.filePath(file));
        const auto last =
            lastUsed == QLatin1String("-") ? std::nullopt : std::optional(root.filePath(lastUsed));
        auto config = Workspace::forDatabaseFile(
            root.filePath(file), migrations.isEmpty() ? QString() : root.filePath(migrations),
            last);
        if (!error.isEmpty()) {
            QVERIFY(!config.ok());
            QVERIFY2(config.error().toString().contains(error),
                     qPrintable(config.error().toString()));
            QCOMPARE(contents(root.filePath(file)), before); // refused, untouched
            return;
        }
        QVERIFY2(config.ok(), qPrintable(config.error().toString()));
        QCOMPARE(config->spec.engine, Engine::Sqlite);
        QCOMPARE(config->spec.path, QFileInfo(root.filePath(file)).absoluteFilePath());
        if (folder.isEmpty())
            QCOMPARE(config->migrationsDir, QString());
        else
            QCOMPARE(QDir(config->migrationsDir).canonicalPath(),
                     QDir(root.filePath(folder)).canonicalPath());
        QVERIFY(config->seedTo.isEmpty()); // the user's database: nothing applied on open
        QVERIFY(!config->isDemo);
        QCOMPARE(contents(root.filePath(file)), before);
    }

    // `strata FILE` with no folder known opens the Open Connection dialog on that database,
    // asking for the folder (main.cpp calls askForWorkspace with the empty folder).
    void aFileWithoutAFolderAsksForOne()
    {
        QTemporaryDir dir;
        const QString db = dir.filePath(QStringLiteral("alone.db"));
        QVERIFY(makeDatabase(db));
        auto config = Workspace::forDatabaseFile(db, {}, std::nullopt);
        QVERIFY2(config.ok(), qPrintable(config.error().toString()));
        QVERIFY(config->migrationsDir.isEmpty());

        MainWindow window;
        window.setRememberWorkspace(false);
        window.show();
        bool asked = false;
        ConnectionSpec shown;
        QString folder = QStringLiteral("<not read>");
        QTimer poll;
        poll.setInterval(10);
        connect(&poll, &QTimer::timeout, &window, [&] {
            auto *dialog = qobject_cast<ConnectionDialog *>(QApplication::activeModalWidget());
            if (!dialog)
                return;
            poll.stop();
            asked = dialog->isWorkspace();
            shown = dialog->spec();
            folder = dialog->migrationsFolder();
            dialog->reject();
        });
        poll.start();
        QTimer::singleShot(10000, &window, [&] { // never hang: close whatever is open
            if (QWidget *modal = QApplication::activeModalWidget())
                modal->close();
        });
        window.askForWorkspace(config->spec, config->migrationsDir);
        QVERIFY(asked);
        QCOMPARE(shown.engine, Engine::Sqlite);
        QCOMPARE(shown.path, QFileInfo(db).absoluteFilePath());
        QCOMPARE(folder, QString());
    }

    // A double-clicked .db or .sqlite file is an SQLite database to the desktop (by its
    // content: shared-mime-info has no glob for either), a type the .desktop file lists.
    void desktopEntryTakesSqliteFiles_data()
    {
        QTest::addColumn<QString>("name");
        QTest::newRow(".db") << "shop.db";
        QTest::newRow(".sqlite") << "shop.sqlite";
        QTest::newRow(".sqlite3") << "shop.sqlite3";
        QTest::newRow("no extension") << "shop";
    }
    void desktopEntryTakesSqliteFiles()
    {
        QFETCH(QString, name);
        QSettings entry(qEnvironmentVariable("STRATA_SOURCE_DIR") +
                            QStringLiteral("/resources/dev.strata_workbench.Strata.desktop"),
                        QSettings::IniFormat);
        const QStringList types = entry.value(QStringLiteral("Desktop Entry/MimeType"))
                                      .toString()
                                      .split(u';', Qt::SkipEmptyParts);
        QVERIFY2(!types.isEmpty(), "the .desktop file has no MimeType");
        QVERIFY(entry.value(QStringLiteral("Desktop Entry/Exec")).toString().contains(u'%'));

        QTemporaryDir dir;
        const QString path = dir.filePath(name);
        QVERIFY(makeDatabase(path));
        const QMimeType type = QMimeDatabase().mimeTypeForFile(path);
        QStringList names = type.aliases();
        names << type.name();
        bool listed = false;
        for (const QString &n : names)
            listed = listed || types.contains(n);
        QVERIFY2(listed,
                 qPrintable(type.name() + QStringLiteral(" is not in ") + types.join(u';')));
    }
};

QTEST_MAIN(TestWorkspaceFiles)
#include "tst_workspacefiles.moc"
