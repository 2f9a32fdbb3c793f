#include "CliCommands.h"

#include <QCoreApplication>

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    QCoreApplication::setApplicationName(QStringLiteral("strata-cli"));
    QCoreApplication::setApplicationVersion(QStringLiteral(STRATA_VERSION));
    return strata::cli::run(QCoreApplication::arguments().mid(1));
}
