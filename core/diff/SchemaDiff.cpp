// SchemaDiff::compare: match the two schemas (DiffMatch.cpp, DiffDependencies.cpp), let the
// dialect of `a` emit the changes per phase (PostgresEmit.cpp, SqliteDdl.cpp), attach risks and
// warnings (Lint.cpp), concatenate the phases in dependency order (DiffPlan.h, Phase).
//
// Decisions worth knowing:
// - Inverses: hasInverse says whether the *schema* can be put back. Data cannot: a dropped table
//   or column comes back empty, which is why such changes are Destructive (with a warning).
//   Changes with no inverse at all (PostgreSQL ALTER TYPE ... ADD VALUE) have hasInverse = false
//   and an empty inverse; inverseSql() then only undoes the others.
// - A changed constraint, index, view or trigger is dropped and created again ("alter" = drop +
//   add); a renamed column or table is a drop and an add too, reported as a possible rename in
//   SchemaDiffResult::warnings, never guessed.
// - Column order is not compared (PostgreSQL cannot reorder; ADD COLUMN appends). A SQLite
//   rebuild writes the columns in b's order.
// - Across engines (options.crossEngine, or a.engine != b.engine) b is first spelled in a's
//   dialect (TypeTranslation.cpp) and compared by meaning (TypeEquivalence.h): type families,
//   loose defaults, names compared case-insensitively, constraint and index names ignored.
//   Comments, schemas, enums and sequences are not compared (SQLite has none). CHECK, view,
//   trigger and index-predicate texts are compared after whitespace/case/quote/cast
//   normalisation only, so an equivalent but differently written expression shows as changed;
//   their DDL in the other dialect is the other engine's text (casts stripped), best effort.

#include "diff/SchemaDiff.h"

#include "diff/DiffPlan.h"
#include "diff/Lint.h"

namespace strata {

QString objectKindName(ObjectKind kind)
{
    switch (kind) {
    case ObjectKind::Schema:
        return QStringLiteral("schema");
    case ObjectKind::Enum:
        return QStringLiteral("enum");
    case ObjectKind::Sequence:
        return QStringLiteral("sequence");
    case ObjectKind::Table:
        return QStringLiteral("table");
    case ObjectKind::Column:
        return QStringLiteral("column");
    case ObjectKind::PrimaryKey:
        return QStringLiteral("primary_key");
    case ObjectKind::Unique:
        return QStringLiteral("unique");
    case ObjectKind::ForeignKey:
        return QStringLiteral("foreign_key");
    case ObjectKind::Check:
        return QStringLiteral("check");
    case ObjectKind::Index:
        return QStringLiteral("index");
    case ObjectKind::View:
        return QStringLiteral("view");
    case ObjectKind::Trigger:
        return QStringLiteral("trigger");
    case ObjectKind::Comment:
        return QStringLiteral("comment");
    }
    return {};
}

QString changeActionName(ChangeAction a)
{
    switch (a) {
    case ChangeAction::Create:
        return QStringLiteral("create");
    case ChangeAction::Drop:
        return QStringLiteral("drop");
    case ChangeAction::Alter:
        return QStringLiteral("alter");
    }
    return {};
}

QString riskName(Risk risk)
{
    switch (risk) {
    case Risk::Safe:
        return QStringLiteral("safe");
    case Risk::Blocking:
        return QStringLiteral("blocking");
    case Risk::Destructive:
        return QStringLiteral("destructive");
    }
    return {};
}

namespace {

QString script(const QStringList &statements)
{
    QString out;
    for (const QString &s : statements)
        out += s + QStringLiteral(";\n");
    return out;
}

} // namespace

QString SchemaDiffResult::forwardSql() const
{
    QStringList all;
    for (const Change &c : changes)
        all << c.forward;
    return script(all);
}

QString SchemaDiffResult::inverseSql() const
{
    QStringList all;
    for (auto it = changes.crbegin(); it != changes.crend(); ++it) {
        if (it->hasInverse)
            all << it->inverse;
    }
    return script(all);
}

bool SchemaDiffResult::fullyReversible() const
{
    for (const Change &c : changes) {
        if (!c.hasInverse)
            return false;
    }
    return true;
}

SchemaDiffResult SchemaDiff::compare(const Schema &a, const Schema &b, const DiffOptions &options)
{
    const bool cross = options.crossEngine || a.engine != b.engine;
    const diff::DiffPlan plan = diff::buildPlan(a, b, cross);
    const diff::Lint lint(plan, options);
    diff::ChangeSink sink;
    if (a.engine == Engine::Postgres)
        diff::emitPostgres(plan, lint, sink);
    else
        diff::emitSqlite(plan, lint, sink);
    SchemaDiffResult result;
    result.changes = sink.ordered();
    result.warnings = lint.globalWarnings();
    return result;
}

namespace diff {

QList<Change> ChangeSink::ordered() const
{
    QList<Change> all;
    for (const QList<Change> &phase : m_phases)
        all << phase;
    return all;
}

bool TableDelta::constraintsChanged() const
{
    return droppedPk || addedPk || !droppedUniques.isEmpty() || !addedUniques.isEmpty() ||
           !droppedFks.isEmpty() || !addedFks.isEmpty() || !droppedChecks.isEmpty() ||
           !addedChecks.isEmpty();
}

bool TableDelta::isEmpty() const
{
    return droppedColumns.isEmpty() && addedColumns.isEmpty() && alteredColumns.isEmpty() &&
           commentedColumns.isEmpty() && !constraintsChanged() && droppedIndexes.isEmpty() &&
           addedIndexes.isEmpty() && commentedIndexes.isEmpty() && droppedTriggers.isEmpty() &&
           addedTriggers.isEmpty() && !withoutRowidChanged && !commentChanged;
}

QString qualifiedKey(const QString &schema, const QString &name)
{
    return schema + u'.' + name;
}

bool mentionsIdentifier(const QString &text, const QString &identifier)
{
    if (identifier.isEmpty())
        return false;
    const auto isWordChar = [](QChar c) { return c.isLetterOrNumber() || c == u'_' || c == u'$'; };
    for (qsizetype at = text.indexOf(identifier, 0, Qt::CaseInsensitive); at >= 0;
         at = text.indexOf(identifier, at + 1, Qt::CaseInsensitive)) {
        const qsizetype end = at + identifier.size();
        const bool startOk =
            at == 0 || !isWordChar(text[at - 1]) || !isWordChar(identifier.front());
        const bool endOk =
            end >= text.size() || !isWordChar(text[end]) || !isWordChar(identifier.back());
        if (startOk && endOk)
            return true;
    }
    return false;
}

} // namespace diff

} // namespace strata
