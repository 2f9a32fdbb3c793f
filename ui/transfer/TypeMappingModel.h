#pragma once
// The transfer wizard's type-mapping table: one row per column of the selected tables with the
// SQLite declared type, what the data holds, the chosen PostgreSQL type (editable) and why.
// Edits are kept by table and column, survive a new plan, and become the mapping file.

#include "transfer/MappingFile.h"

#include <QAbstractTableModel>
#include <QHash>

namespace strata {

class TypeMappingModel : public QAbstractTableModel {
    Q_OBJECT
public:
    enum Column {
        TableColumn,
        ColumnColumn,
        DeclaredColumn,
        DataColumn,
        TargetTypeColumn,
        ReasonColumn,
        ColumnCount
    };

    explicit TypeMappingModel(QObject *parent = nullptr);

    void setPlan(const TransferPlan &plan);
    // Only these source tables are listed (empty = all).
    void setTables(const QStringList &sourceTables);
    // The user's type choices as a mapping file (only edited columns).
    MappingFile mapping() const;
    bool hasEdits() const { return !m_edits.isEmpty(); }
    // Sets the target type of `table`.`column` as an edit would; false for an unknown type.
    bool setTargetType(const QString &table, const QString &column, const QString &type);
    int rowOf(const QString &table, const QString &column) const;

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    bool setData(const QModelIndex &index, const QVariant &value, int role = Qt::EditRole) override;
    Qt::ItemFlags flags(const QModelIndex &index) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role) const override;

signals:
    // An edit was refused (unknown type): what to tell the user.
    void editRejected(const QString &message);

private:
    struct Row {
        QString table;
        const ColumnDecision *column;
    };
    void rebuild();
    static QString key(const QString &table, const QString &column)
    {
        return table.toLower() + u'\t' + column.toLower();
    }

    TransferPlan m_plan;
    QStringList m_tables;
    QList<Row> m_rows;
    QHash<QString, QString> m_edits; // key -> canonical type
    QHash<QString, QPair<QString, QString>>
        m_names; // key -> (table, column) as spelled in the source
};

} // namespace strata
