// The connection dialog: URLs fill the fields, "Test connection" runs off the GUI thread against
// real SQLite files and PostgreSQL (pg_virtualenv), profiles never hold a password, and a
// missing keychain is said out loud.

#include "TestDatabases.h"
#include "connection/ConnectionDialog.h"
#include "connection/ConnectionProfiles.h"
#include "connection/DatabaseSession.h"
#include "connection/FolderField.h"
#include "connection/PasswordStore.h"
#include "connection/RecentWorkspaces.h"

#include <QtTest>

#include <QApplication>
#include <QCheckBox>
#include <QClipboard>
#include <QComboBox>
#include <QDialogButtonBox>
#include <QElapsedTimer>
#include <QFile>
#include <QFormLayout>
#include <QLabel>
#include <QLineEdit>
#include <QProgressBar>
#include <QPushButton>
#include <QRadioButton>
#include <QSettings>
#include <QStyleFactory>
#include <QTemporaryDir>
#include <QTextDocumentFragment>
#include <QTimer>

#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

using strata::ConnectionDialog;
using strata::ConnectionProfiles;
using strata::ConnectionSpec;
using strata::Engine;
using strata::PasswordResult;
using strata::PasswordStore;

namespace {

// An in-memory keychain, answering asynchronously like the real one.
class FakePasswordStore : public PasswordStore {
public:
    QHash<QString, QString> entries;
    bool available = true;

    void read(const QString &key, QObject *context, Callback done) override
    {
        answer(context, [this, key, done] {
            if (!available)
                return done({PasswordResult::Status::Unavailable, {}, QStringLiteral("fake: off")});
            if (!entries.contains(key))
                return done({PasswordResult::Status::NotFound, {}, {}});
            done({PasswordResult::Status::Ok, entries.value(key), {}});
        });
    }
    void write(const QString &key, const QString &password, QObject *context,
               Callback done) override
    {
        answer(context, [this, key, password, done] {
            if (!available)
                return done({PasswordResult::Status::Unavailable, {}, QStringLiteral("fake: off")});
            entries.insert(key, password);
            done({});
        });
    }
    void remove(const QString &key, QObject *context, Callback done) override
    {
        answer(context, [this, key, done] {
            const bool had = entries.remove(key) > 0;
            if (done)
                done({had ? PasswordResult::Status::Ok : PasswordResult::Status::NotFound, {}, {}});
        });
    }

private:
    void answer(QObject *context, std::function<void()> f)
    {
        QTimer::singleShot(0, context ? context : this, std::move(f));
    }
};

template <typename T> T *child(const QWidget &dialog, const char *name)
{
    auto *widget = dialog.findChild<T *>(QLatin1String(name));
    if (!widget)
        qFatal("no child %s", name);
    return widget;
}

QString plain(const QLabel *label)
{
    return QTextDocumentFragment::fromHtml(label->text()).toPlainText();
}

QString resultText(const ConnectionDialog &dialog)
{
    return plain(child<QLabel>(dialog, "result"));
}

QString keychainText(const ConnectionDialog &dialog)
{
    return plain(child<QLabel>(dialog, "keychainNote"));
}

QString fields(const ConnectionSpec &spec)
{
    QStringList options;
    for (const auto &[key, value] : spec.options)
        options << key + u'=' + value;
    return QStringLiteral("engine=%1 path=%2 host=%3 port=%4 db=%5 user=%6 password=%7 options=%8")
        .arg(spec.engine == Engine::Sqlite ? "sqlite" : "postgres", spec.path, spec.host)
        .arg(spec.port)
        .arg(spec.database, spec.user, spec.password, options.join(u','));
}

// Pastes `text` into the URL field the way a user does: clipboard, then Ctrl+V.
void paste(ConnectionDialog &dialog, const QString &text)
{
    auto *url = child<QLineEdit>(dialog, "url");
    url->clear();
    QGuiApplication::clipboard()->setText(text);
    url->setFocus();
    QTest::keyClick(url, Qt::Key_V, Qt::ControlModifier);
}

bool rowVisible(const ConnectionDialog &dialog, QWidget *field)
{
    auto *form = dialog.findChild<QFormLayout *>();
    int row = -1;
    QFormLayout::ItemRole role;
    form->getWidgetPosition(field, &row, &role);
    return row >= 0 && form->isRowVisible(row);
}

ConnectionSpec sqliteSpec(const QString &path)
{
    ConnectionSpec spec;
    spec.engine = Engine::Sqlite;
    spec.path = path;
    return spec;
}

// A TCP "server" on 127.0.0.1 that never accepts: the kernel completes the handshake, nobody
// answers, and libpq waits for its connect_timeout.
class SilentServer {
public:
    SilentServer()
    {
        m_fd = ::socket(AF_INET, SOCK_STREAM, 0);
        sockaddr_in address{};
        address.sin_family = AF_INET;
        address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
        socklen_t length = sizeof address;
        if (m_fd < 0 || ::bind(m_fd, reinterpret_cast<sockaddr *>(&address), length) != 0 ||
            ::listen(m_fd, 8) != 0 ||
            ::getsockname(m_fd, reinterpret_cast<sockaddr *>(&address), &length) != 0)
            return;
        m_port = ntohs(address.sin_port);
    }
    ~SilentServer()
    {
        if (m_fd >= 0)
            ::close(m_fd);
    }
    SilentServer(const SilentServer &) = delete;
    SilentServer &operator=(const SilentServer &) = delete;
    int port() const { return m_port; }

private:
    int m_fd = -1;
    int m_port = 0;
};

} // namespace

class TestConnectionDialog : public QObject {
    Q_OBJECT

private slots:
    void initTestCase();
    void init();

    void pasteFillsFields_data();
    void pasteFillsFields();
    void pasteSqliteUrl();
    void setSpecRoundTrips_data();
    void setSpecRoundTrips();
    void badUrlShowsError();
    void editingFieldsUpdatesUrl();

    void testSqlite();
    void testSqliteMissingFile();
    void testPostgres();
    void testPostgresWrongPassword();
    void guiStaysResponsive();

    void profilesNeverHoldPasswords();
    void profileRemembersPasswordInKeychain();
    void keychainUnavailableIsSaid();
    void keychainUnavailableOnAccept();
    void keychainTimeout();

    void folderFormatIsShown_data();
    void folderFormatIsShown();
    void workspaceIsAConnectionAndAFolder();

    void keyboard();
    void labelsHaveBuddies();
    void screenshots();

private:
    QTemporaryDir m_settingsDir;
};

