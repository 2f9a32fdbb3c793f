#include "diff/DdlText.h"

#include <QRegularExpression>

namespace strata::diff {

Change makeChange(ChangeAction action, ObjectKind kind, const QString &schema, const QString &table,
                  const QString &name, const QString &summary, const QStringList &forward,
                  const QStringList &inverse)
{
    Change c;
    c.action = action;
    c.kind = kind;
    c.schema = schema;
    c.table = table;
    c.name = name;
    c.summary = summary;
    c.forward = forward;
    c.inverse = inverse;
    return c;
}

QString columnChanges(const Column &from, const Column &to)
{
    const auto shown = [](const QString &text) {
        return text.isEmpty() ? QStringLiteral("none") : text;
    };
    QStringList parts;
    if (from.declaredType.compare(to.declaredType, Qt::CaseInsensitive) != 0)
        parts << QStringLiteral("type %1 -> %2")
                     .arg(shown(from.declaredType), shown(to.declaredType));
    if (from.notNull != to.notNull)
        parts << (to.notNull ? QStringLiteral("set not null") : QStringLiteral("drop not null"));
    if (from.defaultExpr.trimmed() != to.defaultExpr.trimmed())
        parts << QStringLiteral("default %1 -> %2")
                     .arg(shown(from.defaultExpr), shown(to.defaultExpr));
    if (from.identity != to.identity)
        parts << QStringLiteral("identity");
    if (from.generatedExpr.trimmed() != to.generatedExpr.trimmed() ||
        from.generatedStored != to.generatedStored)
        parts << QStringLiteral("generated %1 -> %2")
                     .arg(shown(from.generatedExpr), shown(to.generatedExpr));
    if (from.collation != to.collation)
        parts
            << QStringLiteral("collation %1 -> %2").arg(shown(from.collation), shown(to.collation));
    return parts.join(QStringLiteral(", "));
}

QString deltaChanges(const TableDelta &d)
{
    QStringList parts;
    for (const Column &c : d.droppedColumns)
        parts << QStringLiteral("drop column ") + c.name;
    for (const ColumnPair &p : d.alteredColumns)
        parts << QStringLiteral("alter column %1 (%2)").arg(p.to.name, columnChanges(p.from, p.to));
    for (const Column &c : d.addedColumns)
        parts << QStringLiteral("add column ") + c.name;
    if (d.droppedPk)
        parts << QStringLiteral("drop primary key");
    if (d.addedPk)
        parts << QStringLiteral("add primary key (%1)")
                     .arg(d.addedPk->columns.join(QStringLiteral(", ")));
    for (const UniqueConstraint &u : d.droppedUniques)
        parts << QStringLiteral("drop unique (%1)").arg(u.columns.join(QStringLiteral(", ")));
    for (const UniqueConstraint &u : d.addedUniques)
        parts << QStringLiteral("add unique (%1)").arg(u.columns.join(QStringLiteral(", ")));
    for (const CheckConstraint &c : d.droppedChecks)
        parts << QStringLiteral("drop check (%1)").arg(c.expression);
    for (const CheckConstraint &c : d.addedChecks)
        parts << QStringLiteral("add check (%1)").arg(c.expression);
    for (const ForeignKey &fk : d.droppedFks)
        parts << QStringLiteral("drop foreign key (%1)").arg(fk.columns.join(QStringLiteral(", ")));
    for (const ForeignKey &fk : d.addedFks)
        parts << QStringLiteral("add foreign key (%1) -> %2")
                     .arg(fk.columns.join(QStringLiteral(", ")), fk.refTable);
    if (d.withoutRowidChanged)
        parts << (d.to.withoutRowid ? QStringLiteral("make WITHOUT ROWID")
                                    : QStringLiteral("make a rowid table"));
    return parts.join(QStringLiteral("; "));
}

QString bareSql(const QString &sql)
{
    QString s = sql.trimmed();
    while (s.endsWith(u';'))
        s = s.chopped(1).trimmed();
    return s;
}

QString pkName(const Table &table)
{
    return table.primaryKey && !table.primaryKey->name.isEmpty()
               ? table.primaryKey->name
               : table.name + QStringLiteral("_pkey");
}

QString uniqueName(const Table &table, const UniqueConstraint &unique)
{
    return unique.name.isEmpty()
               ? table.name + u'_' + unique.columns.join(u'_') + QStringLiteral("_key")
               : unique.name;
}

QString fkName(const Table &table, const ForeignKey &fk)
{
    return fk.name.isEmpty() ? table.name + u'_' + fk.columns.join(u'_') + QStringLiteral("_fkey")
                             : fk.name;
}

QString checkName(const Table &table, const CheckConstraint &check)
{
    if (!check.name.isEmpty())
        return check.name;
    static const QRegularExpression word(
        QStringLiteral(R"re("((?:[^"]|"")+)"|([A-Za-z_][A-Za-z0-9_$]*))re"));
    for (auto it = word.globalMatch(check.expression); it.hasNext();) {
        const auto m = it.next();
        const QString token =
            m.captured(1).isEmpty()
                ? m.captured(2)
                : m.captured(1).replace(QStringLiteral("\"\""), QStringLiteral("\""));
        for (const Column &c : table.columns) {
            if (c.name.compare(token, Qt::CaseInsensitive) == 0)
                return table.name + u'_' + c.name + QStringLiteral("_check");
        }
    }
    return table.name + QStringLiteral("_check");
}

QString quotedList(const Dialect &dialect, const QStringList &names)
{
    QStringList quoted;
    for (const QString &n : names)
        quoted << dialect.quoteIdentifier(n);
    return u'(' + quoted.join(QStringLiteral(", ")) + u')';
}

QString fkClause(const Dialect &dialect, const ForeignKey &fk, const QString &quotedTarget)
{
    QString s = QStringLiteral("FOREIGN KEY ") + quotedList(dialect, fk.columns) +
                QStringLiteral(" REFERENCES ") + quotedTarget;
    if (!fk.refColumns.isEmpty())
        s += u' ' + quotedList(dialect, fk.refColumns);
    const QString match = fk.match.toUpper();
    if (!match.isEmpty() && match != QLatin1String("SIMPLE") && match != QLatin1String("NONE"))
        s += QStringLiteral(" MATCH ") + match;
    if (!fk.onUpdate.isEmpty() && fk.onUpdate.toUpper() != QLatin1String("NO ACTION"))
        s += QStringLiteral(" ON UPDATE ") + fk.onUpdate.toUpper();
    if (!fk.onDelete.isEmpty() && fk.onDelete.toUpper() != QLatin1String("NO ACTION"))
        s += QStringLiteral(" ON DELETE ") + fk.onDelete.toUpper();
    if (fk.deferrable)
        s += fk.initiallyDeferred ? QStringLiteral(" DEFERRABLE INITIALLY DEFERRED")
                                  : QStringLiteral(" DEFERRABLE");
    return s;
}

QString indexColumns(const Dialect &dialect, const Index &index)
{
    QStringList parts;
    for (const IndexColumn &c : index.columns) {
        QString p =
            c.isExpression ? u'(' + c.expression + u')' : dialect.quoteIdentifier(c.expression);
        if (!c.collation.isEmpty())
            p += QStringLiteral(" COLLATE ") +
                 (c.collation.contains(u'"') ? c.collation : dialect.quoteIdentifier(c.collation));
        if (c.descending)
            p += QStringLiteral(" DESC");
        if (!c.nulls.isEmpty())
            p += QStringLiteral(" NULLS ") + c.nulls.toUpper();
        parts << p;
    }
    return u'(' + parts.join(QStringLiteral(", ")) + u')';
}

Owner splitOwner(const Schema &schema, const Sequence &sequence)
{
    const QString &owner = sequence.ownedBy;
    qsizetype last = -1;
    for (qsizetype dot = owner.indexOf(u'.'); dot > 0; dot = owner.indexOf(u'.', dot + 1)) {
        last = dot;
        const Table *t = schema.table(sequence.schema, owner.left(dot));
        if (t && t->column(owner.mid(dot + 1)))
            return {owner.left(dot), owner.mid(dot + 1)};
    }
    return last < 0 ? Owner{owner, {}} : Owner{owner.left(last), owner.mid(last + 1)};
}

} // namespace strata::diff
