// Tools → Check PostgreSQL Readiness… on an SQLite workspace: the server asked for in the
// dialog (URL and password typed), the check run off the GUI thread with progress and Cancel,
// and each version's verdict on the timeline (TimelineModel::ReadinessRole, drawn as a badge,
// listed in the tooltip). Real widgets, a real SQLite file and the real PostgreSQL of
// pg_virtualenv. STRATA_SCREENSHOT_DIR=dir saves the dialog and the timeline as PNGs.

#include "TestDatabases.h"
#include "common/Banner.h"
#include "connection/PasswordStore.h"
#include "connection/SessionCredentials.h"
#include "timeline/ReadinessDialog.h"
#include "timeline/ReadinessWorker.h"
#include "timeline/TimelineModel.h"
#include "workspace/MainWindow.h"
#include "workspace/Workspace.h"
#include "workspace/WorkspaceController.h"

#include <QAbstractItemModelTester>
#include <QLineEdit>
#include <QListView>
#include <QPushButton>
#include <QSettings>
#include <QSignalSpy>
#include <QTest>

using namespace strata;

namespace {

QTemporaryDir *home()
{
    static QTemporaryDir dir;
    return &dir;
}

class EmptyKeychain : public PasswordStore {
public:
    void read(const QString &, QObject *context, Callback done) override
    {
        QMetaObject::invokeMethod(
            context,
            [done] {
                done({PasswordResult::Status::NotFound, {}, {}});
            },
            Qt::QueuedConnection);
    }
};

void click(QWidget *widget)
{
    QVERIFY2(widget->isVisible() && widget->isEnabled(), qPrintable(widget->objectName()));
    QTest::mouseClick(widget, Qt::LeftButton, {}, widget->rect().center());
}

void type(QLineEdit *edit, const QString &text)
{
    edit->setFocus();
    edit->selectAll();
    QTest::keyClick(edit, Qt::Key_Backspace);
    QTest::keyClicks(edit, text);
}

void shoot(QWidget *widget, const QString &name)
{
    const QString dir = qEnvironmentVariable("STRATA_SCREENSHOT_DIR");
    if (!dir.isEmpty())
        widget->grab().save(dir + u'/' + name + QStringLiteral(".png"));
}

// V1 portable, V2 in SQLite's dialect only, V3 with a PostgreSQL variant, V4 portable and
// pending (a check covers the whole folder, applied or not).
QString folderOfEveryKind(const QTemporaryDir &dir)
{
    const QString folder = dir.filePath(QStringLiteral("m"));
    QDir().mkpath(folder);
    test::writeFiles(
        folder, {{QStringLiteral("V1__Create_items.sql"),
                  "CREATE TABLE items (id integer PRIMARY KEY, name varchar(40) NOT NULL);\n"},
                 {QStringLiteral("U1__Create_items.sql"), "DROP TABLE items;\n"},
                 {QStringLiteral("V2__Seed_items.sql"),
                  "INSERT OR IGNORE INTO items (id, name) VALUES (1, 'a');\n"},
                 {QStringLiteral("U2__Seed_items.sql"), "DELETE FROM items WHERE id = 1;\n"},
                 {QStringLiteral("V3__Upsert_item.sql"),
                  "INSERT OR REPLACE INTO items (id, name) VALUES (2, 'b');\n"},
                 {QStringLiteral("V3__Upsert_item.postgresql.sql"),
                  "INSERT INTO items (id, name) VALUES (2, 'b')\n"
                  "    ON CONFLICT (id) DO UPDATE SET name = excluded.name;\n"},
                 {QStringLiteral("U3__Upsert_item.sql"), "DELETE FROM items WHERE id = 2;\n"},
                 {QStringLiteral("V4__Add_price.sql"),
                  "ALTER TABLE items ADD COLUMN price numeric(8,2);\n"},
                 {QStringLiteral("U4__Add_price.sql"), "ALTER TABLE items DROP COLUMN price;\n"}});
    return folder;
}

ConnectionSpec server(const test::ScratchDatabase &pg)
{
    ConnectionSpec spec = pg.spec();
    if (spec.host.isEmpty() || spec.host.startsWith(u'/'))
        spec.host = QStringLiteral("localhost");
    if (spec.user.isEmpty())
        spec.user = qEnvironmentVariable("PGUSER", QStringLiteral("postgres"));
    spec.password = qEnvironmentVariable("PGPASSWORD");
    return spec;
}

} // namespace

