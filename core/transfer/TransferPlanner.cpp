// TransferPlanner::plan: read the SQLite schema (and what the model leaves out: view SQL,
// sqlite_sequence, triggers on views, virtual tables), read the mapping file, name every target
// object, profile each table's data in one pass (several at a time), decide the types, build the
// target schema and write the DDL. All reads run in one savepoint, so they see one snapshot
// (profiling passes on connections of their own only where the savepoint's read lock keeps
// writers out: see ColumnProfiler::profileAll); nothing is written. The decisions are
// documented in docs/TRANSFER.md.

#include "transfer/TransferPlanner.h"

#include "schema/Introspector.h"
#include "schema/SqliteDdlParser.h"
#include "transfer/PlanDdl.h"
#include "transfer/SampledPlan.h"
#include <QSqlError>
#include <QSqlQuery>
#include <functional>

namespace strata {

namespace {

using sqliteddl::asciiLower;
using sqliteddl::sameName;

Error queryError(const QString &what, const QString &sql, const QSqlError &error)
{
    Error e = Error::database(what, error.databaseText().isEmpty() ? error.driverText()
                                                                   : error.databaseText());
    e.statement = sql;
    return e;
}

// sqlite_master rows the schema model does not keep, and sqlite_sequence.
Status readExtras(DatabaseSession &sqlite, PlanInput &in, QList<ManualWork> &manual)
{
    const QString sql = QStringLiteral("SELECT type, name, tbl_name, sql FROM main.sqlite_master "
                                       "WHERE type IN ('table', 'view', 'trigger')");
    QSqlQuery q(sqlite.database());
    q.setForwardOnly(true);
    if (!q.exec(sql))
        return queryError(QStringLiteral("cannot read the SQLite schema"), sql, q.lastError());
    bool hasSequence = false;
    QList<std::pair<QString, QString>> triggers; // (table, sql) by trigger name, checked below
    QStringList triggerNames;
    while (q.next()) {
        const QString type = q.value(0).toString(), name = q.value(1).toString();
        const QString text = q.value(3).toString();
        if (type == QLatin1String("view")) {
            in.viewSql.insert(asciiLower(name), text);
        } else if (type == QLatin1String("trigger")) {
            triggerNames << name;
            triggers.append({q.value(2).toString(), text});
        } else if (text.startsWith(QLatin1String("CREATE VIRTUAL"), Qt::CaseInsensitive)) {
            manual << ManualWork{QStringLiteral("virtual table"), name, text,
                                 QStringLiteral("virtual tables (FTS, R*Tree, ...) have no "
                                                "PostgreSQL equivalent; not transferred")};
        } else if (sameName(name, QStringLiteral("sqlite_sequence"))) {
            hasSequence = true;
        }
    }
    for (qsizetype i = 0; i < triggers.size(); ++i) {
        if (in.viewSql.contains(asciiLower(triggers[i].first)))
            manual << ManualWork{QStringLiteral("trigger"), triggerNames[i], triggers[i].second,
                                 QStringLiteral("INSTEAD OF triggers on views are not translated")};
    }
    if (!hasSequence)
        return {};
    const QString seqSql = QStringLiteral("SELECT name, seq FROM main.sqlite_sequence");
    QSqlQuery s(sqlite.database());
    s.setForwardOnly(true);
    if (!s.exec(seqSql))
        return queryError(QStringLiteral("cannot read sqlite_sequence"), seqSql, s.lastError());
    while (s.next()) {
        const QString key = asciiLower(s.value(0).toString());
        in.sqliteSequence.insert(key,
                                 std::max(in.sqliteSequence.value(key), s.value(1).toLongLong()));
    }
    return {};
}

// Parents before children (foreign keys), otherwise in source order.
QList<TableDecision> loadOrder(const QList<TableDecision> &decisions, const Schema &target)
{
    QHash<QString, QStringList> parents; // target table -> referenced target tables
    for (const Table &t : target.tables) {
        for (const ForeignKey &fk : t.foreignKeys)
            parents[t.name] << fk.refTable;
    }
    QList<TableDecision> out;
    QSet<QString> seen;
    std::function<void(const TableDecision &)> visit = [&](const TableDecision &d) {
        if (seen.contains(d.targetName))
            return;
        seen.insert(d.targetName);
        for (const QString &p : parents.value(d.targetName)) {
            for (const TableDecision &other : decisions) {
                if (other.targetName == p)
                    visit(other);
            }
        }
        out << d;
    };
    for (const TableDecision &d : decisions)
        visit(d);
    return out;
}

Result<TransferPlan> planInSnapshot(DatabaseSession &sqlite, const TransferOptions &options,
                                    Progress *progress, bool sample)
{
    auto in = std::make_shared<PlanInput>();
    in->options = options;
    IntrospectOptions read;
    read.excludeTables.clear(); // every table is read; the history tables are told apart below
    Result<Schema> schema = Introspector::read(sqlite, read);
    if (!schema)
        return schema.error();
    in->source = std::move(schema).value();
    // History tables are history, not data: written as their tools create them, never profiled.
    auto recognised = HistoryTables::recognise(sqlite, in->source, options.tables);
    if (!recognised)
        return recognised.error();
    const QList<HistoryCopy> histories = *recognised;
    QSet<QString> historyNames; // tables of the transferred file only
    for (const HistoryCopy &h : histories) {
        if (h.sourceFile.isEmpty())
            historyNames.insert(h.sourceName);
    }
    QList<ManualWork> manual;
    if (Status s = readExtras(sqlite, *in, manual); !s)
        return s.error();

    for (const QString &name : options.tables) {
        const Table *t = nullptr;
        for (const Table &candidate : in->source.tables) {
            if (sameName(candidate.name, name))
                t = &candidate;
        }
        if (!t)
            return Error::usage(
                QStringLiteral("no table named %1 in the SQLite database").arg(name));
        if (!in->tables.contains(t) && !historyNames.contains(t->name))
            in->tables << t;
    }
    if (options.tables.isEmpty()) {
        for (const Table &t : in->source.tables) {
            if (!historyNames.contains(t.name))
                in->tables << &t;
        }
    }
    if (!options.mappingFile.isEmpty()) {
        Result<MappingFile> mapping = MappingFile::read(options.mappingFile);
        if (!mapping)
            return mapping.error();
        if (Status s = mapping->validate(in->source); !s)
            return s.error();
        in->mapping = std::move(mapping).value();
    }
    {
        TargetBuilder names(*in); // names first: a collision fails before any data is read
        if (Status s = names.name(); !s)
            return s.error();
    }
    auto profiles = sample ? ColumnProfiler::profileSample(sqlite, in->tables, progress)
                           : ColumnProfiler::profileAll(sqlite, in->tables, progress);
    if (!profiles)
        return profiles.error();
    in->profiles = std::move(profiles).value();
    if (progress)
        progress->report(int(in->tables.size()), int(in->tables.size()),
                         QStringLiteral("profiled"));
    std::shared_ptr<const TargetBuilder> built;
    Result<TransferPlan> plan = TransferPlanner::build(in, manual, sample ? &built : nullptr);
    if (plan && sample) {
        plan->sampled = std::make_shared<SampledPlan>(in, built, manual);
    }
    if (plan) {
        plan->histories = histories;
        plan->warnings << HistoryTables::planNotes(histories);
    }
    return plan;
}

Result<TransferPlan> planWithSavepoint(DatabaseSession &sqlite, const TransferOptions &options,
                                       Progress *progress, bool sample)
{
    if (sqlite.spec().engine != Engine::Sqlite)
        return Error::usage(QStringLiteral("a transfer reads an SQLite database"));
    if (options.nocase != QLatin1String("citext") && options.nocase != QLatin1String("icu"))
        return Error::usage(
            QStringLiteral("COLLATE NOCASE becomes \"citext\" or \"icu\", not \"%1\"")
                .arg(options.nocase));
    if (options.targetSchema.trimmed().isEmpty())
        return Error::usage(QStringLiteral("the target schema has no name"));
    if (auto begun = sqlite.exec(QStringLiteral("SAVEPOINT strata_plan")); !begun)
        return begun.error();
    Result<TransferPlan> plan = planInSnapshot(sqlite, options, progress, sample);
    if (!plan)
        sqlite.exec(QStringLiteral("ROLLBACK TO strata_plan"));
    auto released = sqlite.exec(QStringLiteral("RELEASE strata_plan"));
    if (plan && !released)
        return released.error();
    return plan;
}

} // namespace

Result<TransferPlan> TransferPlanner::plan(DatabaseSession &sqlite, const TransferOptions &options,
                                           Progress *progress)
{
    return planWithSavepoint(sqlite, options, progress, false);
}

Result<TransferPlan> TransferPlanner::planFromSample(DatabaseSession &sqlite,
                                                     const TransferOptions &options,
                                                     Progress *progress)
{
    return planWithSavepoint(sqlite, options, progress, true);
}

Result<TransferPlan> TransferPlanner::build(std::shared_ptr<const PlanInput> in,
                                            const QList<ManualWork> &schemaManual,
                                            std::shared_ptr<const TargetBuilder> *builtOut)
{
    auto built = std::make_shared<TargetBuilder>(*in);
    if (Status s = built->name(); !s)
        return s.error();
    if (Status s = built->decide(); !s)
        return s.error();
    built->buildTables();
    built->buildViews();
    built->buildTriggers();

    TransferPlan plan;
    plan.source = in->source;
    plan.target = built->target;
    plan.target.normalise();
    plan.tables = loadOrder(built->decisions, built->target);
    plan.manualWork = schemaManual + built->manualWork;
    plan.warnings = built->warnings;
    for (const ManualWork &m : schemaManual)
        plan.warnings << QStringLiteral("%1 %2 not carried over: %3 (listed as manual work)")
                             .arg(m.kind, m.name, m.reason);
    plan.badText = in->options.badText;
    PlanDdl::write(*built, in->options, plan);
    if (builtOut)
        *builtOut = built;
    return plan;
}

} // namespace strata
