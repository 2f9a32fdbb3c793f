#include "port/ScriptPorter.h"

#include "dialect/Dialect.h"
#include "diff/SchemaDiff.h"
#include "diff/TypeEquivalence.h"
#include "migration/SqlSplitter.h"
#include "port/RebuildCopy.h"
#include "port/StatementPort.h"
#include "transfer/MappingFile.h"
#include "transfer/TransferPlanner.h"

#include <QHash>
#include <QSet>
#include <QSqlError>
#include <QSqlQuery>
#include <QTemporaryDir>

namespace strata {

namespace {

QString commentedOut(const QString &sql)
{
    QString out;
    for (const QString &line : sql.split(u'\n'))
        out += QStringLiteral("-- ") + line + u'\n';
    return out;
}

bool sameStatement(const QString &a, const QString &b)
{
    return diff::normaliseExpression(a) == diff::normaliseExpression(b);
}

QString firstLine(const QString &sql)
{
    const QString line = sql.section(u'\n', 0, 0).trimmed();
    return line.size() > 100 ? line.left(97) + QStringLiteral("...") : line;
}

// The transfer writes views and triggers itself (TranslatedObject), not through the diff:
// schemas without them, for the diff.
Schema withoutViewsAndTriggers(Schema s)
{
    s.views.clear();
    for (Table &t : s.tables)
        t.triggers.clear();
    return s;
}

QString objectKey(const TranslatedObject &o)
{
    return o.kind + u'\n' + o.name.toLower();
}

// Views and triggers that changed between two targets: drops first (before the tables change
// under them), creates after.
void viewAndTriggerChanges(const TransferPlan &before, const TransferPlan &after,
                           QStringList &drops, QStringList &creates)
{
    const auto pg = Dialect::create(Engine::Postgres);
    QHash<QString, const TranslatedObject *> was, is;
    for (const TranslatedObject &o : before.translatedObjects)
        was.insert(objectKey(o), &o);
    for (const TranslatedObject &o : after.translatedObjects)
        is.insert(objectKey(o), &o);
    for (const TranslatedObject &o : before.translatedObjects) {
        const TranslatedObject *now = is.value(objectKey(o));
        if (now && now->originalSql == o.originalSql)
            continue;
        if (o.kind == QLatin1String("view")) {
            for (const View &v : before.target.views) {
                if (v.name.compare(o.name, Qt::CaseInsensitive) == 0)
                    drops << QStringLiteral("DROP VIEW IF EXISTS %1")
                                 .arg(pg->quoteIdentifier(v.name));
            }
        } else {
            for (const Table &t : before.target.tables) {
                for (const Trigger &tr : t.triggers) {
                    if (tr.name.compare(o.name, Qt::CaseInsensitive) == 0)
                        drops << QStringLiteral("DROP TRIGGER IF EXISTS %1 ON %2")
                                     .arg(pg->quoteIdentifier(tr.name),
                                          pg->quoteIdentifier(t.name));
                }
            }
        }
    }
    for (const TranslatedObject &o : after.translatedObjects) {
        const TranslatedObject *old = was.value(objectKey(o));
        if (!old || old->originalSql != o.originalSql)
            creates << o.statements;
    }
}

// Extensions and collations the target needs from this point on (citext, the ICU collation).
QStringList newPrerequisites(const TransferPlan &before, const TransferPlan &after)
{
    QStringList out;
    for (const QString &sql : after.createTables) {
        const bool prerequisite = sql.startsWith(QLatin1String("CREATE EXTENSION")) ||
                                  sql.startsWith(QLatin1String("CREATE COLLATION"));
        if (prerequisite && !before.createTables.contains(sql))
            out << sql;
    }
    return out;
}

QString targetName(const QString &sourceName, const TransferOptions &options)
{
    return options.foldLowerCase ? sourceName.toLower() : sourceName;
}

// Applies one rename (ALTER TABLE x RENAME TO y, or RENAME COLUMN a TO b) to `schema`, the
// target before the segment, and returns its PostgreSQL statement.
QString renameInTarget(const SqliteStatement &r, const TransferPlan &before,
                       const TransferOptions &options, Schema &schema)
{
    const auto pg = Dialect::create(Engine::Postgres);
    const TableDecision *d = before.table(r.object);
    QString table = d ? d->targetName : targetName(r.object, options);
    // An earlier rename in the same segment may have moved the table already.
    for (const Table &t : schema.tables) {
        if (t.name.compare(targetName(r.object, options), Qt::CaseInsensitive) == 0)
            table = t.name;
    }
    for (Table &t : schema.tables) {
        if (t.name != table)
            continue;
        if (!r.renamedTo.isEmpty()) {
            const QString to = targetName(r.renamedTo, options);
            for (Table &other : schema.tables) {
                for (ForeignKey &fk : other.foreignKeys) {
                    if (fk.refTable == table)
                        fk.refTable = to;
                }
            }
            t.name = to;
            std::sort(schema.tables.begin(), schema.tables.end(),
                      [](const Table &a, const Table &b) {
                          return std::pair(a.schema, a.name) < std::pair(b.schema, b.name);
                      });
            return QStringLiteral("ALTER TABLE %1 RENAME TO %2")
                .arg(pg->quoteIdentifier(table), pg->quoteIdentifier(to));
        }
        const ColumnDecision *c = d ? d->column(r.renamedColumn) : nullptr;
        const QString from = c ? c->targetName : targetName(r.renamedColumn, options);
        const QString to = targetName(r.renamedColumnTo, options);
        auto rename = [&](QStringList &columns) {
            for (QString &name : columns) {
                if (name == from)
                    name = to;
            }
        };
        for (Column &col : t.columns) {
            if (col.name == from)
                col.name = to;
        }
        if (t.primaryKey)
            rename(t.primaryKey->columns);
        for (UniqueConstraint &u : t.uniques)
            rename(u.columns);
        for (ForeignKey &fk : t.foreignKeys)
            rename(fk.columns);
        for (Index &i : t.indexes) {
            for (IndexColumn &ic : i.columns) {
                if (!ic.isExpression && ic.expression == from)
                    ic.expression = to;
            }
        }
        for (Table &other : schema.tables) {
            for (ForeignKey &fk : other.foreignKeys) {
                if (fk.refTable == table)
                    rename(fk.refColumns);
            }
        }
        return QStringLiteral("ALTER TABLE %1 RENAME COLUMN %2 TO %3")
            .arg(pg->quoteIdentifier(table), pg->quoteIdentifier(from), pg->quoteIdentifier(to));
    }
    return {};
}

} // namespace

Result<TransferPlan> ScriptPorter::target()
{
    auto spec = ConnectionSpec::parse(QStringLiteral("sqlite::memory:"));
    auto copy = DatabaseSession::open(*spec);
    if (!copy)
        return copy.error();
    QSqlQuery q(m_db.database());
    q.setForwardOnly(true);
    // Tables before what refers to them; creation order within each kind.
    if (!q.exec(QStringLiteral(
            "SELECT sql FROM sqlite_master WHERE sql IS NOT NULL AND name NOT LIKE 'sqlite\\_%' "
            "ESCAPE '\\' ORDER BY CASE type WHEN 'table' THEN 0 WHEN 'index' THEN 1 "
            "WHEN 'view' THEN 2 ELSE 3 END, rowid")))
        return Error::source(
            {}, QStringLiteral("cannot read the scratch schema: %1").arg(q.lastError().text()));
    while (q.next()) {
        if (auto made = (*copy)->exec(q.value(0).toString()); !made)
            return made.error();
    }
    auto plan = TransferPlanner::plan(**copy, m_options);
    if (!plan || m_final.isEmpty())
        return plan;
    // Without rows, a declaration the transfer types by its data (JSON, an unknown name)
    // falls back to its affinity. A column still declared the same way at the folder's last
    // version gets the type the transfer chooses there, from the rows the folder put in it.
    MappingFile pins;
    for (const TableDecision &d : plan->tables) {
        const TableDecision *last = nullptr;
        for (const TableDecision &f : m_final) {
            if (f.sourceName.compare(d.sourceName, Qt::CaseInsensitive) == 0)
                last = &f;
        }
        if (!last)
            continue;
        TableMapping table;
        table.source = d.sourceName;
        for (const ColumnDecision &c : d.columns) {
            const ColumnDecision *f = last->column(c.sourceName);
            if (f && !c.generated && f->declaredType == c.declaredType &&
                f->targetType != c.targetType)
                table.columns << ColumnMapping{c.sourceName, {}, f->targetType, std::nullopt};
        }
        if (!table.columns.isEmpty())
            pins.tables << table;
    }
    if (pins.tables.isEmpty())
        return plan;
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("types.json"));
    if (Status written = pins.write(path); !written.ok())
        return written.error();
    TransferOptions pinned = m_options;
    pinned.mappingFile = path;
    return TransferPlanner::plan(**copy, pinned);
}

