// Credentials for the session: a password typed once for a server, user and database is not
// asked for again by the connection dialog, the main window's workspace, Compare Schemas'
// pickers or the transfer wizard; it is kept in memory only (never in the settings). And a
// password typed or pasted into a URL field leaves the field. Real widgets, the real PostgreSQL
// of pg_virtualenv with PGPASSWORD taken away, so only the session can supply the password.

#include "TestDatabases.h"
#include "common/Banner.h"
#include "connection/ConnectionDialog.h"
#include "connection/PasswordStore.h"
#include "connection/SessionCredentials.h"
#include "diff/DiffTreeModel.h"
#include "diff/SchemaDiffView.h"
#include "diff/SchemaSourcePicker.h"
#include "transfer/TransferWizard.h"
#include "transfer/TransferWizardPages.h"
#include "workspace/MainWindow.h"
#include "workspace/Workspace.h"
#include "workspace/WorkspaceController.h"
#include "workspace/WorkspaceWorker.h"

#include <QAbstractItemModelTester>
#include <QApplication>
#include <QClipboard>
#include <QDirIterator>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QSettings>
#include <QSignalSpy>
#include <QTest>
#include <QTextDocumentFragment>

using namespace strata;

namespace {

QTemporaryDir *home()
{
    static QTemporaryDir dir;
    return &dir;
}

ConnectionSpec tcp(ConnectionSpec spec)
{
    if (spec.host.isEmpty() || spec.host.startsWith(u'/'))
        spec.host = QStringLiteral("localhost");
    if (spec.user.isEmpty())
        spec.user = qEnvironmentVariable("PGUSER", QStringLiteral("postgres"));
    return spec;
}

template <typename T> T *child(const QWidget &parent, const char *name)
{
    auto *widget = parent.findChild<T *>(QLatin1String(name));
    if (!widget)
        qFatal("no child %s", name);
    return widget;
}

void type(QLineEdit *edit, const QString &text)
{
    edit->setFocus();
    edit->selectAll();
    QTest::keyClick(edit, Qt::Key_Backspace);
    QTest::keyClicks(edit, text);
}

void paste(QLineEdit *edit, const QString &text)
{
    edit->clear();
    QGuiApplication::clipboard()->setText(text);
    edit->setFocus();
    QTest::keyClick(edit, Qt::Key_V, Qt::ControlModifier);
}

// A keychain with nothing in it, answering at once (the real one may wait for D-Bus).
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

// The wizard on its PostgreSQL page (the source: an empty SQLite file).
void toTargetPage(TransferWizard &wizard)
{
    const QString file = home()->filePath(QStringLiteral("empty.sqlite"));
    test::openSession(QStringLiteral("sqlite://") + file);
    wizard.show();
    wizard.setSourcePath(file);
    QTest::mouseClick(wizard.button(QWizard::NextButton), Qt::LeftButton);
    QCOMPARE(wizard.currentId(), int(TransferWizard::TargetPageId));
}

QString dialogResult(const ConnectionDialog &dialog)
{
    return QTextDocumentFragment::fromHtml(child<QLabel>(dialog, "result")->text()).toPlainText();
}

// Every file under `dir` that holds `secret`.
QStringList filesHolding(const QString &dir, const QString &secret)
{
    QStringList out;
    QDirIterator it(dir, QDir::Files | QDir::Hidden, QDirIterator::Subdirectories);
    while (it.hasNext()) {
        QFile file(it.next());
        if (file.open(QIODevice::ReadOnly) && file.readAll().contains(secret.toUtf8()))
            out << file.fileName();
    }
    return out;
}

} // namespace

class TestSessionCredentials : public QObject {
    Q_OBJECT

public:
    static void initMain()
    {
        qputenv("XDG_DATA_HOME", home()->filePath(QStringLiteral("data")).toUtf8());
        qputenv("XDG_CONFIG_HOME", home()->filePath(QStringLiteral("config")).toUtf8());
        qputenv("STRATA_DEMO_MIGRATIONS", test::demoFolder().toUtf8());
    }

private slots:
    void init() { SessionCredentials::instance().clear(); }
    void cleanup();

    void keyFollowsLibpqDefaults_data();
    void keyFollowsLibpqDefaults();
    void passwordAskedOncePerSession();
    void refusedPasswordIsForgotten();
    void refusalIsToldApart_data();
    void refusalIsToldApart();
    void urlPasswordLeavesTheField_data();
    void urlPasswordLeavesTheField();

private:
    QByteArray m_pgPassword = qgetenv("PGPASSWORD");
};

void TestSessionCredentials::cleanup()
{
    SessionCredentials::instance().clear();
    if (!m_pgPassword.isEmpty())
        qputenv("PGPASSWORD", m_pgPassword);
    qunsetenv("PGPASSFILE");
}

