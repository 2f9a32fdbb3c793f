#include "ConnectionDialog.h"

#include "ConnectionProfiles.h"
#include "PasswordStore.h"
#include "connection/DatabaseSession.h"

#include <QButtonGroup>
#include <QCheckBox>
#include <QComboBox>
#include <QDialogButtonBox>
#include <QDir>
#include <QElapsedTimer>
#include <QEvent>
#include <QFileDialog>
#include <QFileInfo>
#include <QFormLayout>
#include <QFrame>
#include <QHBoxLayout>
#include <QInputDialog>
#include <QIntValidator>
#include <QLabel>
#include <QLineEdit>
#include <QMessageBox>
#include <QPainter>
#include <QPainterPath>
#include <QProgressBar>
#include <QPushButton>
#include <QRadioButton>
#include <QResizeEvent>
#include <QShortcut>
#include <QStandardPaths>
#include <QThread>
#include <QTimer>
#include <QVBoxLayout>

namespace strata {

namespace detail {

// Lives on the dialog's worker thread: opens the connection there (a QSqlDatabase belongs to the
// thread that opened it) and reports back by a queued signal.
class ConnectionTester : public QObject {
    Q_OBJECT
public:
    void test(quint64 ticket, const ConnectionSpec &spec, bool createIfMissing);

signals:
    void finished(quint64 ticket, bool ok, const QString &headline, const QString &detail);
};

} // namespace detail

namespace {

QString capitalized(QString text)
{
    if (!text.isEmpty())
        text[0] = text[0].toUpper();
    return text;
}

QString elapsedText(const QElapsedTimer &timer)
{
    return ConnectionDialog::tr("Answered in %1 ms.").arg(timer.elapsed());
}

bool isDark(const QPalette &palette)
{
    return palette.color(QPalette::Window).lightness() < 128;
}

const QString kSslMode = QStringLiteral("sslmode");

} // namespace

void detail::ConnectionTester::test(quint64 ticket, const ConnectionSpec &spec,
                                    bool createIfMissing)
{
    QElapsedTimer timer;
    timer.start();
    if (spec.engine == Engine::Sqlite && spec.path != QLatin1String(":memory:")) {
        const QFileInfo file(spec.path);
        if (!file.exists()) {
            const QFileInfo folder(file.absolutePath());
            if (!folder.isDir()) {
                emit finished(ticket, false,
                              ConnectionDialog::tr("The folder %1 does not exist")
                                  .arg(QDir::toNativeSeparators(folder.filePath())),
                              {});
                return;
            }
            if (!createIfMissing) {
                emit finished(ticket, false,
                              ConnectionDialog::tr("No such file: %1")
                                  .arg(QDir::toNativeSeparators(file.absoluteFilePath())),
                              ConnectionDialog::tr("Choose an existing database, or tick “Create "
                                                   "the file if it does not exist”."));
                return;
            }
            if (!folder.isWritable()) {
                emit finished(ticket, false,
                              ConnectionDialog::tr("Cannot create a database in %1")
                                  .arg(QDir::toNativeSeparators(folder.filePath())),
                              ConnectionDialog::tr("The folder is not writable."));
                return;
            }
            // Testing must not leave a file behind: ask an in-memory database for the version.
            ConnectionSpec memory;
            memory.path = QStringLiteral(":memory:");
            auto session = DatabaseSession::open(memory);
            if (!session) {
                emit finished(ticket, false, capitalized(session.error().message),
                              session.error().driverMessage);
                return;
            }
            emit finished(
                ticket, true,
                ConnectionDialog::tr("Ready to create: %1").arg((*session)->serverVersion()),
                ConnectionDialog::tr("The file does not exist yet; it is created when "
                                     "you connect."));
            return;
        }
    }
    OpenOptions options;
    options.busyTimeoutMs = 2000;
    auto session = DatabaseSession::open(spec, options);
    if (!session) {
        const Error &error = session.error();
        emit finished(ticket, false, capitalized(error.message), error.driverMessage);
        return;
    }
    emit finished(ticket, true,
                  ConnectionDialog::tr("Connected: %1").arg((*session)->serverVersion()),
                  elapsedText(timer));
}

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
      m_ownStore(std::make_unique<PasswordStore>()), m_store(m_ownStore.get())
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
        m_profileCombo, m_saveProfileButton, m_deleteProfileButton,
        m_urlEdit,      m_postgresRadio,     m_sqliteRadio,
        m_hostEdit,     m_portEdit,          m_databaseEdit,
        m_userEdit,     m_passwordEdit,      m_rememberCheck,
        m_sslCombo,     m_pathEdit,          m_browseButton,
        m_newButton,    m_createCheck,       m_testButton,
        m_buttons,
    };
    for (qsizetype i = 1; i < order.size(); ++i)
        setTabOrder(order[i - 1], order[i]);
}

