#include "interop/ForeignHistory.h"

#include <QSqlError>
#include <QSqlQuery>

namespace strata {

namespace {

const QList<std::pair<ForeignTool, const char *>> toolNames = {
    {ForeignTool::Flyway, "flyway"},
    {ForeignTool::Liquibase, "liquibase"},
    {ForeignTool::GolangMigrate, "golang-migrate"},
    {ForeignTool::Dbmate, "dbmate"},
    {ForeignTool::Sqitch, "sqitch"},
    {ForeignTool::Atlas, "atlas"},
    {ForeignTool::Alembic, "alembic"},
};

} // namespace

QString foreignToolName(ForeignTool tool)
{
    for (const auto &[t, name] : toolNames) {
        if (t == tool)
            return QString::fromLatin1(name);
    }
    return {};
}

std::optional<ForeignTool> foreignToolFromName(const QString &name)
{
    for (const auto &[t, n] : toolNames) {
        if (name.compare(QLatin1String(n), Qt::CaseInsensitive) == 0)
            return t;
    }
    return std::nullopt;
}

QList<ForeignTool> allForeignTools()
{
    QList<ForeignTool> out;
    for (const auto &entry : toolNames)
        out << entry.first;
    return out;
}

bool ForeignHistory::hasFailures() const
{
    return std::any_of(entries.begin(), entries.end(),
                       [](const ForeignEntry &e) { return e.state == MigrationState::Failed; });
}

Result<QStringList> tableColumns(DatabaseSession &session, const QString &schema,
                                 const QString &table)
{
    const Dialect &d = session.dialect();
    QString sql;
    if (d.engine() == Engine::Sqlite) {
        sql = schema.isEmpty()
                  ? QStringLiteral("PRAGMA table_info(%1)").arg(d.quoteIdentifier(table))
                  : QStringLiteral("PRAGMA %1.table_info(%2)")
                        .arg(d.quoteIdentifier(schema), d.quoteIdentifier(table));
    } else {
        const QString schemaExpr =
            schema.isEmpty() ? QStringLiteral("current_schema()") : d.quoteLiteral(schema);
        sql = QStringLiteral(
                  "SELECT column_name FROM information_schema.columns WHERE table_schema = %1 "
                  "AND table_name = %2 ORDER BY ordinal_position")
                  .arg(schemaExpr, d.quoteLiteral(table));
    }
    QSqlQuery query(session.database());
    query.setForwardOnly(true);
    if (!query.exec(sql)) {
        Error e = Error::database(QStringLiteral("cannot list the columns of %1").arg(table),
                                  query.lastError().databaseText());
        e.statement = sql;
        return e;
    }
    QStringList columns;
    const int nameColumn = d.engine() == Engine::Sqlite ? 1 : 0;
    while (query.next())
        columns << query.value(nameColumn).toString().toLower();
    return columns;
}

} // namespace strata