class TestTimelineReadiness : public QObject {
    Q_OBJECT

public:
    static void initMain()
    {
        qputenv("XDG_DATA_HOME", home()->filePath(QStringLiteral("data")).toUtf8());
        qputenv("XDG_CONFIG_HOME", home()->filePath(QStringLiteral("config")).toUtf8());
        qputenv("STRATA_DEMO_MIGRATIONS", test::demoFolder().toUtf8());
    }

private slots:
    void init()
    {
        QSettings().clear();
        SessionCredentials::instance().clear();
        m_dir = std::make_unique<QTemporaryDir>();
        m_folder = folderOfEveryKind(*m_dir);
        const QString db = m_dir->filePath(QStringLiteral("app.sqlite"));
        {
            auto session = test::openSession(QStringLiteral("sqlite://") + db);
            Migrator migrator(*session, test::readFolder(m_folder));
            QVERIFY(migrator.up(Version::parse(QStringLiteral("3"))).ok());
        }
        m_window = std::make_unique<MainWindow>();
        m_window->setRememberWorkspace(false);
        m_window->setPasswordStore(&m_keychain);
        m_tester = std::make_unique<QAbstractItemModelTester>(
            m_window->timelineModel(), QAbstractItemModelTester::FailureReportingMode::QtTest);
        m_window->show();
        WorkspaceConfig config;
        config.spec.engine = Engine::Sqlite;
        config.spec.path = db;
        config.migrationsDir = m_folder;
        m_window->openWorkspace(config);
        TimelineModel *model = m_window->timelineModel();
        QTRY_COMPARE_WITH_TIMEOUT(model->currentRow(), model->rowOfVersion(QStringLiteral("3")),
                                  15000);
    }
    void cleanup()
    {
        m_tester.reset();
        m_window.reset();
        SessionCredentials::instance().clear();
    }

    void badgesAfterCheck_data();
    void badgesAfterCheck();
    void cancelLeavesNothing();
    void onlyFromSqliteWorkspace();

private:
    std::unique_ptr<QTemporaryDir> m_dir;
    QString m_folder;
    EmptyKeychain m_keychain;
    std::unique_ptr<MainWindow> m_window;
    std::unique_ptr<QAbstractItemModelTester> m_tester;
};

void TestTimelineReadiness::badgesAfterCheck_data()
{
    QTest::addColumn<QString>("version");
    QTest::addColumn<QString>("badge");
    QTest::addColumn<QString>("tooltip"); // a part of what the tooltip lists
    QTest::newRow("portable") << "1"
                              << "portable"
                              << "runs as is";
    QTest::newRow("fails") << "2"
                           << "fails on PostgreSQL"
                           << "V2__Seed_items.sql:1";
    QTest::newRow("variant") << "3"
                             << "PostgreSQL variant"
                             << "PostgreSQL variant runs";
    QTest::newRow("pending, portable") << "4"
                                       << "portable"
                                       << "runs as is";
}