void TestConnectionDialog::initTestCase()
{
    QVERIFY(m_settingsDir.isValid());
    QStandardPaths::setTestModeEnabled(true);
    QSettings::setPath(QSettings::NativeFormat, QSettings::UserScope, m_settingsDir.path());
    QSettings::setPath(QSettings::IniFormat, QSettings::UserScope, m_settingsDir.path());
    QCoreApplication::setOrganizationName(QStringLiteral("StrataTest"));
    QCoreApplication::setApplicationName(QStringLiteral("tst_connectiondialog"));
    QApplication::setStyle(QStyleFactory::create(QStringLiteral("Fusion")));
}

void TestConnectionDialog::init()
{
    QSettings settings;
    settings.clear();
    settings.sync();
}

void TestConnectionDialog::pasteFillsFields_data()
{
    QTest::addColumn<QString>("url");
    QTest::addColumn<QString>("host");
    QTest::addColumn<QString>("port");
    QTest::addColumn<QString>("database");
    QTest::addColumn<QString>("user");
    QTest::addColumn<QString>("password");
    QTest::addColumn<QString>("sslmode");

    QTest::newRow("full") << "postgresql://dba:pw@db.example.com:6543/shop?sslmode=require"
                          << "db.example.com"
                          << "6543"
                          << "shop"
                          << "dba"
                          << "pw"
                          << "require";
    QTest::newRow("percent-encoded")
        << "postgresql://al%40ice:p%40ss%3Aw%2Fo%20rd%25@db.example.com/sh%20op"
        << "db.example.com"
        << ""
        << "sh op"
        << "al@ice"
        << "p@ss:w/o rd%"
        << "";
    QTest::newRow("postgres scheme, IPv6") << "postgres://u@[::1]:5433/db?sslmode=verify-full"
                                           << "::1"
                                           << "5433"
                                           << "db"
                                           << "u"
                                           << ""
                                           << "verify-full";
    QTest::newRow("everything from PG*") << "postgresql://"
                                         << ""
                                         << ""
                                         << ""
                                         << ""
                                         << ""
                                         << "";
    QTest::newRow("socket dir")
        << "postgresql:///db?host=/var/run/postgresql&user=me&password=s%26x"
        << "/var/run/postgresql"
        << ""
        << "db"
        << "me"
        << "s&x"
        << "";
}

void TestConnectionDialog::pasteFillsFields()
{
    QFETCH(QString, url);
    QFETCH(QString, host);
    QFETCH(QString, port);
    QFETCH(QString, database);
    QFETCH(QString, user);
    QFETCH(QString, password);
    QFETCH(QString, sslmode);
    ConnectionDialog dialog;
    FakePasswordStore store;
    dialog.setPasswordStore(&store);
    paste(dialog, url);

    QCOMPARE(child<QLineEdit>(dialog, "url")->text(), url);
    QVERIFY(child<QRadioButton>(dialog, "postgres")->isChecked());
    // A pasted password leaves the URL field at once (it sits in its own field).
    const auto parsed = ConnectionSpec::parse(url);
    QVERIFY(parsed);
    if (!password.isEmpty())
        QTRY_COMPARE(child<QLineEdit>(dialog, "url")->text(), parsed->displayUrl());
    QCOMPARE(child<QLineEdit>(dialog, "host")->text(), host);
    QCOMPARE(child<QLineEdit>(dialog, "port")->text(), port);
    QCOMPARE(child<QLineEdit>(dialog, "database")->text(), database);
    QCOMPARE(child<QLineEdit>(dialog, "user")->text(), user);
    QCOMPARE(child<QLineEdit>(dialog, "password")->text(), password);
    QCOMPARE(child<QLineEdit>(dialog, "password")->echoMode(), QLineEdit::Password);
    QCOMPARE(child<QComboBox>(dialog, "sslmode")->currentData().toString(), sslmode);
    QVERIFY(child<QLabel>(dialog, "urlError")->text().isEmpty());

    // spec() is what parse() makes of the URL, password included.
    QCOMPARE(fields(dialog.spec()), fields(*parsed));

    // Leaving the URL field shows the URL without the password (it sits in its own field).
    emit child<QLineEdit>(dialog, "url")->editingFinished();
    QCOMPARE(child<QLineEdit>(dialog, "url")->text(), parsed->displayUrl());
    QCOMPARE(fields(dialog.spec()), fields(*parsed));
}

void TestConnectionDialog::pasteSqliteUrl()
{
    ConnectionDialog dialog;
    paste(dialog, QStringLiteral("sqlite:///tmp/some%20dir/shop.db"));
    QVERIFY(child<QRadioButton>(dialog, "sqlite")->isChecked());
    QCOMPARE(child<QLineEdit>(dialog, "path")->text(), QStringLiteral("/tmp/some dir/shop.db"));
    QCOMPARE(dialog.spec().engine, Engine::Sqlite);
    QCOMPARE(dialog.spec().path, QStringLiteral("/tmp/some dir/shop.db"));
    QVERIFY(rowVisible(dialog, child<QWidget>(dialog, "createFile")));
    QVERIFY(!rowVisible(dialog, child<QLineEdit>(dialog, "database")));

    // And back: a PostgreSQL URL switches the form back.
    paste(dialog, QStringLiteral("postgresql://h/db"));
    QVERIFY(child<QRadioButton>(dialog, "postgres")->isChecked());
    QVERIFY(rowVisible(dialog, child<QLineEdit>(dialog, "database")));
    QVERIFY(!rowVisible(dialog, child<QWidget>(dialog, "createFile")));
}

void TestConnectionDialog::setSpecRoundTrips_data()
{
    QTest::addColumn<QString>("url");
    QTest::newRow("sqlite") << "sqlite:///var/lib/x.db";
    QTest::newRow("sqlite relative") << "sqlite:data/x.db";
    QTest::newRow("postgres full")
        << "postgresql://u%20x:p%3Aw%40@h.example:5433/"
           "d%2Fb?application_name=me&sslmode=verify-ca&connect_timeout=4";
    QTest::newRow("postgres empty") << "postgresql://";
    QTest::newRow("odd sslmode position") << "postgresql://h/db?sslmode=disable&options=-c%20x%3D1";
}

void TestConnectionDialog::setSpecRoundTrips()
{
    QFETCH(QString, url);
    const auto parsed = ConnectionSpec::parse(url);
    QVERIFY(parsed);
    ConnectionDialog dialog;
    dialog.setSpec(*parsed);
    QCOMPARE(fields(dialog.spec()), fields(*parsed));
    QVERIFY(!child<QLineEdit>(dialog, "url")->text().contains(QStringLiteral("p%3Aw")));
}

