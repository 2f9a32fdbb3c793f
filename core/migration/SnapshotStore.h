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
};

} // namespace strata
