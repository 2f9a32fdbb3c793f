// Alembic revision files (versions/*.py), read statically: any bytes parse or fail with a
// message naming the file; a parsed revision has an id and no empty down revision.
#include "FuzzCheck.h"
#include "interop/AlembicRevision.h"

#include <cstddef>
#include <cstdint>

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const QByteArray content(reinterpret_cast<const char *>(data), qsizetype(size));
    auto revision =
        strata::AlembicRevisionReader::parse(content, QStringLiteral("versions/fuzz.py"));
    if (!revision) {
        FUZZ_CHECK(!revision.error().message.isEmpty(),
                   QStringLiteral("an error without a message"));
        return 0;
    }
    FUZZ_CHECK(!revision->id.trimmed().isEmpty(), QString::fromUtf8(content.left(200)));
    for (const QString &down : revision->downRevisions)
        FUZZ_CHECK(!down.trimmed().isEmpty() && down != revision->id, revision->id);
    return 0;
}
