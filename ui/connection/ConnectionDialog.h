#pragma once
// Where to connect: an SQLite file or a PostgreSQL server, tested before it is kept. Opened for
// a workspace (setWorkspace), it also asks for the migrations folder — a workspace is a
// connection and a folder chosen together — and offers the recent workspaces.
//
// "Test connection" opens the database on a worker thread (the GUI never waits on a driver);
// saved profiles live in QSettings without passwords; "Remember password" puts the password in
// the system keychain, or says plainly that it could not.

#include "connection/ConnectionSpec.h"
#include <QDialog>
#include <QPointer>
#include <memory>
#include <optional>

class QButtonGroup;
class QCheckBox;
class QComboBox;
class QDialogButtonBox;
class QLabel;
class QLineEdit;
class QProgressBar;
class QPushButton;
class QRadioButton;
class QFormLayout;
class QThread;

namespace strata {

class ConnectionProfiles;
class FolderField;
class PasswordStore;
class RecentWorkspaces;
struct PasswordResult;

namespace detail {
class ConnectionTester;
}

class ConnectionDialog : public QDialog {
    Q_OBJECT
public:
    explicit ConnectionDialog(QWidget *parent = nullptr);
    ~ConnectionDialog() override;

    // Fills the fields from `spec`. A saved profile with the same URL is selected; when `spec`
    // has no password and that profile remembers one, it is read from the keychain.
    void setSpec(const ConnectionSpec &spec);
    // The connection the user chose, password included (never written to settings).
    ConnectionSpec spec() const;

    // Asks for a whole workspace: the connection `spec` and its migrations `folder`, plus the
    // recent workspaces. Changing the connection never keeps another connection's folder
    // silently: the folder last used with the new connection is filled in (and says so), else
    // the field is emptied and Connect asks for one. A folder the user typed or browsed here
    // stays.
    void setWorkspace(const ConnectionSpec &spec, const QString &folder);
    bool isWorkspace() const { return m_workspaceMode; }
    // The chosen migrations folder (absolute); empty unless setWorkspace() was called.
    QString migrationsFolder() const;
    FolderField *folderField() const { return m_folderField; }

    // The selected saved profile's name; empty when the connection is not a saved one.
    QString profileName() const;

    // Where "Remember password" stores passwords; the system keychain by default. The dialog
    // does not take ownership of `store` (tests pass an in-memory one).
    void setPasswordStore(PasswordStore *store);

    // For docs/screenshots: an illustrative PostgreSQL connection with a successful test result
    // and a few (unsaved) example profiles. Touches neither the network, the keychain nor the
    // settings. With `folder`, it asks for a workspace with that migrations folder (read for
    // real) and a few example recent workspaces. Then show() it (non-modally) and grab().
    void setExampleForScreenshots(const QString &folder = {});

    bool isTesting() const { return m_testing; }

public slots:
    // Opens the connection on the worker thread and shows the server version or the error.
    void testConnection();
    // Saves the current connection as profile `name` (no password; the keychain gets it when
    // "Remember password" is ticked). The Save button asks for the name, then calls this.
    void saveProfile(const QString &name);
    // Removes profile `name` and its keychain entry. The Delete button asks first.
    void deleteProfile(const QString &name);
    // Checks the fields; stores the password in the keychain first when asked to (the dialog
    // closes once the keychain has answered; if it could not store it, the dialog says so, unticks
    // "Remember password" and stays open — OK again closes it without storing the password).
    void accept() override;

signals:
    // A test finished: `ok` with `text` the server version, or not with `text` the error.
    void testFinished(bool ok, const QString &text);

protected:
    bool event(QEvent *event) override;
    void changeEvent(QEvent *event) override;

private:
    enum class Tone { Neutral, Busy, Success, Warning, Error };
    enum class Keychain { Unknown, Probing, Available, Unavailable };