void TestConnectionDialog::badUrlShowsError()
{
    ConnectionDialog dialog;
    dialog.setSpec(*ConnectionSpec::parse(QStringLiteral("postgresql://good@host/db")));
    auto *error = child<QLabel>(dialog, "urlError");

    paste(dialog, QStringLiteral("postgresql://u@host:99999/db"));
    QVERIFY2(error->text().contains(QStringLiteral("port `99999`")), qPrintable(error->text()));
    QVERIFY(rowVisible(dialog, error));
    // The fields keep the last good connection.
    QCOMPARE(child<QLineEdit>(dialog, "user")->text(), QStringLiteral("good"));

    paste(dialog, QStringLiteral("mysql://x"));
    QVERIFY2(error->text().contains(QStringLiteral("neither sqlite:FILE nor postgresql")),
             qPrintable(error->text()));
    paste(dialog, QStringLiteral("postgresql://u:p%zz@h/db"));
    QVERIFY2(error->text().contains(QStringLiteral("broken %-escape in the password")),
             qPrintable(error->text()));
    // The error text never echoes the password.
    QVERIFY(!error->text().contains(QStringLiteral("p%zz")));

    // OK refuses while the URL is wrong, and says why.
    dialog.accept();
    QVERIFY(dialog.result() != QDialog::Accepted);
    QVERIFY2(resultText(dialog).contains(QStringLiteral("URL is not valid")),
             qPrintable(resultText(dialog)));

    // Clearing the URL removes the error.
    child<QLineEdit>(dialog, "url")->clear();
    QVERIFY(error->text().isEmpty());
    QVERIFY(!rowVisible(dialog, error));
}

void TestConnectionDialog::editingFieldsUpdatesUrl()
{
    ConnectionDialog dialog;
    auto *host = child<QLineEdit>(dialog, "host");
    QTest::keyClicks(host, QStringLiteral("db1"));
    QTest::keyClicks(child<QLineEdit>(dialog, "user"), QStringLiteral("dba"));
    QTest::keyClicks(child<QLineEdit>(dialog, "password"), QStringLiteral("hunter2"));
    QTest::keyClicks(child<QLineEdit>(dialog, "port"), QStringLiteral("6x5432")); // x rejected
    auto *ssl = child<QComboBox>(dialog, "sslmode");
    ssl->setCurrentIndex(ssl->findData(QStringLiteral("require")));
    QCOMPARE(child<QLineEdit>(dialog, "url")->text(),
             QStringLiteral("postgresql://dba@db1:65432?sslmode=require"));
    QCOMPARE(dialog.spec().password, QStringLiteral("hunter2"));
}

void TestConnectionDialog::testSqlite()
{
    STRATA_SCRATCH(db, Engine::Sqlite);
    { // make the file
        auto session = strata::DatabaseSession::open(db.spec());
        QVERIFY2(session, qPrintable(session.error().toString()));
        QVERIFY((*session)->exec(QStringLiteral("CREATE TABLE t (x)")));
    }
    ConnectionDialog dialog;
    dialog.setSpec(db.spec());
    QSignalSpy finished(&dialog, &ConnectionDialog::testFinished);
    QTest::mouseClick(child<QPushButton>(dialog, "test"), Qt::LeftButton);
    QVERIFY(dialog.isTesting() || finished.count() == 1);
    QVERIFY(finished.wait(10000) || finished.count() == 1);
    QCOMPARE(finished.first().at(0).toBool(), true);
    QVERIFY2(resultText(dialog).contains(QStringLiteral("SQLite 3.")),
             qPrintable(resultText(dialog)));
    QVERIFY(child<QLabel>(dialog, "result")->isVisibleTo(&dialog));
    QVERIFY(!child<QProgressBar>(dialog, "busy")->isVisibleTo(&dialog));
    QVERIFY(child<QPushButton>(dialog, "test")->isEnabled());

    // A file that is not a database says so.
    const QString junk = QFileInfo(db.spec().path).absolutePath() + QStringLiteral("/junk.db");
    QFile file(junk);
    QVERIFY(file.open(QIODevice::WriteOnly));
    file.write(QByteArray(4096, 'x'));
    file.close();
    dialog.setSpec(sqliteSpec(junk));
    finished.clear();
    dialog.testConnection();
    QVERIFY(finished.wait(10000));
    QCOMPARE(finished.first().at(0).toBool(), false);
    QVERIFY2(resultText(dialog).contains(QStringLiteral("not an SQLite database")),
             qPrintable(resultText(dialog)));
}

void TestConnectionDialog::testSqliteMissingFile()
{
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("new.db"));
    ConnectionDialog dialog;
    dialog.setSpec(sqliteSpec(path));
    QSignalSpy finished(&dialog, &ConnectionDialog::testFinished);
    dialog.testConnection();
    QVERIFY(finished.wait(10000));
    QCOMPARE(finished.first().at(0).toBool(), false);
    QVERIFY2(resultText(dialog).contains(QStringLiteral("No such file")),
             qPrintable(resultText(dialog)));
    QVERIFY(!QFile::exists(path));
    // OK refuses too.
    dialog.accept();
    QVERIFY(dialog.result() != QDialog::Accepted);

    // "Create new": the test checks SQLite and the folder, and still leaves no file behind.
    child<QCheckBox>(dialog, "createFile")->setChecked(true);
    finished.clear();
    dialog.testConnection();
    QVERIFY(finished.wait(10000));
    QCOMPARE(finished.first().at(0).toBool(), true);
    QVERIFY2(resultText(dialog).contains(QStringLiteral("Ready to create: SQLite 3.")),
             qPrintable(resultText(dialog)));
    QVERIFY(!QFile::exists(path));
    dialog.accept();
    QCOMPARE(dialog.result(), int(QDialog::Accepted));
    QCOMPARE(dialog.spec().path, path);

    // A folder that does not exist.
    dialog.setSpec(sqliteSpec(dir.filePath(QStringLiteral("nope/new.db"))));
    child<QCheckBox>(dialog, "createFile")->setChecked(true);
    finished.clear();
    dialog.testConnection();
    QVERIFY(finished.wait(10000));
    QVERIFY2(resultText(dialog).contains(QStringLiteral("does not exist")),
             qPrintable(resultText(dialog)));
}

