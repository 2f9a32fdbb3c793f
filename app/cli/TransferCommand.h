#pragma once
// strata-cli transfer: SQLite -> PostgreSQL with the planner and the loader; --plan previews.

#include "CliTerminal.h"
#include "ReportCommand.h"
#include "transfer/Transfer.h"
#include "transfer/TransferPlan.h"
#include <QJsonObject>
#include <QStringList>

namespace strata::cli {

int cmdTransfer(const CommandArgs &args, Output &out, const ReportOption &report = {});

// Text and JSON of a plan (--plan) and of a finished transfer, in TransferOutput.cpp.
QString transferPlanText(const TransferPlan &plan);
QJsonObject transferPlanJson(const TransferPlan &plan);
QString transferResultText(const TransferResult &result);
QJsonObject transferResultJson(const QString &source, const QString &target,
                               const TransferResult &result);

} // namespace strata::cli
