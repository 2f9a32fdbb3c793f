// TargetBuilder: names, column decisions and the translation contexts; tables are built in
// TargetTables.cpp, views and triggers in TargetViews.cpp.

#include "transfer/TargetSchema.h"

#include "schema/SqliteDdlParser.h"
#include "schema/SqliteDdlTokenizer.h"
#include "transfer/TypeMapper.h"
#include <limits>

namespace strata {

namespace {

using sqliteddl::asciiLower;
using sqliteddl::sameName;

QString quoted(const QString &name)
{
    return u'"' + name + u'"';
}

bool isInteger(const QString &type)
{
    return type == QLatin1String("bigint") || type == QLatin1String("integer") ||
           type == QLatin1String("smallint");
}

} // namespace

TargetBuilder::TargetBuilder(const PlanInput &input)
    : m_in(input), m_names(input.options.foldLowerCase)
{
    target.engine = Engine::Postgres;
    target.schemas = {input.options.targetSchema};
}

QString TargetBuilder::q(const QString &name) const
{
    return Dialect::create(Engine::Postgres)->quoteIdentifier(name);
}

QString TargetBuilder::qualified(const QString &name) const
{
    return q(m_in.options.targetSchema) + u'.' + q(name);
}

const TargetBuilder::TableNames &TargetBuilder::names(const Table &t) const
{
    static const TableNames none;
    const auto it = m_tables.constFind(asciiLower(t.name));
    return it == m_tables.constEnd() ? none : *it;
}

void TargetBuilder::manual(const QString &kind, const QString &name, const QString &sql,
                           const QString &reason)
{
    manualWork << ManualWork{kind, name, sql, reason};
    warnings << QStringLiteral("%1 %2 not carried over: %3 (listed as manual work)")
                    .arg(kind, name, reason);
}

const TableDecision *TargetBuilder::decision(const QString &sourceTable) const
{
    for (const TableDecision &d : decisions) {
        if (sameName(d.sourceName, sourceTable))
            return &d;
    }
    return nullptr;
}

QStringList TargetBuilder::targetColumns(const Table &t, const QStringList &sourceColumns) const
{
    QStringList out;
    const TableNames &n = names(t);
    for (const QString &c : sourceColumns)
        out << n.columns.value(asciiLower(c), c);
    return out;
}

Status TargetBuilder::name()
{
    const QString relations = QStringLiteral("relations in schema ") + m_in.options.targetSchema;
    const MappingFile *mapping = m_in.mapping ? &*m_in.mapping : nullptr;
    for (const Table *t : m_in.tables) {
        TableNames n;
        const TableMapping *tm = mapping ? mapping->table(t->name) : nullptr;
        n.target = tm && !tm->name.isEmpty() ? tm->name : m_names.fold(t->name);
        m_names.claim(relations, n.target, QStringLiteral("table ") + quoted(t->name));
        for (const Column &c : t->columns) {
            const ColumnMapping *cm = tm ? tm->column(c.name) : nullptr;
            const QString target = cm && !cm->name.isEmpty() ? cm->name : m_names.fold(c.name);
            n.columns.insert(asciiLower(c.name), target);
            m_names.claim(QStringLiteral("columns of ") + n.target, target,
                          QStringLiteral("column ") + quoted(t->name + u'.' + c.name));
        }
        m_tables.insert(asciiLower(t->name), n);
    }
    for (const View &v : m_in.source.views) {
        const QString target = m_names.fold(v.name);
        m_views.insert(asciiLower(v.name), target);
        m_names.claim(relations, target, QStringLiteral("view ") + quoted(v.name));
        QStringList columns;
        for (const QString &c : v.columns) {
            columns << m_names.fold(c);
            m_names.claim(QStringLiteral("columns of view ") + target, columns.last(),
                          QStringLiteral("column ") + quoted(v.name + u'.' + c));
        }
        m_viewColumns.insert(asciiLower(v.name), columns);
    }
    // Named constraints, indexes and triggers first, so generated names avoid them.
    for (const Table *t : m_in.tables) {
        TableNames &n = m_tables[asciiLower(t->name)];
        const QString constraints = QStringLiteral("constraints of ") + n.target;
        const auto named = [&](const QString &name, bool index, const char *kind) {
            const QString what = QStringLiteral("%1 %2 on %3")
                                     .arg(QLatin1String(kind), quoted(name), quoted(t->name));
            const QString target = m_names.fold(name);
            m_names.claim(constraints, target, what);
            if (index)
                m_names.claim(relations, target, what);
            return target;
        };
        if (t->primaryKey && !t->primaryKey->name.isEmpty())
            n.primaryKey = named(t->primaryKey->name, true, "primary key");
        for (const UniqueConstraint &u : t->uniques)
            n.uniques << (u.name.isEmpty() ? QString() : named(u.name, true, "unique constraint"));
        for (const CheckConstraint &c : t->checks)
            n.checks << (c.name.isEmpty() ? QString() : named(c.name, false, "check"));
        for (const ForeignKey &fk : t->foreignKeys)
            n.foreignKeys << (fk.name.isEmpty() ? QString() : named(fk.name, false, "foreign key"));
        for (const Index &i : t->indexes) {
            const QString target = m_names.fold(i.name);
            m_names.claim(relations, target, QStringLiteral("index ") + quoted(i.name));
            n.indexes.insert(i.name, target);
        }
        for (const Trigger &tr : t->triggers) {
            const QString target = m_names.fold(tr.name);
            m_names.claim(QStringLiteral("triggers of ") + n.target, target,
                          QStringLiteral("trigger ") + quoted(tr.name));
            n.triggers.insert(tr.name, target);
        }
    }
    // Generated names: unique in their namespaces, fitted into 63 bytes.
    for (const Table *t : m_in.tables) {
        TableNames &n = m_tables[asciiLower(t->name)];
        const QString constraints = QStringLiteral("constraints of ") + n.target;
        const auto generate = [&](const QString &base, bool index) {
            const QString what = QStringLiteral("a constraint on ") + quoted(t->name);
            QString name = m_names.generate(index ? relations : constraints, base, what);
            if (index)
                m_names.claim(constraints, name, what);
            return name;
        };
        if (t->primaryKey && n.primaryKey.isEmpty())
            n.primaryKey = generate(n.target + QStringLiteral("_pkey"), true);
        for (qsizetype k = 0; k < t->uniques.size(); ++k) {
            if (n.uniques[k].isEmpty())
                n.uniques[k] =
                    generate(n.target + u'_' + targetColumns(*t, t->uniques[k].columns).join(u'_') +
                                 QStringLiteral("_key"),
                             true);
        }
        for (qsizetype k = 0; k < t->foreignKeys.size(); ++k) {
            if (n.foreignKeys[k].isEmpty())
                n.foreignKeys[k] = generate(
                    n.target + u'_' + targetColumns(*t, t->foreignKeys[k].columns).join(u'_') +
                        QStringLiteral("_fkey"),
                    false);
        }
        for (qsizetype k = 0; k < t->checks.size(); ++k) {
            if (!n.checks[k].isEmpty())
                continue;
            QString column; // the first column the expression mentions, as PostgreSQL names it
            const sqliteddl::SqlTokens tokens(t->checks[k].expression);
            for (qsizetype i = 0; i < tokens.size() && column.isEmpty(); ++i)
                column = n.columns.value(asciiLower(tokens[i].text));
            n.checks[k] = generate(n.target + (column.isEmpty() ? QString() : u'_' + column) +
                                       QStringLiteral("_check"),
                                   false);
        }
        for (const Trigger &tr : t->triggers)
            n.triggers.insert(u'\n' + tr.name,
                              m_names.generate(QStringLiteral("trigger functions"),
                                               n.triggers.value(tr.name) + QStringLiteral("_fn"),
                                               QStringLiteral("trigger ") + quoted(tr.name)));
    }
    return m_names.check();
}

Status TargetBuilder::decide()
{
    for (const Table *t : m_in.tables) {
        Result<TableChoice> c = decideTable(*t, m_in.profiles.value(t->name));
        if (!c)
            return c.error();
        warnings << c->warnings;
        m_collations.insert(asciiLower(t->name), c->collations);
        decisions << c->decision;
    }
    return {};
}

QStringList TargetBuilder::collations(const QString &sourceTable) const
{
    return m_collations.value(asciiLower(sourceTable));
}

Result<TargetBuilder::TableChoice> TargetBuilder::decideTable(const Table &table,
                                                              const TableProfile &profile) const
{
    const MappingFile *mapping = m_in.mapping ? &*m_in.mapping : nullptr;
    const QString icu = qualified(QStringLiteral("nocase"));
    const Table *t = &table;
    TableChoice out;
    QStringList &warnings = out.warnings;
    QStringList &collations = out.collations;
    {
        const TableNames &n = names(*t);
        const TableMapping *tm = mapping ? mapping->table(t->name) : nullptr;
        TableDecision d;
        d.sourceName = t->name;
        d.targetName = n.target;
        d.rows = profile.rows; // an estimate (the rowid span) for a sampled profile
        for (qsizetype i = 0; i < t->columns.size(); ++i) {
            Column c = t->columns[i];
            const ColumnProfile p = profile.columns.value(i);
            bool identity =
                c.identity == IdentityKind::Rowid || c.identity == IdentityKind::Autoincrement;
            const QString inherited = TypeMapper::inheritedNocase(m_in.source, *t, c);
            if (!inherited.isEmpty())
                c.collation = QStringLiteral("NOCASE");
            TypeChoice choice = TypeMapper::choose(c, p, identity, m_in.options, icu);
            if (!inherited.isEmpty())
                choice.reason += QStringLiteral(" (references %1, which is COLLATE NOCASE: the key "
                                                "compares as in SQLite)")
                                     .arg(inherited);
            ColumnDecision cd;
            cd.sourceName = c.name;
            cd.targetName = n.columns.value(asciiLower(c.name));
            cd.declaredType = c.declaredType;
            cd.profile = p;
            cd.targetType = choice.type;
            cd.transform = choice.transform;
            cd.reason = choice.reason;
            cd.generated = !c.generatedExpr.isEmpty();
            for (const QString &w : choice.warnings)
                warnings << QStringLiteral("%1.%2: %3").arg(t->name, c.name, w);
            if (const ColumnMapping *cm = tm ? tm->column(c.name) : nullptr) {
                QStringList said;
                if (!cm->type.isEmpty()) {
                    cd.targetType = cm->type;
                    said << QStringLiteral("type ") + cm->type;
                    if (!cm->transform && !MappingFile::transformFits(cd.transform, cd.targetType))
                        cd.transform = ValueTransform::None;
                }
                if (cm->transform) {
                    if (!MappingFile::transformFits(*cm->transform, cd.targetType))
                        return Error::source(
                            mapping->path,
                            QStringLiteral("mapping file %1: tables.%2.columns.%3: transform %4 "
                                           "does not produce %5")
                                .arg(mapping->path, tm->source, cm->source,
                                     valueTransformName(*cm->transform), cd.targetType));
                    cd.transform = *cm->transform;
                    said << QStringLiteral("transform ") + valueTransformName(cd.transform);
                }
                if (!cm->name.isEmpty())
                    said << QStringLiteral("name ") + cm->name;
                cd.overridden = true;
                cd.reason = QStringLiteral("mapping file: %1 (planner: %2 %3 - %4)")
                                .arg(said.join(QStringLiteral(", ")), choice.type,
                                     valueTransformName(choice.transform), choice.reason);
            }
            if (identity && !isInteger(cd.targetType)) {
                identity = false;
                warnings << QStringLiteral("%1.%2: %3 cannot be an identity column; its values are "
                                           "copied without a sequence")
                                .arg(t->name, c.name, cd.targetType);
            }
            if (identity) {
                const qint64 maxId = p.integers > 0 ? p.maxInteger : 0;
                const qint64 seq = m_in.sqliteSequence.value(asciiLower(t->name), 0);
                const qint64 last = std::max(maxId, seq);
                d.identityColumn = cd.targetName;
                d.sequenceStart = last == std::numeric_limits<qint64>::max()
                                      ? last
                                      : std::max<qint64>(last + 1, 1);
                if (last == std::numeric_limits<qint64>::max())
                    warnings << QStringLiteral("%1.%2: ids reach the largest bigint; the identity "
                                               "cannot give new rows an id")
                                    .arg(t->name, c.name);
            }
            collations << (TypeMapper::isTextType(cd.targetType) &&
                                   cd.targetType != QLatin1String("citext")
                               ? choice.collation
                               : QString());
            d.columns << cd;
        }
        out.decision = d;
    }
    return out;
}

TranslationContext TargetBuilder::tableContext(const Table &t) const
{
    TranslationContext c = schemaContext();
    c.table = asciiLower(t.name);
    c.columns = names(t).columns;
    c.booleanColumns.clear();
    c.textColumns.clear();
    if (const TableDecision *d = decision(t.name)) {
        for (const ColumnDecision &cd : d->columns) {
            if (cd.targetType == QLatin1String("boolean"))
                c.booleanColumns.insert(asciiLower(cd.sourceName));
            if (TypeMapper::isTextType(cd.targetType))
                c.textColumns.insert(asciiLower(cd.sourceName));
        }
    }
    return c;
}

TranslationContext TargetBuilder::schemaContext() const
{
    TranslationContext c;
    c.schema = m_in.options.targetSchema;
    c.foldLowerCase = m_in.options.foldLowerCase;
    c.nocase = m_in.options.nocase;
    c.nocaseCollation = qualified(QStringLiteral("nocase"));
    for (auto it = m_tables.constBegin(); it != m_tables.constEnd(); ++it)
        c.relations.insert(it.key(), it->target);
    for (auto it = m_views.constBegin(); it != m_views.constEnd(); ++it)
        c.relations.insert(it.key(), *it);
    QSet<QString> notBoolean, notText;
    const auto addColumn = [&](const QString &source, const QString &target) {
        const QString key = asciiLower(source);
        const auto it = c.columns.constFind(key);
        if (it == c.columns.constEnd())
            c.columns.insert(key, target);
        else if (*it != target)
            c.columns[key] = QString(); // renamed differently in different tables
    };
    for (const Table *t : m_in.tables) {
        for (const Column &col : t->columns) {
            if (col.identity == IdentityKind::Rowid || col.identity == IdentityKind::Autoincrement)
                c.rowidColumns.insert(asciiLower(t->name),
                                      names(*t).columns.value(asciiLower(col.name)));
        }
    }
    for (const TableDecision &d : decisions) {
        QHash<QString, ColumnFacts> &facts = c.columnFacts[asciiLower(d.sourceName)];
        for (const ColumnDecision &cd : d.columns) {
            const ColumnProfile &p = cd.profile;
            facts.insert(
                asciiLower(cd.sourceName),
                ColumnFacts{cd.targetType, cd.declaredType, cd.transform,
                            p.texts > 0 && p.isoDateTexts == p.texts && p.values() == p.texts});
            addColumn(cd.sourceName, cd.targetName);
            const QString key = asciiLower(cd.sourceName);
            (cd.targetType == QLatin1String("boolean") ? c.booleanColumns : notBoolean).insert(key);
            (TypeMapper::isTextType(cd.targetType) ? c.textColumns : notText).insert(key);
        }
    }
    for (const View &v : m_in.source.views) {
        const QStringList targets = m_viewColumns.value(asciiLower(v.name));
        for (qsizetype i = 0; i < v.columns.size() && i < targets.size(); ++i)
            addColumn(v.columns[i], targets[i]);
    }
    c.booleanColumns.subtract(notBoolean);
    c.textColumns.subtract(notText);
    return c;
}

} // namespace strata
