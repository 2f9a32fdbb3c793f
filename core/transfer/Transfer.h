#pragma once
// Executes a TransferPlan: creates the tables, loads them with libpq COPY (several at a time,
// each table in its own transaction with its CREATE), then keys, indexes, foreign keys,
// sequences, views and triggers, and verifies every table (rows and content checksums).

#include "connection/ConnectionSpec.h"
#include "transfer/TransferPlan.h"
#include "util/Progress.h"

namespace strata {

struct TableResult {
    QString table;       // target name
    qint64 rows = 0;     // rows loaded
    qint64 bytes = 0;    // bytes sent through COPY
    qint64 ms = 0;
    bool verified = false;
    bool skipped = false; // --resume found it already verified
    QString sourceChecksum, targetChecksum;
    QString error;
};

struct TransferResult {
    QList<TableResult> tables;
    QStringList warnings;
    std::optional<Error> error;
    bool ok() const { return !error.has_value(); }
};

struct RunOptions {
    int jobs = 0;              // 0 = number of cores
    bool resume = false;       // skip tables already loaded and verified
    bool dropExisting = false; // drop target tables that exist
};

class Transfer {
public:
    static TransferResult run(const ConnectionSpec &sqlite, const ConnectionSpec &postgres,
                              const TransferPlan &plan, const RunOptions &options,
                              Progress *progress = nullptr);
};

} // namespace strata
