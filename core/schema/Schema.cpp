#include "schema/Schema.h"

#include <algorithm>

namespace strata {

const Column *Table::column(const QString &name) const
{
    for (const Column &c : columns) {
        if (c.name == name)
            return &c;
    }
    return nullptr;
}

const Table *Schema::table(const QString &schema, const QString &name) const
{
    for (const Table &t : tables) {
        if (t.schema == schema && t.name == name)
            return &t;
    }
    return nullptr;
}

const View *Schema::view(const QString &schema, const QString &name) const
{
    for (const View &v : views) {
        if (v.schema == schema && v.name == name)
            return &v;
    }
    return nullptr;
}

namespace {

template <typename T> void sortByQualifiedName(QList<T> &items)
{
    std::sort(items.begin(), items.end(), [](const T &a, const T &b) {
        return std::tie(a.schema, a.name) < std::tie(b.schema, b.name);
    });
}

template <typename T, typename Key> void sortBy(QList<T> &items, Key key)
{
    std::sort(items.begin(), items.end(), [&](const T &a, const T &b) { return key(a) < key(b); });
}

} // namespace

void Schema::normalise()
{
    schemas.sort();
    sortByQualifiedName(tables);
    sortByQualifiedName(views);
    sortByQualifiedName(sequences);
    sortByQualifiedName(enums);
    std::sort(schemaComments.begin(), schemaComments.end());
    for (Table &t : tables) {
        sortBy(t.uniques, [](const UniqueConstraint &u) { return std::tie(u.name, u.columns); });
        sortBy(t.foreignKeys, [](const ForeignKey &f) { return std::tie(f.name, f.columns); });
        sortBy(t.checks, [](const CheckConstraint &c) { return std::tie(c.name, c.expression); });
        sortBy(t.indexes, [](const Index &i) { return i.name; });
        sortBy(t.triggers, [](const Trigger &tr) { return tr.name; });
    }
    for (View &v : views)
        v.dependsOn.sort();
}

bool Schema::operator==(const Schema &other) const
{
    return engine == other.engine && schemas == other.schemas && tables == other.tables
        && views == other.views && sequences == other.sequences && enums == other.enums
        && schemaComments == other.schemaComments;
}

} // namespace strata