// ---- Spec <-> fields ------------------------------------------------------------------------

void ConnectionDialog::setSpec(const ConnectionSpec &spec)
{
    applySpec(spec, false);
    onFieldsEdited(); // the URL field shows it, an earlier test result goes

    // A saved profile for the same connection: select it and use its remembered password.
    const auto profile = m_profiles->findBySpec(this->spec());
    showKeychainNote(Tone::Neutral, {});
    m_rememberedAtStart = false;
    m_syncing = true;
    m_profileCombo->setCurrentIndex(profile ? m_profileCombo->findData(profile->name) : 0);
    m_rememberCheck->setChecked(profile && profile->rememberPassword);
    m_syncing = false;
    if (profile && profile->rememberPassword) {
        m_rememberedAtStart = true;
        if (m_passwordEdit->text().isEmpty())
            loadRememberedPassword();
    }
    updateButtons();
}

void ConnectionDialog::applySpec(const ConnectionSpec &spec, bool keepPasswordIfNone)
{
    m_syncing = true;
    const bool postgres = spec.engine == Engine::Postgres;
    m_postgresRadio->setChecked(postgres);
    m_sqliteRadio->setChecked(!postgres);
    if (postgres) {
        m_hostEdit->setText(spec.host);
        m_portEdit->setText(spec.port > 0 ? QString::number(spec.port) : QString());
        m_databaseEdit->setText(spec.database);
        m_userEdit->setText(spec.user);
        QString password = spec.password;
        m_options.clear();
        for (const auto &option : spec.options) {
            if (option.first.compare(QLatin1String("password"), Qt::CaseInsensitive) == 0)
                password = option.second; // never kept among the options (they reach URLs)
            else
                m_options.append(option);
        }
        if (!password.isEmpty() || !keepPasswordIfNone)
            m_passwordEdit->setText(password);
        const QString mode = spec.option(kSslMode);
        int index = m_sslCombo->findData(mode);
        if (index < 0) {
            m_sslCombo->addItem(mode, mode);
            index = m_sslCombo->count() - 1;
        }
        m_sslCombo->setCurrentIndex(index);
    } else {
        m_pathEdit->setText(spec.path);
        m_createCheck->setChecked(false);
    }
    m_syncing = false;
    updateEngineRows();
}

ConnectionSpec ConnectionDialog::spec() const
{
    ConnectionSpec spec;
    if (m_sqliteRadio->isChecked()) {
        spec.engine = Engine::Sqlite;
        spec.path = m_pathEdit->text().trimmed();
        if (spec.path == QLatin1String("~") || spec.path.startsWith(QLatin1String("~/")))
            spec.path = QDir::homePath() + spec.path.mid(1);
        return spec;
    }
    spec.engine = Engine::Postgres;
    spec.host = m_hostEdit->text().trimmed();
    spec.port = m_portEdit->text().trimmed().toInt();
    spec.database = m_databaseEdit->text().trimmed();
    spec.user = m_userEdit->text().trimmed();
    spec.password = m_passwordEdit->text(); // as typed: spaces may be part of it
    spec.options = m_options;
    const QString mode = m_sslCombo->currentData().toString();
    auto it = std::find_if(spec.options.begin(), spec.options.end(),
                           [](const auto &option) { return option.first == kSslMode; });
    if (it != spec.options.end()) {
        if (mode.isEmpty())
            spec.options.erase(it);
        else
            it->second = mode;
    } else if (!mode.isEmpty()) {
        spec.options.append({kSslMode, mode});
    }
    return spec;
}

QString ConnectionDialog::profileName() const
{
    const QString name = m_profileCombo->currentData().toString();
    if (name.isEmpty())
        return {};
    const auto profile = m_profiles->find(name);
    if (!profile || profile->url != ConnectionProfiles::urlFor(spec()))
        return {};
    return name;
}