void TestSessionCredentials::keyFollowsLibpqDefaults_data()
{
    QTest::addColumn<QString>("a");
    QTest::addColumn<QString>("b");
    QTest::addColumn<bool>("same");
    // With PGHOST=db1, PGPORT=5433, PGUSER=dba, PGDATABASE unset (set below).
    QTest::newRow("defaults spelled out") << "postgresql:///shop"
                                          << "postgresql://dba@db1:5433/shop" << true;
    QTest::newRow("database defaults to the user") << "postgresql://db1"
                                                   << "postgresql://dba@db1:5433/dba" << true;
    QTest::newRow("host case") << "postgresql://dba@DB1:5433/shop"
                               << "postgresql://dba@db1:5433/shop" << true;
    QTest::newRow("sslmode does not matter") << "postgresql://dba@db1:5433/shop?sslmode=require"
                                             << "postgresql://dba@db1:5433/shop" << true;
    QTest::newRow("another database") << "postgresql://dba@db1:5433/shop"
                                      << "postgresql://dba@db1:5433/billing" << false;
    QTest::newRow("another user") << "postgresql://dba@db1:5433/shop"
                                  << "postgresql://app@db1:5433/shop" << false;
    QTest::newRow("another port") << "postgresql://dba@db1:5433/shop"
                                  << "postgresql://dba@db1:5432/shop" << false;
    QTest::newRow("another host") << "postgresql://dba@db1:5433/shop"
                                  << "postgresql://dba@db2:5433/shop" << false;
}

void TestSessionCredentials::keyFollowsLibpqDefaults()
{
    QFETCH(QString, a);
    QFETCH(QString, b);
    QFETCH(bool, same);
    const QByteArray saved[] = {qgetenv("PGHOST"), qgetenv("PGPORT"), qgetenv("PGUSER"),
                                qgetenv("PGDATABASE")};
    qputenv("PGHOST", "db1");
    qputenv("PGPORT", "5433");
    qputenv("PGUSER", "dba");
    qunsetenv("PGDATABASE");
    ConnectionSpec first = *ConnectionSpec::parse(a);
    first.password = QStringLiteral("pw-%1").arg(QTest::currentDataTag());
    SessionCredentials::instance().remember(first);
    const auto found = SessionCredentials::instance().password(*ConnectionSpec::parse(b));
    ConnectionSpec filled = *ConnectionSpec::parse(b);
    const bool didFill = SessionCredentials::instance().fill(filled);
    const char *names[] = {"PGHOST", "PGPORT", "PGUSER", "PGDATABASE"};
    for (int i = 0; i < 4; ++i)
        saved[i].isNull() ? qunsetenv(names[i]) : qputenv(names[i], saved[i]);
    QCOMPARE(found.has_value(), same);
    QCOMPARE(didFill, same);
    if (same)
        QCOMPARE(filled.password, first.password);
    // A spec with a password of its own keeps it.
    ConnectionSpec own = *ConnectionSpec::parse(b);
    own.password = QStringLiteral("mine");
    QVERIFY(!SessionCredentials::instance().fill(own));
    QCOMPARE(own.password, QStringLiteral("mine"));
}

