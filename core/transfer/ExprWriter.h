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

class Writer;

// A value's PostgreSQL type, as far as comparisons and defaults care. Untyped: a string
// literal, which PostgreSQL reads as whatever the other side is.
enum class Family {
    Unknown,
    Untyped,
    Text,
    Integer,
    Float,
    Boolean,
    Timestamp,
    TimestampTz,
    Date,
    Time,
    Bytea,
    Other
};
Family familyOf(const QString &postgresType);
bool numeric(Family f);
bool temporal(Family f);          // timestamp, timestamptz, date, time
const char *familyName(Family f); // for people: "text", "a number", ...

// A date/time function call or CURRENT_* (DateFunctions.cpp): its time value and what SQLite
// returns for it.
struct TimeCall {
    enum class Shape { Text, Timestamp, Date, Time, Epoch, Julian };
    QString value;             // the time value: a timestamp without time zone, UTC like SQLite's
    Shape shape = Shape::Text; // the text's shape (strftime: by its format), or a number
    QString unit;              // the date_trunc unit SQLite's text keeps ("second", "milliseconds")
    QString sqliteText;        // the to_char template writing SQLite's text
    bool strftime = false;     // text in PostgreSQL too (the others are typed values)
    bool digits = false, fraction = false; // strftime: only digits (and a '.' for %f)

    QString natural(const Writer &w) const; // as the translator writes the call
    QString instant() const;                // value, or CURRENT_TIMESTAMP for 'now' (epochs)
    QString asText(const Writer &w) const;  // SQLite's text, exactly
    // A value of `type`; empty with a problem when SQLite's value does not fit it.
    QString as(const Writer &w, const QString &type, ValueTransform transform,
               QString *problem) const;
};
bool isDateFunction(const QString &lowerName);
// The call (or CURRENT_* word) at `nameToken`; nullopt when it is none.
std::optional<TimeCall> timeCall(Writer &w, qsizetype nameToken);
bool isComparisonOp(const QString &op);

// What an operand is, after the transfer (ExprTypes.cpp).
struct Operand {
    Family family = Family::Unknown;
    const ColumnFacts *column = nullptr; // a column whose facts are known
    bool numberLiteral = false;
    QString literal; // a number literal as written, sign included
    bool timeCall = false, strftime = false;
    bool rowReference = false; // NEW.x or OLD.x: no affinity in SQLite
    TimeCall::Shape timeShape = TimeCall::Shape::Text;
};

// How an operand is rewritten so PostgreSQL compares as SQLite does (ExprTypes.cpp).
struct Coercion {
    enum class Kind {
        None,
        SqliteNumberText, // a number literal as the text SQLite turns it into: '1'
        ToText,           // (x)::text
        ToInteger,        // (x)::integer (a boolean column)
        ToType,           // (x)::type
        SqliteTimeText,   // a date function as SQLite's text (to_char)
        TypedTime,        // strftime() as the value of type its text stands for
        NumberToTime,     // epoch seconds/millis or Julian day -> timestamp (by transform)
    };
    Kind kind = Kind::None;
    QString type;
    ValueTransform transform = ValueTransform::None;
};

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
    // The whole text as a value of `type` (ExpressionTranslator::translateAs).
    Translation valueAs(const QString &type, ValueTransform transform);
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

    // ExprScope.cpp
    bool isNameToken(qsizetype i) const;
    void scanScope();
    QString qualifierRelation(qsizetype token) const;
    QStringList scope() const;
    const ColumnFacts *facts(qsizetype b, qsizetype e) const;
    QString rowid(qsizetype qualifier, qsizetype token);
    bool isRowid(qsizetype token) const;
    bool isStringFallback(qsizetype token) const;

    // ExprTypes.cpp
    bool reconcileOrdered(const Operand &x, const Operand &y, bool ordering, Coercion *cx,
                          Coercion *cy, QString *problem) const;
    void reconcile(const QList<Item> &list, qsizetype a, qsizetype b, bool ordering,
                   QHash<qsizetype, Coercion> &out, const Operand *whole = nullptr);
    QHash<qsizetype, Coercion> coercions(const QList<Item> &list, bool caseOperand);
    std::optional<QString> coercedList(const Item &x, const Item &list);
    QString coerced(const Item &item, const Coercion &c);

public:
    Operand operand(const Item &item);
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
    QHash<QString, QString> m_aliases; // ASCII-lower alias -> relation (empty: ambiguous)
    QStringList m_referenced;          // ASCII-lower relations in FROM/JOIN/UPDATE/INTO
    QSet<QString> m_declared;          // ASCII-lower names the statement declares
    bool m_alias = false;              // the next atom is an alias (after AS or an operand)
};

// NULL, TRUE, FALSE, CURRENT_TIMESTAMP, CURRENT_DATE, CURRENT_TIME (upper case).
bool isValueWord(const QString &upper);
// name(args) at token `name` whose '(' is at `open`, translated (SqlFunctions.cpp).
QString functionCall(Writer &w, qsizetype name, qsizetype open);
// A SQLite CAST target type in PostgreSQL (by affinity).
QString castType(const QString &sqliteType);

} // namespace strata::expr