void ConnectionDialog::setPasswordStore(PasswordStore *store)
{
    m_store = store;
    m_keychain = Keychain::Unknown;
}

// ---- Edits ----------------------------------------------------------------------------------

void ConnectionDialog::onUrlEdited(const QString &text, bool pasted)
{
    if (text.trimmed().isEmpty()) {
        showUrlError({});
        return;
    }
    auto parsed = ConnectionSpec::parse(text);
    if (!parsed) {
        showUrlError(capitalized(parsed.error().message));
        return;
    }
    showUrlError({});
    applySpec(*parsed, true);
    // A pasted password moves to its field at once, off the screen; one being typed stays
    // until the user leaves the URL field (rewriting it under the cursor would be worse).
    if (pasted && !parsed->password.isEmpty())
        QTimer::singleShot(0, this, &ConnectionDialog::onUrlEditingFinished);
    ++m_ticket; // a new connection: an earlier test result no longer applies
    if (!m_testing)
        showResult(Tone::Neutral, {});
    updateButtons();
}

void ConnectionDialog::onUrlEditingFinished()
{
    // Once the user is done with the URL, show it without the password (it is in its field).
    if (!m_urlErrorText.isEmpty() || m_urlEdit->text().trimmed().isEmpty())
        return;
    const QString url = ConnectionProfiles::urlFor(spec());
    if (url != m_urlEdit->text()) {
        m_syncing = true;
        m_urlEdit->setText(url);
        m_urlEdit->setCursorPosition(0);
        m_syncing = false;
    }
}

void ConnectionDialog::onFieldsEdited()
{
    if (m_syncing)
        return;
    showUrlError({});
    m_syncing = true;
    m_urlEdit->setText(ConnectionProfiles::urlFor(spec()));
    m_urlEdit->setCursorPosition(0);
    m_syncing = false;
    ++m_ticket;
    if (!m_testing && !m_savingPassword)
        showResult(Tone::Neutral, {});
    updateButtons();
}

void ConnectionDialog::onEngineChanged()
{
    updateEngineRows();
    onFieldsEdited();
}

void ConnectionDialog::updateEngineRows()
{
    const bool postgres = m_postgresRadio->isChecked();
    m_form->setRowVisible(m_hostRow, postgres);
    m_form->setRowVisible(m_databaseEdit, postgres);
    m_form->setRowVisible(m_userEdit, postgres);
    m_form->setRowVisible(m_passwordEdit, postgres);
    m_form->setRowVisible(m_rememberCheck, postgres);
    m_form->setRowVisible(m_keychainRow, postgres && !m_keychainText.isEmpty());
    m_form->setRowVisible(m_sslCombo, postgres);
    m_form->setRowVisible(m_fileRow, !postgres);
    m_form->setRowVisible(m_createCheck, !postgres);
}

// ---- Profiles -------------------------------------------------------------------------------

void ConnectionDialog::reloadProfiles(const QString &select)
{
    m_syncing = true;
    m_profileCombo->clear();
    m_profileCombo->addItem(tr("New connection"), QString());
    for (const ConnectionProfile &profile : m_profiles->all())
        m_profileCombo->addItem(profile.name, profile.name);
    const int index = select.isEmpty() ? 0 : m_profileCombo->findData(select);
    m_profileCombo->setCurrentIndex(qMax(0, index));
    m_syncing = false;
    updateButtons();
}

void ConnectionDialog::onProfileActivated(int index)
{
    const QString name = m_profileCombo->itemData(index).toString();
    showKeychainNote(Tone::Neutral, {});
    m_rememberedAtStart = false;
    if (name.isEmpty()) { // "New connection": start from empty fields
        const Engine engine = m_sqliteRadio->isChecked() ? Engine::Sqlite : Engine::Postgres;
        ConnectionSpec fresh;
        fresh.engine = engine;
        applySpec(fresh, false);
        m_syncing = true;
        m_rememberCheck->setChecked(false);
        m_urlEdit->clear();
        m_syncing = false;
        onFieldsEdited();
        return;
    }
    const auto profile = m_profiles->find(name);
    if (!profile)
        return;
    auto parsed = ConnectionSpec::parse(profile->url);
    if (!parsed) {
        showResult(Tone::Error, tr("The profile “%1” has an unreadable URL").arg(name),
                   parsed.error().message);
        return;
    }
    applySpec(*parsed, false);
    m_syncing = true;
    m_rememberCheck->setChecked(profile->rememberPassword);
    m_syncing = false;
    onFieldsEdited();
    if (profile->rememberPassword) {
        m_rememberedAtStart = true;
        loadRememberedPassword();
    }
}

