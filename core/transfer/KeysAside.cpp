#include "transfer/KeysAside.h"

#include "transfer/AfterLoad.h"

namespace strata::transfer {

namespace {

QString q(const QString &name)
{
    return PgConnection::quoteIdentifier(name);
}

QString lit(const QString &text)
{
    return PgConnection::quoteLiteral(text);
}

// Drops under a savepoint: what PostgreSQL will not drop (a view depends on a primary key
// through GROUP BY, say) stays in place and is reported instead of failing the transfer.
Result<bool> dropOrKeep(PgConnection &pg, const QString &sql, const std::atomic<bool> &cancel)
{
    if (Status s = pg.exec(QStringLiteral("SAVEPOINT strata_aside")); !s.ok())
        return s.error();
    QString state;
    if (Status s = pg.exec(sql, &cancel, &state); !s.ok()) {
        if (cancel.load() || pg.isBroken() || state != QLatin1String("2BP01"))
            return s.error();
        if (Status back = pg.exec(QStringLiteral("ROLLBACK TO SAVEPOINT strata_aside")); !back.ok())
            return back.error();
        return false;
    }
    if (Status s = pg.exec(QStringLiteral("RELEASE SAVEPOINT strata_aside")); !s.ok())
        return s.error();
    return true;
}

} // namespace

Result<KeysAside> setKeysAside(PgConnection &pg, const QStringList &tables,
                               const std::atomic<bool> &cancel)
{
    KeysAside aside;
    if (tables.isEmpty())
        return aside;
    QStringList regclasses;
    for (const QString &t : tables)
        regclasses << lit(t) + QStringLiteral("::regclass");
    const QString set = QStringLiteral("ARRAY[%1]::oid[]").arg(regclasses.join(u','));

    // Foreign keys from or to the tables: first out, last back (they need the keys).
    auto fks = pg.query(QStringLiteral("SELECT c.conrelid::regclass::text, c.conname, "
                                       "pg_get_constraintdef(c.oid), c.convalidated, "
                                       "obj_description(c.oid, 'pg_constraint') "
                                       "FROM pg_constraint c WHERE c.contype = 'f' AND "
                                       "(c.conrelid = ANY(%1) OR c.confrelid = ANY(%1)) "
                                       "ORDER BY c.conrelid::regclass::text, c.conname")
                            .arg(set),
                        &cancel);
    if (!fks)
        return fks.error();
    for (const QStringList &r : std::as_const(*fks)) {
        const QString table = r[0], name = q(r[1]), def = r[2];
        auto dropped = dropOrKeep(
            pg, QStringLiteral("ALTER TABLE %1 DROP CONSTRAINT %2").arg(table, name), cancel);
        if (!dropped)
            return dropped.error();
        if (!*dropped) {
            aside.kept << QStringLiteral("foreign key %1 on %2").arg(r[1], table);
            continue;
        }
        const bool valid = r[3] == QLatin1String("t");
        aside.foreignKeys << QStringLiteral("ALTER TABLE %1 ADD CONSTRAINT %2 %3%4")
                                 .arg(table, name, def,
                                      valid ? QStringLiteral(" NOT VALID") : QString());
        if (valid)
            aside.foreignKeys
                << QStringLiteral("ALTER TABLE %1 VALIDATE CONSTRAINT %2").arg(table, name);
        if (!r[4].isNull())
            aside.foreignKeys << QStringLiteral("COMMENT ON CONSTRAINT %1 ON %2 IS %3")
                                     .arg(name, table, lit(r[4]));
    }

    // Primary keys, unique and exclusion constraints, and the other indexes, in the order
    // PostgreSQL created them (index oid), so each comes back as it was.
    auto indexes = pg.query(
        QStringLiteral(
            "SELECT i.indrelid::regclass::text, ic.relname, pg_get_indexdef(i.indexrelid), "
            "c.conname, pg_get_constraintdef(c.oid), obj_description(i.indexrelid, 'pg_class'), "
            "obj_description(c.oid, 'pg_constraint'), i.indisclustered, i.indisreplident "
            "FROM pg_index i JOIN pg_class ic ON ic.oid = i.indexrelid "
            "LEFT JOIN pg_constraint c ON c.conindid = i.indexrelid AND c.conrelid = i.indrelid "
            "AND c.contype IN ('p', 'u', 'x') "
            "WHERE i.indrelid = ANY(%1) ORDER BY i.indexrelid")
            .arg(set),
        &cancel);
    if (!indexes)
        return indexes.error();
    for (const QStringList &r : std::as_const(*indexes)) {
        const QString table = r[0], index = q(r[1]);
        const bool constraint = !r[3].isNull();
        const QString drop =
            constraint ? QStringLiteral("ALTER TABLE %1 DROP CONSTRAINT %2").arg(table, q(r[3]))
                       : QStringLiteral("DROP INDEX %1").arg(index);
        auto dropped = dropOrKeep(pg, drop, cancel);
        if (!dropped)
            return dropped.error();
        if (!*dropped) {
            aside.kept << QStringLiteral("%1 %2 on %3")
                              .arg(constraint ? QStringLiteral("constraint")
                                              : QStringLiteral("index"),
                                   constraint ? r[3] : r[1], table);
            continue;
        }
        if (constraint)
            aside.keys
                << QStringLiteral("ALTER TABLE %1 ADD CONSTRAINT %2 %3").arg(table, q(r[3]), r[4]);
        else
            aside.keys << r[2];
        // The index of a constraint is named after it unless it was renamed since.
        if (constraint && r[1] != r[3])
            aside.keys << QStringLiteral("ALTER INDEX %1 RENAME TO %2").arg(q(r[3]), index);
        if (!r[5].isNull())
            aside.keys << QStringLiteral("COMMENT ON INDEX %1 IS %2").arg(index, lit(r[5]));
        if (constraint && !r[6].isNull())
            aside.keys << QStringLiteral("COMMENT ON CONSTRAINT %1 ON %2 IS %3")
                              .arg(q(r[3]), table, lit(r[6]));
        if (r[7] == QLatin1String("t"))
            aside.keys << QStringLiteral("ALTER TABLE %1 CLUSTER ON %2").arg(table, index);
        if (r[8] == QLatin1String("t"))
            aside.keys << QStringLiteral("ALTER TABLE %1 REPLICA IDENTITY USING INDEX %2")
                              .arg(table, index);
    }

    // Enabled user triggers would fire on every loaded row.
    auto triggers = pg.query(QStringLiteral("SELECT t.tgrelid::regclass::text, t.tgname "
                                            "FROM pg_trigger t WHERE t.tgrelid = ANY(%1) AND "
                                            "NOT t.tgisinternal AND t.tgenabled = 'O' "
                                            "ORDER BY 1, 2")
                                 .arg(set),
                             &cancel);
    if (!triggers)
        return triggers.error();
    for (const QStringList &r : std::as_const(*triggers)) {
        if (Status s = pg.exec(
                QStringLiteral("ALTER TABLE %1 DISABLE TRIGGER %2").arg(r[0], q(r[1])), &cancel);
            !s.ok())
            return s.error();
        aside.triggers << QStringLiteral("ALTER TABLE %1 ENABLE TRIGGER %2").arg(r[0], q(r[1]));
    }
    return aside;
}

std::optional<Error> restoreKeys(PgConnection &pg, const KeysAside &aside,
                                 const QStringList &analyze, const std::atomic<bool> &cancel,
                                 const std::function<void(const QString &)> &step)
{
    auto run = [&](const QString &sql) -> std::optional<Error> {
        if (cancel.load())
            return Error::cancelled();
        step(sql);
        if (Status s = pg.exec(sql, &cancel); !s.ok())
            return s.error();
        return std::nullopt;
    };
    for (const QString &sql : aside.keys) {
        if (auto e = run(sql))
            return e;
    }
    for (const QString &sql : analyze) {
        if (auto e = run(sql))
            return e;
    }
    static const QString validate = QStringLiteral(" VALIDATE CONSTRAINT ");
    for (const QString &sql : aside.foreignKeys) {
        const qsizetype at = sql.indexOf(validate);
        if (at > 0) {
            if (auto e = run(mergeJoinForValidate(sql.mid(at + validate.size()))))
                return e;
        }
        if (auto e = run(sql))
            return e;
        if (at > 0) {
            if (auto e = run(QStringLiteral("SET LOCAL enable_hashjoin TO DEFAULT")))
                return e;
        }
    }
    for (const QString &sql : aside.triggers) {
        if (auto e = run(sql))
            return e;
    }
    return std::nullopt;
}

} // namespace strata::transfer
