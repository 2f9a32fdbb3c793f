#pragma once
// Small text helpers both DDL emitters use: building a Change, naming constraints the way
// PostgreSQL names them, and trimming stored SQL.

#include "dialect/Dialect.h"
#include "diff/DiffPlan.h"

namespace strata::diff {

Change makeChange(ChangeAction action, ObjectKind kind, const QString &schema, const QString &table,
                  const QString &name, const QString &summary, const QStringList &forward,
                  const QStringList &inverse);

// What differs between two versions of a column, for summaries: "type text -> integer, set
// not null, default 'x' -> none".
QString columnChanges(const Column &from, const Column &to);
// Everything one table delta changes, for a SQLite rebuild's summary.
QString deltaChanges(const TableDelta &delta);

// Stored SQL (view bodies, trigger definitions) without surrounding blanks and trailing ';'.
QString bareSql(const QString &sql);

// The name PostgreSQL would give an unnamed constraint: <table>_pkey, <table>_<cols>_key,
// <table>_<cols>_fkey, <table>_<col>_check (first column the expression mentions).
QString pkName(const Table &table);
QString uniqueName(const Table &table, const UniqueConstraint &unique);
QString fkName(const Table &table, const ForeignKey &fk);
QString checkName(const Table &table, const CheckConstraint &check);

// "(a, b)" with every name quoted.
QString quotedList(const Dialect &dialect, const QStringList &names);
// A FOREIGN KEY clause (without CONSTRAINT name): columns, REFERENCES target, actions.
QString fkClause(const Dialect &dialect, const ForeignKey &fk, const QString &quotedTarget);
// The index's column list: names quoted, expressions in parentheses, COLLATE/DESC/NULLS.
QString indexColumns(const Dialect &dialect, const Index &index);

// "schema.table.column" of a sequence's owner, split against the tables of `schema`.
struct Owner {
    QString table;
    QString column;
};
Owner splitOwner(const Schema &schema, const Sequence &sequence);

} // namespace strata::diff
