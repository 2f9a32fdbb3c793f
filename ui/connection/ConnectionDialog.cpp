// The connection dialog: building the form, its wiring, and running connection tests on the
// worker thread. Fields and URL: ConnectionForm.cpp; profiles, keychain and accepting:
// ConnectionDialogProfiles.cpp; messages and their tones: ConnectionDialogStatus.cpp.
#include "ConnectionDialog.h"

#include "ConnectionProfiles.h"
#include "ConnectionTester.h"
#include "FolderField.h"
#include "PasswordStore.h"
#include "RecentWorkspaces.h"
#include "SessionCredentials.h"

#include <QButtonGroup>
#include <QCheckBox>
#include <QComboBox>
#include <QDialogButtonBox>
#include <QFormLayout>
#include <QFrame>
#include <QHBoxLayout>
#include <QIntValidator>
#include <QLabel>
#include <QLineEdit>
#include <QProgressBar>
#include <QPushButton>
#include <QRadioButton>
#include <QResizeEvent>
#include <QShortcut>
#include <QThread>
#include <QVBoxLayout>

namespace strata {

namespace {

// A word-wrapped label whose size hints are its height at its current width. Layouts size a
// height-for-width label from its narrow default hint (a one-line message got two or four
// lines' height, a long driver message was cut off); this keeps message rows exactly as tall as
// their text, and re-hints when the width changes.
class WrappingLabel : public QLabel {
public:
    WrappingLabel() { setWordWrap(true); }
    bool hasHeightForWidth() const override { return false; }
    QSize sizeHint() const override { return fitted(QLabel::sizeHint()); }
    QSize minimumSizeHint() const override { return fitted(QLabel::minimumSizeHint()); }

protected:
    void resizeEvent(QResizeEvent *event) override
    {
        QLabel::resizeEvent(event);
        if (event->oldSize().width() != width())
            updateGeometry();
    }

private:
    QSize fitted(QSize size) const
    {
        if (width() > 0 && !text().isEmpty())
            size.setHeight(heightForWidth(width()));
        return size;
    }
};

// An icon + word-wrapped text row used for inline messages.
QWidget *messageRow(QLabel *&icon, QLabel *&text, const QString &name)
{
    auto *row = new QWidget;
    auto *layout = new QHBoxLayout(row);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(6);
    icon = new QLabel;
    icon->setFixedSize(16, 16);
    icon->setObjectName(name + QStringLiteral("Icon"));
    text = new WrappingLabel;
    text->setObjectName(name);
    text->setTextFormat(Qt::RichText);
    text->setTextInteractionFlags(Qt::TextSelectableByMouse);
    text->setAlignment(Qt::AlignLeft | Qt::AlignTop);
    text->setSizePolicy(QSizePolicy::Expanding, QSizePolicy::Preferred);
    layout->addWidget(icon, 0, Qt::AlignTop);
    layout->addWidget(text, 1);
    return row;
}

QPushButton *auxButton(const QString &text, const QString &name)
{
    auto *button = new QPushButton(text);
    button->setObjectName(name);
    button->setAutoDefault(false); // Enter means OK, wherever the focus is
    return button;
}

QLineEdit *lineEdit(const QString &name)
{
    auto *edit = new QLineEdit;
    edit->setObjectName(name);
    return edit;
}

} // namespace

ConnectionDialog::ConnectionDialog(QWidget *parent)
    : QDialog(parent), m_profiles(std::make_unique<ConnectionProfiles>()),
      m_recent(std::make_unique<RecentWorkspaces>()), m_ownStore(std::make_unique<PasswordStore>()),
      m_store(m_ownStore.get())
{
    setWindowTitle(tr("Connect to a Database"));
    setObjectName(QStringLiteral("ConnectionDialog"));
    buildUi();
    reloadProfiles({});
    updateEngineRows();
    refreshTones();
    m_urlEdit->setFocus(); // pasting a URL is the quickest way in
}

ConnectionDialog::~ConnectionDialog()
{
    // QWidget's destructor hides the children after our members are gone, and hiding the
    // focused URL field emits editingFinished: no child may call back into this dialog then.
    for (QWidget *child : findChildren<QWidget *>())
        child->disconnect(this);
    if (!m_thread)
        return;
    m_thread->quit();
    if (!m_testing) {
        m_thread->wait(); // idle: returns at once
        delete m_thread;
    }
    // Else the worker finishes its connection attempt (bounded by connect_timeout), then the
    // thread ends and deletes itself and the tester; this dialog does not wait for it.
}

void ConnectionDialog::buildUi()
{
    setMinimumWidth(520);
    resize(600, 0);
    auto *outer = new QVBoxLayout(this);
    outer->setSpacing(10);

    m_form = new QFormLayout;
    m_form->setFieldGrowthPolicy(QFormLayout::AllNonFixedFieldsGrow);
    m_form->setRowWrapPolicy(QFormLayout::DontWrapRows);
    m_form->setLabelAlignment(Qt::AlignRight | Qt::AlignVCenter);
    outer->addLayout(m_form);
    addRecentRow(); // hidden unless the dialog asks for a workspace

    // Saved profiles
    m_profileCombo = new QComboBox;
    m_profileCombo->setObjectName(QStringLiteral("profile"));
    m_profileCombo->setSizeAdjustPolicy(QComboBox::AdjustToMinimumContentsLengthWithIcon);
    m_profileCombo->setMinimumContentsLength(20);
    m_saveProfileButton = auxButton(tr("Sa&ve…"), QStringLiteral("saveProfile"));
    m_saveProfileButton->setToolTip(tr("Save this connection as a profile (without its password)"));
    m_deleteProfileButton = auxButton(tr("De&lete"), QStringLiteral("deleteProfile"));
    m_deleteProfileButton->setToolTip(tr("Delete the selected profile"));
    auto *profileRow = new QHBoxLayout;
    profileRow->addWidget(m_profileCombo, 1);
    profileRow->addWidget(m_saveProfileButton);
    profileRow->addWidget(m_deleteProfileButton);
    auto *profileLabel = new QLabel(tr("Pr&ofile:"));
    profileLabel->setBuddy(m_profileCombo);
    m_form->addRow(profileLabel, profileRow);

    // URL
    m_urlEdit = lineEdit(QStringLiteral("url"));
    m_urlEdit->setPlaceholderText(
        tr("Paste a URL: postgresql://user@host:5432/db or sqlite:///path/file.db"));
    m_urlEdit->setToolTip(tr("Pasting a URL fills in the fields below. A password in the URL goes "
                             "to the password field and disappears from the URL."));
    m_form->addRow(tr("&URL:"), m_urlEdit);
    m_urlError = new WrappingLabel;
    m_urlError->setObjectName(QStringLiteral("urlError"));
    m_urlError->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_urlErrorRow = m_urlError;
    m_form->addRow(QString(), m_urlError);

    auto *line = new QFrame;
    line->setFrameShape(QFrame::HLine);
    line->setFrameShadow(QFrame::Sunken);
    m_form->addRow(line);

    // Engine
    m_postgresRadio = new QRadioButton(tr("&PostgreSQL server"));
    m_postgresRadio->setObjectName(QStringLiteral("postgres"));
    m_sqliteRadio = new QRadioButton(tr("S&QLite file"));
    m_sqliteRadio->setObjectName(QStringLiteral("sqlite"));
    m_engineGroup = new QButtonGroup(this);
    m_engineGroup->addButton(m_postgresRadio);
    m_engineGroup->addButton(m_sqliteRadio);
    m_postgresRadio->setChecked(true);
    auto *engineRow = new QHBoxLayout;
    engineRow->addWidget(m_postgresRadio);
    engineRow->addSpacing(12);
    engineRow->addWidget(m_sqliteRadio);
    engineRow->addStretch(1);
    auto *engineLabel = new QLabel(tr("Database type:"));
    m_form->addRow(engineLabel, engineRow);

    // PostgreSQL: empty fields fall back to libpq's PG* variables and defaults, which the
    // placeholders show.
    auto env = [](const char *name, const QString &fallback) {
        const QString value = qEnvironmentVariable(name);
        return value.isEmpty() ? fallback : value;
    };
    m_hostEdit = lineEdit(QStringLiteral("host"));
    m_hostEdit->setPlaceholderText(env("PGHOST", QStringLiteral("localhost")));
    m_portEdit = lineEdit(QStringLiteral("port"));
    m_portEdit->setValidator(new QIntValidator(1, 65535, m_portEdit));
    m_portEdit->setPlaceholderText(env("PGPORT", QStringLiteral("5432")));
    m_portEdit->setMaximumWidth(m_portEdit->fontMetrics().horizontalAdvance(u'0') * 7 + 24);
    auto *portLabel = new QLabel(tr("Po&rt:"));
    portLabel->setBuddy(m_portEdit);
    m_hostRow = new QWidget;
    auto *hostRow = new QHBoxLayout(m_hostRow);
    hostRow->setContentsMargins(0, 0, 0, 0);
    hostRow->addWidget(m_hostEdit, 1);
    hostRow->addSpacing(6);
    hostRow->addWidget(portLabel);
    hostRow->addWidget(m_portEdit);
    auto *hostLabel = new QLabel(tr("&Host:"));
    hostLabel->setBuddy(m_hostEdit);
    m_form->addRow(hostLabel, m_hostRow);

    const QString osUser = env("USER", qEnvironmentVariable("USERNAME"));
    const QString user = env("PGUSER", osUser);
    m_databaseEdit = lineEdit(QStringLiteral("database"));
    m_databaseEdit->setPlaceholderText(
        env("PGDATABASE", user.isEmpty() ? tr("same as the user") : user));
    m_form->addRow(tr("&Database:"), m_databaseEdit);
    m_userEdit = lineEdit(QStringLiteral("user"));
    m_userEdit->setPlaceholderText(user);
    m_form->addRow(tr("U&ser:"), m_userEdit);

    m_passwordEdit = lineEdit(QStringLiteral("password"));
    m_passwordEdit->setEchoMode(QLineEdit::Password);
    {
        QString placeholder = tr("none, or from ~/.pgpass");
        if (!qEnvironmentVariable("PGPASSWORD").isEmpty())
            placeholder = tr("from PGPASSWORD");
        else if (!qEnvironmentVariable("PGPASSFILE").isEmpty())
            placeholder = tr("none, or from %1").arg(qEnvironmentVariable("PGPASSFILE"));
        m_passwordEdit->setPlaceholderText(placeholder);
    }
    m_form->addRow(tr("Pass&word:"), m_passwordEdit);
    m_rememberCheck = new QCheckBox(tr("Re&member password in the system keychain"));
    m_rememberCheck->setObjectName(QStringLiteral("rememberPassword"));
    m_form->addRow(QString(), m_rememberCheck);
    m_keychainRow = messageRow(m_keychainIcon, m_keychainNote, QStringLiteral("keychainNote"));
    m_form->addRow(QString(), m_keychainRow);

    m_sslCombo = new QComboBox;
    m_sslCombo->setObjectName(QStringLiteral("sslmode"));
    m_sslCombo->setSizeAdjustPolicy(QComboBox::AdjustToMinimumContentsLengthWithIcon);
    m_sslCombo->setMinimumContentsLength(24);
    const QString envSsl = qEnvironmentVariable("PGSSLMODE");
    m_sslCombo->addItem(envSsl.isEmpty() ? tr("Default (prefer)")
                                         : tr("Default (PGSSLMODE: %1)").arg(envSsl),
                        QString());
    const std::pair<const char *, QString> modes[] = {
        {"disable", tr("no encryption")},
        {"allow", tr("encrypt only if the server insists")},
        {"prefer", tr("encrypt if the server supports it")},
        {"require", tr("always encrypt, do not check the certificate")},
        {"verify-ca", tr("always encrypt, check the certificate authority")},
        {"verify-full", tr("always encrypt, check the authority and the host name")},
    };
    for (const auto &[mode, text] : modes)
        m_sslCombo->addItem(QStringLiteral("%1 — %2").arg(QLatin1String(mode), text),
                            QLatin1String(mode));
    m_form->addRow(tr("SSL mod&e:"), m_sslCombo);

    // SQLite
    m_pathEdit = lineEdit(QStringLiteral("path"));
    m_pathEdit->setPlaceholderText(tr("Path to the database file"));
    m_browseButton = auxButton(tr("&Browse…"), QStringLiteral("browse"));
    m_browseButton->setToolTip(tr("Choose an existing SQLite database"));
    m_newButton = auxButton(tr("&New…"), QStringLiteral("newFile"));
    m_newButton->setToolTip(tr("Choose where to create a new SQLite database"));
    m_fileRow = new QWidget;
    auto *fileRow = new QHBoxLayout(m_fileRow);
    fileRow->setContentsMargins(0, 0, 0, 0);
    fileRow->addWidget(m_pathEdit, 1);
    fileRow->addWidget(m_browseButton);
    fileRow->addWidget(m_newButton);
    auto *fileLabel = new QLabel(tr("&File:"));
    fileLabel->setBuddy(m_pathEdit);
    m_form->addRow(fileLabel, m_fileRow);
    m_createCheck = new QCheckBox(tr("Cre&ate the file if it does not exist"));
    m_createCheck->setObjectName(QStringLiteral("createFile"));
    m_form->addRow(QString(), m_createCheck);
    addFolderRow(); // hidden unless the dialog asks for a workspace

    // Test
    auto *line2 = new QFrame;
    line2->setFrameShape(QFrame::HLine);
    line2->setFrameShadow(QFrame::Sunken);
    outer->addWidget(line2);

    m_testButton = auxButton(tr("&Test Connection"), QStringLiteral("test"));
    m_testButton->setToolTip(tr("Open the connection without keeping it (Ctrl+T)"));
    m_busy = new QProgressBar;
    m_busy->setObjectName(QStringLiteral("busy"));
    m_busy->setRange(0, 0);
    m_busy->setTextVisible(false);
    m_busy->setFixedWidth(96);
    m_busy->setMaximumHeight(m_testButton->sizeHint().height() / 2);
    m_busy->setVisible(false);
    auto *testRow = new QHBoxLayout;
    testRow->addWidget(m_testButton);
    testRow->addWidget(m_busy);
    testRow->addStretch(1);
    outer->addLayout(testRow);
    m_resultRow = messageRow(m_resultIcon, m_resultText, QStringLiteral("result"));
    m_resultRow->setVisible(false);
    outer->addWidget(m_resultRow);
    outer->addStretch(1);

    m_buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel);
    QPushButton *ok = m_buttons->button(QDialogButtonBox::Ok);
    ok->setText(tr("Connect"));
    ok->setDefault(true);
    outer->addWidget(m_buttons);

