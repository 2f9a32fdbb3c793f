// FolderWatcher: one `changed` per settled burst, for every kind of edit a DBA's tools make
// (in-place writes, atomic saves by rename, new files and folders, deletion of the folder),
// with the walking and arming off the GUI thread.
#include "workspace/FolderWatcher.h"

#include <QDir>
#include <QFile>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

using namespace strata;

namespace {

bool write(const QString &path, const QByteArray &text,
           QIODevice::OpenMode mode = QIODevice::WriteOnly)
{
    QFile file(path);
    return file.open(mode) && file.write(text) == text.size();
}

} // namespace

class TestFolderWatcher : public QObject {
    Q_OBJECT

private slots:
    void eachEditIsOneChange_data()
    {
        QTest::addColumn<QString>("edit");
        QTest::newRow("append in place") << "append";
        QTest::newRow("atomic save by rename") << "rename-over";
        QTest::newRow("new file") << "create";
        QTest::newRow("file removed") << "remove";
        QTest::newRow("file in a new sub-folder") << "subfolder";
        QTest::newRow("folder removed") << "remove-folder";
        QTest::newRow("non-sql file changed") << "touch-readme";
    }

    void eachEditIsOneChange()
    {
        QFETCH(QString, edit);
        QTemporaryDir scratch;
        QVERIFY(scratch.isValid());
        const QString folder = scratch.filePath(QStringLiteral("migrations"));
        QVERIFY(QDir().mkpath(folder + QStringLiteral("/2024")));
        QVERIFY(write(folder + QStringLiteral("/V1__a.sql"), "SELECT 1;\n"));
        QVERIFY(write(folder + QStringLiteral("/2024/V2__b.sql"), "SELECT 2;\n"));

        FolderWatcher watcher;
        watcher.setSettleTime(100);
        QSignalSpy armed(&watcher, &FolderWatcher::armed);
        QSignalSpy changed(&watcher, &FolderWatcher::changed);
        watcher.watch(folder);
        QVERIFY(armed.wait(5000));
        const QStringList paths = watcher.watchedPaths();
        QVERIFY2(paths.contains(folder + QStringLiteral("/2024/V2__b.sql")),
                 qPrintable(paths.join(' ')));
        QVERIFY(paths.contains(scratch.path()));

        if (edit == QLatin1String("append")) {
            QVERIFY(write(folder + QStringLiteral("/2024/V2__b.sql"), "SELECT 3;\n",
                          QIODevice::Append));
        } else if (edit == QLatin1String("rename-over")) {
            QVERIFY(write(folder + QStringLiteral("/.V1__a.sql.swp"), "SELECT 9;\n"));
            QVERIFY(QFile::remove(folder + QStringLiteral("/V1__a.sql")));
            QVERIFY(QFile::rename(folder + QStringLiteral("/.V1__a.sql.swp"),
                                  folder + QStringLiteral("/V1__a.sql")));
        } else if (edit == QLatin1String("create")) {
            QVERIFY(write(folder + QStringLiteral("/V3__c.sql"), "SELECT 3;\n"));
        } else if (edit == QLatin1String("remove")) {
            QVERIFY(QFile::remove(folder + QStringLiteral("/V1__a.sql")));
        } else if (edit == QLatin1String("subfolder")) {
            QVERIFY(QDir().mkpath(folder + QStringLiteral("/2025")));
            QVERIFY(write(folder + QStringLiteral("/2025/V4__d.sql"), "SELECT 4;\n"));
        } else if (edit == QLatin1String("remove-folder")) {
            QVERIFY(QDir(folder).removeRecursively());
        } else if (edit == QLatin1String("touch-readme")) {
            QVERIFY(write(folder + QStringLiteral("/README.md"), "notes\n"));
        }
        // One signal for the burst, after it settled.
        QTRY_COMPARE_WITH_TIMEOUT(changed.count(), 1, 5000);
        QTest::qWait(300);
        QCOMPARE(changed.count(), 1);
    }

    void rearmWatchesWhatWasAdded()
    {
        QTemporaryDir scratch;
        const QString folder = scratch.filePath(QStringLiteral("m"));
        QVERIFY(QDir().mkpath(folder));
        FolderWatcher watcher;
        watcher.setSettleTime(50);
        QSignalSpy armed(&watcher, &FolderWatcher::armed);
        QSignalSpy changed(&watcher, &FolderWatcher::changed);
        watcher.watch(folder);
        QVERIFY(armed.wait(5000));
        QVERIFY(write(folder + QStringLiteral("/V1__a.sql"), "SELECT 1;\n"));
        QTRY_COMPARE_WITH_TIMEOUT(changed.count(), 1, 5000);
        watcher.rearm();
        QVERIFY(armed.wait(5000));
        QVERIFY(watcher.watchedPaths().contains(folder + QStringLiteral("/V1__a.sql")));
        // The new file is watched now: an in-place edit of it is seen.
        QVERIFY(write(folder + QStringLiteral("/V1__a.sql"), "SELECT 2;\n", QIODevice::Append));
        QTRY_COMPARE_WITH_TIMEOUT(changed.count(), 2, 5000);
        // The parent sees siblings come and go: they are not this folder's changes.
        QVERIFY(write(scratch.filePath(QStringLiteral("sibling.txt")), "x"));
        QTest::qWait(300);
        QCOMPARE(changed.count(), 2);
        // Watching nothing: no more signals, nothing watched.
        watcher.watch(QString());
        QVERIFY(armed.wait(5000));
        QVERIFY(watcher.watchedPaths().isEmpty());
        QVERIFY(write(folder + QStringLiteral("/V1__a.sql"), "SELECT 3;\n", QIODevice::Append));
        QTest::qWait(300);
        QCOMPARE(changed.count(), 2);
    }

    void armingDoesNotBlockTheGuiThread()
    {
        // 3,000 files: arming happens on the watcher thread, watch() returns at once.
        QTemporaryDir scratch;
        const QString folder = scratch.filePath(QStringLiteral("big"));
        QVERIFY(QDir().mkpath(folder));
        for (int i = 1; i <= 3000; ++i)
            QVERIFY(write(folder + QStringLiteral("/V%1__m.sql").arg(i), "SELECT 1;\n"));
        FolderWatcher watcher;
        QSignalSpy armed(&watcher, &FolderWatcher::armed);
        watcher.watch(folder);
        QCOMPARE(armed.count(), 0); // not armed inside watch(): the GUI thread went on
        QVERIFY(armed.wait(20000));
        QVERIFY(watcher.watchedPaths().size() >= 3000);
    }
};

QTEST_MAIN(TestFolderWatcher)
#include "tst_folderwatcher.moc"
