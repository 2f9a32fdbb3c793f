// SQLite DDL for a DiffPlan. SQLite's ALTER TABLE can only rename, add a column (no PK/UNIQUE,
// constant default, NOT NULL only with a non-null default, no STORED generated column) and drop a
// column (not in a key, index, FK, CHECK, generated column or trigger). Everything else about a
// table - column changes, keys, CHECKs, FKs (SQLite has no ALTER for them), WITHOUT ROWID - goes
// through the documented table rebuild (https://sqlite.org/lang_altertable.html#otheralter),
// one rebuild per table holding all of its changes:
//   CREATE TABLE "new_X" (target definition); INSERT INTO "new_X" (...) SELECT ... FROM "X";
//   DROP TABLE "X"; ALTER TABLE "new_X" RENAME TO "X"; recreate indexes and triggers;
//   PRAGMA foreign_key_check("X").
// The procedure wants PRAGMA foreign_keys=OFF, but that pragma is a no-op inside a transaction
// and migrations run in one, so the script cannot switch it: run it on a connection with
// foreign keys off (Strata's default; otherwise DROP TABLE "X" would fire ON DELETE actions of
// tables referencing X). foreign_key_check returns violations as rows rather than failing.
// The rename runs with legacy_alter_table=ON (allowed inside a transaction): otherwise SQLite
// re-checks every view and trigger naming X, and fails because X is gone at that moment.

#include "diff/DdlText.h"
#include "diff/Lint.h"

#include <QRegularExpression>

namespace strata::diff {

namespace {

using A = ChangeAction;
using K = ObjectKind;

class LiteWriter {
public:
    LiteWriter(const DiffPlan &plan, const Lint &lint, ChangeSink &sink)
        : m_plan(plan), m_lint(lint), m_sink(sink), m_d(Dialect::create(Engine::Sqlite))
    {
    }
    void run();

private:
    QString q(const QString &name) const { return m_d->quoteIdentifier(name); }
    static bool inlinePk(const Table &t, const Column &c);
    static QString defaultSql(const QString &expr);
    QString columnDef(const Table &t, const Column &c) const;
    QString createTable(const Table &t, const QString &name) const;
    QString createIndex(const Table &t, const Index &i) const;
    bool canAdd(const Table &t, const Column &c) const;
    bool canDrop(const Table &t, const Column &c) const;
    QStringList rebuild(const Table &from, const Table &to, const QList<Index> &indexes,
                        const QList<Trigger> &triggers) const;

    void add(Phase phase, Change change) { m_sink.add(phase, std::move(change)); }
    void emitIndexesAndTriggers(const Table &t, const QList<Index> &dropped,
                                const QList<Index> &added, const QList<Trigger> &droppedTr,
                                const QList<Trigger> &addedTr, bool scan);
    void emitAlteredTable(const TableDelta &d);