void TestTimelineReadiness::badgesAfterCheck()
{
    QFETCH(QString, version);
    QFETCH(QString, badge);
    QFETCH(QString, tooltip);
    STRATA_SCRATCH(pg, Engine::Postgres);
    TimelineModel *model = m_window->timelineModel();
    for (int row = 0; row < model->rowCount(); ++row) // nothing before a check
        QVERIFY(model->index(row, 0).data(TimelineModel::ReadinessRole).toString().isEmpty());

    m_window->readinessAction()->trigger();
    ReadinessDialog *dialog = m_window->readinessDialog();
    QVERIFY(dialog && dialog->isVisible());
    const ConnectionSpec target = server(pg);
    type(dialog->url, SessionCredentials::withoutPassword(target).displayUrl());
    type(dialog->password, target.password);
    QSignalSpy checked(dialog, &ReadinessDialog::checked);
    click(dialog->check);
    QVERIFY(dialog->isRunning());
    QVERIFY(dialog->cancel->isEnabled());
    QVERIFY(!dialog->check->isEnabled());
    QVERIFY(checked.wait(60000));
    QVERIFY(!dialog->isRunning());
    QVERIFY(dialog->banner->isVisible());
    QCOMPARE(dialog->banner->title(), QStringLiteral("Some versions are not ready"));
    shoot(dialog, QStringLiteral("readiness-dialog"));
    click(dialog->closeButton);

    const int row = model->rowOfVersion(version);
    QVERIFY(row >= 0);
    const QModelIndex index = model->index(row, 0);
    QCOMPARE(index.data(TimelineModel::ReadinessRole).toString(), badge);
    const QString tip = index.data(Qt::ToolTipRole).toString();
    QVERIFY2(tip.contains(QStringLiteral("PostgreSQL readiness: %1").arg(badge)), qPrintable(tip));
    QVERIFY2(tip.contains(tooltip), qPrintable(tip));
    if (badge == QLatin1String("fails on PostgreSQL"))
        QVERIFY2(tip.contains(QLatin1String("syntax error")), qPrintable(tip));
    // The verdict is searchable, and survives a refresh of the status.
    m_window->refreshAction()->trigger();
    QTRY_VERIFY(m_window->controller() && !m_window->controller()->isBusy());
    QCOMPARE(model->index(model->rowOfVersion(version), 0).data(TimelineModel::ReadinessRole),
             QVariant(badge));
    // The session keeps the password, the settings only the URL.
    QVERIFY(SessionCredentials::instance().password(target).has_value());
    QVERIFY(
        !QSettings().value(ReadinessDialog::lastServerKey()).toString().contains(target.password));
    shoot(m_window.get(), QStringLiteral("timeline-readiness"));
}

// Cancel right after the start: the check stops, no throwaway database remains, the timeline
// shows no verdict it did not get.
void TestTimelineReadiness::cancelLeavesNothing()
{
    STRATA_SCRATCH(pg, Engine::Postgres);
    ReadinessDialog *dialog = m_window->openReadinessCheck();
    QVERIFY(dialog);
    dialog->setServer(server(pg));
    QSignalSpy checked(dialog, &ReadinessDialog::checked);
    click(dialog->check);
    click(dialog->cancel);
    QTRY_VERIFY_WITH_TIMEOUT(!dialog->isRunning(), 60000);
    if (checked.count() == 1) {
        const auto result = checked.first().first().value<ReadinessResult>();
        QVERIFY(result.error);
        QCOMPARE(result.error->kind, Error::Kind::Cancelled);
    }
    auto admin = test::openSession(pg.url());
    auto left = admin->scalar(
        QStringLiteral("SELECT count(*) FROM pg_database WHERE datname LIKE 'strata_check_%'"));
    QVERIFY(left);
    QCOMPARE(left->toInt(), 0);
}

// On a PostgreSQL workspace the action explains where the check starts from.
void TestTimelineReadiness::onlyFromSqliteWorkspace()
{
    STRATA_SCRATCH(pg, Engine::Postgres);
    WorkspaceConfig config;
    config.spec = server(pg);
    config.migrationsDir = m_folder;
    m_window->openWorkspace(config);
    QTRY_COMPARE_WITH_TIMEOUT(m_window->controller()->config().spec.engine, Engine::Postgres,
                              15000);
    QVERIFY(m_window->openReadinessCheck() == nullptr);
    QVERIFY(m_window->isMessageShown());
    QCOMPARE(m_window->messageBanner()->title(),
             QStringLiteral("Readiness is checked from an SQLite workspace"));
}

QTEST_MAIN(TestTimelineReadiness)
#include "tst_timelinereadiness.moc"