// One password, typed once in the connection dialog: the next dialog, the workspace, both sides
// of a comparison and the transfer wizard's target all connect without asking again.
void TestSessionCredentials::passwordAskedOncePerSession()
{
    STRATA_SCRATCH(pg, Engine::Postgres);
    const QString password = QString::fromUtf8(m_pgPassword);
    QVERIFY2(password.size() >= 8, "this test needs PGPASSWORD (pg_virtualenv sets one)");
    qunsetenv("PGPASSWORD"); // from here on only the session can supply it
    qputenv("PGPASSFILE", home()->filePath(QStringLiteral("no-such-pgpass")).toUtf8());
    const ConnectionSpec spec = tcp(pg.spec()); // no password
    QVERIFY(spec.password.isEmpty());

    // Without the password the server refuses: nothing else supplies it.
    {
        ConnectionDialog dialog;
        dialog.setSpec(spec);
        QVERIFY(child<QLineEdit>(dialog, "password")->text().isEmpty());
        QSignalSpy finished(&dialog, &ConnectionDialog::testFinished);
        QTest::mouseClick(child<QPushButton>(dialog, "test"), Qt::LeftButton);
        QVERIFY(finished.wait(15000));
        QVERIFY2(!finished.first().at(0).toBool(), qPrintable(dialogResult(dialog)));
        QCOMPARE(SessionCredentials::instance().size(), 0);
        // Typed once, tested: kept for the session.
        type(child<QLineEdit>(dialog, "password"), password);
        QTest::mouseClick(child<QPushButton>(dialog, "test"), Qt::LeftButton);
        QVERIFY(finished.wait(15000));
        QVERIFY2(finished.last().at(0).toBool(), qPrintable(dialogResult(dialog)));
        QCOMPARE(SessionCredentials::instance().size(), 1);
    }

    // Another dialog for the same connection has it already.
    {
        ConnectionDialog dialog;
        dialog.setSpec(spec);
        QCOMPARE(child<QLineEdit>(dialog, "password")->text(), password);
    }

    // The main window opens the workspace without a password of its own.
    EmptyKeychain keychain;
    MainWindow window;
    window.setPasswordStore(&keychain);
    window.setRememberWorkspace(false);
    window.show();
    QSignalSpy info(window.controller(), &WorkspaceController::sessionInfo);
    QSignalSpy errors(window.controller(), &WorkspaceController::error);
    window.openWorkspace(*Workspace::fromArguments(spec.displayUrl(), test::demoFolder()));
    QTRY_VERIFY_WITH_TIMEOUT(info.count() > 0 || errors.count() > 0, 20000);
    QVERIFY2(
        errors.isEmpty(),
        qPrintable(errors.isEmpty() ? QString() : errors.first().at(0).value<Error>().toString()));

    // Compare Schemas: both sides typed as URLs without a password, one click on Compare.
    SchemaDiffView view;
    QAbstractItemModelTester tester(view.treeModel(),
                                    QAbstractItemModelTester::FailureReportingMode::QtTest);
    view.show();
    const auto pickers = view.findChildren<SchemaSourcePicker *>();
    QCOMPARE(pickers.size(), 2);
    for (SchemaSourcePicker *picker : pickers)
        type(picker->findChild<QLineEdit *>(QStringLiteral("connectionUrl")), spec.displayUrl());
    QSignalSpy failed(&view, &SchemaDiffView::failed);
    QPushButton *compare = nullptr;
    for (QPushButton *button : view.findChildren<QPushButton *>())
        if (button->text() == QLatin1String("Compare"))
            compare = button;
    QVERIFY(compare);
    QTest::mouseClick(compare, Qt::LeftButton);
    QTRY_VERIFY_WITH_TIMEOUT(view.result() || !failed.isEmpty(), 20000);
    QVERIFY2(
        failed.isEmpty(),
        qPrintable(failed.isEmpty() ? QString() : failed.first().at(0).value<Error>().toString()));

    // The transfer wizard's target: the URL, Enter, connected.
    TransferWizard wizard;
    toTargetPage(wizard);
    wizard::TargetPage *page = wizard.targetPage();
    type(page->url, spec.displayUrl());
    QVERIFY(page->password->text().isEmpty());
    QCOMPARE(page->password->placeholderText(),
             QStringLiteral("the one used earlier in this session"));
    QTest::keyClick(page->url, Qt::Key_Return); // leaves the edit: tested
    QTRY_VERIFY_WITH_TIMEOUT(!page->isTesting(), 15000);
    QVERIFY2(page->isConnected(), qPrintable(page->status->title() + u' ' + page->status->body()));

    // Memory only: no file under the app's config or data folders holds the password.
    QSettings().sync();
    Workspace::settings()->sync();
    QCOMPARE(filesHolding(home()->path(), password), QStringList());
}

void TestSessionCredentials::refusedPasswordIsForgotten()
{
    STRATA_SCRATCH(pg, Engine::Postgres);
    qunsetenv("PGPASSWORD"); // only the session can supply it
    qputenv("PGPASSFILE", home()->filePath(QStringLiteral("no-such-pgpass")).toUtf8());
    const ConnectionSpec spec = tcp(pg.spec());
    ConnectionSpec stale = spec;
    stale.password = QStringLiteral("changed-since-by-the-dba");
    SessionCredentials::instance().remember(stale); // e.g. the password was rotated meanwhile

    // The workspace opens with the kept password, the server refuses it: it is not kept.
    EmptyKeychain keychain;
    MainWindow window;
    window.setPasswordStore(&keychain);
    window.setRememberWorkspace(false);
    window.show();
    QSignalSpy errors(window.controller(), &WorkspaceController::error);
    window.openWorkspace(*Workspace::fromArguments(spec.displayUrl(), test::demoFolder()));
    QTRY_VERIFY_WITH_TIMEOUT(errors.count() > 0, 20000);
    QVERIFY(!SessionCredentials::instance().password(spec).has_value());

    // The transfer wizard's target page, the same: kept, refused, gone.
    SessionCredentials::instance().remember(stale);
    TransferWizard wizard;
    toTargetPage(wizard);
    wizard::TargetPage *page = wizard.targetPage();
    type(page->url, spec.displayUrl());
    QTest::keyClick(page->url, Qt::Key_Return);
    QTRY_VERIFY_WITH_TIMEOUT(!page->isTesting(), 15000);
    QVERIFY(!page->isConnected());
    QVERIFY(!SessionCredentials::instance().password(spec).has_value());

    // A connection that fails for another reason (no such database) keeps a right password.
    ConnectionSpec right = spec;
    right.password = QString::fromUtf8(m_pgPassword);
    SessionCredentials::instance().remember(right);
    ConnectionSpec missing = spec;
    missing.database = QStringLiteral("no_such_database_here");
    SessionCredentials::instance().remember([&] {
        ConnectionSpec m = missing;
        m.password = right.password;
        return m;
    }());
    ConnectionDialog dialog;
    dialog.setSpec(missing);
    QSignalSpy finished(&dialog, &ConnectionDialog::testFinished);
    QTest::mouseClick(child<QPushButton>(dialog, "test"), Qt::LeftButton);
    QVERIFY(finished.wait(15000));
    QVERIFY(!finished.first().at(0).toBool());
    QVERIFY(SessionCredentials::instance().password(missing).has_value());
    QVERIFY(SessionCredentials::instance().password(spec).has_value());
}

