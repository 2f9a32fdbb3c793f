#pragma once
// SchemaDiff(a, b): the ordered changes that turn schema `a` into schema `b`, each with forward
// DDL in `a`'s dialect, its inverse where one exists, a risk flag and lint warnings.

#include "schema/Schema.h"
#include <QList>
#include <QString>
#include <QStringList>

namespace strata {

enum class ObjectKind { Schema, Enum, Sequence, Table, Column, PrimaryKey, Unique, ForeignKey, Check,
                        Index, View, Trigger, Comment };
enum class ChangeAction { Create, Drop, Alter };
enum class Risk { Safe, Blocking, Destructive };

QString objectKindName(ObjectKind kind);   // "table", "column", "foreign_key", ...
QString changeActionName(ChangeAction a);  // "create", "drop", "alter"
QString riskName(Risk risk);               // "safe", "blocking", "destructive"

struct Change {
    ChangeAction action = ChangeAction::Create;
    ObjectKind kind = ObjectKind::Table;
    QString schema;
    QString table;   // the owning table for columns, constraints, indexes, triggers
    QString name;    // the object's own name
    QString summary; // one line for people: "add column shop.orders.note text"
    QStringList forward; // statements, in order, without trailing ';'
    QStringList inverse; // statements that undo `forward`; empty when hasInverse is false
    // True when `inverse` restores the schema. Data removed by a Destructive change (a dropped
    // table or column) is not restored: the inverse recreates the object empty.
    bool hasInverse = true;
    Risk risk = Risk::Safe;
    QStringList warnings; // lint findings about this change
};

struct DiffOptions {
    // Compare across engines by meaning (INTEGER PRIMARY KEY vs bigint identity, TEXT vs text,
    // REAL vs double precision, main vs public). On by default when the engines differ.
    bool crossEngine = false;
    // Row counts per "schema.table" let the lint flag blocking changes on big tables.
    QList<QPair<QString, qint64>> tableRows;
};

struct SchemaDiffResult {
    QList<Change> changes;  // in dependency order
    QStringList warnings;   // findings about the whole diff (e.g. a drop + add that looks like a rename)

    bool isEmpty() const { return changes.isEmpty(); }
    QString forwardSql() const; // every forward statement, ';'-terminated, in order
    QString inverseSql() const; // the inverse script: inverses in reverse order
    bool fullyReversible() const; // every change has an inverse (hasInverse)
};

class SchemaDiff {
public:
    static SchemaDiffResult compare(const Schema &a, const Schema &b, const DiffOptions &options = {});
};

} // namespace strata