void ConnectionDialog::askProfileName()
{
    QString suggestion = m_profileCombo->currentData().toString();
    if (suggestion.isEmpty()) {
        const ConnectionSpec current = spec();
        if (current.engine == Engine::Sqlite)
            suggestion = QFileInfo(current.path).completeBaseName();
        else
            suggestion = (current.user.isEmpty() ? QString() : current.user + u'@') +
                         (current.host.isEmpty() ? QStringLiteral("localhost") : current.host) +
                         (current.database.isEmpty() ? QString() : u'/' + current.database);
    }
    bool ok = false;
    const QString name = QInputDialog::getText(this, tr("Save Profile"),
                                               tr("Profile name (the password is not part of it):"),
                                               QLineEdit::Normal, suggestion, &ok)
                             .trimmed();
    if (!ok || name.isEmpty())
        return;
    if (name != m_profileCombo->currentData().toString() && m_profiles->find(name)) {
        const auto answer = QMessageBox::question(
            this, tr("Replace Profile"), tr("A profile called “%1” exists. Replace it?").arg(name),
            QMessageBox::Yes | QMessageBox::Cancel, QMessageBox::Cancel);
        if (answer != QMessageBox::Yes)
            return;
    }
    saveProfile(name);
}

void ConnectionDialog::saveProfile(const QString &name)
{
    const QString trimmed = name.trimmed();
    if (trimmed.isEmpty())
        return;
    const ConnectionSpec current = spec();
    const bool postgres = current.engine == Engine::Postgres;
    const bool remember = postgres && m_rememberCheck->isChecked();
    const bool hadPassword =
        m_profiles->find(trimmed).value_or(ConnectionProfile{}).rememberPassword;
    m_profiles->save(trimmed, current, remember);
    reloadProfiles(trimmed);
    showResult(Tone::Success, tr("Saved the profile “%1”").arg(trimmed),
               tr("Passwords are never saved with profiles."));

    const QString key = PasswordStore::keyFor(current);
    if (remember && !current.password.isEmpty() && m_store) {
        showKeychainNote(Tone::Busy, tr("Saving the password in the system keychain…"));
        m_store->write(
            key, current.password, this, [this, trimmed, current](const PasswordResult &result) {
                if (result.ok()) {
                    m_keychain = Keychain::Available;
                    m_rememberedAtStart = true;
                    showKeychainNote(Tone::Success, tr("Password saved in the system keychain"));
                    return;
                }
                if (result.status == PasswordResult::Status::Unavailable)
                    m_keychain = Keychain::Unavailable;
                m_profiles->save(trimmed, current, false);
                m_syncing = true;
                m_rememberCheck->setChecked(false);
                m_syncing = false;
                showKeychainNote(Tone::Error, PasswordStore::writeFailureText(result),
                                 result.detail);
            });
    } else if (!remember && hadPassword && m_store) {
        m_store->remove(key, this, {});
        m_rememberedAtStart = false;
    }
}

void ConnectionDialog::askDeleteProfile()
{
    const QString name = m_profileCombo->currentData().toString();
    if (name.isEmpty())
        return;
    const auto profile = m_profiles->find(name);
    QString text = tr("Delete the profile “%1”?").arg(name);
    if (profile && profile->rememberPassword)
        text += u' ' + tr("Its password is removed from the system keychain too.");
    const auto answer =
        QMessageBox::question(this, tr("Delete Profile"), text,
                              QMessageBox::Yes | QMessageBox::Cancel, QMessageBox::Cancel);
    if (answer == QMessageBox::Yes)
        deleteProfile(name);
}

