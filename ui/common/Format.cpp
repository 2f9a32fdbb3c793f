#include "Format.h"

#include <QDir>
#include <QFileInfo>

namespace strata::format {

namespace {

QString &displayRoot()
{
    static QString root;
    return root;
}

} // namespace

QString count(qsizetype n, const QString &singular, const QString &plural)
{
    return QStringLiteral("%1 %2").arg(n).arg(n == 1 ? singular : plural);
}

void setDisplayRoot(const QString &migrationsDir)
{
    const QFileInfo folder(migrationsDir);
    displayRoot() = folder.absoluteDir().absolutePath();
    if (!displayRoot().endsWith(u'/'))
        displayRoot() += u'/';
}

QString displayPath(const QString &path)
{
    const QString &root = displayRoot();
    if (!root.isEmpty() && path.startsWith(root))
        return path.mid(root.size());
    return path;
}

} // namespace strata::format
