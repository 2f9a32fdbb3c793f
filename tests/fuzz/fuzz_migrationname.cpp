// Migration file names: Version::parse over the text, and the folder reader over a folder
// holding one file of that name (which is where the name parser runs).
#include "FuzzCheck.h"
#include "migration/MigrationSource.h"
#include "migration/Version.h"

#include <QDir>
#include <QFile>
#include <QTemporaryDir>
#include <cstddef>
#include <cstdint>

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const QString name = QString::fromUtf8(reinterpret_cast<const char *>(data), qsizetype(size));
    if (auto v = strata::Version::parse(name)) {
        auto again = strata::Version::parse(v->toString());
        FUZZ_CHECK(again && *again == *v, name);
    }
    static QTemporaryDir dir;
    if (name.isEmpty() || name.size() > 200 || name.contains(u'/') || name.contains(QChar(0)) ||
        name == u"." || name == u"..")
        return 0;
    QDir folder(dir.path());
    for (const QString &old : folder.entryList(QDir::Files | QDir::Hidden))
        folder.remove(old);
    QFile file(folder.filePath(name));
    if (!file.open(QIODevice::WriteOnly))
        return 0;
    file.write("CREATE TABLE t (id integer);\n");
    file.close();
    auto set = strata::MigrationSource::read(dir.path());
    if (!set)
        FUZZ_CHECK(!set.error().message.isEmpty(), name);
    return 0;
}
