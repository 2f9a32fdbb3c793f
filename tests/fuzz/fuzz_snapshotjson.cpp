// Schema snapshot JSON (and the history table's compressed snapshot pairs): no crash, and a
// schema that reads back writes out to JSON that reads again to the same JSON.
#include "FuzzCheck.h"
#include "migration/SnapshotStore.h"
#include "schema/SchemaJson.h"

#include <cstddef>
#include <cstdint>

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const QByteArray json(reinterpret_cast<const char *>(data), qsizetype(size));
    if (auto schema = strata::SchemaJson::read(json, QStringLiteral("fuzz.json"))) {
        const QByteArray written = strata::SchemaJson::write(*schema);
        auto again = strata::SchemaJson::read(written, QStringLiteral("written.json"));
        FUZZ_CHECK(again.ok(), again.error().toString());
        FUZZ_CHECK(strata::SchemaJson::write(*again) == written,
                   QString::fromUtf8(written.left(400)));
    }
    strata::SnapshotStore::decode(QString::fromUtf8(json));
    return 0;
}
