#pragma once
// One `transfer --migrations` while it runs (MigrationsTransfer.h): the SQLite side read, the
// target session with its transaction open, the folder's migrations run in it, the name match
// and the per-column checks. Internal to MigrationsTransfer; rolls back whatever it left open.

#include "transfer/MigrationsBuild.h"
#include "transfer/PgConnection.h"
#include "transfer/Transfer.h"
#include "transfer/ValueFit.h"
#include <QElapsedTimer>
#include <atomic>
#include <memory>

namespace strata::transfer {

struct MigrationsRun {
    MigrationsRun(DatabaseSession &s, const ConnectionSpec &p, const TransferOptions &o,
                  Progress *pr)
        : sqlite(s), postgres(p), options(o), progress(pr)
    {
        clock.start();
    }
    ~MigrationsRun() { rollback(); }

    DatabaseSession &sqlite;
    const ConnectionSpec &postgres;
    const TransferOptions &options;
    Progress *progress;
    QElapsedTimer clock;
    std::atomic<bool> cancel{false};

    BuildSteps steps;
    TransferPlan plan;
    QList<QList<ValueFit>> fits; // per plan.tables entry
    std::unique_ptr<DatabaseSession> pg;
    std::unique_ptr<PgConnection> raw; // pg's own libpq connection, for COPY
    bool inTransaction = false;
    bool unmatched = false; // buildAndMatch failed only because data has no place

    QString schema() const
    {
        return options.targetSchema.isEmpty() ? QStringLiteral("public") : options.targetSchema;
    }
    bool cancelled()
    {
        if (progress && progress->cancelled())
            cancel = true;
        return cancel.load();
    }
    void report(int done, int total, const QString &label)
    {
        if (progress)
            progress->report(done, total, label);
    }
    void rollback()
    {
        if (inTransaction && pg)
            pg->exec(QStringLiteral("ROLLBACK"));
        inTransaction = false;
    }
    QString qualified(const TableDecision &d) const
    {
        return PgConnection::quoteIdentifier(schema()) + u'.' +
               PgConnection::quoteIdentifier(d.targetName);
    }

    std::optional<Error> readSource();
    std::optional<Error> openTarget();
    std::optional<Error> begin();
    std::optional<Error> buildAndMatch();
    std::optional<Error> scanMisfits(QList<ValueMisfit> &misfits);
};

// The introspected SQLite table a decision loads from.
const Table *sourceTable(const TransferPlan &plan, const QString &name);

} // namespace strata::transfer
