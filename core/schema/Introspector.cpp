#include "schema/Introspector.h"

namespace strata {

Result<Schema> Introspector::read(DatabaseSession &session, const IntrospectOptions &options)
{
    auto schema = session.dialect().engine() == Engine::Sqlite ? introspectSqlite(session, options)
                                                                : introspectPostgres(session, options);
    if (schema) {
        schema->serverVersion = session.serverVersion();
        schema->normalise();
    }
    return schema;
}

} // namespace strata