void TestConnectionDialog::testPostgres()
{
    STRATA_SCRATCH(db, Engine::Postgres);
    ConnectionDialog dialog;
    dialog.setSpec(db.spec()); // no password: libpq takes PGPASSWORD, as it should
    QSignalSpy finished(&dialog, &ConnectionDialog::testFinished);
    QTest::mouseClick(child<QPushButton>(dialog, "test"), Qt::LeftButton);
    QVERIFY(dialog.isTesting());
    QVERIFY(child<QProgressBar>(dialog, "busy")->isVisibleTo(&dialog));
    QVERIFY(!child<QPushButton>(dialog, "test")->isEnabled());
    QVERIFY(finished.wait(15000));
    QVERIFY2(finished.first().at(0).toBool(), qPrintable(resultText(dialog)));
    QVERIFY2(resultText(dialog).contains(QStringLiteral("Connected: PostgreSQL 15")),
             qPrintable(resultText(dialog)));
    QVERIFY(!child<QProgressBar>(dialog, "busy")->isVisibleTo(&dialog));
}

void TestConnectionDialog::testPostgresWrongPassword()
{
    STRATA_SCRATCH(db, Engine::Postgres);
    ConnectionSpec spec = db.spec();
    spec.password = QStringLiteral("definitely-wrong");
    if (spec.host.isEmpty() && qEnvironmentVariable("PGHOST").startsWith(u'/'))
        spec.host = QStringLiteral("localhost"); // sockets may use peer authentication
    ConnectionDialog dialog;
    dialog.setSpec(spec);
    QSignalSpy finished(&dialog, &ConnectionDialog::testFinished);
    dialog.testConnection();
    QVERIFY(finished.wait(15000));
    QCOMPARE(finished.first().at(0).toBool(), false);
    const QString text = resultText(dialog);
    QVERIFY2(text.contains(QStringLiteral("Cannot connect to postgresql://")), qPrintable(text));
    QVERIFY2(text.contains(QStringLiteral("password authentication failed")), qPrintable(text));
    QVERIFY2(!text.contains(QStringLiteral("definitely-wrong")), qPrintable(text));
    QVERIFY(finished.first().at(1).toString().contains(
        QStringLiteral("password authentication failed")));
}

void TestConnectionDialog::guiStaysResponsive()
{
    // A "server" that accepts TCP connections and never answers: libpq waits for connect_timeout.
    SilentServer silent;
    QVERIFY(silent.port() > 0);
    ConnectionDialog dialog;
    dialog.show();
    paste(dialog,
          QStringLiteral("postgresql://nobody@127.0.0.1:%1/db?connect_timeout=2&sslmode=disable")
              .arg(silent.port()));

    int ticks = 0;
    qint64 longestGap = 0;
    QElapsedTimer sinceTick;
    QTimer ticker;
    ticker.setInterval(10);
    connect(&ticker, &QTimer::timeout, this, [&] {
        if (ticks > 0)
            longestGap = qMax(longestGap, sinceTick.elapsed());
        sinceTick.restart();
        ++ticks;
    });
    QSignalSpy finished(&dialog, &ConnectionDialog::testFinished);
    QElapsedTimer total;
    total.start();
    ticker.start();
    dialog.testConnection();
    QVERIFY(dialog.isTesting());
    QVERIFY(finished.wait(20000));
    ticker.stop();
    const qint64 elapsed = total.elapsed();

    QVERIFY2(elapsed >= 1500, qPrintable(QString::number(elapsed))); // it really waited
    QCOMPARE(finished.first().at(0).toBool(), false);
    QVERIFY2(resultText(dialog).contains(QStringLiteral("timeout")),
             qPrintable(resultText(dialog)));
    // The event loop kept turning the whole time.
    QVERIFY2(ticks >= elapsed / 10 / 2,
             qPrintable(QStringLiteral("%1 ticks in %2 ms").arg(ticks).arg(elapsed)));
    QVERIFY2(longestGap < 250, qPrintable(QStringLiteral("longest gap %1 ms").arg(longestGap)));
}

void TestConnectionDialog::profilesNeverHoldPasswords()
{
    const QString password = QStringLiteral("S3cr3t-p@ss word");
    FakePasswordStore store;
    {
        ConnectionDialog dialog;
        dialog.setPasswordStore(&store);
        paste(
            dialog,
            QStringLiteral(
                "postgresql://dba:S3cr3t-p%40ss%20word@db.example.com:5433/shop?sslmode=require"));
        QCOMPARE(dialog.spec().password, password);
        dialog.saveProfile(QStringLiteral("Shop production"));
        QCOMPARE(dialog.profileName(), QStringLiteral("Shop production"));
        // A SQLite one as well.
        dialog.setSpec(sqliteSpec(QStringLiteral("/srv/data/local.db")));
        dialog.saveProfile(QStringLiteral("Local"));
    }
    QVERIFY(store.entries.isEmpty()); // "Remember password" was not ticked

    ConnectionProfiles profiles;
    const auto all = profiles.all();
    QCOMPARE(all.size(), 2);
    QCOMPARE(all[0].name, QStringLiteral("Local"));
    QCOMPARE(all[0].url, QStringLiteral("sqlite:///srv/data/local.db"));
    QCOMPARE(all[1].name, QStringLiteral("Shop production"));
    QCOMPARE(all[1].url,
             QStringLiteral("postgresql://dba@db.example.com:5433/shop?sslmode=require"));
    QCOMPARE(all[1].rememberPassword, false);

    // Not in the settings file, in any spelling.
    const QString fileName = QSettings().fileName();
    QVERIFY2(fileName.startsWith(m_settingsDir.path()), qPrintable(fileName));
    QFile file(fileName);
    QVERIFY(file.open(QIODevice::ReadOnly));
    const QByteArray contents = file.readAll();
    QVERIFY(contents.contains("Shop production"));
    for (const QByteArray &spelling :
         {password.toUtf8(), QByteArray("S3cr3t"), QUrl::toPercentEncoding(password)})
        QVERIFY2(!contents.contains(spelling), contents.constData());

    // A password option that slipped into a spec is kept out as well.
    ConnectionSpec sneaky = *ConnectionSpec::parse(QStringLiteral("postgresql://h/db"));
    sneaky.options.append({QStringLiteral("password"), QStringLiteral("S3cr3t-option")});
    profiles.save(QStringLiteral("Sneaky"), sneaky, false);
    file.close();
    QVERIFY(file.open(QIODevice::ReadOnly));
    QVERIFY(!file.readAll().contains("S3cr3t"));

    // Loading a profile in a new dialog: fields back, no password.
    ConnectionDialog dialog;
    dialog.setPasswordStore(&store);
    auto *combo = child<QComboBox>(dialog, "profile");
    const int index = combo->findData(QStringLiteral("Shop production"));
    QVERIFY(index > 0);
    combo->setCurrentIndex(index);
    emit combo->activated(index);
    QCOMPARE(child<QLineEdit>(dialog, "host")->text(), QStringLiteral("db.example.com"));
    QCOMPARE(child<QLineEdit>(dialog, "port")->text(), QStringLiteral("5433"));
    QCOMPARE(child<QComboBox>(dialog, "sslmode")->currentData().toString(),
             QStringLiteral("require"));
    QVERIFY(child<QLineEdit>(dialog, "password")->text().isEmpty());
    QCOMPARE(dialog.profileName(), QStringLiteral("Shop production"));

    // Delete.
    dialog.deleteProfile(QStringLiteral("Shop production"));
    QCOMPARE(combo->findData(QStringLiteral("Shop production")), -1);
    QVERIFY(!ConnectionProfiles().find(QStringLiteral("Shop production")));
}

