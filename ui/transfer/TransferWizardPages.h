#pragma once
// The transfer wizard's pages (internal to TransferWizard).

#include "TransferTargetPage.h"
#include "TransferWorker.h"

#include <QWizardPage>

class QCheckBox;
class QLabel;
class QLineEdit;
class QListWidget;
class QProgressBar;
class QPushButton;
class QTableView;
class QTableWidget;
class QTreeWidget;

namespace strata {

class Banner;
class SqlEditor;
class TransferWizard;

namespace wizard {

// Banner::setError shows a given title instead of the error's sentence: keeps both.
QString withMessage(const QString &title, const Error &error);

class SourcePage : public QWizardPage {
    Q_OBJECT
public:
    explicit SourcePage(QWidget *parent = nullptr);
    bool isComplete() const override;
    // Remembers the file for the next opening (QSettings: the path only).
    bool validatePage() override;
    // Offers a file without replacing the one shown: filled in when the field is empty, else a
    // button labelled with `label` and the file.
    void suggest(const QString &file, const QString &label);
    QLineEdit *path = nullptr;
    QPushButton *suggestion = nullptr;

    // The settings key of the last SQLite file transferred from.
    static QString lastSourceKey();

private:
    QString m_suggested;
};

class MappingPage : public QWizardPage {
    Q_OBJECT
public:
    MappingPage(TransferWizard *wizard, QWidget *parent = nullptr);
    void initializePage() override;
    bool isComplete() const override;
    bool validatePage() override;
    QStringList selectedTables() const;
    void setTableSelected(const QString &table, bool selected);
    bool isPlanned() const { return m_planned; }
    // Sizes the columns so that the Reason column stays readable.
    void fitColumns();
    QListWidget *tables = nullptr;
    QTableView *view = nullptr;
    QLineEdit *mappingPath = nullptr;

protected:
    bool eventFilter(QObject *watched, QEvent *event) override;

private:
    TransferWizard *m_wizard;
    QLabel *m_status = nullptr;
    Banner *m_banner = nullptr;
    bool m_planned = false;
};

class PreviewPage : public QWizardPage {
    Q_OBJECT
public:
    PreviewPage(TransferWizard *wizard, QWidget *parent = nullptr);
    void initializePage() override;
    bool isComplete() const override;
    bool isPlanned() const { return m_planned; }
    // Why Start is closed after a plan from the migrations: values that do not fit, SQLite
    // data with no place; empty when it is open.
    QString refusal() const;
    SqlEditor *ddl = nullptr;
    QTreeWidget *misfits = nullptr; // from the migrations: misfits and unmatched data

private:
    void showMigrationsPlan(const TransferPlan &plan);
    TransferWizard *m_wizard;
    QLabel *m_status = nullptr;
    Banner *m_banner = nullptr;
    bool m_planned = false;
    QString m_refusal;
};

class RunPage : public QWizardPage {
    Q_OBJECT
public:
    RunPage(TransferWizard *wizard, QWidget *parent = nullptr);
    void initializePage() override;
    void cleanupPage() override;
    bool isComplete() const override;
    bool isDone() const { return m_done; }
    QTreeWidget *tables = nullptr;
    QProgressBar *overall = nullptr;
    QLabel *figures = nullptr;
    QPushButton *cancel = nullptr;
    Banner *problem = nullptr; // why the run stopped: what failed and the driver's message

private:
    void showFailure(const Error &error);
    void onProgress(const QList<TableProgress> &progress, qint64 elapsedMs);
    TransferWizard *m_wizard;
    bool m_done = false;
};

class ResultPage : public QWizardPage {
    Q_OBJECT
public:
    explicit ResultPage(TransferWizard *wizard, QWidget *parent = nullptr);
    void initializePage() override;
    QTableWidget *verification = nullptr;
    QTreeWidget *manualWork = nullptr;
    Banner *banner = nullptr;
    QPushButton *exportReport = nullptr; // enabled once there is a result
    // Built from the migrations and verified: opens the PostgreSQL database as a workspace
    // with the same folder (the main window does).
    QPushButton *openWorkspace = nullptr;

private:
    TransferWizard *m_wizard;
};

} // namespace wizard
} // namespace strata
