#include "util/Result.h"

namespace strata {

QString Error::location() const
{
    if (file.isEmpty())
        return {};
    return line > 0 ? QStringLiteral("%1:%2").arg(file).arg(line) : file;
}

QString Error::toString() const
{
    QString out;
    const QString where = location();
    out += where.isEmpty() ? message : QStringLiteral("%1: %2").arg(where, message);
    if (!statement.isEmpty())
        out += QStringLiteral("\n  statement: %1").arg(statement.trimmed());
    if (!driverMessage.isEmpty())
        out += QStringLiteral("\n  database said: %1").arg(driverMessage.trimmed());
    return out;
}

} // namespace strata