void ConnectionDialog::deleteProfile(const QString &name)
{
    const auto profile = m_profiles->find(name);
    if (!profile || !m_profiles->remove(name))
        return;
    reloadProfiles({});
    showResult(Tone::Neutral, tr("Deleted the profile “%1”").arg(name));
    if (!profile->rememberPassword || !m_store)
        return;
    // The keychain entry belongs to the connection; keep it while another profile uses it.
    for (const ConnectionProfile &other : m_profiles->all()) {
        if (other.url == profile->url && other.rememberPassword)
            return;
    }
    if (auto parsed = ConnectionSpec::parse(profile->url)) {
        m_store->remove(PasswordStore::keyFor(*parsed), this, {});
        m_rememberedAtStart = false;
    }
}

// ---- SQLite files ---------------------------------------------------------------------------

namespace {

QString sqliteFilter()
{
    return ConnectionDialog::tr("SQLite databases (*.db *.sqlite *.sqlite3 *.db3);;All files (*)");
}

QString startFolder(const QString &path)
{
    if (!path.isEmpty()) {
        const QFileInfo info(path);
        if (info.absoluteDir().exists())
            return info.absolutePath();
    }
    return QStandardPaths::writableLocation(QStandardPaths::DocumentsLocation);
}

} // namespace

void ConnectionDialog::browseSqlite()
{
    const QString file = QFileDialog::getOpenFileName(
        this, tr("Open SQLite Database"), startFolder(m_pathEdit->text()), sqliteFilter());
    if (file.isEmpty())
        return;
    m_pathEdit->setText(QDir::toNativeSeparators(file));
    m_createCheck->setChecked(false);
}

void ConnectionDialog::newSqlite()
{
    const QString folder = startFolder(m_pathEdit->text());
    // No overwrite prompt: an existing file is opened, never replaced.
    const QString file = QFileDialog::getSaveFileName(
        this, tr("New SQLite Database"), QDir(folder).filePath(QStringLiteral("database.db")),
        sqliteFilter(), nullptr, QFileDialog::DontConfirmOverwrite);
    if (file.isEmpty())
        return;
    m_pathEdit->setText(QDir::toNativeSeparators(file));
    m_createCheck->setChecked(!QFileInfo::exists(file));
}

// ---- Keychain -------------------------------------------------------------------------------

void ConnectionDialog::onRememberToggled(bool on)
{
    if (!on) {
        showKeychainNote(Tone::Neutral, {});
        return;
    }
    if (m_keychain == Keychain::Unavailable || !m_store) {
        m_syncing = true;
        m_rememberCheck->setChecked(false);
        m_syncing = false;
        showKeychainNote(
            Tone::Error,
            PasswordStore::writeFailureText({PasswordResult::Status::Unavailable, {}, {}}),
            m_keychainDetail);
        return;
    }
    if (m_keychain == Keychain::Available) {
        showKeychainNote(Tone::Neutral, tr("The password is stored in the system keychain when "
                                           "you connect or save the profile"));
        return;
    }
    if (m_keychain == Keychain::Probing)
        return;
    // Find out now, not after the user relied on it: a read tells whether a keychain answers.
    m_keychain = Keychain::Probing;
    showKeychainNote(Tone::Busy, tr("Checking the system keychain…"));
    m_store->read(PasswordStore::keyFor(spec()), this, [this](const PasswordResult &result) {
        switch (result.status) {
        case PasswordResult::Status::Ok:
        case PasswordResult::Status::NotFound:
            m_keychain = Keychain::Available;
            if (result.ok() && m_passwordEdit->text().isEmpty()) {
                m_passwordEdit->setText(result.password);
                showKeychainNote(Tone::Neutral, tr("Password filled in from the system keychain"));
            } else {
                showKeychainNote(Tone::Neutral, tr("The password is stored in the system keychain "
                                                   "when you connect or save the profile"));
            }
            return;
        case PasswordResult::Status::Unavailable:
        case PasswordResult::Status::Denied:
        case PasswordResult::Status::Failed:
            break;
        }
        m_keychain = Keychain::Unavailable;
        m_syncing = true;
        m_rememberCheck->setChecked(false);
        m_syncing = false;
        showKeychainNote(Tone::Error, PasswordStore::writeFailureText(result), result.detail);
    });
}

