#pragma once
// The transfer wizard's PostgreSQL page: the connection (URL, password, or one chosen with the
// connection dialog), tested on this page off the GUI thread with the server's answer shown in
// place; Next waits for a successful test of exactly what the fields say. Also the options that
// shape the target: schema, names' case, COLLATE NOCASE columns, replacing existing tables, or
// building it from a migrations folder instead (Next needs the folder then).

#include "common/Theme.h"
#include "connection/ConnectionSpec.h"

#include <QWizardPage>

class QCheckBox;
class QComboBox;
class QLineEdit;
class QPushButton;
class QThread;

namespace strata {

class Banner;
class FolderField;

namespace detail {
class ConnectionTester;
}

namespace wizard {

class TargetPage : public QWizardPage {
    Q_OBJECT
public:
    explicit TargetPage(QWidget *parent = nullptr);
    ~TargetPage() override;

    void initializePage() override;
    bool isComplete() const override;

    // What the fields say: the URL, with the password field's password or, when it is empty,
    // the one this session already used for that server, user and database.
    Result<ConnectionSpec> spec() const;
    // Fills the URL (without its password) and the password field, then tests the connection.
    void setSpec(const ConnectionSpec &spec);
    // Offers a connection without choosing it: a button labelled with `label` and the URL fills
    // the fields when clicked. Nothing is pre-filled.
    void suggest(const ConnectionSpec &spec, const QString &label);

    // Opens the connection on the page's worker thread; the answer comes back to `status`.
    void testConnection();
    bool isTesting() const { return m_testing; }
    // The last test, of exactly the current fields, succeeded.
    bool isConnected() const { return m_connected; }

    QLineEdit *url = nullptr;
    QLineEdit *password = nullptr;
    QPushButton *test = nullptr;
    QPushButton *suggestion = nullptr;
    Banner *status = nullptr;
    QLineEdit *schema = nullptr;
    QCheckBox *keepCase = nullptr;
    QComboBox *nocase = nullptr;
    QComboBox *badText = nullptr; // the CLI's --bad-text fail|replace|bytea
    QCheckBox *dropExisting = nullptr;
    // "Build the target from the migrations folder" (the CLI's transfer --migrations DIR).
    QCheckBox *fromMigrations = nullptr;
    FolderField *migrationsFolder = nullptr;

signals:
    // A test of the current fields finished: `text` is what `status` shows, as plain text.
    void tested(bool ok, const QString &text);

private:
    void onEdited();
    void refreshStatus();
    void onTestResult(quint64 generation, bool ok, const QString &headline, const QString &detail);
    void choose();
    void showStatus(theme::Tone tone, const QString &title, const QString &body = {});
    void ensureTester();

    QThread *m_thread = nullptr;
    detail::ConnectionTester *m_tester = nullptr;
    quint64 m_generation = 0; // bumped by every edit: an older test's answer is dropped
    bool m_testing = false;
    int m_pending = 0; // tests started and not answered yet
    bool m_connected = false;
    bool m_filling = false;
    ConnectionSpec m_suggested;
};

} // namespace wizard
} // namespace strata
