// The connection dialog's saved profiles, remembered passwords (system keychain) and accepting
// the dialog, which may store the password first.
#include "ConnectionDialog.h"

#include "ConnectionProfiles.h"
#include "FolderField.h"
#include "PasswordStore.h"
#include "SessionCredentials.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDialogButtonBox>
#include <QFileInfo>
#include <QInputDialog>
#include <QLineEdit>
#include <QMessageBox>
#include <QProgressBar>
#include <QPushButton>
#include <QRadioButton>

namespace strata {

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
    ConnectionSpec filled = *parsed;
    SessionCredentials::instance().fill(filled); // this session's password, before the keychain
    applySpec(filled, false);
    m_syncing = true;
    m_rememberCheck->setChecked(profile->rememberPassword);
    m_syncing = false;
    onFieldsEdited();
    if (profile->rememberPassword) {
        m_rememberedAtStart = true;
        if (filled.password.isEmpty())
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
        // No keychain: say so at once next time. Refused or failed: ask again next time (the
        // user may unlock it).
        m_keychain = result.status == PasswordResult::Status::Unavailable ? Keychain::Unavailable
                                                                          : Keychain::Unknown;
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
    if (const auto error = folderError()) {
        showResult(Tone::Error, *error);
        m_folderField->setFocus();
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

} // namespace strata