    auto *testShortcut = new QShortcut(QKeySequence(Qt::CTRL | Qt::Key_T), this);
    connect(testShortcut, &QShortcut::activated, this, &ConnectionDialog::testConnection);

    // Wiring
    connect(m_buttons, &QDialogButtonBox::accepted, this, &ConnectionDialog::accept);
    connect(m_buttons, &QDialogButtonBox::rejected, this, &ConnectionDialog::reject);
    connect(m_testButton, &QPushButton::clicked, this, &ConnectionDialog::testConnection);
    connect(m_profileCombo, &QComboBox::activated, this, &ConnectionDialog::onProfileActivated);
    connect(m_saveProfileButton, &QPushButton::clicked, this, &ConnectionDialog::askProfileName);
    connect(m_deleteProfileButton, &QPushButton::clicked, this,
            &ConnectionDialog::askDeleteProfile);
    connect(m_urlEdit, &QLineEdit::textChanged, this, [this](const QString &text) {
        const bool pasted = text.size() > m_urlPreviousLength + 1; // more than one key's worth
        m_urlPreviousLength = text.size();
        if (!m_syncing)
            onUrlEdited(text, pasted);
    });
    connect(m_urlEdit, &QLineEdit::editingFinished, this, &ConnectionDialog::onUrlEditingFinished);
    connect(m_postgresRadio, &QRadioButton::toggled, this, [this] {
        if (!m_syncing)
            onEngineChanged();
    });
    for (QLineEdit *edit :
         {m_hostEdit, m_portEdit, m_databaseEdit, m_userEdit, m_passwordEdit, m_pathEdit})
        connect(edit, &QLineEdit::textChanged, this, &ConnectionDialog::onFieldsEdited);
    connect(m_sslCombo, &QComboBox::currentIndexChanged, this, &ConnectionDialog::onFieldsEdited);
    connect(m_createCheck, &QCheckBox::toggled, this, &ConnectionDialog::onFieldsEdited);
    connect(m_rememberCheck, &QCheckBox::toggled, this, [this](bool on) {
        if (!m_syncing)
            onRememberToggled(on);
    });
    connect(m_browseButton, &QPushButton::clicked, this, &ConnectionDialog::browseSqlite);
    connect(m_newButton, &QPushButton::clicked, this, &ConnectionDialog::newSqlite);

