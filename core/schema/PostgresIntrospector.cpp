#include "schema/Introspector.h"

namespace strata {

Result<Schema> introspectPostgres(DatabaseSession &, const IntrospectOptions &)
{
    return Error::database(QStringLiteral("PostgreSQL introspection is not implemented yet"));
}

} // namespace strata
