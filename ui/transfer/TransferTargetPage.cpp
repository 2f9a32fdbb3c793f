#include "TransferTargetPage.h"

#include "common/Banner.h"
#include "connection/ConnectionDialog.h"
#include "connection/ConnectionTester.h"
#include "connection/FolderField.h"
#include "connection/SessionCredentials.h"
#include "connection/UrlPasswordGuard.h"

#include <QCheckBox>
#include <QComboBox>
#include <QFormLayout>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QLineEdit>
#include <QPushButton>
#include <QThread>
#include <QToolButton>
#include <QVBoxLayout>

namespace strata::wizard {

namespace {

QString passwordPlaceholder()
{
    if (!qEnvironmentVariable("PGPASSWORD").isEmpty())
        return TargetPage::tr("from PGPASSWORD");
    return TargetPage::tr("none, or from ~/.pgpass");
}

} // namespace

TargetPage::TargetPage(QWidget *parent) : QWizardPage(parent)
{
    setTitle(tr("PostgreSQL connection"));
    setSubTitle(tr("Where the tables go. The connection is tested here before the transfer "
                   "can go on; each table loads in its own transaction."));

    url = new QLineEdit(this);
    url->setObjectName(QStringLiteral("targetUrl"));
    url->setPlaceholderText(QStringLiteral("postgresql://user@host:5432/database"));
    url->setToolTip(tr("A password in the URL moves to the password field and leaves the URL."));
    auto *choose = new QToolButton(this);
    choose->setText(QStringLiteral("…"));
    choose->setToolTip(tr("Choose a connection or a saved profile"));
    auto *urlRow = new QHBoxLayout;
    urlRow->addWidget(url, 1);
    urlRow->addWidget(choose);
    suggestion = new QPushButton(this);
    suggestion->setObjectName(QStringLiteral("useSuggestion"));
    suggestion->setAutoDefault(false);
    suggestion->hide();
    password = new QLineEdit(this);
    password->setObjectName(QStringLiteral("targetPassword"));
    password->setEchoMode(QLineEdit::Password);
    password->setPlaceholderText(passwordPlaceholder());
    test = new QPushButton(tr("&Test Connection"), this);
    test->setObjectName(QStringLiteral("testTarget"));
    test->setAutoDefault(false);
    status = new Banner(this);
    status->setObjectName(QStringLiteral("targetStatus"));
    status->hide();

    schema = new QLineEdit(QStringLiteral("public"), this);
    schema->setObjectName(QStringLiteral("targetSchema"));
    keepCase = new QCheckBox(tr("&Keep names' case (quote names like “InvoiceLine” instead of "
                                "folding them to invoiceline)"),
                             this);
    keepCase->setObjectName(QStringLiteral("keepCase"));
    nocase = new QComboBox(this);
    nocase->setObjectName(QStringLiteral("nocase"));
    nocase->addItem(tr("citext (the citext extension)"), QStringLiteral("citext"));
    nocase->addItem(tr("a case-insensitive ICU collation"), QStringLiteral("icu"));
    badText = new QComboBox(this);
    badText->setObjectName(QStringLiteral("badText"));
    // The order of BadTextPolicy: the item's index is the policy.
    badText->addItem(tr("Stop and name the column (nothing is changed)"));
    badText->addItem(tr("Replace the bad bytes with U+FFFD"));
    badText->addItem(tr("Load the column as bytea, bytes as they are"));
    badText->setToolTip(tr("Text that is not valid UTF-8, or holds NUL bytes, cannot be "
                           "PostgreSQL text."));
    dropExisting = new QCheckBox(tr("Replace tables that already exist (drops them first)"), this);
    dropExisting->setObjectName(QStringLiteral("dropExisting"));

    fromMigrations = new QCheckBox(tr("Build the target from the &migrations folder (its "
                                      "PostgreSQL-ready migrations, then the data; checked "
                                      "first)"),
                                   this);
    fromMigrations->setObjectName(QStringLiteral("fromMigrations"));
    migrationsFolder = new FolderField(this);
    migrationsFolder->setObjectName(QStringLiteral("migrationsFolder"));
    migrationsFolder->setEnabled(false);

    auto *form = new QFormLayout;
    form->addRow(tr("Connection:"), urlRow);
    auto *suggestionRow = new QHBoxLayout;
    suggestionRow->addWidget(suggestion);
    suggestionRow->addStretch(1);
    form->addRow(QString(), suggestionRow);
    form->addRow(tr("Password:"), password);
    auto *testRow = new QHBoxLayout;
    testRow->addWidget(test);
    testRow->addStretch(1);
    form->addRow(QString(), testRow);
    auto *options = new QGroupBox(tr("Target"), this);
    auto *optionsForm = new QFormLayout(options);
    optionsForm->addRow(tr("Schema:"), schema);
    optionsForm->addRow(tr("Names:"), keepCase);
    optionsForm->addRow(tr("COLLATE NOCASE columns:"), nocase);
    optionsForm->addRow(tr("Text that is not UTF-8:"), badText);
    optionsForm->addRow(QString(), dropExisting);
    optionsForm->addRow(tr("Schema from:"), fromMigrations);
    optionsForm->addRow(tr("Migrations folder:"), migrationsFolder);
    auto *layout = new QVBoxLayout(this);
    layout->addLayout(form);
    layout->addWidget(status);
    layout->addWidget(options);
    layout->addStretch(1);

    // Built from the migrations, the target schema must be empty and the types are the folder's.
    connect(fromMigrations, &QCheckBox::toggled, this, [this](bool on) {
        migrationsFolder->setEnabled(on);
        dropExisting->setEnabled(!on);
        if (on)
            dropExisting->setChecked(false);
        emit completeChanged();
    });
    connect(migrationsFolder, &FolderField::chosenByUser, this, &QWizardPage::completeChanged);
    connect(migrationsFolder->lineEdit(), &QLineEdit::textChanged, this,
            &QWizardPage::completeChanged);

    // A password typed or pasted into the URL goes to the password field, out of sight.
    new UrlPasswordGuard(url, [this](const QString &secret) {
        m_filling = true;
        password->setText(secret);
        m_filling = false;
    });
    connect(url, &QLineEdit::textChanged, this, &TargetPage::onEdited);
    connect(password, &QLineEdit::textChanged, this, [this] {
        if (!m_filling)
            onEdited();
    });
    // Leaving the URL, or Enter in either field, tests what was typed.
    connect(url, &QLineEdit::editingFinished, this, [this] {
        if (!m_connected && !m_testing && spec())
            testConnection();
    });
    connect(password, &QLineEdit::returnPressed, this, &TargetPage::testConnection);
    connect(test, &QPushButton::clicked, this, &TargetPage::testConnection);
    connect(choose, &QToolButton::clicked, this, &TargetPage::choose);
    connect(suggestion, &QPushButton::clicked, this, [this] { setSpec(m_suggested); });
}

TargetPage::~TargetPage()
{
    if (!m_thread)
        return;
    m_tester->disconnect(this);
    m_thread->quit();
    if (!m_testing) {
        m_thread->wait(); // idle: returns at once
        delete m_thread;
    }
    // Else the test ends within libpq's connect_timeout; the thread then deletes itself and
    // the tester. The page does not wait for it.
}

void TargetPage::ensureTester()
{
    if (m_tester)
        return;
    m_thread = new QThread; // no parent: it may outlive the page while a test finishes
    m_thread->setObjectName(QStringLiteral("strata-transfer-target-test"));
    m_tester = new detail::ConnectionTester;
    m_tester->moveToThread(m_thread);
    connect(m_thread, &QThread::finished, m_tester, &QObject::deleteLater);
    connect(m_thread, &QThread::finished, m_thread, &QObject::deleteLater);
    connect(m_tester, &detail::ConnectionTester::finished, this, &TargetPage::onTestResult);
    m_thread->start();
}

Result<ConnectionSpec> TargetPage::spec() const
{
    const QString text = url->text().trimmed();
    if (text.isEmpty())
        return Error::usage(tr("Choose the PostgreSQL database to transfer into."));
    auto parsed = ConnectionSpec::parse(text);
    if (!parsed)
        return parsed.error();
    if (parsed->engine != Engine::Postgres)
        return Error::usage(tr("The target must be a PostgreSQL database."));
    ConnectionSpec out = *parsed;
    const QString typed = password->text();
    const QString inUrl = SessionCredentials::passwordOf(out);
    out = SessionCredentials::withoutPassword(out);
    out.password = !typed.isEmpty() ? typed : inUrl;
    SessionCredentials::instance().fill(out);
    return out;
}

void TargetPage::setSpec(const ConnectionSpec &spec)
{
    m_filling = true;
    password->setText(SessionCredentials::passwordOf(spec));
    m_filling = false;
    url->setText(SessionCredentials::withoutPassword(spec).displayUrl());
    url->setCursorPosition(0);
    onEdited(); // the URL may read the same with another password
    testConnection();
}

void TargetPage::suggest(const ConnectionSpec &spec, const QString &label)
{
    m_suggested = spec;
    suggestion->setText(
        tr("Use %1: %2").arg(label, SessionCredentials::withoutPassword(spec).displayUrl()));
    suggestion->show();
}

void TargetPage::initializePage()
{
    // Back on this page with fields that were never tested (or changed): test them now.
    if (!m_connected && !m_testing && spec())
        testConnection();
}

bool TargetPage::isComplete() const
{
    if (fromMigrations->isChecked() && migrationsFolder->folder().isEmpty())
        return false;
    return m_connected && !m_testing && spec().ok();
}

void TargetPage::onEdited()
{
    ++m_generation;
    m_connected = false;
    refreshStatus();
    emit completeChanged();
}

void TargetPage::refreshStatus()
{
    const auto current = spec();
    if (url->text().trimmed().isEmpty())
        status->hide();
    else if (!current)
        showStatus(theme::Tone::Danger, current.error().message);
    else if (!m_testing && !m_connected)
        showStatus(theme::Tone::Info, tr("Not tested yet"),
                   tr("Test the connection (or press Enter in the password field) to go on."));
    const bool kept = current && password->text().isEmpty() &&
                      SessionCredentials::instance().password(*current).has_value();
    password->setPlaceholderText(kept ? tr("the one used earlier in this session")
                                      : passwordPlaceholder());
}

void TargetPage::testConnection()
{
    const auto current = spec();
    if (!current) {
        showStatus(theme::Tone::Danger, current.error().message);
        return;
    }
    ensureTester();
    ++m_pending;
    m_testing = true;
    m_connected = false;
    test->setEnabled(false);
    showStatus(
        theme::Tone::Info,
        tr("Connecting to %1…").arg(SessionCredentials::withoutPassword(*current).displayUrl()));
    emit completeChanged();
    const quint64 generation = m_generation;
    const ConnectionSpec target = *current;
    detail::ConnectionTester *tester = m_tester;
    QMetaObject::invokeMethod(
        tester, [tester, generation, target] { tester->test(generation, target, false); },
        Qt::QueuedConnection);
}

void TargetPage::onTestResult(quint64 generation, bool ok, const QString &headline,
                              const QString &detail)
{
    m_testing = --m_pending > 0;
    test->setEnabled(!m_testing);
    if (generation != m_generation || m_testing) {
        // The fields changed while it ran, or a newer test is on its way: this answer is
        // about another connection.
        refreshStatus();
        emit completeChanged();
        return;
    }
    m_connected = ok;
    if (ok) {
        if (const auto current = spec())
            SessionCredentials::instance().remember(*current);
        showStatus(theme::Tone::Success, headline, detail.toHtmlEscaped());
    } else {
        if (const auto current = spec())
            SessionCredentials::instance().forgetRefused(*current, headline + u' ' + detail);
        showStatus(theme::Tone::Danger, headline,
                   detail.isEmpty() ? QString()
                                    : tr("The server said: %1").arg(detail.toHtmlEscaped()));
    }
    emit completeChanged();
    emit tested(ok, detail.isEmpty() ? headline : headline + u'\n' + detail);
}

void TargetPage::showStatus(theme::Tone tone, const QString &title, const QString &body)
{
    status->setMessage(tone, title, body);
    status->show();
}

void TargetPage::choose()
{
    ConnectionDialog dialog(this);
    if (auto current = spec())
        dialog.setSpec(*current);
    if (dialog.exec() == QDialog::Accepted)
        setSpec(dialog.spec());
}

} // namespace strata::wizard
