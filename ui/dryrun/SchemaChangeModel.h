#pragma once
// The schema changes of a dry run as a tree: one group per object kind ("Tables (2)"), the
// changes of that kind under it (added, removed, changed, with their risk), and each change's
// lint warnings under the change.

#include "diff/SchemaDiff.h"

#include <QAbstractItemModel>
#include <QIcon>

namespace strata {

class SchemaChangeModel : public QAbstractItemModel {
    Q_OBJECT
public:
    enum Column { SummaryColumn, ActionColumn, RiskColumn, ColumnCount };
    enum Role { RiskRole = Qt::UserRole + 1, ActionRole, KindRole, NodeTypeRole };
    enum class NodeType { Group, Change, Warning };

    explicit SchemaChangeModel(QObject *parent = nullptr);

    void setChanges(const SchemaDiffResult &diff);
    void clear();
    int changeCount() const { return int(m_diff.changes.size()); }
    // "3 added · 1 removed · 2 changed", or "No schema changes".
    QString summary() const;

    static QString kindTitle(ObjectKind kind);       // "Tables", "Foreign keys", ...
    static QString actionLabel(ChangeAction action); // "added", "removed", "changed"

    QModelIndex index(int row, int column, const QModelIndex &parent = {}) const override;
    QModelIndex parent(const QModelIndex &child) const override;
    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role) const override;
    Qt::ItemFlags flags(const QModelIndex &index) const override;

private:
    struct Node {
        NodeType type = NodeType::Group;
        int parent = -1; // node index, -1 for groups
        int row = 0;     // row under its parent
        ObjectKind kind = ObjectKind::Table;
        int change = -1;     // index into m_diff.changes (changes and warnings)
        int warning = -1;    // index into the change's warnings
        QList<int> children; // node indexes
    };
    QVariant groupData(const Node &node, int column, int role) const;
    QVariant changeData(const Node &node, int column, int role) const;
    QVariant warningData(const Node &node, int column, int role) const;
    void rebuildIcons();

    SchemaDiffResult m_diff;
    QList<Node> m_nodes;
    QList<int> m_groups; // node indexes of the top level
    QIcon m_added, m_removed, m_changed, m_warning;
};

} // namespace strata
