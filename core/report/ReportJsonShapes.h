#pragma once
// The JSON shapes that several report sections share ($defs/error and $defs/change in
// docs/report.schema.json), written in one place (ReportJson.cpp) so the sections cannot drift.

#include "diff/SchemaDiff.h"
#include "util/Result.h"

#include <QJsonArray>
#include <QJsonValue>
#include <optional>

namespace strata::reportjson {

QJsonValue orNull(const QString &text);
QJsonValue errorJson(const std::optional<Error> &e);
QJsonArray changesJson(const QList<Change> &changes);

} // namespace strata::reportjson