void ConnectionDialog::loadRememberedPassword()
{
    if (!m_store)
        return;
    const QString key = PasswordStore::keyFor(spec());
    showKeychainNote(Tone::Busy, tr("Reading the password from the system keychain…"));
    m_store->read(key, this, [this, key](const PasswordResult &result) {
        if (result.ok()) {
            m_keychain = Keychain::Available;
            if (PasswordStore::keyFor(spec()) == key && m_passwordEdit->text().isEmpty()) {
                m_syncing = true;
                m_passwordEdit->setText(result.password);
                m_syncing = false;
            }
            showKeychainNote(Tone::Neutral, tr("Password from the system keychain"));
            return;
        }
        if (result.status == PasswordResult::Status::NotFound) {
            m_keychain = Keychain::Available;
            showKeychainNote(Tone::Warning, PasswordStore::readFailureText(result));
            return;
        }
        m_keychain = Keychain::Unavailable;
        m_rememberedAtStart = false;
        m_syncing = true;
        m_rememberCheck->setChecked(false);
        m_syncing = false;
        showKeychainNote(Tone::Error, PasswordStore::readFailureText(result), result.detail);
    });
}

// ---- Accept ---------------------------------------------------------------------------------

std::optional<QString> ConnectionDialog::validationError() const
{
    if (!m_urlErrorText.isEmpty())
        return tr("The URL is not valid: fix it or clear it");
    const ConnectionSpec current = spec();
    if (current.engine == Engine::Sqlite) {
        if (current.path.isEmpty())
            return tr("Choose an SQLite database file");
        if (current.path == QLatin1String(":memory:"))
            return std::nullopt;
        const QFileInfo file(current.path);
        if (!file.absoluteDir().exists())
            return tr("The folder %1 does not exist")
                .arg(QDir::toNativeSeparators(file.absolutePath()));
        if (file.exists() && !file.isFile())
            return tr("%1 is not a file").arg(QDir::toNativeSeparators(file.absoluteFilePath()));
        if (!file.exists() && !m_createCheck->isChecked())
            return tr("No such file: %1. Tick “Create the file if it does not exist” to make a new "
                      "database.")
                .arg(QDir::toNativeSeparators(file.absoluteFilePath()));
    }
    return std::nullopt;
}

void ConnectionDialog::accept()
{
    if (m_savingPassword)
        return;
    if (const auto error = validationError()) {
        showResult(Tone::Error, *error);
        (m_urlErrorText.isEmpty() ? (m_sqliteRadio->isChecked() ? m_pathEdit : m_hostEdit)
                                  : m_urlEdit)
            ->setFocus();
        return;
    }
    const ConnectionSpec current = spec();
    const bool postgres = current.engine == Engine::Postgres;
    const bool remember = postgres && m_rememberCheck->isChecked();
    if (remember && !current.password.isEmpty() && m_store) {
        storePasswordThenAccept();
        return;
    }
    if (postgres && !remember && m_rememberedAtStart && m_store) {
        // The user unticked "Remember password" for a connection whose password was stored.
        m_store->remove(PasswordStore::keyFor(current), m_store, {});
        if (const auto profile = m_profiles->findBySpec(current))
            m_profiles->save(profile->name, current, false);
    }
    QDialog::accept();
}

void ConnectionDialog::storePasswordThenAccept()
{
    const ConnectionSpec current = spec();
    m_savingPassword = true;
    m_busy->setVisible(true);
    showResult(Tone::Busy, tr("Saving the password in the system keychain…"));
    updateButtons();
    m_store->write(PasswordStore::keyFor(current), current.password, this,
                   [this, current](const PasswordResult &result) {
                       m_savingPassword = false;
                       m_busy->setVisible(m_testing);
                       updateButtons();
                       if (result.ok()) {
                           m_keychain = Keychain::Available;
                           if (const auto profile = m_profiles->findBySpec(current))
                               m_profiles->save(profile->name, current, true);
                           QDialog::accept();
                           return;
                       }
                       if (result.status == PasswordResult::Status::Unavailable)
                           m_keychain = Keychain::Unavailable;
                       m_syncing = true;
                       m_rememberCheck->setChecked(false);
                       m_syncing = false;
                       const QString text = PasswordStore::writeFailureText(result);
                       showKeychainNote(Tone::Error, text, result.detail);
                       showResult(Tone::Error, text,
                                  tr("Press Connect again to connect without saving it."));
                       m_buttons->button(QDialogButtonBox::Ok)->setFocus();
                   });
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
    emit testFinished(ok, detail.isEmpty() ? headline : headline + u'\n' + detail);
}

