#include "transfer/TransferSetup.h"

#include <QRegularExpression>

namespace strata::transfer {

namespace {

bool isSimpleName(const QString &name)
{
    static const QRegularExpression simple(QStringLiteral("^[a-z_][a-z0-9_$]*$"));
    return simple.match(name).hasMatch();
}

const QRegularExpression &createTableHead()
{
    static const QRegularExpression head(
        QStringLiteral("^\\s*CREATE\\s+(?:UNLOGGED\\s+)?TABLE\\s+(?:IF\\s+NOT\\s+EXISTS\\s+)?"),
        QRegularExpression::CaseInsensitiveOption);
    return head;
}

// Whether a statement is CREATE TABLE for `name`, in any spelling it could have.
bool createsTable(const QString &statement, const QString &schema, const QString &name)
{
    const auto m = createTableHead().match(statement);
    if (!m.hasMatch())
        return false;
    const QString rest = statement.mid(m.capturedEnd());
    QStringList spellings{PgConnection::quoteIdentifier(schema) + u'.' +
                              PgConnection::quoteIdentifier(name),
                          PgConnection::quoteIdentifier(name)};
    if (isSimpleName(name)) {
        spellings << PgConnection::quoteIdentifier(schema) + u'.' + name << name;
        if (isSimpleName(schema))
            spellings << schema + u'.' + name
                      << schema + u'.' + PgConnection::quoteIdentifier(name);
    }
    for (const QString &s : spellings) {
        if (rest.startsWith(s) &&
            (rest.size() == s.size() || rest[s.size()].isSpace() || rest[s.size()] == u'('))
            return true;
    }
    return false;
}

} // namespace

QString targetSchemaOf(const TransferPlan &plan)
{
    for (const Table &t : plan.target.tables) {
        if (!t.schema.isEmpty())
            return t.schema;
    }
    return QStringLiteral("public");
}

QString qualifiedTarget(const TransferPlan &plan, const TableDecision &table)
{
    QString schema = targetSchemaOf(plan);
    for (const Table &t : plan.target.tables) {
        if (t.name == table.targetName && !t.schema.isEmpty())
            schema = t.schema;
    }
    return PgConnection::quoteIdentifier(schema) + u'.' +
           PgConnection::quoteIdentifier(table.targetName);
}

CreateStatements matchCreateStatements(const TransferPlan &plan)
{
    CreateStatements out;
    const QString schema = targetSchemaOf(plan);
    QList<QString> creates(plan.tables.size());
    QList<bool> used(plan.createTables.size(), false);
    bool complete = true;
    for (int i = 0; i < plan.tables.size(); ++i) {
        const TableDecision &d = plan.tables[i];
        if (!d.createSql.trimmed().isEmpty()) {
            creates[i] = d.createSql;
            for (int j = 0; j < plan.createTables.size(); ++j) {
                if (plan.createTables[j].trimmed() == d.createSql.trimmed())
                    used[j] = true;
            }
            continue;
        }
        int found = -1;
        for (int j = 0; j < plan.createTables.size(); ++j) {
            if (!used[j] && createsTable(plan.createTables[j], schema, d.targetName)) {
                found = j;
                break;
            }
        }
        if (found < 0) {
            complete = false;
            break;
        }
        used[found] = true;
        creates[i] = plan.createTables[found];
    }
    // A CREATE TABLE left over would be a table nobody loads: then trust no matching.
    for (int j = 0; complete && j < plan.createTables.size(); ++j) {
        if (!used[j] && createTableHead().match(plan.createTables[j]).hasMatch())
            complete = false;
    }
    if (!complete) {
        out.preamble = plan.createTables;
        return out;
    }
    out.perTable = true;
    out.tableCreate = creates;
    for (int j = 0; j < plan.createTables.size(); ++j) {
        if (!used[j])
            out.preamble << plan.createTables[j];
    }
    return out;
}

Status requireUtf8Target(PgConnection &pg)
{
    auto encoding = pg.query(QStringLiteral("SHOW server_encoding"));
    if (!encoding)
        return encoding.error();
    const QString enc = encoding->value(0).value(0);
    if (enc != QLatin1String("UTF8") && enc != QLatin1String("SQL_ASCII"))
        return Error::database(
            QStringLiteral("the target database's encoding is %1: text from SQLite is UTF-8, "
                           "so create the database with ENCODING 'UTF8'")
                .arg(enc));
    return {};
}

Result<QSet<QString>> existingTables(PgConnection &pg, const QString &schema)
{
    auto rows = pg.query(
        QStringLiteral(
            "SELECT c.relname FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace "
            "WHERE n.nspname = %1 AND c.relkind IN ('r', 'p')")
            .arg(PgConnection::quoteLiteral(schema)));
    if (!rows)
        return rows.error();
    QSet<QString> names;
    for (const QStringList &r : *rows)
        names.insert(r.value(0));
    return names;
}

} // namespace strata::transfer
