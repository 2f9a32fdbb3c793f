#pragma once
// Small helpers shared by the history readers: rows as name -> value maps, timestamps as UTC.

#include "connection/DatabaseSession.h"
#include <QDateTime>
#include <QVariantMap>

namespace strata::interop {

// Every row of `sql`, each as lower-case column name -> value.
Result<QList<QVariantMap>> queryRows(DatabaseSession &session, const QString &sql,
                                     const QString &what);
// A timestamp column's value in UTC: QDateTime from PostgreSQL, text from SQLite.
QDateTime utcTime(const QVariant &value);
// `schema.table` quoted, or just `table` when schema is empty.
QString qualified(const Dialect &dialect, const QString &schema, const QString &table);

} // namespace strata::interop
