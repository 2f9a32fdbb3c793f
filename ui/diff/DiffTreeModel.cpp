#include "DiffTreeModel.h"

#include "common/Icons.h"
#include "common/Theme.h"

#include <QApplication>
#include <QPalette>

namespace strata {

namespace {

// Group rows carry this in internalId; object rows carry their group's row.
constexpr quintptr groupId = quintptr(-1);

theme::Tone toneOf(ObjectState state)
{
    switch (state) {
    case ObjectState::Added:
        return theme::Tone::Success;
    case ObjectState::Removed:
        return theme::Tone::Danger;
    case ObjectState::Changed:
        return theme::Tone::Warning;
    case ObjectState::Identical:
        break;
    }
    return theme::Tone::Neutral;
}

QChar signOf(ObjectState state)
{
    switch (state) {
    case ObjectState::Added:
        return u'+';
    case ObjectState::Removed:
        return u'-';
    case ObjectState::Changed:
        return u'~';
    case ObjectState::Identical:
        break;
    }
    return u'=';
}

} // namespace

DiffTreeModel::DiffTreeModel(QObject *parent) : QAbstractItemModel(parent)
{
    m_visible = {ObjectState::Added, ObjectState::Removed, ObjectState::Changed,
                 ObjectState::Identical};
}

QString DiffTreeModel::kindTitle(ObjectKind kind)
{
    switch (kind) {
    case ObjectKind::Table:
        return tr("Tables");
    case ObjectKind::View:
        return tr("Views");
    case ObjectKind::Index:
        return tr("Indexes");
    case ObjectKind::Trigger:
        return tr("Triggers");
    case ObjectKind::Sequence:
        return tr("Sequences");
    case ObjectKind::Enum:
        return tr("Enums");
    default:
        return objectKindName(kind);
    }
}

void DiffTreeModel::setObjects(const QList<DiffObject> &objects)
{
    beginResetModel();
    m_objects = objects;
    rebuild();
    endResetModel();
}

void DiffTreeModel::setStateVisible(ObjectState state, bool visible)
{
    if (m_visible.contains(state) == visible)
        return;
    beginResetModel();
    if (visible)
        m_visible.insert(state);
    else
        m_visible.remove(state);
    rebuild();
    endResetModel();
}

void DiffTreeModel::setSearch(const QString &text)
{
    if (text.trimmed() == m_search)
        return;
    beginResetModel();
    m_search = text.trimmed();
    rebuild();
    endResetModel();
}

int DiffTreeModel::count(ObjectState state) const
{
    int n = 0;
    for (const DiffObject &o : m_objects)
        n += o.state == state;
    return n;
}

void DiffTreeModel::rebuild()
{
    m_groups.clear();
    for (int i = 0; i < m_objects.size(); ++i) {
        const DiffObject &o = m_objects[i];
        if (m_groups.isEmpty() || m_groups.last().kind != o.kind)
            m_groups.append({o.kind, {}, 0});
        Group &g = m_groups.last();
        ++g.total;
        if (m_visible.contains(o.state) &&
            (m_search.isEmpty() || o.displayName().contains(m_search, Qt::CaseInsensitive)))
            g.members.append(i);
    }
    m_groups.removeIf([](const Group &g) { return g.members.isEmpty(); });
}

const DiffObject *DiffTreeModel::object(const QModelIndex &index) const
{
    if (!index.isValid() || index.internalId() == groupId)
        return nullptr;
    const Group &g = m_groups.at(int(index.internalId()));
    return &m_objects.at(g.members.at(index.row()));
}

QModelIndex DiffTreeModel::find(const QString &displayName) const
{
    for (int g = 0; g < m_groups.size(); ++g)
        for (int r = 0; r < m_groups[g].members.size(); ++r)
            if (m_objects[m_groups[g].members[r]].displayName() == displayName)
                return createIndex(r, 0, quintptr(g));
    return {};
}

QModelIndex DiffTreeModel::index(int row, int column, const QModelIndex &parent) const
{
    if (row < 0 || column < 0 || column >= ColumnCount)
        return {};
    if (!parent.isValid())
        return row < m_groups.size() ? createIndex(row, column, groupId) : QModelIndex();
    if (parent.internalId() != groupId || parent.column() != 0)
        return {};
    if (row >= m_groups.at(parent.row()).members.size())
        return {};
    return createIndex(row, column, quintptr(parent.row()));
}

QModelIndex DiffTreeModel::parent(const QModelIndex &child) const
{
    if (!child.isValid() || child.internalId() == groupId)
        return {};
    return createIndex(int(child.internalId()), 0, groupId);
}

int DiffTreeModel::rowCount(const QModelIndex &parent) const
{
    if (!parent.isValid())
        return int(m_groups.size());
    if (parent.internalId() == groupId && parent.column() == 0)
        return int(m_groups.at(parent.row()).members.size());
    return 0;
}

int DiffTreeModel::columnCount(const QModelIndex &) const
{
    return ColumnCount;
}

QVariant DiffTreeModel::data(const QModelIndex &index, int role) const
{
    if (!index.isValid())
        return {};
    const QPalette pal = QApplication::palette();
    if (index.internalId() == groupId) {
        const Group &g = m_groups.at(index.row());
        if (role == Qt::DisplayRole && index.column() == NameColumn)
            return g.members.size() == g.total
                       ? QStringLiteral("%1 (%2)").arg(kindTitle(g.kind)).arg(g.total)
                       : QStringLiteral("%1 (%2 of %3)")
                             .arg(kindTitle(g.kind))
                             .arg(g.members.size())
                             .arg(g.total);
        if (role == ObjectRole)
            return -1;
        return {};
    }
    const Group &g = m_groups.at(int(index.internalId()));
    const int objectIndex = g.members.at(index.row());
    const DiffObject &o = m_objects.at(objectIndex);
    switch (role) {
    case Qt::DisplayRole:
        return index.column() == NameColumn ? o.displayName() : objectStateName(o.state);
    case Qt::ToolTipRole:
        return QStringLiteral("%1 %2: %3")
            .arg(objectKindName(o.kind), o.displayName(), objectStateName(o.state));
    case Qt::DecorationRole:
        if (index.column() == NameColumn)
            return icons::badge(signOf(o.state), theme::tone(toneOf(o.state), pal),
                                pal.color(QPalette::Base));
        return {};
    case Qt::ForegroundRole:
        if (index.column() == StateColumn && o.state != ObjectState::Identical)
            return theme::tone(toneOf(o.state), pal);
        if (o.state == ObjectState::Identical)
            return theme::secondaryText(pal);
        return {};
    case StateRole:
        return int(o.state);
    case ObjectRole:
        return objectIndex;
    default:
        return {};
    }
}

QVariant DiffTreeModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    return section == NameColumn ? tr("Object") : tr("State");
}

} // namespace strata
