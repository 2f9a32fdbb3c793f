#pragma once
// Tools → Check PostgreSQL Readiness…: asks for a PostgreSQL server (URL and password; a
// password this session already used for it is filled in, SessionCredentials), replays the
// workspace's migrations folder there (core/check ReadinessCheck, on the dialog's own worker
// thread, with progress and Cancel) and hands the verdicts to the timeline (checked()). Nothing
// is written on the server except the throwaway database the check creates and drops.

#include "check/ReadinessCheck.h"

#include <QDialog>
#include <QThread>
#include <optional>

class QLabel;
class QLineEdit;
class QProgressBar;
class QPushButton;

namespace strata {

class Banner;
class ReadinessWorker;

class ReadinessDialog : public QDialog {
    Q_OBJECT
public:
    ReadinessDialog(const QString &migrationsFolder, QWidget *parent = nullptr);
    ~ReadinessDialog() override;

    // The server the fields name, with the typed (or this session's) password.
    Result<ConnectionSpec> server() const;
    void setServer(const ConnectionSpec &spec);
    void start(); // what the Check button does
    bool isRunning() const { return m_running; }
    const ReadinessResult *result() const { return m_result ? &*m_result : nullptr; }

    QLineEdit *url = nullptr;
    QLineEdit *password = nullptr;
    QPushButton *check = nullptr;
    QPushButton *cancel = nullptr;
    QPushButton *closeButton = nullptr;
    QProgressBar *progress = nullptr;
    QLabel *status = nullptr;
    Banner *banner = nullptr;

    // The settings key of the last server checked against (its URL without password).
    static QString lastServerKey();

signals:
    void checked(const strata::ReadinessResult &result);

protected:
    void reject() override;

private:
    void onChecked(const ReadinessResult &result);
    void onFailed(const Error &error);
    QString m_folder;
    QThread m_thread;
    ReadinessWorker *m_worker = nullptr;
    bool m_running = false;
    std::optional<ConnectionSpec> m_started; // the server of the running check
    std::optional<ReadinessResult> m_result;
};

} // namespace strata
