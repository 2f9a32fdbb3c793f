#pragma once
// Driving the transfer wizard in GUI tests as a user does: keys into fields, mouse clicks on
// buttons, and the small real databases the tests need. STRATA_SCREENSHOT_DIR=dir saves the
// pages a test reaches as PNGs.

#include "TestDatabases.h"
#include "common/Banner.h"
#include "connection/PasswordStore.h"
#include "connection/SessionCredentials.h"
#include "transfer/TransferWizard.h"
#include "transfer/TransferWizardPages.h"

#include <QAbstractButton>
#include <QLineEdit>
#include <QTest>

namespace strata::wizarddriving {

inline QTemporaryDir *home()
{
    static QTemporaryDir dir;
    return &dir;
}

// Two tables with mixed-case names, a COLLATE NOCASE column and a few rows.
inline QString smallSource(const QTemporaryDir &dir)
{
    const QString path = dir.filePath(QStringLiteral("shop.sqlite"));
    auto session = test::openSession(QStringLiteral("sqlite://") + path);
    for (const char *sql : {
             "CREATE TABLE \"Customer\" (\"CustomerId\" INTEGER PRIMARY KEY, \"Email\" TEXT "
             "COLLATE NOCASE NOT NULL)",
             "CREATE TABLE \"InvoiceLine\" (\"InvoiceLineId\" INTEGER PRIMARY KEY, "
             "\"CustomerId\" INTEGER REFERENCES \"Customer\", \"UnitPrice\" NUMERIC(10,2))",
             "INSERT INTO \"Customer\" WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 "
             "FROM n WHERE i < 20) SELECT i, 'c' || i || '@example.com' FROM n",
             "INSERT INTO \"InvoiceLine\" WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT "
             "i + 1 FROM n WHERE i < 100) SELECT i, 1 + i % 20, i * 0.25 FROM n",
         }) {
        auto done = session->exec(QString::fromUtf8(sql));
        if (!done)
            qWarning("%s", qPrintable(done.error().toString()));
    }
    return path;
}

// pg_virtualenv's server over TCP, where passwords are checked (a socket may trust its user).
inline ConnectionSpec tcp(ConnectionSpec spec)
{
    if (spec.host.isEmpty() || spec.host.startsWith(u'/'))
        spec.host = QStringLiteral("localhost");
    if (spec.user.isEmpty())
        spec.user = qEnvironmentVariable("PGUSER", QStringLiteral("postgres"));
    return spec;
}

inline void click(QWidget *widget)
{
    QVERIFY2(widget->isVisible() && widget->isEnabled(), qPrintable(widget->objectName()));
    QTest::mouseClick(widget, Qt::LeftButton, {}, widget->rect().center());
}

inline void clickNext(TransferWizard &wizard)
{
    QAbstractButton *next = wizard.button(
        wizard.currentPage()->isCommitPage() ? QWizard::CommitButton : QWizard::NextButton);
    click(next);
}

inline void shoot(QWidget *widget, const QString &name)
{
    const QString dir = qEnvironmentVariable("STRATA_SCREENSHOT_DIR");
    if (!dir.isEmpty())
        widget->grab().save(dir + u'/' + name + QStringLiteral(".png"));
}

// Types `text` into `edit` the way a user does: focus, select all, keys.
inline void type(QLineEdit *edit, const QString &text)
{
    edit->setFocus();
    edit->selectAll();
    QTest::keyClick(edit, Qt::Key_Backspace);
    QTest::keyClicks(edit, text);
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

inline QString plainBody(const Banner *banner)
{
    QString body = banner->body();
    body.replace(QStringLiteral("<br>"), QStringLiteral("\n"));
    return banner->title() + u'\n' + body;
}

// Source chosen by keys, the target typed and tested (Enter in the password field), the
// mapping planned and the DDL shown: Start is one click away.
inline void driveToStart(TransferWizard &wizard, const QString &source,
                         const ConnectionSpec &target)
{
    wizard.show();
    wizard.activateWindow(); // keys and focus as a user has them (under a real X server)
    QVERIFY(QTest::qWaitForWindowActive(&wizard));
    type(wizard.sourcePage()->path, source);
    clickNext(wizard);
    QCOMPARE(wizard.currentId(), int(TransferWizard::TargetPageId));
    wizard::TargetPage *page = wizard.targetPage();
    type(page->url, SessionCredentials::withoutPassword(target).displayUrl());
    type(page->password, target.password);
    QTest::keyClick(page->password, Qt::Key_Return);
    QTRY_VERIFY_WITH_TIMEOUT(page->isConnected(), 15000);
    clickNext(wizard);
    QTRY_VERIFY_WITH_TIMEOUT(wizard.mappingPage()->isPlanned(), 30000);
    clickNext(wizard);
    QCOMPARE(wizard.currentId(), int(TransferWizard::PreviewPageId));
    QTRY_VERIFY_WITH_TIMEOUT(wizard.button(QWizard::CommitButton)->isEnabled(), 30000);
}

} // namespace strata::wizarddriving
