#include "transfer/MappingFile.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QSaveFile>

namespace strata {

QByteArray MappingFile::toJson() const
{
    QJsonObject tablesJson;
    for (const TableMapping &t : tables) {
        QJsonObject table;
        if (!t.name.isEmpty())
            table.insert(QStringLiteral("name"), t.name);
        QJsonObject columns;
        for (const ColumnMapping &c : t.columns) {
            QJsonObject column;
            if (!c.name.isEmpty())
                column.insert(QStringLiteral("name"), c.name);
            if (!c.type.isEmpty())
                column.insert(QStringLiteral("type"), c.type);
            if (c.transform)
                column.insert(QStringLiteral("transform"), valueTransformName(*c.transform));
            columns.insert(c.source, column);
        }
        if (!columns.isEmpty())
            table.insert(QStringLiteral("columns"), columns);
        tablesJson.insert(t.source, table);
    }
    QJsonObject root;
    root.insert(QStringLiteral("version"), 1);
    root.insert(QStringLiteral("tables"), tablesJson);
    return QJsonDocument(root).toJson(QJsonDocument::Indented);
}

Status MappingFile::write(const QString &path) const
{
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly))
        return Error::source(
            path, QStringLiteral("the mapping file cannot be written: %1").arg(file.errorString()));
    file.write(toJson());
    if (!file.commit())
        return Error::source(
            path, QStringLiteral("the mapping file cannot be written: %1").arg(file.errorString()));
    return {};
}

} // namespace strata
