#pragma once
// The transfer wizard's pages (internal to TransferWizard).

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

class SourcePage : public QWizardPage {
    Q_OBJECT
public:
    explicit SourcePage(QWidget *parent = nullptr);
    bool isComplete() const override;
    QLineEdit *path = nullptr;
};

class TargetPage : public QWizardPage {
    Q_OBJECT
public:
    explicit TargetPage(QWidget *parent = nullptr);
    bool isComplete() const override;
    Result<ConnectionSpec> spec() const;
    void setSpec(const ConnectionSpec &spec);
    QLineEdit *url = nullptr;
    QLineEdit *schema = nullptr;
    QCheckBox *dropExisting = nullptr;

private:
    QLabel *m_error = nullptr;
    ConnectionSpec m_dialogSpec; // with its password, while the URL field shows it
    QString m_dialogUrl;
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
    QListWidget *tables = nullptr;
    QTableView *view = nullptr;
    QLineEdit *mappingPath = nullptr;

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
    SqlEditor *ddl = nullptr;

private:
    TransferWizard *m_wizard;
    QLabel *m_status = nullptr;
    Banner *m_banner = nullptr;
    bool m_planned = false;
};

class RunPage : public QWizardPage {
    Q_OBJECT
public:
    RunPage(TransferWizard *wizard, QWidget *parent = nullptr);
    void initializePage() override;
    bool isComplete() const override;
    bool isDone() const { return m_done; }
    QTreeWidget *tables = nullptr;
    QProgressBar *overall = nullptr;
    QLabel *figures = nullptr;
    QPushButton *cancel = nullptr;

private:
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

private:
    TransferWizard *m_wizard;
};

} // namespace wizard
} // namespace strata
