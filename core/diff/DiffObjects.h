#pragma once
// A diff seen object by object, for the diff view's tree: every table, view, index, trigger,
// sequence and enum of either side, marked added / removed / changed / identical, with its DDL
// on each side (in that side's dialect) and the changes of the diff that concern it.

#include "diff/SchemaDiff.h"

namespace strata {

enum class ObjectState { Added, Removed, Changed, Identical };
QString objectStateName(ObjectState state); // "added", "removed", "changed", "identical"

struct DiffObject {
    ObjectKind kind = ObjectKind::Table; // Table, View, Index, Trigger, Sequence or Enum
    QString schema;
    QString table; // the owning table of an index or trigger
    QString name;
    ObjectState state = ObjectState::Identical;
    QString ddlA, ddlB; // CREATE statements, ';'-terminated; empty on the side that lacks it
    QList<int> changes; // indexes into SchemaDiffResult::changes, in script order

    QString displayName() const; // "name", or "table.name" for indexes and triggers
};

class DiffObjects {
public:
    // Objects ordered by kind (tables, views, indexes, triggers, sequences, enums), then name.
    // Across engines objects match by name case-insensitively, main and public being the same.
    static QList<DiffObject> list(const Schema &a, const Schema &b, const SchemaDiffResult &diff);
    // The changes no object claims (schemas, schema comments): shown with the whole script.
    static QList<int> unclaimed(const QList<DiffObject> &objects, const SchemaDiffResult &diff);
    // The forward (or inverse) script of some changes: inverses run in reverse order.
    static QString script(const SchemaDiffResult &diff, const QList<int> &changes, bool inverse);
    // The worst risk among `changes`.
    static Risk risk(const SchemaDiffResult &diff, const QList<int> &changes);
};

} // namespace strata