void TestConnectionDialog::profileRemembersPasswordInKeychain()
{
    FakePasswordStore store;
    const QString url = QStringLiteral("postgresql://dba:pw%21@db.example.com/shop");
    const QString key = PasswordStore::keyFor(*ConnectionSpec::parse(url));
    QCOMPARE(key, QStringLiteral("postgresql://dba@db.example.com/shop"));
    {
        ConnectionDialog dialog;
        dialog.setPasswordStore(&store);
        paste(dialog, url);
        child<QCheckBox>(dialog, "rememberPassword")->click();
        QTRY_VERIFY(!keychainText(dialog).contains(QStringLiteral("Checking")));
        QVERIFY(child<QCheckBox>(dialog, "rememberPassword")->isChecked());
        dialog.saveProfile(QStringLiteral("Shop"));
        QTRY_COMPARE(store.entries.value(key), QStringLiteral("pw!"));
        QTRY_VERIFY2(keychainText(dialog).contains(QStringLiteral("Password saved")),
                     qPrintable(keychainText(dialog)));
    }
    QCOMPARE(ConnectionProfiles().find(QStringLiteral("Shop"))->rememberPassword, true);
    QFile settings(QSettings().fileName());
    QVERIFY(settings.open(QIODevice::ReadOnly));
    QVERIFY(!settings.readAll().contains("pw!"));

    // setSpec with the same connection (no password) finds the profile and the password.
    {
        ConnectionDialog dialog;
        dialog.setPasswordStore(&store);
        dialog.setSpec(
            *ConnectionSpec::parse(QStringLiteral("postgresql://dba@db.example.com/shop")));
        QCOMPARE(child<QComboBox>(dialog, "profile")->currentData().toString(),
                 QStringLiteral("Shop"));
        QVERIFY(child<QCheckBox>(dialog, "rememberPassword")->isChecked());
        QTRY_COMPARE(dialog.spec().password, QStringLiteral("pw!"));
        QTRY_VERIFY(
            keychainText(dialog).contains(QStringLiteral("Password from the system keychain")));

        // Connecting with "Remember" unticked forgets it.
        child<QCheckBox>(dialog, "rememberPassword")->click();
        dialog.accept();
        QCOMPARE(dialog.result(), int(QDialog::Accepted));
        QTRY_VERIFY(!store.entries.contains(key));
        QCOMPARE(ConnectionProfiles().find(QStringLiteral("Shop"))->rememberPassword, false);
    }

    // OK with "Remember" ticked stores it, then closes.
    {
        ConnectionDialog dialog;
        dialog.setPasswordStore(&store);
        paste(dialog, url);
        child<QCheckBox>(dialog, "rememberPassword")->click();
        dialog.accept();
        QTRY_COMPARE(dialog.result(), int(QDialog::Accepted));
        QCOMPARE(store.entries.value(key), QStringLiteral("pw!"));
    }
}

void TestConnectionDialog::keychainUnavailableIsSaid()
{
    if (!qEnvironmentVariable("DBUS_SESSION_BUS_ADDRESS").isEmpty())
        QSKIP("a D-Bus session exists here: a keychain may be available");
    ConnectionDialog dialog; // the real QtKeychain store
    paste(dialog, QStringLiteral("postgresql://dba:pw@db.example.com/shop"));
    auto *remember = child<QCheckBox>(dialog, "rememberPassword");
    remember->click();
    QTRY_VERIFY2_WITH_TIMEOUT(keychainText(dialog).contains(QStringLiteral(
                                  "Password not saved: no system keychain available")),
                              qPrintable(keychainText(dialog)), 20000);
    QVERIFY(!remember->isChecked());
    QVERIFY(rowVisible(dialog, child<QWidget>(dialog, "keychainNote")->parentWidget()));
    // Ticking again answers at once.
    remember->click();
    QVERIFY(!remember->isChecked());
    QVERIFY(keychainText(dialog).contains(QStringLiteral("no system keychain available")));
}

void TestConnectionDialog::keychainUnavailableOnAccept()
{
    FakePasswordStore store;
    store.available = false;
    ConnectionDialog dialog;
    dialog.setPasswordStore(&store);
    paste(dialog, QStringLiteral("postgresql://dba:pw@db.example.com/shop"));
    // Tick and press OK at once, before the keychain probe has answered.
    child<QCheckBox>(dialog, "rememberPassword")->setChecked(true);
    dialog.accept();
    QVERIFY(!dialog.findChild<QDialogButtonBox *>()->button(QDialogButtonBox::Ok)->isEnabled());
    QTRY_VERIFY2(resultText(dialog).contains(
                     QStringLiteral("Password not saved: no system keychain available")),
                 qPrintable(resultText(dialog)));
    QVERIFY(dialog.result() != QDialog::Accepted);
    QVERIFY(!child<QCheckBox>(dialog, "rememberPassword")->isChecked());
    QVERIFY(store.entries.isEmpty());
    // OK again connects without the password stored.
    dialog.accept();
    QCOMPARE(dialog.result(), int(QDialog::Accepted));
    QCOMPARE(dialog.spec().password, QStringLiteral("pw"));
}