// ---- Presentation ---------------------------------------------------------------------------

QColor ConnectionDialog::toneColor(Tone tone, const QPalette &palette)
{
    const bool dark = isDark(palette);
    switch (tone) {
    case Tone::Success:
        return dark ? QColor(0x5b, 0xd2, 0x7a) : QColor(0x1a, 0x7f, 0x37);
    case Tone::Warning:
        return dark ? QColor(0xe3, 0xb3, 0x41) : QColor(0x9a, 0x67, 0x00);
    case Tone::Error:
        return dark ? QColor(0xff, 0x7b, 0x72) : QColor(0xc6, 0x28, 0x28);
    case Tone::Neutral:
    case Tone::Busy:
        break;
    }
    return palette.color(QPalette::PlaceholderText);
}

// A small round status icon drawn in the tone's colour, so it follows the palette.
QPixmap ConnectionDialog::toneIcon(Tone tone, const QColor &fill, const QColor &glyph, qreal dpr)
{
    const int size = 16;
    QPixmap pixmap(QSize(size, size) * dpr);
    pixmap.setDevicePixelRatio(dpr);
    pixmap.fill(Qt::transparent);
    QPainter painter(&pixmap);
    painter.setRenderHint(QPainter::Antialiasing);
    painter.setPen(Qt::NoPen);
    painter.setBrush(fill);
    painter.drawEllipse(QRectF(0.5, 0.5, size - 1, size - 1));
    painter.setPen(QPen(glyph, 1.8, Qt::SolidLine, Qt::RoundCap, Qt::RoundJoin));
    painter.setBrush(Qt::NoBrush);
    if (tone == Tone::Success) {
        QPainterPath check;
        check.moveTo(4.6, 8.4);
        check.lineTo(7.0, 10.8);
        check.lineTo(11.4, 5.6);
        painter.drawPath(check);
    } else if (tone == Tone::Error) {
        painter.drawLine(QPointF(5.4, 5.4), QPointF(10.6, 10.6));
        painter.drawLine(QPointF(10.6, 5.4), QPointF(5.4, 10.6));
    } else if (tone == Tone::Warning) {
        painter.drawLine(QPointF(8, 4.2), QPointF(8, 8.8));
        painter.drawPoint(QPointF(8, 11.6));
    } else {
        painter.drawPoint(QPointF(8, 4.6));
        painter.drawLine(QPointF(8, 7.4), QPointF(8, 11.6));
    }
    return pixmap;
}

void ConnectionDialog::showResult(Tone tone, const QString &headline, const QString &detail)
{
    m_resultTone = tone;
    m_resultHeadline = headline;
    m_resultDetail = detail;
    refreshTones();
}

void ConnectionDialog::showKeychainNote(Tone tone, const QString &text, const QString &detail)
{
    m_keychainTone = tone;
    m_keychainText = text;
    m_keychainDetail = detail;
    refreshTones();
}

void ConnectionDialog::showUrlError(const QString &text)
{
    m_urlErrorText = text;
    refreshTones();
}