void TestSessionCredentials::refusalIsToldApart_data()
{
    QTest::addColumn<QString>("message");
    QTest::addColumn<bool>("refusal");
    QTest::newRow("wrong password")
        << "FATAL:  password authentication failed for user \"dba\"" << true;
    QTest::newRow("none supplied") << "fe_sendauth: no password supplied" << true;
    QTest::newRow("scram") << "SCRAM authentication requires libpq version 10 or above" << true;
    QTest::newRow("refused connection")
        << "connection to server at \"127.0.0.1\", port 1 failed: Connection refused" << false;
    QTest::newRow("no database") << "FATAL:  database \"x\" does not exist" << false;
    QTest::newRow("timeout") << "timeout expired" << false;
}

void TestSessionCredentials::refusalIsToldApart()
{
    QFETCH(QString, message);
    QFETCH(bool, refusal);
    QCOMPARE(SessionCredentials::isPasswordRefusal(message), refusal);
}

void TestSessionCredentials::urlPasswordLeavesTheField_data()
{
    QTest::addColumn<QString>("where");
    QTest::addColumn<bool>("pasted");
    QTest::newRow("compare picker, typed") << "picker" << false;
    QTest::newRow("compare picker, pasted") << "picker" << true;
    QTest::newRow("transfer target, typed") << "wizard" << false;
    QTest::newRow("transfer target, pasted") << "wizard" << true;
}

void TestSessionCredentials::urlPasswordLeavesTheField()
{
    QFETCH(QString, where);
    QFETCH(bool, pasted);
    const QString withPassword =
        QStringLiteral("postgresql://dba:s3cr%40t@db.example.com:5433/shop?sslmode=disable");
    const QString shown =
        QStringLiteral("postgresql://dba@db.example.com:5433/shop?sslmode=disable");
    SchemaDiffView view;
    TransferWizard wizard;
    QLineEdit *url = nullptr;
    QWidget *window = nullptr;
    if (where == QLatin1String("picker")) {
        window = &view;
        url = view.findChildren<SchemaSourcePicker *>().first()->findChild<QLineEdit *>(
            QStringLiteral("connectionUrl"));
    } else {
        window = &wizard;
        toTargetPage(wizard);
        url = wizard.targetPage()->url;
    }
    window->show();
    window->activateWindow(); // focus leaves the field on Tab only in an active window
    QVERIFY(QTest::qWaitForWindowActive(window));
    if (pasted) {
        paste(url, withPassword);
        QTRY_COMPARE(url->text(), shown); // at once, without leaving the field
    } else {
        type(url, withPassword);
        QCOMPARE(url->text(), withPassword); // not rewritten under the cursor
        QTest::keyClick(url, Qt::Key_Tab);   // leaves the field
        QCOMPARE(url->text(), shown);
    }
    if (where == QLatin1String("picker")) {
        auto origin = view.findChildren<SchemaSourcePicker *>().first()->origin();
        QVERIFY(origin.ok());
        QCOMPARE(origin->spec.password, QStringLiteral("s3cr@t"));
        QCOMPARE(origin->spec.option(QStringLiteral("sslmode")), QStringLiteral("disable"));
    } else {
        QCOMPARE(wizard.targetPage()->password->text(), QStringLiteral("s3cr@t"));
        QCOMPARE(wizard.targetPage()->spec()->password, QStringLiteral("s3cr@t"));
    }
}

QTEST_MAIN(TestSessionCredentials)
#include "tst_sessioncredentials.moc"