void TestConnectionDialog::keychainTimeout()
{
    // A keychain that does not answer in time counts as unavailable.
    PasswordStore store;
    store.setService(QStringLiteral("strata-test"));
    store.setTimeoutMs(0);
    std::optional<PasswordResult> result;
    store.read(QStringLiteral("k"), this, [&](const PasswordResult &r) { result = r; });
    QTRY_VERIFY(result.has_value());
    QCOMPARE(int(result->status), int(PasswordResult::Status::Unavailable));
    QVERIFY2(result->detail.contains(QStringLiteral("did not answer")), qPrintable(result->detail));
    // The late answer of the real job is ignored (no second call).
    int calls = 0;
    store.read(QStringLiteral("k2"), this, [&](const PasswordResult &) { ++calls; });
    QTest::qWait(200);
    QCOMPARE(calls, 1);
}

void TestConnectionDialog::keyboard()
{
    STRATA_SCRATCH(db, Engine::Sqlite);
    {
        auto session = strata::DatabaseSession::open(db.spec());
        QVERIFY(session);
    }
    ConnectionDialog dialog;
    dialog.setSpec(db.spec());
    dialog.show();
    QApplication::setActiveWindow(&dialog);
    QVERIFY(QTest::qWaitForWindowActive(&dialog));

    // Ctrl+T tests.
    QSignalSpy finished(&dialog, &ConnectionDialog::testFinished);
    QTest::keyClick(&dialog, Qt::Key_T, Qt::ControlModifier);
    QVERIFY(finished.count() == 1 || finished.wait(10000));
    QVERIFY(finished.first().at(0).toBool());

    // Tab order follows the form: PostgreSQL fields top to bottom.
    dialog.setSpec(*ConnectionSpec::parse(QStringLiteral("postgresql://u@h/db")));
    QWidget *host = child<QLineEdit>(dialog, "host");
    const QList<QWidget *> expected = {child<QLineEdit>(dialog, "port"),
                                       child<QLineEdit>(dialog, "database"),
                                       child<QLineEdit>(dialog, "user"),
                                       child<QLineEdit>(dialog, "password"),
                                       child<QCheckBox>(dialog, "rememberPassword"),
                                       child<QComboBox>(dialog, "sslmode"),
                                       child<QPushButton>(dialog, "test")};
    host->setFocus();
    QTRY_COMPARE(QApplication::focusWidget(), host);
    for (QWidget *next : expected) {
        QTest::keyClick(QApplication::focusWidget(), Qt::Key_Tab);
        QCOMPARE(QApplication::focusWidget()->objectName(), next->objectName());
    }

    // Enter in a field is OK, even with focus on the Test button.
    QTest::keyClick(QApplication::focusWidget(), Qt::Key_Return);
    QCOMPARE(dialog.result(), int(QDialog::Accepted));
    QVERIFY(finished.count() == 1);
}

void TestConnectionDialog::labelsHaveBuddies()
{
    ConnectionDialog dialog;
    int withMnemonic = 0;
    for (QLabel *label : dialog.findChildren<QLabel *>()) {
        if (!label->text().contains(u'&') || label->textFormat() == Qt::RichText)
            continue;
        ++withMnemonic;
        QVERIFY2(label->buddy(), qPrintable(label->text()));
    }
    QVERIFY(withMnemonic >= 8);
    // Mnemonics are unique.
    QSet<QChar> keys;
    for (QWidget *w : dialog.findChildren<QWidget *>()) {
        QString text;
        if (auto *label = qobject_cast<QLabel *>(w))
            text = label->text();
        else if (auto *button = qobject_cast<QAbstractButton *>(w))
            text = button->text();
        const qsizetype amp = text.indexOf(u'&');
        if (amp < 0 || amp + 1 >= text.size() || text[amp + 1] == u'&')
            continue;
        const QChar key = text[amp + 1].toLower();
        QVERIFY2(!keys.contains(key),
                 qPrintable(QStringLiteral("duplicate mnemonic %1 in %2").arg(key).arg(text)));
        keys.insert(key);
    }
}

// ---- Workspaces: a connection and a folder chosen together -----------------------------------

namespace {

bool writeFolder(const QString &dir, const QList<QPair<QString, QByteArray>> &files)
{
    for (const auto &[name, content] : files) {
        const QString path = dir + u'/' + name;
        if (!QDir().mkpath(QFileInfo(path).absolutePath()))
            return false;
        QFile file(path);
        if (!file.open(QIODevice::WriteOnly) || file.write(content) != content.size())
            return false;
    }
    return true;
}

// Types into a line edit the way a user does: select everything, then the keys.
void retype(QLineEdit *edit, const QString &text)
{
    edit->setFocus();
    edit->selectAll();
    QTest::keyClick(edit, Qt::Key_Delete);
    QTest::keyClicks(edit, text);
}

QString folderSummary(const ConnectionDialog &dialog)
{
    return child<QLabel>(dialog, "folderSummary")->text() + u'\n' +
           child<QLabel>(dialog, "folderNote")->text();
}

} // namespace

void TestConnectionDialog::folderFormatIsShown_data()
{
    using Files = QList<QPair<QString, QByteArray>>;
    QTest::addColumn<Files>("files");
    QTest::addColumn<QString>("subfolder"); // the folder chosen, under the scratch dir
    QTest::addColumn<QStringList>("says");

    const QByteArray sql = "SELECT 1;\n";
    QTest::newRow("Flyway") << Files{{"V1__a.sql", sql}, {"U1__a.sql", sql}, {"V2__b.sql", sql}}
                            << "" << QStringList{"Flyway", "2 versions", "1 with undo"};
    QTest::newRow("golang-migrate") << Files{{"1_a.up.sql", sql}, {"1_a.down.sql", sql}} << ""
                                    << QStringList{"golang-migrate", "1 version", "1 with undo"};
    QTest::newRow("dbmate") << Files{{"20240101000000_a.sql", "-- migrate:up\nSELECT 1;\n"}} << ""
                            << QStringList{"dbmate", "1 version", "0 with undo"};
    QTest::newRow("Alembic") << Files{} << "alembic" << QStringList{"Alembic project", "revisions"};
    QTest::newRow("empty folder") << Files{} << "" << QStringList{"No migrations yet"};
    QTest::newRow("missing folder") << Files{} << "gone" << QStringList{"does not exist"};
    QTest::newRow("a misnamed file") << Files{{"V1__a.sql", sql}, {"V6_add_note.sql", sql}} << ""
                                     << QStringList{"Flyway", "1 version", "1 file cannot be used",
                                                    "V6_add_note.sql", "V6__add_note.sql"};
    QTest::newRow("a duplicate version")
        << Files{{"V1__a.sql", sql}, {"V2__b.sql", sql}, {"V2__c.sql", sql}} << ""
        << QStringList{"1 version", "2 files cannot be used", "duplicate version 2"};
}

