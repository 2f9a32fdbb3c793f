#pragma once
// Moving an SQLite database into PostgreSQL: what the planner decides (per column: what the data
// holds, the chosen PostgreSQL type and transform, and why) and what the loader executes.

#include "schema/Schema.h"
#include "transfer/HistoryTables.h"
#include "util/Result.h"
#include <QMap>
#include <memory>

namespace strata {

class SampledPlan;

// How a source value becomes a target value while loading.
enum class ValueTransform {
    None,         // as stored (text as text, integers, doubles in shortest round-trip form)
    BoolFromInt,  // 0/1 -> false/true
    EpochSeconds, // integer/real Unix seconds -> timestamp
    EpochMillis,  // integer Unix milliseconds -> timestamp
    JulianDay,    // real Julian day number -> timestamp
    IsoText,      // ISO-8601 text -> timestamp/date (as text; PostgreSQL parses it)
    TextToBytea,  // text that is not valid UTF-8 or holds NUL, stored as bytes
};
QString valueTransformName(ValueTransform t);
std::optional<ValueTransform> valueTransformFromName(const QString &name);

// What to do with text that is not valid UTF-8 or contains NUL bytes (PostgreSQL text cannot).
enum class BadTextPolicy { Fail, Replace, Bytea };

struct ColumnProfile {
    qint64 nulls = 0, integers = 0, reals = 0, texts = 0, blobs = 0;
    qint64 maxTextBytes = 0;
    qint64 minInteger = 0, maxInteger = 0;
    qint64 isoDateTexts = 0;  // texts that parse as ISO-8601 dates/timestamps
    qint64 badTexts = 0;      // texts with invalid UTF-8 or NUL bytes
    QString describe() const; // "text 120, null 3" — what the data holds, for people