Result<PortedBody> ScriptPorter::port(const MigrationScript &script)
{
    PortedBody out;
    QList<SqliteStatement> statements;
    QSet<QString> dropped;
    QHash<QString, QString> renamedTo; // lower case: table -> its later name
    for (const SqlStatement &s : SqlSplitter::split(script.sql, script.firstLine)) {
        statements << SqliteStatement::read(s.sql, s.line);
        const SqliteStatement &read = statements.last();
        if (read.verb == QLatin1String("drop table"))
            dropped.insert(read.object.toLower());
        if (!read.renamedTo.isEmpty())
            renamedTo.insert(read.object.toLower(), read.renamedTo.toLower());
    }

    auto run = [&](const SqliteStatement &s) -> Status {
        if (auto ran = m_db.exec(s.sql); !ran) {
            Error e = ran.error();
            e.kind = Error::Kind::Migration;
            e.file = script.path;
            e.line = s.line;
            e.statement = s.sql;
            e.message = QStringLiteral("the plain script fails on SQLite itself");
            return e;
        }
        return {};
    };
    auto put = [&](const QString &sql) { out.sql += sql + QStringLiteral(";\n"); };
    auto note = [&](PortNoteKind kind, const SqliteStatement &s, const QString &reason) {
        out.notes.append({kind, s.line, s.sql, reason});
        if (kind == PortNoteKind::Manual)
            out.sql += QStringLiteral("-- STRATA MANUAL: %1\n").arg(reason) + commentedOut(s.sql);
        else if (kind == PortNoteKind::LeftOut)
            out.sql +=
                QStringLiteral("-- STRATA: left out `%1`: %2\n").arg(firstLine(s.sql), reason);
    };

    // A run of schema statements: their PostgreSQL form is the diff of the transfer's target
    // before and after them, so a rebuild becomes ALTER TABLE and AUTOINCREMENT an identity.
    std::optional<TransferPlan> before;
    QList<SqliteStatement> segment;
    QSet<QString> created;
    QList<SqliteStatement> renames;      // of tables and columns that existed before the segment
    QList<SqliteStatement> copies;       // the rebuild copies of the segment
    std::optional<TransferPlan> current; // the target while data statements run
    auto flush = [&]() -> Status {
        if (!before)
            return {};
        auto after = target();
        if (!after)
            return after.error();
        QStringList generated = newPrerequisites(*before, *after), viewCreates;
        viewAndTriggerChanges(*before, *after, generated, viewCreates);
        // A diff sees a renamed table or column as a drop and an add, which would lose its
        // rows: the renames are written as renames, and the diff starts from their result.
        Schema from = withoutViewsAndTriggers(before->target);
        for (const SqliteStatement &r : std::as_const(renames)) {
            if (const QString sql = renameInTarget(r, *before, m_options, from); !sql.isEmpty())
                generated << sql;
        }
        const SchemaDiffResult diff =
            SchemaDiff::compare(from, withoutViewsAndTriggers(after->target));
        for (const Change &change : diff.changes) {
            for (const QString &sql : change.forward)
                generated << StatementPort::unqualified(sql, m_options.targetSchema);
        }
        for (const SqliteStatement &copy : std::as_const(copies)) {
            const QString rebuilt = renamedTo.value(copy.object.toLower(), copy.object.toLower());
            QStringList columns, existing;
            for (const Table &t : after->source.tables) {
                if (t.name.compare(rebuilt, Qt::CaseInsensitive) == 0) {
                    for (const Column &c : t.columns)
                        columns << c.name;
                }
            }
            const QList<ComputedValue> values = RebuildCopy::computedValues(copy, columns);
            if (values.isEmpty())
                continue;
            const TableDecision *d = after->table(rebuilt);
            const QString table = d ? d->targetName : targetName(rebuilt, m_options);
            if (const Table *old = from.table(m_options.targetSchema, table)) {
                for (const Column &c : old->columns)
                    existing << c.name;
            }
            const qsizetype known = out.notes.size();
            generated = RebuildCopy::apply(generated, values, table, existing,
                                           StatementPort::contextFor(*before, m_options),
                                           m_options.foldLowerCase, out.notes);
            for (qsizetype i = known; i < out.notes.size(); ++i)
                out.sql += QStringLiteral("-- STRATA MANUAL: %1\n").arg(out.notes[i].reason) +
                           commentedOut(out.notes[i].statement);
        }
        // The change's own lint (drops lose data) describes the plain script, not the port;
        // findings about the whole diff (a drop and an add that look like a rename) do not.
        for (const QString &w : diff.warnings)
            out.notes.append({PortNoteKind::Warning, segment.first().line, {}, w});
        for (const QString &sql : std::as_const(viewCreates))
            generated << StatementPort::unqualified(sql, m_options.targetSchema);
        // As is: statements that only name objects, or the same statements the diff writes
        // (in any order: each ran in its own order on SQLite).
        bool same = std::all_of(segment.begin(), segment.end(),
                                [](const SqliteStatement &st) { return st.namesOnly; });
        if (!same && generated.size() == segment.size()) {
            QStringList a, b;
            for (const QString &sql : std::as_const(generated))
                a << diff::normaliseExpression(sql);
            for (const SqliteStatement &st : std::as_const(segment))
                b << diff::normaliseExpression(st.sql);
            std::sort(a.begin(), a.end());
            std::sort(b.begin(), b.end());
            same = a == b;
        }
        out.asIs = out.asIs && same;
        if (same) {
            for (const SqliteStatement &s : std::as_const(segment))
                put(s.sql);
        } else {
            for (const QString &sql : std::as_const(generated))
                put(sql);
        }
        // What the transfer cannot carry over at this version and could before is manual work
        // of this script.
        QSet<QString> known;
        for (const ManualWork &w : before->manualWork)
            known.insert(w.kind + u'\n' + w.name);
        for (const ManualWork &w : after->manualWork) {
            if (known.contains(w.kind + u'\n' + w.name))
                continue;
            SqliteStatement original;
            original.sql = w.originalSql;
            original.line = segment.first().line;
            for (const SqliteStatement &s : std::as_const(segment)) {
                if (s.object.compare(w.name, Qt::CaseInsensitive) == 0)
                    original.line = s.line;
            }
            note(PortNoteKind::Manual, original,
                 QStringLiteral("%1 %2: %3").arg(w.kind, w.name, w.reason));
        }
        current = std::move(after).value();
        before.reset();
        segment.clear();
        created.clear();
        renames.clear();
        copies.clear();
        return {};
    };

    for (const SqliteStatement &s : std::as_const(statements)) {
        // The copy of a table rebuild: into a table made in this run of schema statements,
        // from the table it replaces (renamed to its name later), or from a backup made here
        // and dropped later. Other INSERT ... SELECTs move rows and are ported as data.
        const QString into = s.object.toLower();
        const bool rebuildCopy =
            s.verb == QLatin1String("insert") && created.contains(into) &&
            !s.selectsFrom.isEmpty() &&
            (renamedTo.value(into) == s.selectsFrom ||
             (created.contains(s.selectsFrom) && dropped.contains(s.selectsFrom)));
        if (s.kind == StatementKind::Schema || rebuildCopy) {
            if (!before) {
                auto plan = current ? Result<TransferPlan>(*current) : target();
                if (!plan)
                    return plan.error();
                before = std::move(plan).value();
            }
            if (Status ran = run(s); !ran.ok())
                return ran.error();
            segment << s;
            if (rebuildCopy)
                copies << s;
            const bool existed = !created.contains(s.object.toLower());
            if (existed && (!s.renamedTo.isEmpty() || !s.renamedColumn.isEmpty()))
                renames << s;
            if (s.verb == QLatin1String("create table"))
                created.insert(s.object.toLower());
            if (!s.renamedTo.isEmpty())
                created.insert(s.renamedTo.toLower());
            if (s.createAs && !dropped.contains(s.object.toLower()))
                out.notes.append(
                    {PortNoteKind::Warning, s.line, s.sql,
                     QStringLiteral("CREATE TABLE ... AS: the variant creates the table "
                                    "without copying the rows the SELECT returns")});
            continue;
        }
        if (Status flushed = flush(); !flushed.ok())
            return flushed.error();
        switch (s.kind) {
        case StatementKind::Pragma:
            m_db.exec(s.sql); // foreign_keys=off and the like shape the replay as they shape SQLite
            out.asIs = false;
            note(PortNoteKind::LeftOut, s, QStringLiteral("PostgreSQL has no PRAGMA"));
            break;
        case StatementKind::Transaction:
            out.asIs = false;
            note(PortNoteKind::LeftOut, s,
                 QStringLiteral("Strata runs each migration in its own transaction"));
            break;
        case StatementKind::Maintenance:
            if (s.verb == QLatin1String("analyze")) {
                put(s.sql);
            } else {
                out.asIs = false;
                note(PortNoteKind::LeftOut, s,
                     QStringLiteral("%1 cannot run inside a migration's transaction on PostgreSQL")
                         .arg(s.verb.toUpper()));
            }
            break;
        case StatementKind::Data: {
            if (!current) {
                auto plan = target();
                if (!plan)
                    return plan.error();
                current = std::move(plan).value();
            }
            const DataPort ported =
                StatementPort::data(s, current->target, current->tables,
                                    StatementPort::contextFor(*current, m_options));
            if (Status ran = run(s); !ran.ok())
                return ran.error();
            for (const PortNote &n : ported.notes) {
                if (n.kind == PortNoteKind::Manual)
                    note(n.kind, s, n.reason);
                else
                    out.notes << n;
            }
            for (const QString &sql : ported.statements)
                put(sql);
            out.asIs = out.asIs && ported.notes.isEmpty() && ported.statements.size() == 1 &&
                       sameStatement(ported.statements.first(), s.sql);
            break;
        }
        case StatementKind::Schema:
        case StatementKind::Other:
            if (Status ran = run(s); !ran.ok())
                return ran.error();
            out.asIs = false;
            note(PortNoteKind::Manual, s,
                 QStringLiteral("a statement port does not know how to translate"));
            break;
        }
    }
    if (Status flushed = flush(); !flushed.ok())
        return flushed.error();
    return out;
}

} // namespace strata