void TestConnectionDialog::folderFormatIsShown()
{
    using Files = QList<QPair<QString, QByteArray>>;
    QFETCH(Files, files);
    QFETCH(QString, subfolder);
    QFETCH(QStringList, says);

    QTemporaryDir scratch;
    QVERIFY(scratch.isValid());
    QVERIFY(writeFolder(scratch.path(), files));
    QString folder = subfolder.isEmpty() ? scratch.path() : scratch.filePath(subfolder);
    if (subfolder == QLatin1String("alembic"))
        folder = qEnvironmentVariable("STRATA_SOURCE_DIR") +
                 QStringLiteral("/tests/fixtures/alembic/shop");

    ConnectionDialog dialog;
    dialog.setWorkspace(sqliteSpec(scratch.filePath(QStringLiteral("x.db"))), QString());
    dialog.show();
    QVERIFY(QTest::qWaitForWindowExposed(&dialog));
    auto *edit = child<QLineEdit>(dialog, "migrationsFolder");
    QVERIFY(edit->isVisible());
    QVERIFY(child<QPushButton>(dialog, "browseFolder")->isVisible());
    retype(edit, folder);
    for (const QString &text : std::as_const(says))
        QTRY_VERIFY2(folderSummary(dialog).contains(text), qPrintable(folderSummary(dialog)));
    QCOMPARE(dialog.migrationsFolder(), QDir::cleanPath(folder));
}

// Finding: connecting to a billing database kept the demo shop folder. The dialog asks for the
// folder, offers recent workspaces (never with their password), and a changed connection never
// keeps another connection's folder silently.
void TestConnectionDialog::workspaceIsAConnectionAndAFolder()
{
    QTemporaryDir scratch;
    QVERIFY(scratch.isValid());
    const QString shopFolder = scratch.filePath(QStringLiteral("shop-migrations"));
    const QString billingFolder = scratch.filePath(QStringLiteral("billing-migrations"));
    QVERIFY(writeFolder(shopFolder, {{"V1__a.sql", "SELECT 1;\n"}, {"V2__b.sql", "SELECT 2;\n"}}));
    QVERIFY(writeFolder(billingFolder, {{"1_invoices.up.sql", "SELECT 1;\n"}}));
    const QString shopDb = scratch.filePath(QStringLiteral("shop.db"));
    const QString billingDb = scratch.filePath(QStringLiteral("billing.db"));
    const QString newDb = scratch.filePath(QStringLiteral("new.db"));
    for (const QString &db : {shopDb, billingDb}) {
        QFile file(db);
        QVERIFY(file.open(QIODevice::WriteOnly));
    }

    // Recent workspaces: pairs, newest first; a password never reaches the settings.
    {
        strata::RecentWorkspaces recent;
        ConnectionSpec pg = *ConnectionSpec::parse(
            QStringLiteral("postgresql://dba:s3cret@db.example.com/billing"));
        recent.add(pg, billingFolder);
        recent.add(sqliteSpec(billingDb), billingFolder);
        recent.add(sqliteSpec(shopDb), shopFolder);
        QCOMPARE(recent.all().size(), 3);
        QCOMPARE(recent.all().first().folder, shopFolder);
        QCOMPARE(recent.folderFor(pg).value_or(QString()), billingFolder);
        QSettings settings;
        settings.sync();
        QFile file(settings.fileName());
        QVERIFY(file.open(QIODevice::ReadOnly));
        const QByteArray text = file.readAll();
        QVERIFY(text.contains("db.example.com"));
        QVERIFY(!text.contains("s3cret"));
    }

    ConnectionDialog dialog;
    FakePasswordStore store;
    dialog.setPasswordStore(&store);
    dialog.setWorkspace(sqliteSpec(shopDb), shopFolder);
    dialog.show();
    QVERIFY(QTest::qWaitForWindowExposed(&dialog));
    auto *folderEdit = child<QLineEdit>(dialog, "migrationsFolder");
    auto *recentCombo = child<QComboBox>(dialog, "recentWorkspace");
    QVERIFY(recentCombo->isVisible());
    QCOMPARE(recentCombo->count(), 4); // the prompt and three workspaces
    QCOMPARE(dialog.migrationsFolder(), shopFolder);
    QVERIFY2(folderSummary(dialog).contains(QStringLiteral("Flyway · 2 versions")),
             qPrintable(folderSummary(dialog)));

    // Another database typed in: the folder last used with it comes along, and says so.
    retype(child<QLineEdit>(dialog, "path"), billingDb);
    QCOMPARE(dialog.migrationsFolder(), billingFolder);
    QVERIFY2(folderSummary(dialog).contains(QStringLiteral("golang-migrate")),
             qPrintable(folderSummary(dialog)));
    QVERIFY(folderSummary(dialog).contains(QStringLiteral("last used with this database")));
    if (const QString shots = qEnvironmentVariable("STRATA_SCREENSHOT_DIR"); !shots.isEmpty())
        QVERIFY(dialog.grab().save(shots + QStringLiteral("/workspace-dialog.png")));

    // A database never used before: no folder is carried over, and Connect asks for one.
    retype(child<QLineEdit>(dialog, "path"), newDb);
    auto *create = child<QCheckBox>(dialog, "createFile");
    QTest::mouseClick(create, Qt::LeftButton, {}, QPoint(8, create->height() / 2)); // its box
    QVERIFY(create->isChecked());
    QVERIFY(dialog.migrationsFolder().isEmpty());
    QVERIFY2(folderSummary(dialog).contains(QStringLiteral("not carried over")),
             qPrintable(folderSummary(dialog)));
    if (const QString shots = qEnvironmentVariable("STRATA_SCREENSHOT_DIR"); !shots.isEmpty())
        QVERIFY(dialog.grab().save(shots + QStringLiteral("/workspace-dialog-new-db.png")));
    auto *connect = dialog.findChild<QDialogButtonBox *>()->button(QDialogButtonBox::Ok);
    QTest::mouseClick(connect, Qt::LeftButton);
    QVERIFY(dialog.isVisible());
    QCOMPARE(dialog.result(), int(QDialog::Rejected));
    QVERIFY2(resultText(dialog).contains(QStringLiteral("Choose the migrations folder")),
             qPrintable(resultText(dialog)));
    QVERIFY(folderEdit->hasFocus());

    // The user types the shop folder for it: that is a choice, kept, and Connect takes both.
    QTest::keyClicks(folderEdit, shopFolder);
    QTRY_VERIFY(folderSummary(dialog).contains(QStringLiteral("Flyway")));
    QTest::mouseClick(connect, Qt::LeftButton);
    QTRY_COMPARE(dialog.result(), int(QDialog::Accepted));
    QCOMPARE(dialog.spec().path, newDb);
    QCOMPARE(dialog.migrationsFolder(), shopFolder);

    // Reopened, a recent workspace picked from the list fills the connection and its folder.
    ConnectionDialog again;
    again.setPasswordStore(&store);
    again.setWorkspace(sqliteSpec(newDb), shopFolder);
    again.show();
    QVERIFY(QTest::qWaitForWindowExposed(&again));
    auto *combo = child<QComboBox>(again, "recentWorkspace");
    const int billingRow = combo->findText(QStringLiteral("billing.db — billing-migrations"));
    QVERIFY2(billingRow > 0, qPrintable(combo->itemText(1)));
    combo->setFocus();
    combo->setCurrentIndex(0);
    for (int i = 0; i < billingRow; ++i)
        QTest::keyClick(combo, Qt::Key_Down);
    QCOMPARE(again.spec().path, billingDb);
    QCOMPARE(again.migrationsFolder(), billingFolder);
}

