// TargetBuilder's tables: columns (types, identity, defaults, generated expressions,
// collations), primary key, unique and check constraints, foreign keys and indexes.

#include "transfer/TargetSchema.h"

#include "schema/SqliteDdlParser.h"
#include "transfer/DefaultTranslator.h"
#include "transfer/TypeMapper.h"

namespace strata {

namespace {

using sqliteddl::asciiLower;
using sqliteddl::sameName;
using sqliteddl::sameNames;

// Types a foreign key can compare (PostgreSQL needs an equality operator between them).
QString keyFamily(const QString &type)
{
    if (type == QLatin1String("bigint") || type == QLatin1String("integer") ||
        type == QLatin1String("smallint"))
        return QStringLiteral("integer");
    if (type == QLatin1String("text") || type.startsWith(QLatin1String("character")))
        return QStringLiteral("text");
    if (type.startsWith(QLatin1String("numeric")))
        return QStringLiteral("numeric");
    return type;
}

QString fkSql(const ForeignKey &fk)
{
    return QStringLiteral("FOREIGN KEY (%1) REFERENCES %2 (%3)")
        .arg(fk.columns.join(QStringLiteral(", ")), fk.refTable,
             fk.refColumns.join(QStringLiteral(", ")));
}

} // namespace

void TargetBuilder::buildTables()
{
    for (const Table *source : m_in.tables) {
        for (TableDecision &d : decisions) {
            if (sameName(d.sourceName, source->name))
                target.tables << buildTable(*source, d);
        }
    }
    for (const Table &t : std::as_const(target.tables)) {
        for (const Column &c : t.columns)
            usesCitext = usesCitext || c.type == QLatin1String("citext");
    }
}

Table TargetBuilder::buildTable(const Table &source, TableDecision &d)
{
    Table t;
    t.schema = m_in.options.targetSchema;
    t.name = d.targetName;
    addColumns(source, d, t);
    addKeys(source, d, t);
    addForeignKeys(source, t);
    addIndexes(source, t);
    return t;
}

void TargetBuilder::addColumns(const Table &source, TableDecision &d, Table &t)
{
    const ExpressionTranslator x(tableContext(source));
    const QStringList collations = m_collations.value(asciiLower(source.name));
    for (qsizetype i = 0; i < source.columns.size(); ++i) {
        const Column &c = source.columns[i];
        ColumnDecision &cd = d.columns[i];
        const QString name = source.name + u'.' + c.name;
        Column col;
        col.name = cd.targetName;
        col.type = col.declaredType = cd.targetType;
        col.notNull = c.notNull;
        col.collation = collations.value(i);
        if (!col.collation.isEmpty())
            icuCollation = col.collation;
        if (!d.identityColumn.isEmpty() && cd.targetName == d.identityColumn) {
            col.identity = IdentityKind::ByDefault;
        } else if (!c.generatedExpr.isEmpty()) {
            const Translation g = x.translateAs(c.generatedExpr, cd.targetType, cd.transform);
            cd.generated = g.ok();
            if (g.ok()) {
                col.generatedExpr = g.sql;
                col.generatedStored = true;
                cd.reason +=
                    c.generatedStored
                        ? QStringLiteral("; generated column")
                        : QStringLiteral("; generated column (VIRTUAL in SQLite, STORED in "
                                         "PostgreSQL)");
            } else {
                cd.reason += QStringLiteral("; generated in SQLite, a plain copied column here");
                manual(QStringLiteral("generated column"), name,
                       QStringLiteral("GENERATED ALWAYS AS (%1)").arg(c.generatedExpr),
                       g.problem + QStringLiteral("; the column is created plain and its values "
                                                  "are copied"));
            }
        } else if (!c.defaultExpr.isEmpty()) {
            const Translation def =
                DefaultTranslator::translate(c.defaultExpr, cd.targetType, cd.transform, x);
            if (def.ok())
                col.defaultExpr = def.sql;
            else
                manual(QStringLiteral("default"), name, QStringLiteral("DEFAULT ") + c.defaultExpr,
                       def.problem);
        }
        t.columns << col;
    }
}

void TargetBuilder::addKeys(const Table &source, const TableDecision &d, Table &t)
{
    const TableNames &n = names(source);
    if (source.primaryKey) {
        const QStringList columns = targetColumns(source, source.primaryKey->columns);
        QStringList withNulls;
        for (const QString &c : source.primaryKey->columns) {
            const ColumnDecision *cd = d.column(c);
            if (cd && cd->profile.nulls > 0)
                withNulls << c;
        }
        if (withNulls.isEmpty()) {
            t.primaryKey = PrimaryKey{n.primaryKey, columns};
        } else {
            t.uniques << UniqueConstraint{n.primaryKey, columns};
            warnings << QStringLiteral("%1: the primary key column(s) %2 hold NULLs (SQLite allows "
                                       "it): created as a UNIQUE constraint instead")
                            .arg(source.name, withNulls.join(QStringLiteral(", ")));
        }
    }
    for (qsizetype k = 0; k < source.uniques.size(); ++k)
        t.uniques << UniqueConstraint{n.uniques.value(k),
                                      targetColumns(source, source.uniques[k].columns)};
    const ExpressionTranslator x(tableContext(source));
    for (qsizetype k = 0; k < source.checks.size(); ++k) {
        const CheckConstraint &c = source.checks[k];
        const Translation tr = x.translate(c.expression);
        if (tr.ok())
            t.checks << CheckConstraint{n.checks.value(k), tr.sql};
        else
            manual(QStringLiteral("check"),
                   c.name.isEmpty() ? source.name : source.name + u'.' + c.name,
                   QStringLiteral("CHECK (%1)").arg(c.expression), tr.problem);
    }
}

void TargetBuilder::addForeignKeys(const Table &source, Table &t)
{
    const TableNames &n = names(source);
    for (qsizetype k = 0; k < source.foreignKeys.size(); ++k) {
        const ForeignKey &fk = source.foreignKeys[k];
        const QString label = source.name + u'.' + n.foreignKeys.value(k);
        const Table *parent = nullptr;
        for (const Table *candidate : m_in.tables) {
            if (sameName(candidate->name, fk.refTable))
                parent = candidate;
        }
        QString problem;
        if (!parent)
            problem =
                m_in.source.table(QStringLiteral("main"), fk.refTable)
                    ? QStringLiteral("references table %1, which is not transferred")
                          .arg(fk.refTable)
                    : QStringLiteral("references table %1, which does not exist").arg(fk.refTable);
        else if (fk.refColumns.size() != fk.columns.size())
            problem = QStringLiteral("references no key of %1").arg(fk.refTable);
        if (problem.isEmpty()) {
            bool keyed =
                parent->primaryKey && sameNames(parent->primaryKey->columns, fk.refColumns);
            for (const UniqueConstraint &u : parent->uniques)
                keyed = keyed || sameNames(u.columns, fk.refColumns);
            for (const Index &i : parent->indexes) {
                QStringList cols;
                bool plain = i.unique && i.where.isEmpty();
                for (const IndexColumn &c : i.columns) {
                    plain = plain && !c.isExpression;
                    cols << c.expression;
                }
                keyed = keyed || (plain && sameNames(cols, fk.refColumns));
            }
            if (!keyed)
                problem = QStringLiteral("PostgreSQL needs a primary key or unique constraint on "
                                         "%1 (%2)")
                              .arg(fk.refTable, fk.refColumns.join(QStringLiteral(", ")));
        }
        const TableDecision *child = decision(source.name);
        const TableDecision *parentDecision = parent ? decision(parent->name) : nullptr;
        for (qsizetype c = 0; problem.isEmpty() && c < fk.columns.size(); ++c) {
            const ColumnDecision *a = child ? child->column(fk.columns[c]) : nullptr;
            const ColumnDecision *b =
                parentDecision ? parentDecision->column(fk.refColumns[c]) : nullptr;
            if (a && b && keyFamily(a->targetType) != keyFamily(b->targetType))
                problem = QStringLiteral("%1 becomes %2 but %3.%4 becomes %5")
                              .arg(fk.columns[c], a->targetType, fk.refTable, fk.refColumns[c],
                                   b->targetType);
        }
        if (!problem.isEmpty()) {
            manual(QStringLiteral("foreign key"), label, fkSql(fk), problem);
            continue;
        }
        if (!fk.match.isEmpty())
            warnings << QStringLiteral("%1: MATCH %2 is ignored by SQLite and not carried over")
                            .arg(label, fk.match);
        ForeignKey out = fk;
        out.name = n.foreignKeys.value(k);
        out.columns = targetColumns(source, fk.columns);
        out.refSchema = m_in.options.targetSchema;
        out.refTable = names(*parent).target;
        out.refColumns = targetColumns(*parent, fk.refColumns);
        out.match.clear();
        t.foreignKeys << out;
    }
}

std::optional<IndexColumn> TargetBuilder::indexColumn(const Table &source, const IndexColumn &c,
                                                      const ExpressionTranslator &x,
                                                      QString *problem)
{
    IndexColumn out;
    out.descending = c.descending;
    out.nulls = c.nulls;
    QString type, columnCollation;
    if (c.isExpression) {
        const Translation tr = x.translate(c.expression);
        if (!tr.ok()) {
            *problem = tr.problem;
            return std::nullopt;
        }
        out.isExpression = true;
        out.expression = tr.sql;
    } else {
        out.expression = targetColumns(source, {c.expression}).value(0);
        const TableDecision *d = decision(source.name);
        const ColumnDecision *cd = d ? d->column(c.expression) : nullptr;
        type = cd ? cd->targetType : QString();
        for (qsizetype i = 0; cd && i < d->columns.size(); ++i) {
            if (&d->columns[i] == cd)
                columnCollation = m_collations.value(asciiLower(source.name)).value(i);
        }
    }
    if (c.collation.isEmpty() || c.collation == QLatin1String("BINARY"))
        return out;
    if (c.collation != QLatin1String("NOCASE")) {
        *problem = QStringLiteral("COLLATE %1 has no PostgreSQL equivalent").arg(c.collation);
        return std::nullopt;
    }
    if (type == QLatin1String("citext") || !columnCollation.isEmpty())
        return out; // the column compares case-insensitively already
    if (m_in.options.nocase == QLatin1String("icu")) {
        out.collation = qualified(QStringLiteral("nocase"));
        icuCollation = out.collation;
    } else {
        out.expression = (out.isExpression ? u'(' + out.expression + u')' : q(out.expression)) +
                         QStringLiteral("::citext");
        out.isExpression = true;
        usesCitext = true;
    }
    return out;
}

void TargetBuilder::addIndexes(const Table &source, Table &t)
{
    const TableNames &n = names(source);
    const ExpressionTranslator x(tableContext(source));
    for (const Index &i : source.indexes) {
        Index out;
        out.name = n.indexes.value(i.name);
        out.unique = i.unique;
        QString problem;
        for (const IndexColumn &c : i.columns) {
            const auto column = indexColumn(source, c, x, &problem);
            if (!column)
                break;
            out.columns << *column;
        }
        if (problem.isEmpty() && !i.where.isEmpty()) {
            const Translation where = x.translate(i.where);
            problem = where.problem;
            out.where = where.sql;
        }
        if (!problem.isEmpty()) {
            manual(QStringLiteral("index"), i.name, i.definition, problem);
            continue;
        }
        t.indexes << out;
    }
}

} // namespace strata
