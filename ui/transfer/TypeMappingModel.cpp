#include "TypeMappingModel.h"

#include <QFont>

namespace strata {

TypeMappingModel::TypeMappingModel(QObject *parent) : QAbstractTableModel(parent) {}

void TypeMappingModel::setPlan(const TransferPlan &plan)
{
    beginResetModel();
    m_plan = plan;
    rebuild();
    endResetModel();
}

void TypeMappingModel::setTables(const QStringList &sourceTables)
{
    beginResetModel();
    m_tables = sourceTables;
    rebuild();
    endResetModel();
}

void TypeMappingModel::rebuild()
{
    m_rows.clear();
    for (const TableDecision &t : std::as_const(m_plan.tables)) {
        if (!m_tables.isEmpty() && !m_tables.contains(t.sourceName, Qt::CaseInsensitive))
            continue;
        for (const ColumnDecision &c : t.columns)
            m_rows.append({t.sourceName, &c});
    }
}

int TypeMappingModel::rowOf(const QString &table, const QString &column) const
{
    for (int i = 0; i < m_rows.size(); ++i)
        if (m_rows[i].table.compare(table, Qt::CaseInsensitive) == 0 &&
            m_rows[i].column->sourceName.compare(column, Qt::CaseInsensitive) == 0)
            return i;
    return -1;
}

int TypeMappingModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_rows.size());
}

int TypeMappingModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant TypeMappingModel::data(const QModelIndex &index, int role) const
{
    if (!index.isValid() || index.row() >= m_rows.size())
        return {};
    const Row &row = m_rows[index.row()];
    const ColumnDecision &c = *row.column;
    const QString edited = m_edits.value(key(row.table, c.sourceName));
    if (role == Qt::FontRole && index.column() == TargetTypeColumn &&
        (!edited.isEmpty() || c.overridden)) {
        QFont f;
        f.setBold(true);
        return f;
    }
    if (role != Qt::DisplayRole && role != Qt::EditRole && role != Qt::ToolTipRole)
        return {};
    switch (index.column()) {
    case TableColumn:
        return row.table;
    case ColumnColumn:
        return c.sourceName;
    case DeclaredColumn:
        return c.declaredType;
    case DataColumn:
        return c.profile.describe();
    case TargetTypeColumn:
        return edited.isEmpty() ? c.targetType : edited;
    case ReasonColumn:
        if (!edited.isEmpty() && edited != c.targetType)
            return tr("your choice (planner: %1 — %2)").arg(c.targetType, c.reason);
        return c.reason;
    }
    return {};
}

bool TypeMappingModel::setTargetType(const QString &table, const QString &column,
                                     const QString &type)
{
    const int row = rowOf(table, column);
    return row >= 0 && setData(index(row, TargetTypeColumn), type);
}

bool TypeMappingModel::setData(const QModelIndex &index, const QVariant &value, int role)
{
    if (!index.isValid() || index.column() != TargetTypeColumn || role != Qt::EditRole)
        return false;
    const Row &row = m_rows[index.row()];
    const QString text = value.toString().trimmed();
    const auto canonical = MappingFile::canonicalType(text);
    if (!canonical) {
        emit editRejected(tr("“%1” is not a PostgreSQL type Strata knows.").arg(text));
        return false;
    }
    const QString k = key(row.table, row.column->sourceName);
    m_edits.insert(k, *canonical);
    m_names.insert(k, {row.table, row.column->sourceName});
    emit dataChanged(this->index(index.row(), TargetTypeColumn),
                     this->index(index.row(), ReasonColumn));
    return true;
}

Qt::ItemFlags TypeMappingModel::flags(const QModelIndex &index) const
{
    Qt::ItemFlags f = QAbstractTableModel::flags(index);
    if (index.isValid() && index.column() == TargetTypeColumn &&
        !m_rows[index.row()].column->generated)
        f |= Qt::ItemIsEditable;
    return f;
}

QVariant TypeMappingModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    switch (section) {
    case TableColumn:
        return tr("Table");
    case ColumnColumn:
        return tr("Column");
    case DeclaredColumn:
        return tr("SQLite type");
    case DataColumn:
        return tr("Data holds");
    case TargetTypeColumn:
        return tr("PostgreSQL type");
    case ReasonColumn:
        return tr("Reason");
    }
    return {};
}

MappingFile TypeMappingModel::mapping() const
{
    MappingFile out;
    for (auto it = m_edits.constBegin(); it != m_edits.constEnd(); ++it) {
        const auto &[table, column] = m_names.value(it.key());
        TableMapping *t = nullptr;
        for (TableMapping &existing : out.tables)
            if (existing.source == table)
                t = &existing;
        if (!t) {
            out.tables.append(TableMapping{table, {}, {}});
            t = &out.tables.last();
        }
        ColumnMapping c;
        c.source = column;
        c.type = it.value();
        t->columns.append(c);
    }
    std::sort(out.tables.begin(), out.tables.end(),
              [](const TableMapping &a, const TableMapping &b) { return a.source < b.source; });
    return out;
}

} // namespace strata
