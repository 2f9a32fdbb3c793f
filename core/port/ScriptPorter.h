#pragma once
// One script of a migration, ported: runs it on the scratch SQLite database (which holds the
// folder's schema and data up to this point) and writes its PostgreSQL text.

#include "connection/DatabaseSession.h"
#include "migration/Migration.h"
#include "port/PortReport.h"
#include "transfer/TransferPlan.h"

namespace strata {

struct PortedBody {
    QString sql;           // the PostgreSQL statements and comments, ';'-terminated
    QList<PortNote> notes; // manual work, left-out statements, warnings
    bool asIs = true;      // every statement runs on PostgreSQL as written: no variant needed
};

class ScriptPorter {
public:
    ScriptPorter(DatabaseSession &scratch, const TransferOptions &options)
        : m_db(scratch), m_options(options)
    {
    }
    // Runs `script` on the scratch database and returns its PostgreSQL text; an error when a
    // statement fails on SQLite (the plain script itself is broken).
    Result<PortedBody> port(const MigrationScript &script);

    // The transfer's plan for the schema the scratch database has now, without its rows:
    // types come from the declarations alone, so a version's seed rows cannot change the
    // types the next version sees.
    Result<TransferPlan> target();
    // The transfer's decisions for the folder's last version, with its rows (see target()).
    void setFinalDecisions(const QList<TableDecision> &decisions) { m_final = decisions; }

private:
    DatabaseSession &m_db;
    TransferOptions m_options;
    QList<TableDecision> m_final;
};

} // namespace strata
