#pragma once
// The readiness check as JSON: `strata-cli check --json` prints it and the JSON report embeds
// it as "readiness" (docs/report.schema.json, $defs/readiness, describes it).

#include "check/ReadinessCheck.h"

#include <QJsonObject>

namespace strata {

QJsonObject readinessJson(const ReadinessResult &result);

} // namespace strata
