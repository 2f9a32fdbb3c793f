#pragma once
// Passwords in the system keychain (QtKeychain: Secret Service/KWallet, macOS Keychain, Windows
// Credential Store). Every call is asynchronous and bounded by a timeout (a keychain job can hang
// without a D-Bus session). There is no plain-text fallback: when no keychain answers, nothing is
// stored and the caller is told, in a sentence it can show.

#include "connection/ConnectionSpec.h"
#include <QObject>
#include <functional>

namespace strata {

struct PasswordResult {
    enum class Status {
        Ok,          // done (read: `password` holds the stored password)
        NotFound,    // read/remove: no entry for that key
        Unavailable, // no usable keychain: no backend, no D-Bus session, no answer in time
        Denied,      // the keychain (or the user) refused access
        Failed,      // anything else; `detail` says what
    };
    Status status = Status::Ok;
    QString password; // read(): the stored password
    QString detail;   // the keychain's own words (empty when there are none)

    bool ok() const { return status == Status::Ok; }
};

class PasswordStore : public QObject {
    Q_OBJECT
public:
    using Callback = std::function<void(const PasswordResult &)>;

    explicit PasswordStore(QObject *parent = nullptr);

    // The keychain entry for a connection: its URL without password and without options, so one
    // server/user/database has one stored password whatever profile or URL spelling led to it.
    static QString keyFor(const ConnectionSpec &spec);

    QString service() const { return m_service; }
    void setService(const QString &service) { m_service = service; }
    int timeoutMs() const { return m_timeoutMs; }
    void setTimeoutMs(int ms) { m_timeoutMs = ms; }

    // Each call returns at once; `done` runs later, exactly once, on `context`'s thread, unless
    // `context` is destroyed first. A job that does not finish within timeoutMs() reports
    // Unavailable (the job itself is left to finish and delete itself).
    virtual void read(const QString &key, QObject *context, Callback done);
    virtual void write(const QString &key, const QString &password, QObject *context,
                       Callback done);
    virtual void remove(const QString &key, QObject *context, Callback done);

    // What to tell the user when write() or read() did not succeed, e.g.
    // "Password not saved: no system keychain available".
    static QString writeFailureText(const PasswordResult &result);
    static QString readFailureText(const PasswordResult &result);

private:
    QString m_service = QStringLiteral("Strata");
    int m_timeoutMs = 15000; // long enough for the user to answer an unlock prompt
};

} // namespace strata
