#pragma once
// Snapshots: a Schema as JSON and back, losslessly. Keys are sorted and lists are in canonical
// order, so two snapshots of the same schema are byte-identical. Defaults are left out to keep
// snapshots small (they are stored per migration in the history table).

#include "schema/Schema.h"
#include "util/Result.h"
#include <QByteArray>

namespace strata {

class SchemaJson {
public:
    static constexpr int formatVersion = 1;
    static QByteArray write(const Schema &schema, bool compact = false);
    // Malformed JSON or a wrong shape is an Error::Kind::Source naming what is wrong.
    static Result<Schema> read(const QByteArray &json, const QString &origin = {});
};

QString engineName(Engine engine);                // "sqlite" or "postgresql"
std::optional<Engine> engineFromName(const QString &name);

} // namespace strata