void TestConnectionDialog::screenshots()
{
    // Renders the screenshot example in light and dark Fusion palettes; STRATA_SCREENSHOT_DIR
    // keeps the PNGs.
    const QString outDir = qEnvironmentVariable("STRATA_SCREENSHOT_DIR");
    const QPalette light = QApplication::style()->standardPalette();
    QPalette dark;
    dark.setColor(QPalette::Window, QColor(0x2b, 0x2d, 0x30));
    dark.setColor(QPalette::WindowText, QColor(0xdf, 0xe1, 0xe5));
    dark.setColor(QPalette::Base, QColor(0x1e, 0x1f, 0x22));
    dark.setColor(QPalette::AlternateBase, QColor(0x2b, 0x2d, 0x30));
    dark.setColor(QPalette::Text, QColor(0xdf, 0xe1, 0xe5));
    dark.setColor(QPalette::PlaceholderText, QColor(0x86, 0x8a, 0x91));
    dark.setColor(QPalette::Button, QColor(0x39, 0x3b, 0x40));
    dark.setColor(QPalette::ButtonText, QColor(0xdf, 0xe1, 0xe5));
    dark.setColor(QPalette::Highlight, QColor(0x35, 0x74, 0xf0));
    dark.setColor(QPalette::HighlightedText, Qt::white);
    dark.setColor(QPalette::Light, QColor(0x4e, 0x51, 0x57));
    dark.setColor(QPalette::Midlight, QColor(0x43, 0x45, 0x4a));
    dark.setColor(QPalette::Mid, QColor(0x25, 0x26, 0x29));
    dark.setColor(QPalette::Dark, QColor(0x1b, 0x1c, 0x1e));
    dark.setColor(QPalette::Shadow, Qt::black);
    dark.setColor(QPalette::ToolTipBase, QColor(0x39, 0x3b, 0x40));
    dark.setColor(QPalette::ToolTipText, QColor(0xdf, 0xe1, 0xe5));
    dark.setColor(QPalette::Disabled, QPalette::Text, QColor(0x6f, 0x73, 0x7a));
    dark.setColor(QPalette::Disabled, QPalette::WindowText, QColor(0x6f, 0x73, 0x7a));
    dark.setColor(QPalette::Disabled, QPalette::ButtonText, QColor(0x6f, 0x73, 0x7a));

    const QPalette original = QApplication::palette();
    for (const auto &[name, palette] : {std::pair{"light", light}, std::pair{"dark", dark}}) {
        QApplication::setPalette(palette);
        ConnectionDialog dialog;
        dialog.setExampleForScreenshots();
        dialog.show();
        QVERIFY(QTest::qWaitForWindowExposed(&dialog));
        const QPixmap shot = dialog.grab();
        QVERIFY(!shot.isNull());
        QVERIFY(shot.width() >= 520);
        QVERIFY(shot.height() >= dialog.minimumSizeHint().height());
        if (!outDir.isEmpty())
            QVERIFY(shot.save(
                QStringLiteral("%1/connection-dialog-%2.png").arg(outDir, QLatin1String(name))));
        // The failure look too, for review.
        ConnectionDialog failed;
        failed.setSpec(*ConnectionSpec::parse(
            QStringLiteral("postgresql://dba@127.0.0.1:1/shop?sslmode=disable")));
        failed.show();
        QSignalSpy done(&failed, &ConnectionDialog::testFinished);
        failed.testConnection();
        QVERIFY(done.wait(15000));
        paste(failed, QStringLiteral("postgresql://dba@db:99x/shop"));
        if (!outDir.isEmpty())
            QVERIFY(failed.grab().save(QStringLiteral("%1/connection-dialog-error-%2.png")
                                           .arg(outDir, QLatin1String(name))));
        // SQLite, and a keychain that is not there, for review.
        if (!outDir.isEmpty()) {
            ConnectionDialog sqlite;
            sqlite.setSpec(sqliteSpec(QStringLiteral("/srv/strata/new-shop.db")));
            sqlite.show();
            QVERIFY(sqlite.grab().save(QStringLiteral("%1/connection-dialog-sqlite-%2.png")
                                           .arg(outDir, QLatin1String(name))));
            FakePasswordStore off;
            off.available = false;
            ConnectionDialog keychain;
            keychain.setPasswordStore(&off);
            keychain.show();
            paste(keychain, QStringLiteral("postgresql://dba:pw@db.example.com/shop"));
            child<QCheckBox>(keychain, "rememberPassword")->click();
            QTRY_VERIFY(keychainText(keychain).contains(QStringLiteral("not saved")));
            QVERIFY(keychain.grab().save(QStringLiteral("%1/connection-dialog-keychain-%2.png")
                                             .arg(outDir, QLatin1String(name))));
        }
    }
    QApplication::setPalette(original);
}

int main(int argc, char **argv)
{
    // GUI tests never need a screen; CTest sets this too, a direct run gets it here.
    if (qEnvironmentVariableIsEmpty("QT_QPA_PLATFORM"))
        qputenv("QT_QPA_PLATFORM", "offscreen");
    QApplication app(argc, argv);
    app.setAttribute(Qt::AA_Use96Dpi, true);
    QTEST_SET_MAIN_SOURCE_PATH
    TestConnectionDialog test;
    return QTest::qExec(&test, argc, argv);
}
#include "tst_connectiondialog.moc"
