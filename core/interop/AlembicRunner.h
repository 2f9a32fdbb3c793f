#pragma once
// Dry runs and applies an Alembic project through Strata: Alembic's offline mode
// (`alembic upgrade FROM:TO --sql`, `downgrade` likewise) writes the SQL, including the
// alembic_version updates; Strata splits it per revision and runs it in one transaction, either
// rolled back (a trial) or committed, so `alembic current` agrees afterwards. Needs the
// `alembic` command (Debian: alembic / python3-alembic); without it only status works.

#include "interop/AlembicStatus.h"
#include "migration/DryRun.h"

namespace strata {

struct AlembicTarget {
    Direction direction = Direction::Up;
    QString revision; // up: a revision, "heads" when empty; down: a revision or "base"
    int steps = 0;    // down: undo this many revisions instead (following first parents)
};

class AlembicRunner {
public:
    explicit AlembicRunner(const AlembicProject &project) : m_project(project) {}

    // The alembic command: $STRATA_ALEMBIC, else `alembic` on PATH; empty when not installed.
    static QString executable();
    // What to install, for messages in the CLI and the app.
    static QString missingText();

    // The SQL Alembic's offline mode writes for `target` from where `status` places the database.
    Result<QString> offlineSql(Engine engine, const AlembicStatus &status,
                               const AlembicTarget &target) const;
    // That SQL as a plan: one step per "-- Running upgrade a -> b" section, statements split.
    Result<Plan> plan(DatabaseSession &session, const AlembicStatus &status,
                      const AlembicTarget &target) const;
    // Runs `plan` in one transaction and rolls back (see DryRun).
    static TrialResult trial(DatabaseSession &session, const Plan &plan,
                             Progress *progress = nullptr);
    // Runs `plan` in one transaction and commits; on any failure nothing is changed.
    static RunResult apply(DatabaseSession &session, const Plan &plan,
                           Progress *progress = nullptr);

    // Splits offline SQL into steps (exposed for tests). `versionTableExists` drops Alembic's
    // CREATE TABLE of the version table when the database already has one.
    Plan splitOffline(const QString &sql, Direction direction, const QString &versionTable,
                      bool versionTableExists) const;

private:
    Result<QString> runAlembic(const QStringList &arguments, Engine engine) const;

    const AlembicProject &m_project;
};

} // namespace strata
