#pragma once
// "Roll back to here": the confirmation. Built from the dry run of the rollback (which has
// already run and been rolled back), it lists exactly what will be undone, newest first, marks
// undo steps generated from snapshots, and lists the data that would be lost; the user must
// acknowledge that loss before the rollback can start.

#include "migration/DryRun.h"
#include "report/Report.h"

#include <QDialog>
#include <functional>

class QCheckBox;
class QPushButton;
class QTreeWidget;

namespace strata {

class RollbackDialog : public QDialog {
    Q_OBJECT
public:
    // `from` and `to`: the current and the target version, for the wording.
    RollbackDialog(const TrialResult &trial, const QString &from, const QString &to,
                   const QString &database, QWidget *parent = nullptr);

    // What will be lost: destructive schema changes and destructive lint findings.
    static QStringList dataLossItems(const TrialResult &trial);

    bool hasDataLoss() const { return !m_dataLoss.isEmpty(); }
    // True when the user ticked "I accept this data loss" (then generated undos may drop data).
    bool allowDataLoss() const;
    QTreeWidget *stepList() const { return m_steps; }
    QPushButton *confirmButton() const { return m_confirm; }
    QCheckBox *acceptLossBox() const { return m_acceptLoss; }

    // "Export Report…": the rollback's dry run on top of `base` (workspace, database, timeline).
    void setReportBase(std::function<Report()> base) { m_reportBase = std::move(base); }
    Report report() const;
    QPushButton *exportButton() const { return m_export; }

private:
    void updateConfirm();

    TrialResult m_trial;
    QString m_from, m_to, m_database;
    std::function<Report()> m_reportBase;
    QPushButton *m_export = nullptr;
    QStringList m_dataLoss;
    QTreeWidget *m_steps = nullptr;
    QCheckBox *m_acceptLoss = nullptr;
    QPushButton *m_confirm = nullptr;
};

} // namespace strata
