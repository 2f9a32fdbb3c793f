#pragma once
// Taking options out of a command's argument list: one parser for every strata-cli command.

#include <QStringList>

namespace strata::cli {

// Removes `NAME VALUE` (any of `names`) or `--name=VALUE` (long names only) from args and sets
// `value`; `present` (when given) says whether the option was there. Returns false when the
// option is the last argument, with no value after it.
bool takeValue(QStringList &args, const QStringList &names, QString &value,
               bool *present = nullptr);
inline bool takeValue(QStringList &args, const QString &name, QString &value,
                      bool *present = nullptr)
{
    return takeValue(args, QStringList{name}, value, present);
}

} // namespace strata::cli
