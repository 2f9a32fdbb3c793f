// The connection dialog's fields: filling them from a connection, reading it back, keeping the
// URL field and the fields in step, choosing SQLite files, and checking the fields before OK.
#include "ConnectionDialog.h"

#include "ConnectionProfiles.h"
#include "ConnectionTester.h"
#include "SessionCredentials.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDir>
#include <QFileDialog>
#include <QFileInfo>
#include <QFormLayout>
#include <QLineEdit>
#include <QRadioButton>
#include <QStandardPaths>
#include <QTimer>

namespace strata {

using detail::capitalized;

namespace {

const QString kSslMode = QStringLiteral("sslmode");

} // namespace

// ---- Spec <-> fields ------------------------------------------------------------------------

void ConnectionDialog::setSpec(const ConnectionSpec &spec)
{
    // No password given: the one this session already connected with, before the keychain.
    ConnectionSpec filled = spec;
    SessionCredentials::instance().fill(filled);
    applySpec(filled, false);
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
    ConnectionSpec filled = *parsed;
    if (m_passwordEdit->text().isEmpty())
        SessionCredentials::instance().fill(filled);
    applySpec(filled, true);
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
    const ConnectionSpec current = spec();
    m_syncing = true;
    // No file yet: no URL ("sqlite:" alone would not parse back).
    m_urlEdit->setText(current.engine == Engine::Sqlite && current.path.isEmpty()
                           ? QString()
                           : ConnectionProfiles::urlFor(current));
    m_urlEdit->setCursorPosition(0);
    m_syncing = false;
    ++m_ticket;
    if (!m_testing && !m_savingPassword)
        showResult(Tone::Neutral, {});
    updateButtons();
    syncFolderWithConnection();
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

// ---- Validation -----------------------------------------------------------------------------

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

} // namespace strata