    const DiffPlan &m_plan;
    const Lint &m_lint;
    ChangeSink &m_sink;
    std::unique_ptr<Dialect> m_d;
};

// INTEGER PRIMARY KEY [AUTOINCREMENT] is written on the column (AUTOINCREMENT must be);
// a named rowid key stays a table constraint, which is a rowid alias too.
bool LiteWriter::inlinePk(const Table &t, const Column &c)
{
    if (!t.primaryKey || t.primaryKey->columns != QStringList{c.name})
        return false;
    return c.identity == IdentityKind::Autoincrement ||
           (c.identity == IdentityKind::Rowid && t.primaryKey->name.isEmpty());
}

// SQLite reports defaults without their parentheses; literals go back as they are, anything
// else needs "( )" to be accepted.
QString LiteWriter::defaultSql(const QString &expr)
{
    static const char *const pattern =
        R"(^([+-]?[0-9]+(\.[0-9]*)?([eE][+-]?[0-9]+)?|'([^']|'')*'|[xX]'[0-9a-fA-F]*')"
        R"(|NULL|TRUE|FALSE|CURRENT_TIME|CURRENT_DATE|CURRENT_TIMESTAMP)$)";
    static const QRegularExpression literal(QString::fromLatin1(pattern),
                                            QRegularExpression::CaseInsensitiveOption);
    const QString e = expr.trimmed();
    return literal.match(e).hasMatch() ? e : u'(' + e + u')';
}

QString LiteWriter::columnDef(const Table &t, const Column &c) const
{
    QString s = q(c.name);
    if (!c.declaredType.isEmpty())
        s += u' ' + c.declaredType;
    if (inlinePk(t, c)) {
        if (!t.primaryKey->name.isEmpty())
            s += QStringLiteral(" CONSTRAINT ") + q(t.primaryKey->name);
        s += c.identity == IdentityKind::Autoincrement
                 ? QStringLiteral(" PRIMARY KEY AUTOINCREMENT")
                 : QStringLiteral(" PRIMARY KEY");
    }
    if (c.notNull)
        s += QStringLiteral(" NOT NULL");
    if (!c.collation.isEmpty())
        s += QStringLiteral(" COLLATE ") + q(QString(c.collation).remove(u'"'));
    if (!c.generatedExpr.isEmpty())
        s += QStringLiteral(" GENERATED ALWAYS AS (%1) %2")
                 .arg(c.generatedExpr,
                      c.generatedStored ? QStringLiteral("STORED") : QStringLiteral("VIRTUAL"));
    else if (!c.defaultExpr.isEmpty())
        s += QStringLiteral(" DEFAULT ") + defaultSql(c.defaultExpr);
    return s;
}

QString LiteWriter::createTable(const Table &t, const QString &name) const
{
    QStringList parts;
    bool pkInline = false;
    for (const Column &c : t.columns) {
        parts << columnDef(t, c);
        pkInline = pkInline || inlinePk(t, c);
    }
    const auto named = [&](const QString &n) {
        return n.isEmpty() ? QString() : QStringLiteral("CONSTRAINT ") + q(n) + u' ';
    };
    if (t.primaryKey && !pkInline)
        parts << named(t.primaryKey->name) + QStringLiteral("PRIMARY KEY ") +
                     quotedList(*m_d, t.primaryKey->columns);
    for (const UniqueConstraint &u : t.uniques)
        parts << named(u.name) + QStringLiteral("UNIQUE ") + quotedList(*m_d, u.columns);
    for (const CheckConstraint &c : t.checks)
        parts << named(c.name) + QStringLiteral("CHECK (") + c.expression + u')';
    for (const ForeignKey &fk : t.foreignKeys)
        parts << named(fk.name) +
                     fkClause(*m_d, fk, q(fk.refTable)); // SQLite FKs stay in their schema
    return QStringLiteral("CREATE TABLE %1 (\n  %2\n)%3")
        .arg(q(name), parts.join(QStringLiteral(",\n  ")),
             t.withoutRowid ? QStringLiteral(" WITHOUT ROWID") : QString());
}

QString LiteWriter::createIndex(const Table &t, const Index &i) const
{
    if (!i.definition.isEmpty() && !m_plan.crossEngine)
        return bareSql(i.definition); // as it was written: SQLite keeps the original text
    QString s = QStringLiteral("CREATE %1INDEX %2 ON %3 %4")
                    .arg(i.unique ? QStringLiteral("UNIQUE ") : QString(), q(i.name), q(t.name),
                         indexColumns(*m_d, i));
    if (!i.where.isEmpty())
        s += QStringLiteral(" WHERE ") + i.where;
    return s;
}

bool LiteWriter::canAdd(const Table &t, const Column &c) const
{
    if (t.primaryKey && t.primaryKey->columns.contains(c.name))
        return false;
    for (const UniqueConstraint &u : t.uniques) {
        if (u.columns.contains(c.name))
            return false;
    }
    for (const ForeignKey &fk : t.foreignKeys) {
        if (fk.columns.contains(c.name))
            return false;
    }
    if (!c.generatedExpr.isEmpty())
        return !c.generatedStored;
    const QString d = c.defaultExpr.trimmed();
    const bool constant =
        d.isEmpty() ||
        (defaultSql(d) == d && !d.startsWith(QLatin1String("CURRENT_"), Qt::CaseInsensitive));
    return constant && (!c.notNull || (!d.isEmpty() &&
                                       d.compare(QLatin1String("NULL"), Qt::CaseInsensitive) != 0));
}

bool LiteWriter::canDrop(const Table &t, const Column &c) const
{
    if (t.primaryKey && t.primaryKey->columns.contains(c.name))
        return false;
    for (const UniqueConstraint &u : t.uniques) {
        if (u.columns.contains(c.name))
            return false;
    }
    for (const ForeignKey &fk : t.foreignKeys) {
        if (fk.columns.contains(c.name))
            return false;
    }
    for (const CheckConstraint &ch : t.checks) {
        if (mentionsIdentifier(ch.expression, c.name))
            return false;
    }
    for (const Index &i : t.indexes) {
        bool uses = mentionsIdentifier(i.where, c.name);
        for (const IndexColumn &ic : i.columns)
            uses = uses || mentionsIdentifier(ic.expression, c.name);
        if (uses)
            return false;
    }
    for (const Column &other : t.columns) {
        if (other.name != c.name && mentionsIdentifier(other.generatedExpr, c.name))
            return false;
    }
    for (const Trigger &tr : t.triggers) {
        if (mentionsIdentifier(tr.definition, c.name))
            return false;
    }
    return true;
}

QStringList LiteWriter::rebuild(const Table &from, const Table &to, const QList<Index> &indexes,
                                const QList<Trigger> &triggers) const
{
    const QString temp = QStringLiteral("new_") + to.name;
    QStringList into, select;
    for (const Column &c : to.columns) {
        const Column *old = from.column(c.name);
        for (qsizetype i = 0; !old && m_plan.crossEngine && i < from.columns.size(); ++i) {
            if (from.columns[i].name.compare(c.name, Qt::CaseInsensitive) == 0)
                old = &from.columns[i];
        }
        if (!old || !c.generatedExpr.isEmpty())
            continue; // new or generated: SQLite fills them in
        into << q(c.name);
        // A column becoming NOT NULL takes its new default where the old value was NULL.
        const bool fill = c.notNull && !old->notNull && !c.defaultExpr.isEmpty();
        select << (fill ? QStringLiteral("coalesce(%1, %2)")
                              .arg(q(old->name), defaultSql(c.defaultExpr))
                        : q(old->name));
    }
    QStringList out{createTable(to, temp)};
    if (!into.isEmpty())
        out << QStringLiteral("INSERT INTO %1 (%2) SELECT %3 FROM %4")
                   .arg(q(temp), into.join(QStringLiteral(", ")), select.join(QStringLiteral(", ")),
                        q(from.name));
    out << QStringLiteral("DROP TABLE ") + q(from.name)
        << QStringLiteral("PRAGMA legacy_alter_table = ON")
        << QStringLiteral("ALTER TABLE %1 RENAME TO %2").arg(q(temp), q(to.name))
        << QStringLiteral("PRAGMA legacy_alter_table = OFF");
    for (const Index &i : indexes)
        out << createIndex(to, i);
    for (const Trigger &tr : triggers)
        out << bareSql(tr.definition);
    out << QStringLiteral("PRAGMA foreign_key_check(%1)").arg(q(to.name));
    return out;
}

void LiteWriter::emitIndexesAndTriggers(const Table &t, const QList<Index> &dropped,
                                        const QList<Index> &added, const QList<Trigger> &droppedTr,
                                        const QList<Trigger> &addedTr, bool scan)
{
    const QString key = qualifiedKey(t.schema, t.name);
    for (const Index &i : dropped)
        add(Phase::DropIndexes,
            makeChange(A::Drop, K::Index, t.schema, t.name, i.name,
                       QStringLiteral("drop index %1 on %2").arg(i.name, key),
                       {QStringLiteral("DROP INDEX ") + q(i.name)}, {createIndex(t, i)}));
    for (const Index &i : added) {
        Change c = makeChange(A::Create, K::Index, t.schema, t.name, i.name,
                              QStringLiteral("create index %1 on %2").arg(i.name, key),
                              {createIndex(t, i)}, {QStringLiteral("DROP INDEX ") + q(i.name)});
        if (scan)
            m_lint.scansTable(c, t.schema, t.name);
        add(Phase::AddConstraints, c);
    }
    for (const Trigger &tr : droppedTr)
        add(Phase::DropTriggers,
            makeChange(A::Drop, K::Trigger, t.schema, t.name, tr.name,
                       QStringLiteral("drop trigger %1 on %2").arg(tr.name, key),
                       {QStringLiteral("DROP TRIGGER ") + q(tr.name)}, {bareSql(tr.definition)}));
    for (const Trigger &tr : addedTr)
        add(Phase::CreateTriggers,
            makeChange(A::Create, K::Trigger, t.schema, t.name, tr.name,
                       QStringLiteral("create trigger %1 on %2").arg(tr.name, key),
                       {bareSql(tr.definition)}, {QStringLiteral("DROP TRIGGER ") + q(tr.name)}));
}

void LiteWriter::emitAlteredTable(const TableDelta &d)
{
    const QString key = qualifiedKey(d.to.schema, d.to.name);
    emitIndexesAndTriggers(d.from, d.droppedIndexes, {}, d.droppedTriggers, {}, false);
    emitIndexesAndTriggers(d.to, {}, d.addedIndexes, {}, d.addedTriggers, true);
    bool needsRebuild =
        d.constraintsChanged() || !d.alteredColumns.isEmpty() || d.withoutRowidChanged;
    // Plain ADD/DROP COLUMN only where both the change and its inverse are allowed.
    for (const Column &c : d.addedColumns)
        needsRebuild = needsRebuild || !canAdd(d.to, c) || !canDrop(d.to, c);
    for (const Column &c : d.droppedColumns)
        needsRebuild = needsRebuild || !canDrop(d.from, c) || !canAdd(d.from, c);
    if (needsRebuild) {
        const auto survivors = [](const Table &t, const QList<Index> &changed,
                                  const QList<Trigger> &changedTr) {
            QPair<QList<Index>, QList<Trigger>> out;
            for (const Index &i : t.indexes) {
                if (!std::any_of(changed.begin(), changed.end(),
                                 [&](const Index &x) { return x.name == i.name; }))
                    out.first << i;
            }
            for (const Trigger &tr : t.triggers) {
                if (!std::any_of(changedTr.begin(), changedTr.end(),
                                 [&](const Trigger &x) { return x.name == tr.name; }))
                    out.second << tr;
            }
            return out;
        };
        const auto keepTo = survivors(d.to, d.addedIndexes, d.addedTriggers);
        const auto keepFrom = survivors(d.from, d.droppedIndexes, d.droppedTriggers);
        Change c = makeChange(A::Alter, K::Table, d.to.schema, d.to.name, d.to.name,
                              QStringLiteral("rebuild table %1: %2").arg(key, deltaChanges(d)),
                              rebuild(d.from, d.to, keepTo.first, keepTo.second),
                              rebuild(d.to, d.from, keepFrom.first, keepFrom.second));
        m_lint.rebuild(c, d);
        add(Phase::AlterColumns, c);
        return;
    }
    for (const Column &c : d.droppedColumns) {
        Change ch = makeChange(
            A::Drop, K::Column, d.from.schema, d.from.name, c.name,
            QStringLiteral("drop column %1.%2").arg(key, c.name),
            {QStringLiteral("ALTER TABLE %1 DROP COLUMN %2").arg(q(d.from.name), q(c.name))},
            {QStringLiteral("ALTER TABLE %1 ADD COLUMN %2")
                 .arg(q(d.from.name), columnDef(d.from, c))});
        m_lint.dropColumn(ch, d.from, c);
        add(Phase::AlterColumns, ch);
    }
    for (const Column &c : d.addedColumns) {
        Change ch = makeChange(
            A::Create, K::Column, d.to.schema, d.to.name, c.name,
            QStringLiteral("add column %1.%2 %3").arg(key, c.name, c.declaredType),
            {QStringLiteral("ALTER TABLE %1 ADD COLUMN %2").arg(q(d.to.name), columnDef(d.to, c))},
            {QStringLiteral("ALTER TABLE %1 DROP COLUMN %2").arg(q(d.to.name), q(c.name))});
        m_lint.addColumn(ch, d.to, c);
        add(Phase::AlterColumns, ch);
    }
}

void LiteWriter::run()
{
    for (const Table &t : m_plan.tablesDropped) {
        Change c =
            makeChange(A::Drop, K::Table, t.schema, t.name, t.name,
                       QStringLiteral("drop table ") + qualifiedKey(t.schema, t.name),
                       {QStringLiteral("DROP TABLE ") + q(t.name)}, {createTable(t, t.name)});
        m_lint.dropTable(c, t);
        add(Phase::DropTables, c);
        emitIndexesAndTriggers(t, t.indexes, {}, t.triggers, {}, false);
    }
    for (const Table &t : m_plan.tablesCreated) {
        add(Phase::CreateTables,
            makeChange(A::Create, K::Table, t.schema, t.name, t.name,
                       QStringLiteral("create table ") + qualifiedKey(t.schema, t.name),
                       {createTable(t, t.name)}, {QStringLiteral("DROP TABLE ") + q(t.name)}));
        emitIndexesAndTriggers(t, {}, t.indexes, {}, t.triggers, false);
    }
    for (const TableDelta &d : m_plan.tablesAltered)
        emitAlteredTable(d);
    for (const View &v : m_plan.viewsDropped)
        add(Phase::DropViews,
            makeChange(
                A::Drop, K::View, v.schema, {}, v.name,
                QStringLiteral("drop view ") + qualifiedKey(v.schema, v.name),
                {QStringLiteral("DROP VIEW ") + q(v.name)},
                {QStringLiteral("CREATE VIEW %1 AS\n%2").arg(q(v.name), bareSql(v.definition))}));
    for (const View &v : m_plan.viewsCreated)
        add(Phase::CreateViews,
            makeChange(
                A::Create, K::View, v.schema, {}, v.name,
                QStringLiteral("create view ") + qualifiedKey(v.schema, v.name),
                {QStringLiteral("CREATE VIEW %1 AS\n%2").arg(q(v.name), bareSql(v.definition))},
                {QStringLiteral("DROP VIEW ") + q(v.name)}));
    // Schemas, enums and sequences do not exist in SQLite; a same-engine SQLite plan has none,
    // and across engines they are not compared.
}

} // namespace

void emitSqlite(const DiffPlan &plan, const Lint &lint, ChangeSink &sink)
{
    LiteWriter(plan, lint, sink).run();
}

} // namespace strata::diff
