#pragma once
// A dry run that really runs: the plan executes inside one transaction, every statement is timed
// and counted, the schema is introspected before and inside the transaction and diffed, and then
// everything is rolled back. Afterwards the database (schema, data, history) is as before.

#include "diff/SchemaDiff.h"
#include "migration/Migrator.h"

namespace strata {

struct StatementTrial {
    QString file;
    int line = 0;
    QString sql;
    qint64 ms = 0;
    int rows = -1;       // rows affected; -1 when the driver does not say (DDL, SELECT)
    QString error;       // the driver's message when this statement failed
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
    bool ok() const { return !error.has_value(); }
};

class DryRun {
public:
    // Runs `plan` (from migrator.planUp/planDown) in one transaction and rolls it back.
    static TrialResult trial(Migrator &migrator, const Plan &plan, Progress *progress = nullptr);
};

} // namespace strata