void ConnectionDialog::refreshTones()
{
    const QPalette pal = palette();
    const qreal dpr = devicePixelRatioF();
    const QColor glyph = pal.color(QPalette::Base);
    auto paint = [&](QLabel *icon, Tone tone) {
        if (tone == Tone::Busy) {
            icon->setPixmap({});
            return;
        }
        icon->setPixmap(toneIcon(tone, toneColor(tone, pal), glyph, dpr));
    };
    // Headlines in the tone's colour, the driver's or keychain's own words below in the text
    // colour.
    auto compose = [&](Tone tone, const QString &headline, const QString &detail) {
        QString html;
        const QColor color = tone == Tone::Neutral || tone == Tone::Busy
                                 ? pal.color(QPalette::WindowText)
                                 : toneColor(tone, pal);
        html += QStringLiteral("<span style=\"color:%1;%2\">%3</span>")
                    .arg(color.name(),
                         tone == Tone::Error || tone == Tone::Success
                             ? QStringLiteral("font-weight:600")
                             : QString(),
                         headline.toHtmlEscaped());
        if (!detail.isEmpty())
            html += QStringLiteral("<br>") +
                    detail.toHtmlEscaped().replace(u'\n', QStringLiteral("<br>"));
        return html;
    };

    const bool haveResult = !m_resultHeadline.isEmpty();
    m_resultRow->setVisible(haveResult);
    if (haveResult) {
        paint(m_resultIcon, m_resultTone);
        m_resultIcon->setVisible(m_resultTone != Tone::Busy);
        m_resultText->setText(compose(m_resultTone, m_resultHeadline, m_resultDetail));
    } else {
        m_resultText->clear();
    }

    const bool haveNote = !m_keychainText.isEmpty();
    if (haveNote) {
        paint(m_keychainIcon, m_keychainTone);
        m_keychainIcon->setVisible(m_keychainTone != Tone::Busy);
        m_keychainNote->setText(compose(m_keychainTone, m_keychainText, m_keychainDetail));
    } else {
        m_keychainNote->clear();
    }
    m_form->setRowVisible(m_keychainRow, haveNote && m_postgresRadio->isChecked());

    QPalette errorPalette = m_urlError->palette();
    errorPalette.setColor(QPalette::WindowText, toneColor(Tone::Error, pal));
    m_urlError->setPalette(errorPalette);
    m_urlError->setText(m_urlErrorText);
    m_form->setRowVisible(m_urlErrorRow, !m_urlErrorText.isEmpty());
    growToFit(); // now, so that a grab() right after a message shows all of it
}

void ConnectionDialog::growToFit()
{
    // Messages wrap to the width they get, so their height is known only once laid out: lay out,
    // let the labels re-hint at their new width, lay out again (twice is enough in practice).
    if (!isVisible())
        return;
    QLayout *top = layout();
    for (int pass = 0; pass < 3; ++pass) {
        top->activate(); // a no-op when nothing changed since the last pass
        const int needed = qMax(top->totalSizeHint().height(), top->totalMinimumSize().height());
        if (needed > height())
            resize(width(), needed);
    }
}

void ConnectionDialog::updateButtons()
{
    const bool busy = m_testing || m_savingPassword;
    m_testButton->setEnabled(!busy);
    m_buttons->button(QDialogButtonBox::Ok)->setEnabled(!m_savingPassword);
    m_deleteProfileButton->setEnabled(!m_profileCombo->currentData().toString().isEmpty());
}

bool ConnectionDialog::event(QEvent *event)
{
    const bool handled = QDialog::event(event);
    if (event->type() == QEvent::LayoutRequest)
        growToFit(); // the layout has just been recomputed, messages included
    return handled;
}

void ConnectionDialog::changeEvent(QEvent *event)
{
    QDialog::changeEvent(event);
    if (event->type() == QEvent::PaletteChange || event->type() == QEvent::StyleChange)
        refreshTones();
}

// ---- Screenshots ----------------------------------------------------------------------------

void ConnectionDialog::setExampleForScreenshots()
{
    m_syncing = true;
    m_profileCombo->clear();
    m_profileCombo->addItem(tr("New connection"), QString());
    for (const char *name : {"Local demo (SQLite)", "Shop — production", "Shop — staging"})
        m_profileCombo->addItem(QString::fromUtf8(name), QString::fromUtf8(name));
    m_profileCombo->setCurrentIndex(2);
    m_syncing = false;
    auto example = ConnectionSpec::parse(
        QStringLiteral("postgresql://dba@db-prod.example.com:5432/shop?sslmode=verify-full"));
    applySpec(*example, false);
    m_syncing = true;
    m_passwordEdit->setText(QStringLiteral("example-password"));
    m_urlEdit->setText(example->displayUrl());
    m_urlEdit->setCursorPosition(0);
    m_rememberCheck->setChecked(true);
    m_syncing = false;
    m_keychain = Keychain::Available;
    showUrlError({});
    showKeychainNote(Tone::Neutral, tr("Password from the system keychain"));
    showResult(Tone::Success, tr("Connected: PostgreSQL 15.4 (Debian 15.4-1.pgdg120+1)"),
               tr("Answered in 38 ms."));
    m_deleteProfileButton->setEnabled(true);
    m_buttons->button(QDialogButtonBox::Ok)->setFocus();
}

} // namespace strata

#include "ConnectionDialog.moc"
