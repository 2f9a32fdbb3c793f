#pragma once
// The database URL strata-cli is given (--db, STRATA_DB, or a command's URL argument), checked
// before anything else is read: a missing or malformed URL is the first error a user sees,
// named as such, with the forms Strata accepts.

#include "connection/ConnectionSpec.h"

#include <memory>

namespace strata {
class DatabaseSession;
}

namespace strata::cli {

// `what` names where the URL came from in the error ("--db", "SQLITE_URL").
Result<ConnectionSpec> databaseUrl(const QString &url,
                                   const QString &what = QStringLiteral("--db"));
Result<std::unique_ptr<DatabaseSession>> openDatabase(const QString &url);

} // namespace strata::cli
