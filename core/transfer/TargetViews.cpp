// TargetBuilder's views (dependencies first, with their column names) and triggers (a plpgsql
// function and a trigger each). What does not translate is manual work with the SQLite SQL.

#include "transfer/TargetSchema.h"

#include "schema/SqliteDdlParser.h"
#include "transfer/TriggerTranslator.h"
#include <functional>

namespace strata {

namespace {

using sqliteddl::asciiLower;

// "main.name" -> ASCII-lower name.
QString dependencyKey(const QString &dependency)
{
    return asciiLower(dependency.mid(dependency.indexOf(u'.') + 1));
}

QList<const View *> dependencyOrder(const QList<View> &views)
{
    QHash<QString, const View *> byName;
    for (const View &v : views)
        byName.insert(asciiLower(v.name), &v);
    QList<const View *> out;
    QSet<QString> seen;
    std::function<void(const View &)> visit = [&](const View &v) {
        if (seen.contains(asciiLower(v.name)))
            return;
        seen.insert(asciiLower(v.name));
        for (const QString &dep : v.dependsOn) {
            if (const View *d = byName.value(dependencyKey(dep)))
                visit(*d);
        }
        out << &v;
    };
    for (const View &v : views)
        visit(v);
    return out;
}

} // namespace

void TargetBuilder::buildViews()
{
    const ExpressionTranslator x(schemaContext());
    QSet<QString> translated, views;
    for (const View &v : m_in.source.views)
        views.insert(asciiLower(v.name));
    for (const View *v : dependencyOrder(m_in.source.views)) {
        const QString key = asciiLower(v->name);
        const QString original = m_in.viewSql.value(
            key, QStringLiteral("CREATE VIEW %1 AS %2").arg(v->name, v->definition));
        QString problem;
        QStringList dependsOn;
        for (const QString &dep : v->dependsOn) {
            const QString d = dependencyKey(dep);
            if (views.contains(d) && !translated.contains(d))
                problem = QStringLiteral("reads view %1, which is not translated").arg(d);
            else if (!views.contains(d) && !m_tables.contains(d))
                problem = QStringLiteral("reads table %1, which is not transferred").arg(d);
            else
                dependsOn << m_in.options.targetSchema + u'.' +
                                 (views.contains(d) ? m_views.value(d) : m_tables.value(d).target);
        }
        Translation body;
        if (problem.isEmpty()) {
            body = x.translate(v->definition);
            problem = body.problem;
        }
        if (!problem.isEmpty()) {
            manual(QStringLiteral("view"), v->name, original, problem);
            continue;
        }
        View out;
        out.schema = m_in.options.targetSchema;
        out.name = m_views.value(key);
        out.definition = body.sql;
        out.columns = m_viewColumns.value(key);
        out.dependsOn = dependsOn;
        target.views << out;
        translated.insert(key);
        QStringList columns;
        for (const QString &c : std::as_const(out.columns))
            columns << q(c);
        const QString sql =
            QStringLiteral("CREATE VIEW %1%2 AS\n%3")
                .arg(qualified(out.name),
                     columns.isEmpty()
                         ? QString()
                         : QStringLiteral(" (%1)").arg(columns.join(QStringLiteral(", "))),
                     out.definition);
        viewSql << sql;
        translatedObjects << TranslatedObject{QStringLiteral("view"), v->name, original, {sql}};
    }
}

void TargetBuilder::buildTriggers()
{
    TranslationContext context = schemaContext();
    context.triggerBody = true;
    for (const Table *source : m_in.tables) {
        const TableNames &n = names(*source);
        Table *table = nullptr;
        for (Table &t : target.tables) {
            if (t.name == n.target)
                table = &t;
        }
        // NEW.x and OLD.x are this table's columns, whatever other tables call theirs.
        TranslationContext own = context;
        own.table = asciiLower(source->name);
        for (auto it = n.columns.constBegin(); it != n.columns.constEnd(); ++it)
            own.columns.insert(it.key(), *it);
        const ExpressionTranslator x(own);
        for (const Trigger &tr : source->triggers) {
            TriggerNames names;
            names.table = qualified(n.target);
            names.trigger = q(n.triggers.value(tr.name));
            names.function = qualified(n.triggers.value(u'\n' + tr.name));
            names.sourceTable = source->name;
            const TriggerTranslation result = TriggerTranslator::translate(tr.definition, names, x);
            if (!result.problem.isEmpty() || !table) {
                manual(QStringLiteral("trigger"), tr.name, tr.definition, result.problem);
                continue;
            }
            if (!result.warning.isEmpty())
                warnings << QStringLiteral("trigger %1: %2").arg(tr.name, result.warning);
            triggerSql << result.function << result.trigger;
            translatedObjects << TranslatedObject{QStringLiteral("trigger"),
                                                  tr.name,
                                                  tr.definition,
                                                  {result.function, result.trigger}};
            table->triggers << Trigger{n.triggers.value(tr.name), result.trigger};
        }
    }
}

} // namespace strata