    // Added by the planner (see docs/TRANSFER.md, "Profiling").
    qint64 maxTextChars = 0; // longest non-blob value in characters (numbers as text)
    double minReal = 0, maxReal = 0;
    qint64 isoDateOnlyTexts = 0; // of isoDateTexts: a bare 'YYYY-MM-DD'
    qint64 isoZonedTexts = 0;    // of isoDateTexts: with a Z or +hh:mm offset
    qint64 nulTexts = 0;         // of badTexts: texts holding NUL bytes
    qint64 numericMisfits = 0;   // numbers that do not fit the declared NUMERIC(p,s)
    qint64 values() const { return integers + reals + texts + blobs; } // non-NULL values
};

struct ColumnDecision {
    QString sourceName;
    QString targetName;
    QString declaredType; // SQLite declared type
    ColumnProfile profile;
    QString targetType; // PostgreSQL type, e.g. "bigint", "character varying(160)"
    ValueTransform transform = ValueTransform::None;
    QString reason;          // why this type: "declared NVARCHAR(160), all values fit"
    bool generated = false;  // generated columns are never copied into
    bool overridden = false; // set by the mapping file
};

struct TableDecision {
    QString sourceName;
    QString targetName;
    qint64 rows = 0;
    QList<ColumnDecision> columns;
    QString identityColumn;   // rowid alias / AUTOINCREMENT column that became identity
    qint64 sequenceStart = 1; // greatest(max(id), sqlite_sequence.seq) + 1
    // Added for the loader: this table's CREATE TABLE statement (also listed in
    // TransferPlan::createTables), run in the same transaction as its COPY. When empty, the
    // loader matches createTables by name, or else runs all of createTables before loading.
    QString createSql;
    // Added by the planner: the decision for a source column (case-insensitive, as SQLite).
    const ColumnDecision *column(const QString &sourceName) const;
    // Added for the loader: the statements of TransferPlan::afterLoad that concern this table
    // alone (primary key, unique, checks, indexes, identity restart, ANALYZE). The loader runs
    // them in the table's own load transaction, so tables build their keys in parallel and a
    // table is committed complete; afterLoad keeps listing them for people and scripts.
    QStringList ownSql;
};

struct ManualWork {
    QString kind; // "view", "trigger"; also "check", "index", "default", "foreign key",
                  // "generated column", "virtual table" (what was not carried over)
    QString name;
    QString originalSql; // the SQLite definition, never dropped silently
    QString reason;
};

// A view, or a trigger with its function, among TransferPlan::afterLoad.
struct TranslatedObject {
    QString kind; // "view", "trigger"
    QString name; // the SQLite name
    QString originalSql;
    QStringList statements; // as they appear in afterLoad, in order
};

// One column whose data would not fit the PostgreSQL type the migrations declared for it
// (a transfer into a schema built from migrations: MigrationsTransfer.h).
struct ValueMisfit {
    QString table;            // the SQLite table
    QString column;           // the SQLite column
    QString targetType;       // its PostgreSQL column's type, as format_type() prints it
    qint64 values = 0;        // how many values would not fit
    QString first;            // the first one: "row with rowid 7: text 'abc' is not an integer"
    QString describe() const; // one line for people
};

struct TransferOptions {
    QStringList tables;        // empty = all
    bool foldLowerCase = true; // fold identifiers to lower case
    QString targetSchema = QStringLiteral("public");
    QString nocase = QStringLiteral("citext"); // "citext" or "icu" for COLLATE NOCASE columns
    BadTextPolicy badText = BadTextPolicy::Fail;
    QString mappingFile; // JSON overrides: see docs/TRANSFER.md
    // A migrations folder: build the target by running its migrations up to the SQLite
    // database's version instead of deriving it from the SQLite schema, and load into that,
    // all in one transaction (MigrationsTransfer.h). Empty: derive the target.
    QString migrations;
};

struct TransferPlan {
    Schema source;               // introspected SQLite schema
    Schema target;               // the PostgreSQL schema to create (engine Postgres)
    QList<TableDecision> tables; // in load order
    QList<ManualWork> manualWork;
    QStringList warnings;
    // DDL phases, each a list of statements without trailing ';'.
    QStringList createTables;  // tables with columns only: no PK/unique/check/FK/index
    QStringList afterLoad;     // PK, unique, checks, indexes, FKs (NOT VALID + VALIDATE),
                               // sequence positions, views, triggers, ANALYZE
    QString ddlScript() const; // both phases, ';'-terminated, for --plan
    // Added by the planner: the decision for a source table (case-insensitive), and the type
    // decisions with their reasons as text for people (--plan), one line per column.
    const TableDecision *table(const QString &sourceName) const;
    QString decisionsText() const;
    // Added for the loader: TransferOptions::badText, applied to text the profile did not catch.
    BadTextPolicy badText = BadTextPolicy::Fail;
    // Added for the loader: the translated views and triggers. Each runs under its own
    // SAVEPOINT; one PostgreSQL refuses is rolled back and reported as manual work
    // (TransferResult::manualWork) while the rest of afterLoad goes on.
    QList<TranslatedObject> translatedObjects;
    // Set by TransferPlanner::planFromSample: the decisions rest on sampled profiles, and the
    // loader confirms each table against every row before committing it (SampledPlan.h).
    std::shared_ptr<const SampledPlan> sampled;
    // History tables (Strata's and other tools'): not in `tables`, never profiled; written
    // after the load the way each tool creates them on PostgreSQL (HistoryTables.h).
    QList<HistoryCopy> histories;
    // With TransferOptions::migrations: the version the folder built the target at, the
    // scripts that ran (in order), the SQLite data with no place in that schema (tables and
    // columns without a target, target NOT NULL columns nothing fills; target tables and
    // columns without a source are among the warnings), and the
    // columns whose data would not fit their declared types (filled by a --plan that read
    // every row, or by the run that found them).
    QString builtVersion;
    QStringList builtScripts;
    QStringList unmatched;
    QList<ValueMisfit> misfits;
};

} // namespace strata
