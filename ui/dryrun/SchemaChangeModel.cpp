#include "SchemaChangeModel.h"

#include "common/Icons.h"
#include "common/Theme.h"

#include <QFont>
#include <QGuiApplication>

namespace strata {

SchemaChangeModel::SchemaChangeModel(QObject *parent) : QAbstractItemModel(parent)
{
    rebuildIcons();
}

void SchemaChangeModel::rebuildIcons()
{
    const QPalette pal = QGuiApplication::palette();
    const QColor ink = pal.color(QPalette::Base);
    m_added = icons::badge(u'+', theme::tone(theme::Tone::Success, pal), ink);
    m_removed = icons::badge(u'-', theme::tone(theme::Tone::Danger, pal), ink);
    m_changed = icons::badge(u'~', theme::tone(theme::Tone::Info, pal), ink);
    m_warning = icons::badge(u'!', theme::tone(theme::Tone::Warning, pal), ink);
}

void SchemaChangeModel::clear()
{
    setChanges({});
}

void SchemaChangeModel::setChanges(const SchemaDiffResult &diff)
{
    beginResetModel();
    rebuildIcons();
    m_diff = diff;
    m_nodes.clear();
    m_groups.clear();
    // Groups in the order of the ObjectKind enum (schemas, tables, columns, ... comments).
    QMap<int, int> groupOf; // kind -> node
    for (const Change &c : m_diff.changes)
        groupOf.insert(int(c.kind), -1);
    for (auto it = groupOf.begin(); it != groupOf.end(); ++it) {
        Node group;
        group.type = NodeType::Group;
        group.kind = ObjectKind(it.key());
        group.row = int(m_groups.size());
        it.value() = int(m_nodes.size());
        m_groups << it.value();
        m_nodes << group;
    }
    for (int i = 0; i < m_diff.changes.size(); ++i) {
        const Change &c = m_diff.changes[i];
        const int g = groupOf.value(int(c.kind));
        Node change;
        change.type = NodeType::Change;
        change.parent = g;
        change.row = int(m_nodes[g].children.size());
        change.kind = c.kind;
        change.change = i;
        const int changeNode = int(m_nodes.size());
        m_nodes[g].children << changeNode;
        m_nodes << change;
        for (int w = 0; w < c.warnings.size(); ++w) {
            Node warning;
            warning.type = NodeType::Warning;
            warning.parent = changeNode;
            warning.row = w;
            warning.kind = c.kind;
            warning.change = i;
            warning.warning = w;
            m_nodes[changeNode].children << int(m_nodes.size());
            m_nodes << warning;
        }
    }
    endResetModel();
}

QString SchemaChangeModel::summary() const
{
    if (m_diff.changes.isEmpty())
        return tr("No schema changes");
    int added = 0, removed = 0, changed = 0;
    for (const Change &c : m_diff.changes) {
        if (c.action == ChangeAction::Create)
            ++added;
        else if (c.action == ChangeAction::Drop)
            ++removed;
        else
            ++changed;
    }
    QStringList parts;
    if (added)
        parts << tr("%1 added").arg(added);
    if (removed)
        parts << tr("%1 removed").arg(removed);
    if (changed)
        parts << tr("%1 changed").arg(changed);
    return parts.join(QStringLiteral(" · "));
}

QString SchemaChangeModel::kindTitle(ObjectKind kind)
{
    switch (kind) {
    case ObjectKind::Schema:
        return tr("Schemas");
    case ObjectKind::Enum:
        return tr("Enum types");
    case ObjectKind::Sequence:
        return tr("Sequences");
    case ObjectKind::Table:
        return tr("Tables");
    case ObjectKind::Column:
        return tr("Columns");
    case ObjectKind::PrimaryKey:
        return tr("Primary keys");
    case ObjectKind::Unique:
        return tr("Unique constraints");
    case ObjectKind::ForeignKey:
        return tr("Foreign keys");
    case ObjectKind::Check:
        return tr("Check constraints");
    case ObjectKind::Index:
        return tr("Indexes");
    case ObjectKind::View:
        return tr("Views");
    case ObjectKind::Trigger:
        return tr("Triggers");
    case ObjectKind::Comment:
        return tr("Comments");
    }
    return {};
}

QString SchemaChangeModel::actionLabel(ChangeAction action)
{
    switch (action) {
    case ChangeAction::Create:
        return tr("added");
    case ChangeAction::Drop:
        return tr("removed");
    case ChangeAction::Alter:
        return tr("changed");
    }
    return {};
}

QModelIndex SchemaChangeModel::index(int row, int column, const QModelIndex &parent) const
{
    if (row < 0 || column < 0 || column >= ColumnCount)
        return {};
    const QList<int> &siblings =
        parent.isValid() ? m_nodes[int(parent.internalId())].children : m_groups;
    if (row >= siblings.size())
        return {};
    return createIndex(row, column, quintptr(siblings[row]));
}

QModelIndex SchemaChangeModel::parent(const QModelIndex &child) const
{
    if (!child.isValid())
        return {};
    const int p = m_nodes[int(child.internalId())].parent;
    if (p < 0)
        return {};
    return createIndex(m_nodes[p].row, 0, quintptr(p));
}

int SchemaChangeModel::rowCount(const QModelIndex &parent) const
{
    if (!parent.isValid())
        return int(m_groups.size());
    if (parent.column() != 0)
        return 0;
    return int(m_nodes[int(parent.internalId())].children.size());
}

int SchemaChangeModel::columnCount(const QModelIndex &) const
{
    return ColumnCount;
}

Qt::ItemFlags SchemaChangeModel::flags(const QModelIndex &index) const
{
    return index.isValid() ? Qt::ItemIsEnabled | Qt::ItemIsSelectable : Qt::NoItemFlags;
}

QVariant SchemaChangeModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    switch (section) {
    case SummaryColumn:
        return tr("Change");
    case ActionColumn:
        return tr("Action");
    case RiskColumn:
        return tr("Risk");
    default:
        return {};
    }
}

