#include "PasswordStore.h"

#include <QPointer>
#include <QTimer>
#include <memory>
#include <qt6keychain/keychain.h>

namespace strata {

namespace {

PasswordResult resultOf(QKeychain::Job *job)
{
    PasswordResult result;
    result.detail = job->errorString();
    switch (job->error()) {
    case QKeychain::NoError:
        result.detail.clear();
        if (auto *read = qobject_cast<QKeychain::ReadPasswordJob *>(job))
            result.password = read->textData();
        break;
    case QKeychain::EntryNotFound:
        result.status = PasswordResult::Status::NotFound;
        break;
    case QKeychain::AccessDenied:
    case QKeychain::AccessDeniedByUser:
        result.status = PasswordResult::Status::Denied;
        break;
    case QKeychain::NoBackendAvailable:
    case QKeychain::NotImplemented:
    // On Linux, OtherError is how the Secret Service and KWallet backends report that they
    // cannot be reached at all ("Cannot autolaunch D-Bus without X11 $DISPLAY", no login
    // collection, ...): there is no usable keychain.
    case QKeychain::OtherError:
        result.status = PasswordResult::Status::Unavailable;
        break;
    case QKeychain::CouldNotDeleteEntry:
        result.status = PasswordResult::Status::Failed;
        break;
    }
    return result;
}

// Runs `job` and calls `done` once: with the job's outcome, or with Unavailable after
// `timeoutMs` if the keychain has not answered by then.
void run(QKeychain::Job *job, int timeoutMs, QObject *context, PasswordStore::Callback done)
{
    job->setAutoDelete(true);
    job->setInsecureFallback(false); // never plain text
    auto answered = std::make_shared<bool>(false);
    auto deliver = [answered, done = std::move(done)](const PasswordResult &result) {
        if (*answered)
            return;
        *answered = true;
        if (done)
            done(result);
    };
    QObject::connect(job, &QKeychain::Job::finished, context,
                     [deliver](QKeychain::Job *finished) { deliver(resultOf(finished)); });
    QTimer::singleShot(timeoutMs, context, [deliver, timeoutMs] {
        deliver({PasswordResult::Status::Unavailable,
                 {},
                 PasswordStore::tr("the keychain did not answer within %1 s")
                     .arg(qMax(1, timeoutMs / 1000))});
    });
    job->start();
}

} // namespace

PasswordStore::PasswordStore(QObject *parent) : QObject(parent) {}

QString PasswordStore::keyFor(const ConnectionSpec &spec)
{
    ConnectionSpec identity = spec;
    identity.password.clear();
    identity.options.clear();
    return identity.displayUrl();
}

void PasswordStore::read(const QString &key, QObject *context, Callback done)
{
    auto *job = new QKeychain::ReadPasswordJob(m_service);
    job->setKey(key);
    run(job, m_timeoutMs, context ? context : this, std::move(done));
}

void PasswordStore::write(const QString &key, const QString &password, QObject *context,
                          Callback done)
{
    auto *job = new QKeychain::WritePasswordJob(m_service);
    job->setKey(key);
    job->setTextData(password);
    run(job, m_timeoutMs, context ? context : this, std::move(done));
}

void PasswordStore::remove(const QString &key, QObject *context, Callback done)
{
    auto *job = new QKeychain::DeletePasswordJob(m_service);
    job->setKey(key);
    run(job, m_timeoutMs, context ? context : this, std::move(done));
}

QString PasswordStore::writeFailureText(const PasswordResult &result)
{
    switch (result.status) {
    case PasswordResult::Status::Ok:
        return {};
    case PasswordResult::Status::Unavailable:
        return tr("Password not saved: no system keychain available");
    case PasswordResult::Status::Denied:
        return tr("Password not saved: the system keychain refused access");
    case PasswordResult::Status::NotFound:
    case PasswordResult::Status::Failed:
        break;
    }
    return tr("Password not saved: the system keychain failed");
}

QString PasswordStore::readFailureText(const PasswordResult &result)
{
    switch (result.status) {
    case PasswordResult::Status::Ok:
        return {};
    case PasswordResult::Status::NotFound:
        return tr("No saved password for this connection in the system keychain");
    case PasswordResult::Status::Unavailable:
        return tr("Saved password not available: no system keychain available");
    case PasswordResult::Status::Denied:
        return tr("Saved password not available: the system keychain refused access");
    case PasswordResult::Status::Failed:
        break;
    }
    return tr("Saved password not available: the system keychain failed");
}

} // namespace strata
