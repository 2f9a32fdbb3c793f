#include "AlembicGraphModel.h"

#include "timeline/TimelineModel.h"

namespace strata {

AlembicGraphModel::AlembicGraphModel(QObject *parent) : QAbstractListModel(parent) {}

void AlembicGraphModel::setStatus(const AlembicStatus &status)
{
    beginResetModel();
    m_status = status;
    endResetModel();
}

int AlembicGraphModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_status.entries.size());
}

QVariant AlembicGraphModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const AlembicEntry &e = m_status.entries[index.row()];
    auto lanes = [](const QList<int> &l) { return QVariant::fromValue(l); };
    switch (role) {
    case Qt::DisplayRole:
        return QStringLiteral("%1 %2").arg(e.id, e.revision ? e.revision->message : QString());
    case Qt::ToolTipRole:
        return e.revision
                   ? QStringLiteral("%1\n%2\n%3").arg(e.id, e.revision->message, e.revision->file)
                   : QStringLiteral("%1: recorded in the database, but no revision file defines it")
                         .arg(e.id);
    case StateRole:
        return int(e.state);
    case RevisionRole:
        return e.id;
    case DescriptionRole:
        return e.revision ? e.revision->message : tr("(no revision file)");
    case DetailRole: {
        QStringList parts{TimelineModel::stateLabel(e.state)};
        if (e.revision) {
            if (e.revision->isMerge())
                parts << tr("merges %1").arg(e.revision->downRevisions.join(QStringLiteral(", ")));
            if (!e.revision->branchLabels.isEmpty())
                parts << tr("branch %1").arg(e.revision->branchLabels.join(QStringLiteral(", ")));
            if (!e.revision->createDate.isEmpty())
                parts << e.revision->createDate.left(16);
        }
        return parts.join(QStringLiteral(" · "));
    }
    case IsDatabaseHeadRole:
        return e.isDatabaseHead;
    case LaneRole:
        return e.row.lane;
    case UpLanesRole:
        return lanes(e.row.upLanes);
    case DownLanesRole:
        return lanes(e.row.downLanes);
    case ThroughLanesRole:
        return lanes(e.row.throughLanes);
    case LaneCountRole:
        return std::max(1, m_status.laneCount);
    default:
        return {};
    }
}

QHash<int, QByteArray> AlembicGraphModel::roleNames() const
{
    QHash<int, QByteArray> names = QAbstractListModel::roleNames();
    names.insert(StateRole, "state");
    names.insert(RevisionRole, "revision");
    names.insert(DescriptionRole, "description");
    names.insert(DetailRole, "detail");
    names.insert(IsDatabaseHeadRole, "databaseHead");
    names.insert(LaneRole, "lane");
    names.insert(UpLanesRole, "upLanes");
    names.insert(DownLanesRole, "downLanes");
    names.insert(ThroughLanesRole, "throughLanes");
    names.insert(LaneCountRole, "laneCount");
    return names;
}

} // namespace strata
