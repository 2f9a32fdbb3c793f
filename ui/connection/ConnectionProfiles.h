#pragma once
// Saved connections ("profiles") in QSettings: a name and a URL, never a password. A profile
// only records whether its password was put in the system keychain (see PasswordStore).

#include "connection/ConnectionSpec.h"
#include <QList>
#include <QString>
#include <memory>
#include <optional>

class QSettings;

namespace strata {

struct ConnectionProfile {
    QString name;
    QString url;                   // ConnectionSpec::displayUrl(): no password, ever
    bool rememberPassword = false; // its password is in the keychain under PasswordStore::keyFor
};

class ConnectionProfiles {
public:
    // Reads and writes `settings`; the application's default QSettings() when null.
    explicit ConnectionProfiles(QSettings *settings = nullptr);
    ~ConnectionProfiles();
    ConnectionProfiles(const ConnectionProfiles &) = delete;
    ConnectionProfiles &operator=(const ConnectionProfiles &) = delete;

    // Every profile, sorted by name (case-insensitively).
    QList<ConnectionProfile> all() const;
    std::optional<ConnectionProfile> find(const QString &name) const;
    // The first profile whose URL is `spec`'s (password ignored).
    std::optional<ConnectionProfile> findBySpec(const ConnectionSpec &spec) const;

    // Adds or replaces the profile called `name`. The URL is made here from `spec` without its
    // password (also without a `password` option, should one have slipped in).
    ConnectionProfile save(const QString &name, const ConnectionSpec &spec, bool rememberPassword);
    // Removes the profile called `name`; false when there was none.
    bool remove(const QString &name);

    // The URL a profile stores for `spec`.
    static QString urlFor(const ConnectionSpec &spec);

private:
    void writeAll(const QList<ConnectionProfile> &profiles);

    std::unique_ptr<QSettings> m_ownSettings;
    QSettings *m_settings;
};

} // namespace strata
