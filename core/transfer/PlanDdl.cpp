// The two DDL phases; see PlanDdl.h.

#include "transfer/PlanDdl.h"

#include "diff/SchemaDiff.h"

namespace strata {

void PlanDdl::write(const TargetBuilder &built, const TransferOptions &options, TransferPlan &plan)
{
    const auto pg = Dialect::create(Engine::Postgres);
    const auto table = [&](const QString &name) {
        return pg->quoteIdentifier(options.targetSchema) + u'.' + pg->quoteIdentifier(name);
    };
    QStringList &create = plan.createTables;
    if (options.targetSchema != QLatin1String("public"))
        create << QStringLiteral("CREATE SCHEMA IF NOT EXISTS ") +
                      pg->quoteIdentifier(options.targetSchema);
    if (built.usesCitext)
        create << QStringLiteral("CREATE EXTENSION IF NOT EXISTS citext");
    if (!built.icuCollation.isEmpty())
        create << QStringLiteral("CREATE COLLATION IF NOT EXISTS %1 (provider = icu, locale = "
                                 "'und-u-ks-level2', deterministic = false)")
                      .arg(built.icuCollation);

    Schema empty;
    empty.engine = Engine::Postgres;
    empty.schemas = {options.targetSchema};
    Schema full = built.target; // views and triggers are written by the builder
    full.views.clear();
    for (Table &t : full.tables)
        t.triggers.clear();
    Schema columnsOnly = full;
    for (Table &t : columnsOnly.tables) {
        t.primaryKey.reset();
        t.uniques.clear();
        t.checks.clear();
        t.foreignKeys.clear();
        t.indexes.clear();
    }

    for (const Change &c : SchemaDiff::compare(empty, columnsOnly).changes) {
        create << c.forward;
        if (c.kind != ObjectKind::Table || c.action != ChangeAction::Create || c.forward.isEmpty())
            continue;
        for (TableDecision &d : plan.tables) {
            if (d.targetName == c.name)
                d.createSql = c.forward.first();
        }
    }

    QStringList &after = plan.afterLoad;
    QStringList validate;
    const auto decision = [&](const QString &targetTable) -> TableDecision * {
        for (TableDecision &d : plan.tables) {
            if (d.targetName == targetTable)
                return &d;
        }
        return nullptr;
    };
    for (const Change &c : SchemaDiff::compare(columnsOnly, full).changes) {
        if (c.kind != ObjectKind::ForeignKey || c.action != ChangeAction::Create) {
            after << c.forward;
            const bool ownTable = c.kind == ObjectKind::PrimaryKey ||
                                  c.kind == ObjectKind::Unique || c.kind == ObjectKind::Check ||
                                  c.kind == ObjectKind::Index;
            if (TableDecision *d = decision(c.table); d && ownTable)
                d->ownSql << c.forward;
            continue;
        }
        for (const QString &s : c.forward)
            after << s + QStringLiteral(" NOT VALID");
        validate << QStringLiteral("ALTER TABLE %1 VALIDATE CONSTRAINT %2")
                        .arg(table(c.table), pg->quoteIdentifier(c.name));
    }
    after << validate;
    for (TableDecision &d : plan.tables) {
        if (d.identityColumn.isEmpty())
            continue;
        const QString restart = QStringLiteral("ALTER TABLE %1 ALTER COLUMN %2 RESTART WITH %3")
                                    .arg(table(d.targetName), pg->quoteIdentifier(d.identityColumn))
                                    .arg(d.sequenceStart);
        after << restart;
        d.ownSql << restart;
    }
    after << built.viewSql << built.triggerSql;
    plan.translatedObjects = built.translatedObjects;
    for (TableDecision &d : plan.tables) {
        const QString analyze = QStringLiteral("ANALYZE ") + table(d.targetName);
        after << analyze;
        d.ownSql << analyze;
    }
}

} // namespace strata
