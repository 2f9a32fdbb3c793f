#pragma once
// Meaning of types, defaults and expressions across SQLite and PostgreSQL, for comparing
// schemas by meaning (cross-engine diff), spotting narrowing type changes (lint) and spelling
// a column of one engine in the other's dialect.

#include "schema/Schema.h"
#include <QString>

namespace strata::diff {

// A type reduced to its family and size: "integer", "text", "real", "numeric", "blob",
// "boolean", "timestamp", "date", "time", or the lower-cased name for anything else (uuid, jsonb,
// an enum). size is the integer/float width in bytes, the text length or the numeric
// precision; -1 when unbounded or not declared.
struct CanonicalType {
    QString family;
    int size = -1;
    int scale = -1;
    bool operator==(const CanonicalType &) const = default;
};

CanonicalType canonicalType(const QString &type, Engine engine);
// "character varying(20)" -> base "character varying", args "20"; "timestamp(3) with time zone"
// -> base "timestamp with time zone", args "3". Lower case, single spaces.
void splitType(const QString &type, QString &base, QString &args);

// Equal in meaning across engines: same family, and lengths/precisions equal where both
// declare one. Integer and float widths are not compared (SQLite stores 8 bytes anyway).
bool typesEquivalent(const QString &a, Engine ea, const QString &b, Engine eb);

// True when changing `from` to `to` (same engine) can lose data or fail on existing rows:
// smaller length/precision/width, bounded from unbounded, or a change of family other than
// towards unbounded text or from integer towards a wider numeric family.
bool isNarrowing(const QString &from, const QString &to, Engine engine);

// True when PostgreSQL must rewrite the table for ALTER COLUMN TYPE (everything but widening a
// varchar/numeric or turning a varchar into text).
bool typeChangeRewrites(const QString &from, const QString &to);

// The expression without PostgreSQL's ::type casts (outside string literals).
QString stripCasts(const QString &expression);

// Loose forms for comparing across engines. Expressions: lower case outside literals, no
// identifier quotes, no ::casts, no table qualifiers, single spaces, no redundant parentheses.
QString normaliseExpression(const QString &expression);
// Defaults: as normaliseExpression, with CURRENT_TIMESTAMP/now()/datetime('now') folded into
// one spelling, quoted numbers unquoted, and nextval(...) (serial) ignored (empty).
QString normaliseDefault(const QString &expression, const QString &family = {});
// Collation names, with the engines' defaults ("BINARY", "C", "default") as empty.
QString normaliseCollation(const QString &collation);

// True for columns whose value the engine assigns: identity, serial (nextval default), rowid.
bool isAutoIncrementing(const Column &column);

// A column of engine `from` spelled for engine `to`: type, default and identity.
Column translateColumn(const Column &column, Engine from, Engine to, bool isSingleColumnPk);
// A whole schema of another engine in `to`'s naming: main <-> public, columns translated,
// index definitions and methods dropped (they are regenerated), enums, sequences and comments
// left out (the other engine has no equivalent to compare them with).
// `rowidColumns` receives "schema.table.column" of SQLite INTEGER PRIMARY KEY columns that are
// plain rowid aliases (they match PostgreSQL integer keys with or without identity).
Schema translateSchema(const Schema &schema, Engine to, QStringList *rowidColumns = nullptr);

} // namespace strata::diff
