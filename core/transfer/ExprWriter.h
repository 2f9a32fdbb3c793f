#pragma once
// Internal to ExpressionTranslator: the writer that walks SQLite tokens and emits PostgreSQL
// text. ExprItems.cpp groups tokens into items, ExpressionTranslator.cpp writes them (names,
// operators), SqlFunctions.cpp maps functions.

#include "dialect/Dialect.h"
#include "schema/SqliteDdlTokenizer.h"
#include "transfer/ExpressionTranslator.h"
#include <memory>
#include <optional>

namespace strata::expr {

using sqliteddl::SqlTokens;
using sqliteddl::TokenKind;

enum class ItemKind { Atom, Operator, Keyword, Comma, Other };

// A run of tokens [b, e) that is one unit of the expression.
struct Item {
    ItemKind kind = ItemKind::Other;
    qsizetype b = 0, e = 0;
    qsizetype core = 0;     // atoms: first token after a unary prefix
    qsizetype collate = -1; // atoms: index of a postfix COLLATE keyword, -1 when none
    QString op;             // operators: the merged text ("||", "==")
};

class Writer {
public:
    Writer(const QString &sql, const TranslationContext &context);

    QString range(qsizetype b, qsizetype e); // tokens [b, e) translated
    const QString &problem() const { return m_problem; }
    qsizetype size() const { return m_t.size(); }

private:
    friend QString functionCall(Writer &w, qsizetype name, qsizetype open);

    QList<Item> items(qsizetype b, qsizetype e);
    qsizetype atomEnd(qsizetype i, qsizetype e) const; // after the atom starting at i
    QString gap(qsizetype afterToken, qsizetype beforeToken) const;
    QString atom(const Item &item, bool booleanList = false);
    QString core(qsizetype b, qsizetype e, bool booleanList);
    QString name(qsizetype b, qsizetype e, bool relation);
    QString collate(qsizetype i);
    QString concatenation(const QList<Item> &items, qsizetype first, qsizetype last);
    bool isTextAtom(const Item &item) const;
    bool isBooleanColumn(const Item &item) const;
    bool isBit(const Item &item) const; // a 0 or 1 literal
    QString ident(const QString &targetName) const { return m_pg->quoteIdentifier(targetName); }
    QString otherName(qsizetype token) const;

public:
    // Shared with SqlFunctions.cpp.
    const SqlTokens &tokens() const { return m_t; }
    const TranslationContext &context() const { return m_c; }
    void fail(const QString &problem)
    {
        if (m_problem.isEmpty())
            m_problem = problem;
    }
    QString literal(const QString &text) const { return m_pg->quoteLiteral(text); }
    // A single string-literal argument's text (not a blob literal).
    std::optional<QString> stringLiteral(qsizetype b, qsizetype e) const;
    bool isKeyword(qsizetype i) const;

private:
    const QString &m_sql;
    SqlTokens m_t;
    const TranslationContext &m_c;
    std::unique_ptr<Dialect> m_pg;
    QString m_problem;
};

// NULL, TRUE, FALSE, CURRENT_TIMESTAMP, CURRENT_DATE, CURRENT_TIME (upper case).
bool isValueWord(const QString &upper);
// name(args) at token `name` whose '(' is at `open`, translated (SqlFunctions.cpp).
QString functionCall(Writer &w, qsizetype name, qsizetype open);
// A SQLite CAST target type in PostgreSQL (by affinity).
QString castType(const QString &sqliteType);

} // namespace strata::expr
