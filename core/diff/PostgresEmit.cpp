// PostgreSQL changes for a DiffPlan: FKs added after all tables exist, column changes as
// ALTER TABLE ... ALTER COLUMN, sequence ownership around table drops/creates, comments last.

#include "diff/Lint.h"
#include "diff/PostgresDdl.h"

namespace strata::diff {

namespace {

using A = ChangeAction;
using K = ObjectKind;

class PgWriter : public PgSql {
public:
    PgWriter(const DiffPlan &plan, const Lint &lint, ChangeSink &sink)
        : PgSql(plan.crossEngine), m_plan(plan), m_lint(lint), m_sink(sink)
    {
    }
    void run();

private:
    void add(Phase phase, Change change) { m_sink.add(phase, std::move(change)); }
    void emitTypes();
    void emitSequenceOwnership();
    void emitCreatedTable(const Table &t);
    void emitDroppedTable(const Table &t);
    void emitAlteredTable(const TableDelta &d);
    void emitConstraints(const TableDelta &d);
    void emitIndexesAndTriggers(const Table &from, const Table &to, const QList<Index> &dropped,
                                const QList<Index> &added, const QList<Trigger> &droppedTr,
                                const QList<Trigger> &addedTr, bool scan);
    void emitViews();

    const DiffPlan &m_plan;
    const Lint &m_lint;
    ChangeSink &m_sink;
};

void PgWriter::emitTypes()
{
    const Schema &a = m_plan.a, &b = m_plan.b;
    const auto schemaComment = [&](const Schema &s, const QString &name) {
        for (const auto &[n, c] : s.schemaComments) {
            if (n == name && !c.isEmpty())
                return QStringList{comment(QStringLiteral("SCHEMA ") + q(n), c)};
        }
        return QStringList();
    };
    for (const QString &s : m_plan.schemasCreated)
        add(Phase::CreateTypes,
            makeChange(A::Create, K::Schema, s, {}, s, QStringLiteral("create schema ") + s,
                       QStringList{QStringLiteral("CREATE SCHEMA ") + q(s)} + schemaComment(b, s),
                       {QStringLiteral("DROP SCHEMA ") + q(s)}));
    for (const QString &s : m_plan.schemasDropped)
        add(Phase::DropTypes,
            makeChange(A::Drop, K::Schema, s, {}, s, QStringLiteral("drop schema ") + s,
                       {QStringLiteral("DROP SCHEMA ") + q(s)},
                       QStringList{QStringLiteral("CREATE SCHEMA ") + q(s)} + schemaComment(a, s)));
    for (const SchemaComment &c : m_plan.schemaComments)
        add(Phase::Comments,
            makeChange(A::Alter, K::Comment, c.schema, {}, c.schema,
                       QStringLiteral("comment on schema ") + c.schema,
                       {comment(QStringLiteral("SCHEMA ") + q(c.schema), c.to)},
                       {comment(QStringLiteral("SCHEMA ") + q(c.schema), c.from)}));
    const auto createEnum = [&](const EnumType &e) {
        QStringList labels;
        for (const QString &l : e.labels)
            labels << literal(l);
        QStringList out{QStringLiteral("CREATE TYPE %1 AS ENUM (%2)")
                            .arg(qn(e.schema, e.name), labels.join(QStringLiteral(", ")))};
        if (!e.comment.isEmpty())
            out << comment(QStringLiteral("TYPE ") + qn(e.schema, e.name), e.comment);
        return out;
    };
    const auto dropEnum = [&](const EnumType &e) {
        return QStringList{QStringLiteral("DROP TYPE ") + qn(e.schema, e.name)};
    };
    for (const EnumType &e : m_plan.enumsCreated)
        add(Phase::CreateTypes,
            makeChange(A::Create, K::Enum, e.schema, {}, e.name,
                       QStringLiteral("create enum ") + qualifiedKey(e.schema, e.name),
                       createEnum(e), dropEnum(e)));
    for (const EnumType &e : m_plan.enumsDropped)
        add(Phase::DropTypes,
            makeChange(A::Drop, K::Enum, e.schema, {}, e.name,
                       QStringLiteral("drop enum ") + qualifiedKey(e.schema, e.name), dropEnum(e),
                       createEnum(e)));
    for (const auto &[from, to] : m_plan.enumsAltered) {
        const QString key = qualifiedKey(to.schema, to.name);
        if (from.labels != to.labels) {
            Change c = makeChange(A::Alter, K::Enum, to.schema, {}, to.name,
                                  QStringLiteral("alter enum %1 labels").arg(key),
                                  alterEnum(from, to, a), alterEnum(to, from, b));
            if (c.forward.first().contains(QLatin1String(" ADD VALUE "))) {
                c.inverse.clear();
                c.hasInverse = false; // PostgreSQL cannot remove an enum label
                c.warnings << QStringLiteral("adding a label to enum %1 cannot be undone").arg(key);
            } else {
                raiseRisk(c, Risk::Destructive);
                c.warnings << QStringLiteral(
                                  "replaces enum %1: rows holding a removed label make it fail")
                                  .arg(key);
            }
            add(Phase::CreateTypes, c);
        }
        if (from.comment != to.comment)
            add(Phase::Comments,
                makeChange(
                    A::Alter, K::Comment, to.schema, {}, to.name,
                    QStringLiteral("comment on enum ") + key,
                    {comment(QStringLiteral("TYPE ") + qn(to.schema, to.name), to.comment)},
                    {comment(QStringLiteral("TYPE ") + qn(to.schema, to.name), from.comment)}));
    }
    const auto dropSeq = [&](const Sequence &s) {
        return QStringList{QStringLiteral("DROP SEQUENCE ") + qn(s.schema, s.name)};
    };
    for (const Sequence &s : m_plan.sequencesCreated)
        add(Phase::CreateTypes,
            makeChange(A::Create, K::Sequence, s.schema, {}, s.name,
                       QStringLiteral("create sequence ") + qualifiedKey(s.schema, s.name),
                       createSequence(s), dropSeq(s)));
    for (const Sequence &s : m_plan.sequencesDropped) {
        Change c = makeChange(A::Drop, K::Sequence, s.schema, {}, s.name,
                              QStringLiteral("drop sequence ") + qualifiedKey(s.schema, s.name),
                              dropSeq(s), createSequence(s));
        m_lint.dropSequence(c, s);
        add(Phase::DropTypes, c);
    }
    for (const auto &[from, to] : m_plan.sequencesAltered) {
        Sequence sameOwner = from;
        sameOwner.ownedBy = to.ownedBy;
        if (!(sameOwner == to))
            add(Phase::CreateTypes,
                makeChange(A::Alter, K::Sequence, to.schema, {}, to.name,
                           QStringLiteral("alter sequence ") + qualifiedKey(to.schema, to.name),
                           createSequence(to, QStringLiteral("ALTER")),
                           createSequence(from, QStringLiteral("ALTER"))));
    }
    emitSequenceOwnership();
}

// Ownership is released before tables are dropped (DROP TABLE would take owned sequences
// along) and given once the owning column exists.
void PgWriter::emitSequenceOwnership()
{
    const auto release = [&](const Sequence &s) {
        Sequence none = s;
        none.ownedBy.clear();
        add(Phase::DropConstraints, makeChange(A::Alter, K::Sequence, s.schema, {}, s.name,
                                               QStringLiteral("release sequence %1 from %2")
                                                   .arg(qualifiedKey(s.schema, s.name), s.ownedBy),
                                               {ownedBy(none, m_plan.a)}, {ownedBy(s, m_plan.a)}));
    };
    const auto own = [&](const Sequence &s) {
        Sequence none = s;
        none.ownedBy.clear();
        add(Phase::AddConstraints, makeChange(A::Alter, K::Sequence, s.schema, {}, s.name,
                                              QStringLiteral("sequence %1 owned by %2")
                                                  .arg(qualifiedKey(s.schema, s.name), s.ownedBy),
                                              {ownedBy(s, m_plan.b)}, {ownedBy(none, m_plan.b)}));
    };
    for (const Sequence &s : m_plan.sequencesDropped) {
        if (!s.ownedBy.isEmpty())
            release(s);
    }
    for (const Sequence &s : m_plan.sequencesCreated) {
        if (!s.ownedBy.isEmpty())
            own(s);
    }
    for (const auto &[from, to] : m_plan.sequencesAltered) {
        if (from.ownedBy != to.ownedBy && !from.ownedBy.isEmpty())
            release(from);
        if (from.ownedBy != to.ownedBy && !to.ownedBy.isEmpty())
            own(to);
    }
}

void PgWriter::emitCreatedTable(const Table &t)
{
    const QString key = qualifiedKey(t.schema, t.name);
    add(Phase::CreateTables, makeChange(A::Create, K::Table, t.schema, t.name, t.name,
                                        QStringLiteral("create table ") + key, createTable(t),
                                        {QStringLiteral("DROP TABLE ") + tableName(t)}));
    for (int i = 0; i < t.foreignKeys.size(); ++i) {
        const QString name = fkName(t, t.foreignKeys[i]);
        add(Phase::AddForeignKeys,
            makeChange(
                A::Create, K::ForeignKey, t.schema, t.name, name,
                QStringLiteral("add foreign key %1 on %2").arg(name, key),
                {alterTable(t) + QStringLiteral("ADD ") + constraintDef(t, K::ForeignKey, i)},
                {alterTable(t) + QStringLiteral("DROP CONSTRAINT ") + q(name)}));
    }
    emitIndexesAndTriggers(t, t, {}, t.indexes, {}, t.triggers, false);
}

void PgWriter::emitDroppedTable(const Table &t)
{
    const QString key = qualifiedKey(t.schema, t.name);
    Change c =
        makeChange(A::Drop, K::Table, t.schema, t.name, t.name, QStringLiteral("drop table ") + key,
                   {QStringLiteral("DROP TABLE ") + tableName(t)}, createTable(t));
    m_lint.dropTable(c, t);
    add(Phase::DropTables, c);
    for (int i = 0; i < t.foreignKeys.size(); ++i) {
        const QString name = fkName(t, t.foreignKeys[i]);
        add(Phase::DropForeignKeys,
            makeChange(
                A::Drop, K::ForeignKey, t.schema, t.name, name,
                QStringLiteral("drop foreign key %1 on %2").arg(name, key),
                {alterTable(t) + QStringLiteral("DROP CONSTRAINT ") + q(name)},
                {alterTable(t) + QStringLiteral("ADD ") + constraintDef(t, K::ForeignKey, i)}));
    }
    emitIndexesAndTriggers(t, t, t.indexes, {}, t.triggers, {}, false);
}

void PgWriter::emitIndexesAndTriggers(const Table &from, const Table &to,
                                      const QList<Index> &dropped, const QList<Index> &added,
                                      const QList<Trigger> &droppedTr,
                                      const QList<Trigger> &addedTr, bool scan)
{
    const auto indexComment = [&](const Index &i) {
        return i.comment.isEmpty()
                   ? QStringList()
                   : QStringList{
                         comment(QStringLiteral("INDEX ") + qn(to.schema, i.name), i.comment)};
    };
    for (const Index &i : dropped)
        add(Phase::DropIndexes,
            makeChange(A::Drop, K::Index, from.schema, from.name, i.name,
                       QStringLiteral("drop index ") + qualifiedKey(from.schema, i.name),
                       {QStringLiteral("DROP INDEX ") + qn(from.schema, i.name)},
                       QStringList{createIndex(from, i)} + indexComment(i)));
    for (const Index &i : added) {
        Change c = makeChange(
            A::Create, K::Index, to.schema, to.name, i.name,
            QStringLiteral("create index %1 on %2").arg(i.name, qualifiedKey(to.schema, to.name)),
            QStringList{createIndex(to, i)} + indexComment(i),
            {QStringLiteral("DROP INDEX ") + qn(to.schema, i.name)});
        if (scan)
            m_lint.scansTable(c, to.schema, to.name);
        add(Phase::AddConstraints, c);
    }
    const auto dropTrigger = [&](const Table &t, const Trigger &tr) {
        return QStringLiteral("DROP TRIGGER %1 ON %2").arg(q(tr.name), tableName(t));
    };
    for (const Trigger &tr : droppedTr)
        add(Phase::DropTriggers, makeChange(A::Drop, K::Trigger, from.schema, from.name, tr.name,
                                            QStringLiteral("drop trigger %1 on %2")
                                                .arg(tr.name, qualifiedKey(from.schema, from.name)),
                                            {dropTrigger(from, tr)}, {bareSql(tr.definition)}));
    for (const Trigger &tr : addedTr)
        add(Phase::CreateTriggers, makeChange(A::Create, K::Trigger, to.schema, to.name, tr.name,
                                              QStringLiteral("create trigger %1 on %2")
                                                  .arg(tr.name, qualifiedKey(to.schema, to.name)),
                                              {bareSql(tr.definition)}, {dropTrigger(to, tr)}));
}

// PK, UNIQUE, CHECK and FK changes of one table: each a drop and/or an add of a named constraint.
void PgWriter::emitConstraints(const TableDelta &d)
{
    const QString key = qualifiedKey(d.to.schema, d.to.name);
    const auto emitOne = [&](const Table &t, K kind, int i, bool adding) {
        const QString def = constraintDef(t, kind, i);
        const QString name = constraintName(t, kind, i);
        const QString addSql = alterTable(t) + QStringLiteral("ADD ") + def;
        const QString dropSql = alterTable(t) + QStringLiteral("DROP CONSTRAINT ") + q(name);
        const QString summary = QStringLiteral("%1 %2 %3 on %4")
                                    .arg(adding ? QStringLiteral("add") : QStringLiteral("drop"),
                                         objectKindName(kind).replace(u'_', u' '), name, key);
        Change c = makeChange(adding ? A::Create : A::Drop, kind, t.schema, t.name, name, summary,
                              {adding ? addSql : dropSql}, {adding ? dropSql : addSql});
        if (adding)
            m_lint.scansTable(c, t.schema, t.name);
        const bool fk = kind == K::ForeignKey;
        add(adding ? (fk ? Phase::AddForeignKeys : Phase::AddConstraints)
                   : (fk ? Phase::DropForeignKeys : Phase::DropConstraints),
            c);
    };
    // Each list item is emitted from a copy of its table holding just that item, so the
    // generated names and clauses come from one place (constraintDef).
    const auto each = [&](const Table &base, K kind, int count, const auto &setOne, bool adding) {
        for (int i = 0; i < count; ++i) {
            Table t = base;
            setOne(t, i);
            emitOne(t, kind, 0, adding);
        }
    };
    if (d.droppedPk)
        emitOne(d.from, K::PrimaryKey, 0, false);
    if (d.addedPk)
        emitOne(d.to, K::PrimaryKey, 0, true);
    each(
        d.from, K::Unique, d.droppedUniques.size(),
        [&](Table &t, int i) { t.uniques = {d.droppedUniques[i]}; }, false);
    each(
        d.to, K::Unique, d.addedUniques.size(),
        [&](Table &t, int i) { t.uniques = {d.addedUniques[i]}; }, true);
    each(
        d.from, K::Check, d.droppedChecks.size(),
        [&](Table &t, int i) { t.checks = {d.droppedChecks[i]}; }, false);
    each(
        d.to, K::Check, d.addedChecks.size(),
        [&](Table &t, int i) { t.checks = {d.addedChecks[i]}; }, true);
    each(
        d.from, K::ForeignKey, d.droppedFks.size(),
        [&](Table &t, int i) { t.foreignKeys = {d.droppedFks[i]}; }, false);
    each(
        d.to, K::ForeignKey, d.addedFks.size(),
        [&](Table &t, int i) { t.foreignKeys = {d.addedFks[i]}; }, true);
}

void PgWriter::emitAlteredTable(const TableDelta &d)
{
    const Table &t = d.to;
    const QString key = qualifiedKey(t.schema, t.name);
    emitConstraints(d);
    emitIndexesAndTriggers(d.from, d.to, d.droppedIndexes, d.addedIndexes, d.droppedTriggers,
                           d.addedTriggers, true);
    const auto columnComment = [&](const Column &c) {
        return c.comment.isEmpty()
                   ? QStringList()
                   : QStringList{comment(
                         QStringLiteral("COLUMN ") + tableName(t) + u'.' + q(c.name), c.comment)};
    };
    for (const Column &c : d.droppedColumns) {
        Change ch = makeChange(
            A::Drop, K::Column, t.schema, t.name, c.name,
            QStringLiteral("drop column %1.%2").arg(key, c.name),
            {alterTable(d.from) + QStringLiteral("DROP COLUMN ") + q(c.name)},
            QStringList{alterTable(d.from) + QStringLiteral("ADD COLUMN ") + columnDef(c)} +
                columnComment(c));
        m_lint.dropColumn(ch, d.from, c);
        add(Phase::AlterColumns, ch);
    }
    for (const ColumnPair &p : d.alteredColumns) {
        Change ch = makeChange(A::Alter, K::Column, t.schema, t.name, p.to.name,
                               QStringLiteral("alter column %1.%2: %3")
                                   .arg(key, p.to.name, columnChanges(p.from, p.to)),
                               alterColumn(t, p.from, p.to), alterColumn(t, p.to, p.from));
        if (ch.forward.isEmpty())
            continue; // differs only where PostgreSQL has nothing to alter (serial vs plain)
        m_lint.alterColumn(ch, d.from, p);
        add(Phase::AlterColumns, ch);
    }
    for (const Column &c : d.addedColumns) {
        Change ch =
            makeChange(A::Create, K::Column, t.schema, t.name, c.name,
                       QStringLiteral("add column %1.%2 %3").arg(key, c.name, typeOf(c)),
                       QStringList{alterTable(t) + QStringLiteral("ADD COLUMN ") + columnDef(c)} +
                           columnComment(c),
                       {alterTable(t) + QStringLiteral("DROP COLUMN ") + q(c.name)});
        m_lint.addColumn(ch, t, c);
        add(Phase::AlterColumns, ch);
    }
    const auto commentChange = [&](const QString &name, const QString &label, const QString &what,
                                   const QString &from, const QString &to) {
        add(Phase::Comments, makeChange(A::Alter, K::Comment, t.schema, t.name, name,
                                        QStringLiteral("comment on ") + label, {comment(what, to)},
                                        {comment(what, from)}));
    };
    if (d.commentChanged)
        commentChange(t.name, QStringLiteral("table ") + key,
                      QStringLiteral("TABLE ") + tableName(t), d.from.comment, t.comment);
    for (const ColumnPair &p : d.commentedColumns)
        commentChange(p.to.name, QStringLiteral("column ") + key + u'.' + p.to.name,
                      QStringLiteral("COLUMN ") + tableName(t) + u'.' + q(p.to.name),
                      p.from.comment, p.to.comment);
    for (const IndexPair &p : d.commentedIndexes)
        commentChange(p.to.name, QStringLiteral("index ") + qualifiedKey(t.schema, p.to.name),
                      QStringLiteral("INDEX ") + qn(t.schema, p.to.name), p.from.comment,
                      p.to.comment);
}

void PgWriter::emitViews()
{
    const auto viewKind = [](const View &v) {
        return v.materialized ? QStringLiteral("materialized view ") : QStringLiteral("view ");
    };
    for (const View &v : m_plan.viewsDropped)
        add(Phase::DropViews,
            makeChange(A::Drop, K::View, v.schema, {}, v.name,
                       QStringLiteral("drop ") + viewKind(v) + qualifiedKey(v.schema, v.name),
                       {dropView(v)}, createView(v)));
    for (const View &v : m_plan.viewsCreated)
        add(Phase::CreateViews,
            makeChange(A::Create, K::View, v.schema, {}, v.name,
                       QStringLiteral("create ") + viewKind(v) + qualifiedKey(v.schema, v.name),
                       createView(v), {dropView(v)}));
    for (const auto &[from, to] : m_plan.viewsCommented)
        add(Phase::Comments,
            makeChange(A::Alter, K::Comment, to.schema, {}, to.name,
                       QStringLiteral("comment on view ") + qualifiedKey(to.schema, to.name),
                       {comment(viewWhat(to), to.comment)},
                       {comment(viewWhat(from), from.comment)}));
}

void PgWriter::run()
{
    emitTypes();
    for (const Table &t : m_plan.tablesDropped)
        emitDroppedTable(t);
    for (const Table &t : m_plan.tablesCreated)
        emitCreatedTable(t);
    for (const TableDelta &d : m_plan.tablesAltered)
        emitAlteredTable(d);
    emitViews();
}

} // namespace

void emitPostgres(const DiffPlan &plan, const Lint &lint, ChangeSink &sink)
{
    PgWriter(plan, lint, sink).run();
}

} // namespace strata::diff
