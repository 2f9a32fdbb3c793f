#pragma once
// A dry run that really runs: the plan executes inside one transaction, every statement is timed
// and counted, the schema is introspected before and inside the transaction and diffed, and then
// everything is rolled back. Afterwards the database (schema, data, history) is as before.

#include "diff/SchemaDiff.h"
#include "migration/Migrator.h"

#include <QDateTime>

namespace strata {

struct StatementTrial {
    QString file;
    int line = 0;
    QString sql;
    qint64 ms = 0;
    int rows = -1; // rows affected; -1 when the driver does not say (DDL, SELECT)
    QString error; // the driver's message when this statement failed
    bool executed = false;
};

struct StepTrial {
    Direction direction = Direction::Up;
    QString version;
    QString description;
    QString script;
    bool executed = true;   // false for no-transaction migrations, which a trial cannot undo
    bool generated = false; // an undo generated from snapshots
    QString note;           // why the step was not executed
    QStringList warnings;   // the plan's lint
    QList<StatementTrial> statements;
};

struct TrialResult {
    Direction direction = Direction::Up;
    QList<StepTrial> steps;
    SchemaDiffResult schemaChanges; // what the plan changed, from the two introspections
    QStringList warnings;
    std::optional<Error> error; // the first failing statement (located), or what stopped the trial
    bool rolledBack = false;
    QDateTime ranAt;     // when the trial ran (UTC)
    bool reused = false; // an earlier trial of the same plan on the same history, served again
    bool ok() const { return !error.has_value(); }
    // Migrations the trial could not run (no-transaction): never counted as a success.
    int untriedSteps() const;
    // The trial fully ran and passed: nothing failed and nothing was left untried.
    bool fullyTried() const { return ok() && untriedSteps() == 0; }
    // One sentence for every face (GUI, CLI, reports): "the plan would succeed", "the plan would
    // FAIL", or what passed and how many migrations were not trialled.
    QString verdict() const;
};

class DryRun {
public:
    // Runs `plan` (from migrator.planUp/planDown) in one transaction and rolls it back.
    static TrialResult trial(Migrator &migrator, const Plan &plan, Progress *progress = nullptr);
    // What a trial's outcome depends on: the plan's statements and the history it starts from.
    // Two equal keys mean a trial of the first still stands for the second.
    static Result<QByteArray> planKey(Migrator &migrator, const Plan &plan);
};

} // namespace strata
