#include "transfer/AfterLoad.h"

#include <QRegularExpression>

namespace strata::transfer {

QList<TranslatedObject> objectsOf(const TransferPlan &plan, const QStringList &statements)
{
    if (!plan.translatedObjects.isEmpty())
        return plan.translatedObjects;
    static const QRegularExpression create(
        QStringLiteral("^\\s*CREATE\\s+(OR\\s+REPLACE\\s+)?(VIEW|FUNCTION|TRIGGER)\\b"),
        QRegularExpression::CaseInsensitiveOption);
    QList<TranslatedObject> out;
    for (const QString &sql : statements) {
        const auto m = create.match(sql);
        if (!m.hasMatch())
            continue;
        const QString kind = m.captured(2).toLower();
        out << TranslatedObject{kind == QLatin1String("view") ? kind : QStringLiteral("trigger"),
                                sql.simplified().left(60),
                                sql,
                                {sql}};
    }
    return out;
}

namespace {

// Index of the object whose statements start at statements[i], matched in order; -1 if none.
QList<int> objectStarts(const QStringList &statements, const QList<TranslatedObject> &objects)
{
    QList<int> starts(statements.size(), -1);
    qsizetype from = 0;
    for (int o = 0; o < objects.size(); ++o) {
        const QStringList &body = objects[o].statements;
        if (body.isEmpty())
            continue;
        for (qsizetype i = from; i + body.size() <= statements.size(); ++i) {
            if (statements.mid(i, body.size()) == body) {
                starts[i] = o;
                from = i + body.size();
                break;
            }
        }
    }
    return starts;
}

} // namespace

AfterLoadOutcome runAfterLoad(PgConnection &pg, const QStringList &statements,
                              const QList<TranslatedObject> &objects, const QStringList &closing,
                              const std::atomic<bool> &cancel,
                              const std::function<void(const QString &)> &step)
{
    AfterLoadOutcome out;
    const QList<int> starts = objectStarts(statements, objects);
    auto run = [&](const QString &sql) -> Status {
        if (cancel.load())
            return Error::cancelled();
        step(sql);
        return pg.exec(sql, &cancel);
    };
    auto fail = [&](Error e) {
        out.error = std::move(e);
        pg.rollback();
        return out;
    };
    if (Status s = run(QStringLiteral("BEGIN")); !s.ok())
        return fail(s.error());
    for (qsizetype i = 0; i < statements.size();) {
        if (starts[i] < 0) {
            if (Status s = run(statements[i]); !s.ok())
                return fail(s.error());
            ++i;
            continue;
        }
        const TranslatedObject &object = objects[starts[i]];
        if (Status s = pg.exec(QStringLiteral("SAVEPOINT strata_object")); !s.ok())
            return fail(s.error());
        std::optional<Error> refused;
        for (const QString &sql : object.statements) {
            if (Status s = run(sql); !s.ok()) {
                refused = s.error();
                break;
            }
        }
        i += object.statements.size();
        if (refused && (refused->kind == Error::Kind::Cancelled || pg.isBroken()))
            return fail(*refused);
        if (!refused) {
            if (Status s = pg.exec(QStringLiteral("RELEASE SAVEPOINT strata_object")); !s.ok())
                return fail(s.error());
            continue;
        }
        if (Status s = pg.exec(QStringLiteral("ROLLBACK TO SAVEPOINT strata_object")); !s.ok())
            return fail(s.error());
        const QString server =
            refused->driverMessage.isEmpty() ? refused->message : refused->driverMessage;
        out.refused << ManualWork{
            object.kind, object.name, object.originalSql,
            QStringLiteral("PostgreSQL refused the translation (%1); translated SQL:\n%2")
                .arg(server, object.statements.join(QStringLiteral(";\n")))};
    }
    for (const QString &sql : closing + QStringList{QStringLiteral("COMMIT")}) {
        if (Status s = run(sql); !s.ok())
            return fail(s.error());
    }
    return out;
}

} // namespace strata::transfer