    void buildUi();
    void setUpTabOrder();
    void reloadProfiles(const QString &select);
    void applySpec(const ConnectionSpec &spec, bool keepPasswordIfNone);
    void onProfileActivated(int index);
    void onUrlEdited(const QString &text, bool pasted);
    void onUrlEditingFinished();
    void onFieldsEdited();
    void onEngineChanged();
    void updateEngineRows();
    void onRememberToggled(bool on);
    void onTestResult(quint64 ticket, bool ok, const QString &headline, const QString &detail);
    void askProfileName();
    void askDeleteProfile();
    void browseSqlite();
    void newSqlite();
    void loadRememberedPassword();
    void storePasswordThenAccept();
    void showResult(Tone tone, const QString &headline, const QString &detail = {});
    void showKeychainNote(Tone tone, const QString &text, const QString &detail = {});
    void showUrlError(const QString &text);
    void refreshTones();
    void growToFit();
    static QColor toneColor(Tone tone, const QPalette &palette);
    static QPixmap toneIcon(Tone tone, const QColor &fill, const QColor &glyph, qreal dpr);
    void updateButtons();
    std::optional<QString> validationError() const;
    void ensureTester();
    // ConnectionDialogWorkspace.cpp: the recent workspaces and the migrations folder.
    void addRecentRow();
    void addFolderRow();
    void reloadRecent();
    void onRecentActivated(int index);
    void syncFolderWithConnection();
    std::optional<QString> folderError() const;
    void showExampleWorkspace(const QString &folder); // for setExampleForScreenshots

    // Widgets
    QComboBox *m_profileCombo = nullptr;
    QPushButton *m_saveProfileButton = nullptr;
    QPushButton *m_deleteProfileButton = nullptr;
    QLineEdit *m_urlEdit = nullptr;
    QLabel *m_urlError = nullptr;
    QString m_urlErrorText;
    qsizetype m_urlPreviousLength = 0;
    QString m_resultHeadline, m_resultDetail;
    QString m_keychainText, m_keychainDetail;
    QRadioButton *m_postgresRadio = nullptr;
    QRadioButton *m_sqliteRadio = nullptr;
    QButtonGroup *m_engineGroup = nullptr;
    QFormLayout *m_form = nullptr;
    QWidget *m_urlErrorRow = nullptr;
    QWidget *m_keychainRow = nullptr;
    QWidget *m_resultRow = nullptr;
    QWidget *m_hostRow = nullptr;
    QWidget *m_fileRow = nullptr;
    QLineEdit *m_hostEdit = nullptr;
    QLineEdit *m_portEdit = nullptr;
    QLineEdit *m_databaseEdit = nullptr;
    QLineEdit *m_userEdit = nullptr;
    QLineEdit *m_passwordEdit = nullptr;
    QCheckBox *m_rememberCheck = nullptr;
    QLabel *m_keychainIcon = nullptr;
    QLabel *m_keychainNote = nullptr;
    QComboBox *m_sslCombo = nullptr;
    QLineEdit *m_pathEdit = nullptr;
    QPushButton *m_browseButton = nullptr;
    QPushButton *m_newButton = nullptr;
    QCheckBox *m_createCheck = nullptr;
    QPushButton *m_testButton = nullptr;
    QProgressBar *m_busy = nullptr;
    QLabel *m_resultIcon = nullptr;
    QLabel *m_resultText = nullptr;
    QDialogButtonBox *m_buttons = nullptr;
    QComboBox *m_recentCombo = nullptr;
    FolderField *m_folderField = nullptr;

    // State
    std::unique_ptr<ConnectionProfiles> m_profiles;
    std::unique_ptr<RecentWorkspaces> m_recent;
    bool m_workspaceMode = false;
    bool m_folderChosen = false; // typed or browsed here: it goes with whatever connection
    QString m_folderOwner;       // the connection (urlFor) the folder field's folder belongs to
    QString m_droppedFolder;     // the folder last emptied because the connection changed
    std::unique_ptr<PasswordStore> m_ownStore;
    QPointer<PasswordStore> m_store;
    QList<QPair<QString, QString>> m_options; // libpq options from the URL, sslmode included
    Keychain m_keychain = Keychain::Unknown;
    bool m_rememberedAtStart = false; // the connection's password was in the keychain
    bool m_syncing = false;           // filling widgets from code: no edit handlers
    bool m_testing = false;
    bool m_savingPassword = false;
    quint64 m_ticket = 0; // the current test; older results are dropped
    Tone m_resultTone = Tone::Neutral;
    Tone m_keychainTone = Tone::Neutral;
    QThread *m_thread = nullptr;
    detail::ConnectionTester *m_tester = nullptr;
};

} // namespace strata
