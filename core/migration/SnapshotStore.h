#pragma once
// Schema snapshots kept in the history table's `snapshot` column: compact JSON, zlib-compressed
// and base64-encoded. A migration without an undo script stores the schema before and after it
// (so its undo can be generated); the last migration of a run stores the schema after it (so
// drift can be detected).

#include "schema/Schema.h"
#include "util/Result.h"
#include <optional>

namespace strata {

struct SchemaSnapshots {
    std::optional<Schema> before;
    std::optional<Schema> after;
};

class SnapshotStore {
public:
    static QString encode(const SchemaSnapshots &snapshots);
    static Result<SchemaSnapshots> decode(const QString &text);
    // A snapshot names its engine. One taken on another engine (a SQLite snapshot read while
    // working on PostgreSQL after a transfer) would produce SQL in the wrong dialect, so its
    // use (`purpose`, e.g. "check drift") is refused with a sentence saying so.
    static Status requireEngine(const Schema &snapshot, Engine engine, const QString &recordedFor,
                                const QString &purpose);
};

} // namespace strata
