#pragma once
// The diff view's left tree: object kinds (Tables, Views, Indexes, ...) with their objects
// below, each marked added / removed / changed / identical. The model filters itself by state
// and by a search text (a reset per filter change: the tree is small and flat).

#include "diff/DiffObjects.h"

#include <QAbstractItemModel>
#include <QSet>

namespace strata {

class DiffTreeModel : public QAbstractItemModel {
    Q_OBJECT
public:
    enum Role {
        StateRole = Qt::UserRole + 1,
        ObjectRole /* index into objects(), -1 for groups */
    };
    enum Column { NameColumn, StateColumn, ColumnCount };

    explicit DiffTreeModel(QObject *parent = nullptr);

    void setObjects(const QList<DiffObject> &objects);
    const QList<DiffObject> &objects() const { return m_objects; }
    void setStateVisible(ObjectState state, bool visible);
    bool isStateVisible(ObjectState state) const { return m_visible.contains(state); }
    void setSearch(const QString &text);
    // Over every object, whatever the filters.
    int count(ObjectState state) const;
    // The object a row shows; nullptr for a group row.
    const DiffObject *object(const QModelIndex &index) const;
    // The row of an object by its display name (first match), for tests and selection.
    QModelIndex find(const QString &displayName) const;

    QModelIndex index(int row, int column, const QModelIndex &parent = {}) const override;
    QModelIndex parent(const QModelIndex &child) const override;
    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role) const override;

    static QString kindTitle(ObjectKind kind); // "Tables", "Views", ...

private:
    void rebuild();

    struct Group {
        ObjectKind kind;
        QList<int> members; // indexes into m_objects that pass the filters
        int total = 0;      // before filtering
    };
    QList<DiffObject> m_objects;
    QList<Group> m_groups;
    QSet<ObjectState> m_visible;
    QString m_search;
};

} // namespace strata
