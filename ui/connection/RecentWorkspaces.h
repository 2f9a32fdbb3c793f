#pragma once
// The workspaces opened lately, newest first: each a connection and the migrations folder used
// with it, kept in QSettings. The connection is stored as ConnectionProfiles::urlFor() makes it,
// so no password is ever written (PasswordStore keeps remembered ones in the keychain).

#include "connection/ConnectionSpec.h"
#include <QList>
#include <QString>
#include <memory>
#include <optional>

class QSettings;

namespace strata {

struct RecentWorkspace {
    QString url;    // without password
    QString folder; // absolute path of the migrations folder

    // "shop.db — migrations", "billing on db.example — billing-migrations"
    QString label() const;
};

class RecentWorkspaces {
public:
    static constexpr int limit = 10;

    // Reads and writes `settings`; the application's default QSettings() when null.
    explicit RecentWorkspaces(QSettings *settings = nullptr);
    ~RecentWorkspaces();
    RecentWorkspaces(const RecentWorkspaces &) = delete;
    RecentWorkspaces &operator=(const RecentWorkspaces &) = delete;

    QList<RecentWorkspace> all() const;
    // Puts the pair first (an older entry of the same pair goes), keeping `limit` entries.
    void add(const ConnectionSpec &spec, const QString &folder);
    // The folder last used with `spec`'s connection (password ignored), if any.
    std::optional<QString> folderFor(const ConnectionSpec &spec) const;

private:
    void writeAll(const QList<RecentWorkspace> &entries);

    std::unique_ptr<QSettings> m_ownSettings;
    QSettings *m_settings;
};

} // namespace strata
