// strata-cli diff: the readable summary and the JSON change list.

#include "CliOutput.h"

#include <QJsonArray>
#include <QMap>

namespace strata::cli {

namespace {

QString objectKey(const Change &c)
{
    const QString owner = c.table.isEmpty() ? c.name : c.table;
    return c.schema.isEmpty() ? owner : c.schema + u'.' + owner;
}

QChar actionMark(ChangeAction a)
{
    switch (a) {
    case ChangeAction::Create:
        return u'+';
    case ChangeAction::Drop:
        return u'-';
    case ChangeAction::Alter:
        break;
    }
    return u'~';
}

} // namespace

QJsonArray changesJson(const SchemaDiffResult &diff)
{
    QJsonArray changes;
    for (const Change &c : diff.changes) {
        changes.append(QJsonObject{
            {QStringLiteral("action"), changeActionName(c.action)},
            {QStringLiteral("kind"), objectKindName(c.kind)},
            {QStringLiteral("schema"), c.schema},
            {QStringLiteral("table"), c.table.isEmpty() ? QJsonValue() : QJsonValue(c.table)},
            {QStringLiteral("name"), c.name},
            {QStringLiteral("summary"), c.summary},
            {QStringLiteral("forward"), QJsonArray::fromStringList(c.forward)},
            {QStringLiteral("inverse"), QJsonArray::fromStringList(c.inverse)},
            {QStringLiteral("has_inverse"), c.hasInverse},
            {QStringLiteral("risk"), riskName(c.risk)},
            {QStringLiteral("warnings"), QJsonArray::fromStringList(c.warnings)},
        });
    }
    return changes;
}

QJsonObject diffJson(const QString &a, const QString &b, const SchemaDiffResult &diff)
{
    QMap<QString, int> counts;
    for (const Change &c : diff.changes)
        counts[changeActionName(c.action)] += 1;
    QJsonObject countObject;
    for (auto it = counts.cbegin(); it != counts.cend(); ++it)
        countObject.insert(it.key(), it.value());
    return {{QStringLiteral("source"), a},
            {QStringLiteral("target"), b},
            {QStringLiteral("identical"), diff.isEmpty()},
            {QStringLiteral("counts"), countObject},
            {QStringLiteral("changes"), changesJson(diff)},
            {QStringLiteral("warnings"), QJsonArray::fromStringList(diff.warnings)}};
}

QString diffText(const QString &a, const QString &b, const SchemaDiffResult &diff)
{
    QString out = QStringLiteral("Comparing %1 -> %2\n").arg(a, b);
    if (diff.isEmpty())
        return out + QStringLiteral("The schemas are the same.\n");
    int created = 0, dropped = 0, altered = 0, destructive = 0, blocking = 0;
    QMap<QString, QList<const Change *>> byObject;
    QStringList order;
    for (const Change &c : diff.changes) {
        created += c.action == ChangeAction::Create;
        dropped += c.action == ChangeAction::Drop;
        altered += c.action == ChangeAction::Alter;
        destructive += c.risk == Risk::Destructive;
        blocking += c.risk == Risk::Blocking;
        const QString key = objectKey(c);
        if (!byObject.contains(key))
            order << key;
        byObject[key].append(&c);
    }
    out += QStringLiteral("%1 change%2: %3 create, %4 drop, %5 alter")
               .arg(diff.changes.size())
               .arg(diff.changes.size() == 1 ? "" : "s")
               .arg(created)
               .arg(dropped)
               .arg(altered);
    if (destructive || blocking)
        out += QStringLiteral(" (%1 destructive, %2 blocking)").arg(destructive).arg(blocking);
    out += u'\n';
    for (const QString &key : std::as_const(order)) {
        out += u'\n' + key + u'\n';
        for (const Change *c : byObject.value(key)) {
            out += QStringLiteral("  %1 %2").arg(actionMark(c->action)).arg(c->summary);
            if (c->risk != Risk::Safe)
                out += QStringLiteral("  [%1]").arg(riskName(c->risk));
            out += u'\n';
            for (const QString &w : c->warnings)
                out += QStringLiteral("      warning: %1\n").arg(w);
        }
    }
    if (!diff.warnings.isEmpty()) {
        out += QStringLiteral("\nWarnings:\n");
        for (const QString &w : diff.warnings)
            out += QStringLiteral("  - %1\n").arg(w);
    }
    out += QStringLiteral("\nUse --sql for the migration script, --sql --reverse for its undo.\n");
    return out;
}

} // namespace strata::cli
