// The folder reader over several files: the input is records separated by a line "====",
// each a file name on its first line and the file's content after it.
#include "FuzzCheck.h"
#include "migration/MigrationSource.h"

#include <QDir>
#include <QFile>
#include <QTemporaryDir>
#include <cstddef>
#include <cstdint>

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static QTemporaryDir dir;
    QDir folder(dir.path());
    for (const QString &old : folder.entryList(QDir::Files | QDir::Hidden))
        folder.remove(old);
    const QByteArray input(reinterpret_cast<const char *>(data), qsizetype(size));
    int written = 0;
    for (const QByteArray &record : input.split('\x1e')) { // ASCII record separator
        const qsizetype nl = record.indexOf('\n');
        const QString name = QString::fromUtf8(nl < 0 ? record : record.left(nl));
        if (name.isEmpty() || name.size() > 200 || name.contains(u'/') || name.contains(QChar(0)) ||
            name == u"." || name == u".." || ++written > 16)
            continue;
        QFile file(folder.filePath(name));
        if (file.open(QIODevice::WriteOnly))
            file.write(nl < 0 ? QByteArray() : record.mid(nl + 1));
    }
    auto set = strata::MigrationSource::read(dir.path());
    if (!set) {
        FUZZ_CHECK(!set.error().message.isEmpty(), QStringLiteral("an error without a message"));
        return 0;
    }
    for (const strata::SourceProblem &problem : set->problems)
        FUZZ_CHECK(!problem.path.isEmpty() && !problem.reason.isEmpty(),
                   QStringLiteral("a problem without its file or reason"));
    for (qsizetype i = 1; i < set->versioned.size(); ++i)
        FUZZ_CHECK(set->versioned[i - 1].version < set->versioned[i].version,
                   set->versioned[i].up.path);
    return 0;
}
