#pragma once
// SQLite expressions and statements (CHECK, DEFAULT, generated columns, index terms and WHERE,
// view SELECTs, trigger bodies) rewritten for PostgreSQL by a small token-based translator:
// names mapped and quoted, relations schema-qualified, functions mapped (ifnull -> coalesce,
// group_concat -> string_agg, iif -> CASE, date functions -> timestamp arithmetic, ...),
// `||` operands cast to text, LIKE -> ILIKE, IS -> IS NOT DISTINCT FROM, 0/1 compared with
// boolean columns -> false/true. Given the columns' facts (ColumnFacts) it also resolves
// rowid to the table's INTEGER PRIMARY KEY and casts the operands of comparisons whose types
// differ after the transfer the way SQLite's affinities compare them; given the columns in
// scope it reads a double-quoted word that names none as the string SQLite reads it as.
// What it cannot map it refuses, with the reason. Callers other than the transfer (port)
// get the same casts and rowid resolution by filling columnFacts, rowidColumns and table.
// The list is in docs/TRANSFER.md, "Expressions" and "Types in expressions".

#include "transfer/TransferPlan.h"
#include <QHash>
#include <QSet>
#include <QString>

namespace strata {

// What the transfer chose for one source column, for the comparisons and defaults that need
// a cast.
struct ColumnFacts {
    QString type;         // the PostgreSQL type chosen ("bigint", "text", ...)
    QString declaredType; // as declared in SQLite: its affinity decides how SQLite compares
    ValueTransform transform = ValueTransform::None;
    bool isoTexts = false; // every value is an ISO-8601 date/time text: a cast to it is safe
};

struct TranslationContext {
    QString schema;                            // target schema: relations are qualified with it
    QHash<QString, QString> relations;         // ASCII-lower source table/view name -> target name
    QHash<QString, QString> columns;           // ASCII-lower source column name -> target name;
                                               // an empty target = renamed differently per table
    QSet<QString> booleanColumns;              // ASCII-lower source names of boolean target columns
    QSet<QString> textColumns;                 // ASCII-lower source names that are text everywhere
    bool foldLowerCase = true;                 // other names (aliases) folded like the mapped ones
    QString nocase = QStringLiteral("citext"); // COLLATE NOCASE: "citext" -> ::citext, "icu"
    QString nocaseCollation;                   // the quoted ICU collation for "icu"
    bool triggerBody = false;                  // NEW and OLD are row references

    // Optional facts; without them no casts are added and rowid is refused.
    // ASCII-lower source relation -> ASCII-lower source column -> what the transfer chose.
    QHash<QString, QHash<QString, ColumnFacts>> columnFacts;
    // ASCII-lower source table -> target name of its INTEGER PRIMARY KEY (SQLite's rowid alias).
    QHash<QString, QString> rowidColumns;
    // ASCII-lower source table a CHECK, index term, default or trigger belongs to (NEW, OLD
    // and unqualified names outside a FROM refer to it); empty in views.
    QString table;
    // A DEFAULT: no column is in scope, so every double-quoted word is a string literal.
    bool constant = false;
};

struct Translation {
    QString sql;
    QString problem; // why it cannot be translated; empty when it was
    bool ok() const { return problem.isEmpty(); }
};

class ExpressionTranslator {
public:
    explicit ExpressionTranslator(const TranslationContext &context) : m_context(context) {}
    // An expression, a SELECT, or one INSERT/UPDATE/DELETE statement.
    Translation translate(const QString &sqlite) const;
    // An expression whose value goes into a column of `targetType` (a DEFAULT, a generated
    // column): a date/time function or CURRENT_* becomes a value of that type at the
    // precision SQLite's text keeps ('now' stays UTC; `transform` says how the column's SQLite
    // numbers become timestamps), and a value PostgreSQL cannot assign to the type is refused
    // with the reason instead of failing at CREATE TABLE.
    Translation translateAs(const QString &sqlite, const QString &targetType,
                            ValueTransform transform = ValueTransform::None) const;
    const TranslationContext &context() const { return m_context; }

private:
    TranslationContext m_context;
};

} // namespace strata
