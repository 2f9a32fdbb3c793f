#pragma once
// PostgreSQL statement text for the diff's model objects: every name schema-qualified and
// quoted through the dialect. PostgresEmit.cpp turns a DiffPlan into Changes with these.

#include "diff/DdlText.h"

namespace strata::diff {

class PgSql {
public:
    // Across engines the objects come from SQLite: index definitions are regenerated.
    explicit PgSql(bool crossEngine)
        : m_crossEngine(crossEngine), m_d(Dialect::create(Engine::Postgres))
    {
    }

    QString q(const QString &name) const { return m_d->quoteIdentifier(name); }
    QString qn(const QString &schema, const QString &name) const
    {
        return q(schema) + u'.' + q(name);
    }
    QString literal(const QString &text) const { return m_d->quoteLiteral(text); }
    QString tableName(const Table &t) const { return qn(t.schema, t.name); }
    QString alterTable(const Table &t) const
    {
        return QStringLiteral("ALTER TABLE ") + tableName(t) + u' ';
    }
    QString collate(const QString &c) const;
    // COMMENT ON <what> IS '<text>' (IS NULL when empty).
    QString comment(const QString &what, const QString &text) const;
    static QString typeOf(const Column &c)
    {
        return c.declaredType.isEmpty() ? c.type : c.declaredType;
    }

    QString columnDef(const Column &c) const;
    QString constraintName(const Table &t, ObjectKind kind, int i) const;
    // The i-th constraint of `kind` of table t, as "CONSTRAINT name ...".
    QString constraintDef(const Table &t, ObjectKind kind, int i) const;
    QStringList createTable(const Table &t) const; // with its comments; FKs come separately
    QStringList tableComments(const Table &t) const;
    QString createIndex(const Table &t, const Index &i) const;
    QString viewWhat(const View &v) const; // "VIEW s.v" or "MATERIALIZED VIEW s.v"
    QStringList createView(const View &v) const;
    QString dropView(const View &v) const;
    QStringList alterColumn(const Table &t, const Column &from, const Column &to) const;
    QStringList alterEnum(const EnumType &from, const EnumType &to, const Schema &users) const;
    QStringList createSequence(const Sequence &s,
                               const QString &verb = QStringLiteral("CREATE")) const;
    QString ownedBy(const Sequence &s, const Schema &schema) const;

private:
    bool m_crossEngine;
    std::unique_ptr<Dialect> m_d;
};

} // namespace strata::diff