    setUpTabOrder();
}

void ConnectionDialog::setUpTabOrder()
{
    const QList<QWidget *> order = {
        m_recentCombo,
        m_profileCombo,
        m_saveProfileButton,
        m_deleteProfileButton,
        m_urlEdit,
        m_postgresRadio,
        m_sqliteRadio,
        m_hostEdit,
        m_portEdit,
        m_databaseEdit,
        m_userEdit,
        m_passwordEdit,
        m_rememberCheck,
        m_sslCombo,
        m_pathEdit,
        m_browseButton,
        m_newButton,
        m_createCheck,
        m_folderField->lineEdit(),
        m_folderField->browseButton(),
        m_testButton,
        m_buttons,
    };
    for (qsizetype i = 1; i < order.size(); ++i)
        setTabOrder(order[i - 1], order[i]);
}

// ---- Test -----------------------------------------------------------------------------------

void ConnectionDialog::ensureTester()
{
    if (m_tester)
        return;
    // No parent: if the dialog goes while a test runs, the thread outlives it briefly.
    m_thread = new QThread;
    m_thread->setObjectName(QStringLiteral("ConnectionTest"));
    m_tester = new detail::ConnectionTester;
    m_tester->moveToThread(m_thread);
    connect(m_thread, &QThread::finished, m_tester, &QObject::deleteLater);
    connect(m_thread, &QThread::finished, m_thread, &QObject::deleteLater);
    connect(m_tester, &detail::ConnectionTester::finished, this, &ConnectionDialog::onTestResult);
    m_thread->start();
}

