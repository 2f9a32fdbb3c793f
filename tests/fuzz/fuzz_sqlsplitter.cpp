// The SQL splitter over arbitrary text: no crash or hang, and every statement it returns is
// non-empty and placed on a line inside the script, in order.
#include "FuzzCheck.h"
#include "migration/SqlSplitter.h"

#include <cstddef>
#include <cstdint>

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const QString script = QString::fromUtf8(reinterpret_cast<const char *>(data), qsizetype(size));
    const int firstLine = 7;
    const int lines = int(script.count(u'\n') + script.count(u'\r') + 1);
    int previous = firstLine;
    for (const strata::SqlStatement &s : strata::SqlSplitter::split(script, firstLine)) {
        FUZZ_CHECK(!s.sql.trimmed().isEmpty(), s.sql);
        FUZZ_CHECK(s.line >= previous && s.line < firstLine + lines, QString::number(s.line));
        previous = s.line;
    }
    return 0;
}
