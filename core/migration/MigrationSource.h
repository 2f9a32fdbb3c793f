#pragma once
// Reads a migrations folder in the formats DBAs already have: Flyway (V/U/R), golang-migrate
// (.up.sql/.down.sql) and dbmate (-- migrate:up / -- migrate:down sections).

#include "migration/Migration.h"
#include "util/Result.h"
#include <QList>

namespace strata {

struct MigrationSet {
    FolderFormat format = FolderFormat::Unknown;
    QList<Migration> versioned;  // ascending by version
    QList<Migration> repeatable; // by description

    const Migration *find(const Version &version) const;
};

class MigrationSource {
public:
    // Reads every migration under `dir`. Any malformed or unreadable file, duplicate version,
    // mixed formats or undo without its version is an error naming the file (Error::Kind::Source).
    static Result<MigrationSet> read(const QString &dir);

    // SHA-256 hex of `content` with CRLF/CR turned into LF and a UTF-8 BOM removed.
    static QString checksum(const QByteArray &content);
};

} // namespace strata
