#pragma once
// The user's overrides of the planner's decisions (TransferOptions::mappingFile), a small JSON
// file documented in docs/TRANSFER.md, "Mapping file":
//
//   {"tables": {"Invoice": {"name": "invoices",
//                           "columns": {"InvoiceDate": {"type": "timestamp with time zone",
//                                                       "transform": "iso_text",
//                                                       "name": "invoiced_at"}}}}}
//
// Every problem (unreadable file, bad JSON, unknown key, table, column, type or transform, a
// transform that does not fit the type) is an Error of kind Source naming the file and the
// offending entry.

#include "schema/Schema.h"
#include "transfer/TransferPlan.h"

namespace strata {

struct ColumnMapping {
    QString source; // the column as written in the file
    QString name;   // target name; empty = the planner's
    QString type;   // PostgreSQL type, canonical spelling; empty = the planner's
    std::optional<ValueTransform> transform; // unset = the planner's, if it fits the type
};

struct TableMapping {
    QString source;
    QString name;
    QList<ColumnMapping> columns;
    const ColumnMapping *column(const QString &sourceName) const; // case-insensitive
};

struct MappingFile {
    QString path;
    QList<TableMapping> tables;

    static Result<MappingFile> read(const QString &path);
    // The file's JSON (version 1; only the fields that are set), and writing it to `path`
    // (replaced atomically; errors name the file). read(write(m)) gives m back.
    QByteArray toJson() const;
    Status write(const QString &path) const;
    // Every table and column named exists in `source`.
    Status validate(const Schema &source) const;
    const TableMapping *table(const QString &sourceName) const; // case-insensitive

    // "int8" -> "bigint", "varchar(20)" -> "character varying(20)"; nullopt when unknown.
    static std::optional<QString> canonicalType(const QString &type);
    // Whether a transform produces values of the type (None fits every type).
    static bool transformFits(ValueTransform transform, const QString &type);
};

} // namespace strata
