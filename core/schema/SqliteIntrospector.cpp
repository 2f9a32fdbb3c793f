#include "schema/Introspector.h"

namespace strata {

Result<Schema> introspectSqlite(DatabaseSession &, const IntrospectOptions &)
{
    return Error::database(QStringLiteral("SQLite introspection is not implemented yet"));
}

} // namespace strata
