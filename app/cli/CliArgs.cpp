#include "CliArgs.h"

namespace strata::cli {

bool takeValue(QStringList &args, const QStringList &names, QString &value, bool *present)
{
    for (qsizetype i = 0; i < args.size(); ++i) {
        for (const QString &name : names) {
            if (args[i] == name) {
                if (i + 1 >= args.size())
                    return false;
                value = args[i + 1];
                args.remove(i, 2);
            } else if (name.startsWith(QLatin1String("--")) && args[i].startsWith(name + u'=')) {
                value = args[i].mid(name.size() + 1);
                args.remove(i);
            } else {
                continue;
            }
            if (present)
                *present = true;
            return true;
        }
    }
    return true;
}

} // namespace strata::cli
