#include "diff/DiffObjects.h"

#include <QHash>
#include <QSet>
#include <algorithm>

namespace strata {

QString objectStateName(ObjectState state)
{
    switch (state) {
    case ObjectState::Added:
        return QStringLiteral("added");
    case ObjectState::Removed:
        return QStringLiteral("removed");
    case ObjectState::Changed:
        return QStringLiteral("changed");
    case ObjectState::Identical:
        return QStringLiteral("identical");
    }
    return {};
}

QString DiffObject::displayName() const
{
    return table.isEmpty() ? name : table + u'.' + name;
}

namespace {

int kindOrder(ObjectKind kind)
{
    switch (kind) {
    case ObjectKind::Table:
        return 0;
    case ObjectKind::View:
        return 1;
    case ObjectKind::Index:
        return 2;
    case ObjectKind::Trigger:
        return 3;
    case ObjectKind::Sequence:
        return 4;
    case ObjectKind::Enum:
        return 5;
    default:
        return 6;
    }
}

// Builds DDL by diffing a schema without the object against one with it: the emitters already
// write every object in both dialects, so the text here is exactly what a migration would run.
QString ddlOf(const Schema &side, const DiffObject &object)
{
    Schema without;
    without.engine = side.engine;
    without.serverVersion = side.serverVersion;
    without.schemas = {object.schema};
    Schema with = without;
    switch (object.kind) {
    case ObjectKind::Table:
        if (const Table *t = side.table(object.schema, object.name)) {
            Table bare = *t;
            bare.indexes.clear();
            bare.triggers.clear();
            with.tables = {bare};
        }
        break;
    case ObjectKind::Index:
    case ObjectKind::Trigger:
        if (const Table *t = side.table(object.schema, object.table)) {
            Table bare = *t;
            bare.indexes.clear();
            bare.triggers.clear();
            without.tables = {bare};
            Table one = bare;
            if (object.kind == ObjectKind::Index) {
                for (const Index &i : t->indexes)
                    if (i.name == object.name)
                        one.indexes = {i};
            } else {
                for (const Trigger &tr : t->triggers)
                    if (tr.name == object.name)
                        one.triggers = {tr};
            }
            with.tables = {one};
        }
        break;
    case ObjectKind::View:
        if (const View *v = side.view(object.schema, object.name)) {
            View bare = *v;
            bare.dependsOn.clear();
            with.views = {bare};
        }
        break;
    case ObjectKind::Sequence:
        for (const Sequence &s : side.sequences)
            if (s.schema == object.schema && s.name == object.name) {
                Sequence bare = s;
                bare.ownedBy.clear();
                with.sequences = {bare};
            }
        break;
    case ObjectKind::Enum:
        for (const EnumType &e : side.enums)
            if (e.schema == object.schema && e.name == object.name)
                with.enums = {e};
        break;
    default:
        break;
    }
    return SchemaDiff::compare(without, with).forwardSql();
}

class Keys {
public:
    explicit Keys(bool crossEngine) : m_cross(crossEngine) {}
    QString operator()(ObjectKind kind, const QString &schema, const QString &table,
                       const QString &name) const
    {
        QString s = schema;
        if (m_cross && (s == QLatin1String("main") || s == QLatin1String("public")))
            s.clear();
        QString key = QString::number(int(kind)) + u'|' + s + u'|' +
                      (kind == ObjectKind::Trigger ? table + u'.' : QString()) + name;
        return m_cross ? key.toLower() : key;
    }

private:
    bool m_cross;
};

QList<DiffObject> objectsOf(const Schema &s)
{
    QList<DiffObject> out;
    auto add = [&](ObjectKind kind, const QString &schema, const QString &table,
                   const QString &name) {
        DiffObject o;
        o.kind = kind;
        o.schema = schema;
        o.table = table;
        o.name = name;
        out.append(o);
    };
    for (const Table &t : s.tables) {
        add(ObjectKind::Table, t.schema, {}, t.name);
        for (const Index &i : t.indexes)
            add(ObjectKind::Index, t.schema, t.name, i.name);
        for (const Trigger &tr : t.triggers)
            add(ObjectKind::Trigger, t.schema, t.name, tr.name);
    }
    for (const View &v : s.views)
        add(ObjectKind::View, v.schema, {}, v.name);
    for (const Sequence &q : s.sequences)
        add(ObjectKind::Sequence, q.schema, {}, q.name);
    for (const EnumType &e : s.enums)
        add(ObjectKind::Enum, e.schema, {}, e.name);
    return out;
}

// The object a change concerns, as a key; empty when it concerns none (schemas).
QString ownerKey(const Change &c, const Keys &key, const QSet<QString> &views)
{
    const QString table = c.table.isEmpty() ? c.name : c.table;
    switch (c.kind) {
    case ObjectKind::Table:
    case ObjectKind::Column:
    case ObjectKind::PrimaryKey:
    case ObjectKind::Unique:
    case ObjectKind::ForeignKey:
    case ObjectKind::Check:
        return key(ObjectKind::Table, c.schema, {}, table);
    case ObjectKind::Index:
        return key(ObjectKind::Index, c.schema, c.table, c.name);
    case ObjectKind::Trigger:
        return key(ObjectKind::Trigger, c.schema, c.table, c.name);
    case ObjectKind::View:
    case ObjectKind::Sequence:
    case ObjectKind::Enum:
        return key(c.kind, c.schema, {}, c.name);
    case ObjectKind::Comment: {
        const QString viewKey = key(ObjectKind::View, c.schema, {}, table);
        return views.contains(viewKey) ? viewKey : key(ObjectKind::Table, c.schema, {}, table);
    }
    case ObjectKind::Schema:
        break;
    }
    return {};
}

} // namespace

QList<DiffObject> DiffObjects::list(const Schema &a, const Schema &b, const SchemaDiffResult &diff)
{
    const Keys key(a.engine != b.engine);
    QHash<QString, qsizetype> index; // key -> position in `objects`
    QList<DiffObject> objects;
    for (DiffObject o : objectsOf(a)) {
        o.state = ObjectState::Removed;
        o.ddlA = ddlOf(a, o);
        index.insert(key(o.kind, o.schema, o.table, o.name), objects.size());
        objects.append(o);
    }
    for (DiffObject o : objectsOf(b)) {
        const QString k = key(o.kind, o.schema, o.table, o.name);
        const QString ddl = ddlOf(b, o);
        if (auto it = index.constFind(k); it != index.constEnd()) {
            DiffObject &both = objects[*it];
            both.state = ObjectState::Identical;
            both.ddlB = ddl;
            continue;
        }
        o.state = ObjectState::Added;
        o.ddlB = ddl;
        index.insert(k, objects.size());
        objects.append(o);
    }
    QSet<QString> views;
    for (const DiffObject &o : std::as_const(objects))
        if (o.kind == ObjectKind::View)
            views.insert(key(o.kind, o.schema, o.table, o.name));
    for (int i = 0; i < diff.changes.size(); ++i) {
        const QString k = ownerKey(diff.changes[i], key, views);
        if (auto it = index.constFind(k); !k.isEmpty() && it != index.constEnd())
            objects[*it].changes.append(i);
    }
    for (DiffObject &o : objects) {
        if (o.state == ObjectState::Identical && !o.changes.isEmpty())
            o.state = ObjectState::Changed;
    }
    std::stable_sort(objects.begin(), objects.end(), [](const DiffObject &x, const DiffObject &y) {
        if (kindOrder(x.kind) != kindOrder(y.kind))
            return kindOrder(x.kind) < kindOrder(y.kind);
        return x.displayName().compare(y.displayName(), Qt::CaseInsensitive) < 0;
    });
    return objects;
}

QList<int> DiffObjects::unclaimed(const QList<DiffObject> &objects, const SchemaDiffResult &diff)
{
    QSet<int> claimed;
    for (const DiffObject &o : objects)
        for (int i : o.changes)
            claimed.insert(i);
    QList<int> out;
    for (int i = 0; i < diff.changes.size(); ++i)
        if (!claimed.contains(i))
            out.append(i);
    return out;
}

QString DiffObjects::script(const SchemaDiffResult &diff, const QList<int> &changes, bool inverse)
{
    SchemaDiffResult part;
    for (int i : changes)
        if (i >= 0 && i < diff.changes.size())
            part.changes.append(diff.changes[i]);
    return inverse ? part.inverseSql() : part.forwardSql();
}

Risk DiffObjects::risk(const SchemaDiffResult &diff, const QList<int> &changes)
{
    Risk worst = Risk::Safe;
    for (int i : changes)
        if (i >= 0 && i < diff.changes.size())
            worst = std::max(worst, diff.changes[i].risk);
    return worst;
}

} // namespace strata
