#pragma once
// An Alembic project's revisions as a list, newest first, with the lanes that draw its branches
// and merges. Fed by the worker's AlembicStatus; AlembicGraphDelegate paints it.

#include "interop/AlembicStatus.h"

#include <QAbstractListModel>

namespace strata {

class AlembicGraphModel : public QAbstractListModel {
    Q_OBJECT
public:
    enum Role {
        StateRole = Qt::UserRole + 1, // int(MigrationState)
        RevisionRole,                 // the revision id
        DescriptionRole,              // the docstring's message
        DetailRole,                   // the second line: parents, labels, date
        IsDatabaseHeadRole,           // one of alembic_version's rows
        LaneRole,                     // int
        UpLanesRole,                  // QList<int>
        DownLanesRole,                // QList<int>
        ThroughLanesRole,             // QList<int>
        LaneCountRole,                // int, the same for every row
    };
    Q_ENUM(Role)

    explicit AlembicGraphModel(QObject *parent = nullptr);

    void setStatus(const AlembicStatus &status);
    const AlembicStatus &status() const { return m_status; }

    int rowCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QHash<int, QByteArray> roleNames() const override;

private:
    AlembicStatus m_status;
};

} // namespace strata
