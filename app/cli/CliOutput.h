#pragma once
// Turns core results into the CLI's text and JSON. The JSON shapes are a contract.

#include "diff/SchemaDiff.h"
#include "migration/DryRun.h"
#include "migration/Migrator.h"
#include <QJsonArray>
#include <QJsonObject>

namespace strata::cli {

QJsonObject errorJson(const Error &error);
QJsonObject statusJson(const QString &database, const StatusReport &status);
QJsonObject planJson(const Plan &plan);
QJsonObject runJson(const RunResult &run, const std::optional<Version> &current);
QJsonObject validateJson(const QList<ValidationProblem> &problems,
                         const QList<SourceProblem> &folderProblems);
QJsonObject repairJson(const QList<RepairAction> &actions, bool applied);

QJsonArray changesJson(const SchemaDiffResult &diff);
QJsonObject trialJson(const TrialResult &trial);
QString trialText(const TrialResult &trial);
QJsonObject diffJson(const QString &a, const QString &b, const SchemaDiffResult &diff);
QString diffText(const QString &a, const QString &b, const SchemaDiffResult &diff);

QString statusText(const StatusReport &status);
QString planText(const Plan &plan);
QString runText(const RunResult &run, const std::optional<Version> &current);
QString validateText(const QList<ValidationProblem> &problems,
                     const QList<SourceProblem> &folderProblems, int checked);
QString repairText(const QList<RepairAction> &actions, bool applied);

} // namespace strata::cli