QVariant SchemaChangeModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid))
        return {};
    const Node &node = m_nodes[int(index.internalId())];
    if (role == NodeTypeRole)
        return int(node.type);
    if (role == KindRole)
        return int(node.kind);
    switch (node.type) {
    case NodeType::Group:
        return groupData(node, index.column(), role);
    case NodeType::Change:
        return changeData(node, index.column(), role);
    case NodeType::Warning:
        return warningData(node, index.column(), role);
    }
    return {};
}

QVariant SchemaChangeModel::groupData(const Node &node, int column, int role) const
{
    if (role == Qt::DisplayRole) {
        if (column == SummaryColumn)
            return QStringLiteral("%1 (%2)").arg(kindTitle(node.kind)).arg(node.children.size());
        if (column == ActionColumn) {
            int counts[3] = {0, 0, 0};
            for (int child : node.children)
                ++counts[int(m_diff.changes[m_nodes[child].change].action)];
            QStringList parts;
            for (ChangeAction a : {ChangeAction::Create, ChangeAction::Drop, ChangeAction::Alter}) {
                if (counts[int(a)])
                    parts << QStringLiteral("%1 %2").arg(counts[int(a)]).arg(actionLabel(a));
            }
            return parts.join(QStringLiteral(", "));
        }
        return {};
    }
    if (role == Qt::FontRole && column == SummaryColumn) {
        QFont f;
        f.setWeight(QFont::DemiBold);
        return f;
    }
    if (role == Qt::ForegroundRole && column == ActionColumn)
        return theme::secondaryText(QGuiApplication::palette());
    return {};
}

QVariant SchemaChangeModel::changeData(const Node &node, int column, int role) const
{
    const Change &c = m_diff.changes[node.change];
    const QPalette pal = QGuiApplication::palette();
    switch (role) {
    case Qt::DisplayRole:
        if (column == SummaryColumn)
            return c.summary;
        if (column == ActionColumn)
            return actionLabel(c.action);
        if (column == RiskColumn)
            return c.risk == Risk::Safe ? QString() : riskName(c.risk);
        return {};
    case Qt::DecorationRole:
        if (column != SummaryColumn)
            return {};
        return c.action == ChangeAction::Create ? m_added
               : c.action == ChangeAction::Drop ? m_removed
                                                : m_changed;
    case Qt::ForegroundRole:
        if (column == RiskColumn)
            return theme::tone(
                c.risk == Risk::Destructive ? theme::Tone::Danger : theme::Tone::Warning, pal);
        return {};
    case Qt::ToolTipRole: {
        QString tip = c.forward.join(QStringLiteral(";\n"));
        if (!c.hasInverse)
            tip += tr("\n\nNo inverse: this change cannot be undone automatically.");
        return tip;
    }
    case RiskRole:
        return int(c.risk);
    case ActionRole:
        return int(c.action);
    default:
        return {};
    }
}

QVariant SchemaChangeModel::warningData(const Node &node, int column, int role) const
{
    const QString &text = m_diff.changes[node.change].warnings[node.warning];
    switch (role) {
    case Qt::DisplayRole:
        return column == SummaryColumn ? text : QVariant();
    case Qt::ToolTipRole:
        return text;
    case Qt::DecorationRole:
        return column == SummaryColumn ? QVariant(m_warning) : QVariant();
    case Qt::ForegroundRole:
        return theme::tone(theme::Tone::Warning, QGuiApplication::palette());
    default:
        return {};
    }
}

} // namespace strata
