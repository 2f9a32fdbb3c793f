#pragma once
// A throwaway place on a PostgreSQL server to replay migrations in: a database of its own
// (strata_check_<pid>_<random>) or, where the role may not create databases, a schema of that
// name in the server URL's database with search_path set to it. Dropped by drop() or, at the
// latest, by the destructor, so a failed or cancelled check leaves nothing behind.

#include "connection/DatabaseSession.h"

#include <memory>

namespace strata {

class ScratchPostgres {
public:
    // Connects to `server` (the database named there is only used to create the scratch) and
    // creates the scratch. Errors name the server (without password) and say what to fix.
    static Result<std::unique_ptr<ScratchPostgres>> create(const ConnectionSpec &server);
    ~ScratchPostgres();
    ScratchPostgres(const ScratchPostgres &) = delete;
    ScratchPostgres &operator=(const ScratchPostgres &) = delete;

    // The connection to work in: the scratch database, or the server's with search_path set.
    DatabaseSession &session() { return m_inSchema ? *m_admin : *m_scratch; }
    QString name() const { return m_name; }
    bool inSchema() const { return m_inSchema; }
    // "database strata_check_…" or "schema strata_check_… in database app".
    QString description() const;
    // Drops the scratch (idempotent); session() must not be used afterwards.
    Status drop();

private:
    ScratchPostgres() = default;
    std::unique_ptr<DatabaseSession> m_admin;   // the server URL's database
    std::unique_ptr<DatabaseSession> m_scratch; // the scratch database (database mode)
    QString m_name;
    QString m_adminDatabase;
    bool m_inSchema = false;
    bool m_dropped = false;
};

// A fresh scratch name: strata_check_<pid>_<8 random hex digits>.
QString scratchName();

} // namespace strata
