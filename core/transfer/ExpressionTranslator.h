#pragma once
// SQLite expressions and statements (CHECK, DEFAULT, generated columns, index terms and WHERE,
// view SELECTs, trigger bodies) rewritten for PostgreSQL by a small token-based translator:
// names mapped and quoted, relations schema-qualified, functions mapped (ifnull -> coalesce,
// group_concat -> string_agg, iif -> CASE, date functions -> timestamp arithmetic, ...),
// `||` operands cast to text, LIKE -> ILIKE, IS -> IS NOT DISTINCT FROM, 0/1 compared with
// boolean columns -> false/true. What it cannot map it refuses, with the reason.
// The list is in docs/TRANSFER.md, "Expressions".

#include <QHash>
#include <QSet>
#include <QString>

namespace strata {

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
    const TranslationContext &context() const { return m_context; }

private:
    TranslationContext m_context;
};

} // namespace strata
