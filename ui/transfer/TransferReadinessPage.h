#pragma once
// The transfer wizard's readiness page, shown when the target is built from the migrations
// folder: before anything is written, the folder is replayed on a throwaway database on the
// target server (core/check ReadinessCheck, on the wizard's worker thread, with progress and
// Cancel) and each version's verdict is listed: runs as is, PostgreSQL variant, different
// schema, fails (file:line and PostgreSQL's message). Next stays closed, with the reason, while
// a version's up script fails: the transfer would stop at it.

#include "check/ReadinessCheck.h"

#include <QWizardPage>
#include <optional>

class QLabel;
class QProgressBar;
class QPushButton;
class QTreeWidget;

namespace strata {

class Banner;
class TransferWizard;

namespace wizard {

class ReadinessPage : public QWizardPage {
    Q_OBJECT
public:
    ReadinessPage(TransferWizard *wizard, QWidget *parent = nullptr);
    void initializePage() override;
    bool isComplete() const override;
    int nextId() const override;

    bool isChecked() const { return m_result.has_value(); }
    const ReadinessResult *result() const { return m_result ? &*m_result : nullptr; }
    // Why Next is closed; empty when it is open.
    QString refusal() const;

    QTreeWidget *versions = nullptr; // one row per version: verdicts, then details as children
    QProgressBar *progress = nullptr;
    QPushButton *cancel = nullptr;
    QPushButton *again = nullptr;
    Banner *banner = nullptr;
    QLabel *status = nullptr;

private:
    void showResult(const ReadinessResult &result);
    void showError(const Error &error);
    TransferWizard *m_wizard;
    std::optional<ReadinessResult> m_result;
    std::optional<Error> m_error;
    bool m_running = false;
};

} // namespace wizard
} // namespace strata
