#pragma once
// A dry run's statements as a tree: one row per migration step (with its totals), the
// statements it ran under it, each with location, time, rows affected and error.

#include "migration/DryRun.h"

#include <QAbstractItemModel>
#include <QIcon>

namespace strata {

class TrialModel : public QAbstractItemModel {
    Q_OBJECT
public:
    enum Column {
        StatementColumn,
        LocationColumn,
        TimeColumn,
        RowsColumn,
        ResultColumn,
        ColumnCount
    };
    enum Role {
        FileRole = Qt::UserRole + 1, // script path of the step or statement
        LineRole,                    // file line of the statement (0 for steps)
        LineCountRole,               // lines the statement spans
        FailedRole,                  // this statement failed / this step holds the failure
        GeneratedRole,               // the step's undo was generated from snapshots
        StepRole,                    // index of the step
    };

    explicit TrialModel(QObject *parent = nullptr);

    void setTrial(const TrialResult &trial);
    void clear();
    const TrialResult &trial() const { return m_trial; }
    QModelIndex failingIndex() const; // the failing statement, invalid when none
    int statementCount() const;
    qint64 totalMs() const;

    QModelIndex index(int row, int column, const QModelIndex &parent = {}) const override;
    QModelIndex parent(const QModelIndex &child) const override;
    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role) const override;
    Qt::ItemFlags flags(const QModelIndex &index) const override;

private:
    QVariant stepData(int step, int column, int role) const;
    QVariant statementData(int step, int statement, int column, int role) const;

    TrialResult m_trial;
    QIcon m_ok, m_failed, m_skipped, m_generated;
};

} // namespace strata