void ConnectionDialog::testConnection()
{
    if (m_testing || m_savingPassword)
        return;
    if (!m_urlErrorText.isEmpty()) {
        showResult(Tone::Error, tr("The URL is not valid: fix it or clear it"));
        return;
    }
    const ConnectionSpec current = spec();
    if (current.engine == Engine::Sqlite && current.path.isEmpty()) {
        showResult(Tone::Error, tr("Choose an SQLite database file"));
        return;
    }
    ensureTester();
    const quint64 ticket = ++m_ticket;
    m_testing = true;
    m_busy->setVisible(true);
    showResult(Tone::Busy, tr("Connecting to %1…").arg(ConnectionProfiles::urlFor(current)));
    updateButtons();
    const bool create = m_createCheck->isChecked();
    detail::ConnectionTester *tester = m_tester;
    QMetaObject::invokeMethod(
        tester, [tester, ticket, current, create] { tester->test(ticket, current, create); },
        Qt::QueuedConnection);
}

void ConnectionDialog::onTestResult(quint64 ticket, bool ok, const QString &headline,
                                    const QString &detail)
{
    m_testing = false;
    m_busy->setVisible(m_savingPassword);
    updateButtons();
    if (ticket != m_ticket) { // the fields changed meanwhile: this answer is for another connection
        if (!m_savingPassword)
            showResult(Tone::Neutral, {});
        return;
    }
    showResult(ok ? Tone::Success : Tone::Error, headline, detail);
    if (ok) // the other windows need not ask for this password again
        SessionCredentials::instance().remember(spec());
    else
        SessionCredentials::instance().forgetRefused(spec(), headline + u' ' + detail);
    emit testFinished(ok, detail.isEmpty() ? headline : headline + u'\n' + detail);
}

} // namespace strata
