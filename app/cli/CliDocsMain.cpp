// strata-cli-docs: writes strata-cli's man page and bash completion from its command table at
// build time (app/cli/CMakeLists.txt). Not installed.
//
//   strata-cli-docs man VERSION OUTPUT
//   strata-cli-docs bash-completion OUTPUT

#include "CliCompletion.h"
#include "CliManPage.h"

#include <QSaveFile>
#include <QTextStream>

int main(int argc, char **argv)
{
    QStringList args;
    for (int i = 1; i < argc; ++i)
        args << QString::fromLocal8Bit(argv[i]);
    QString text;
    if (args.size() == 3 && args[0] == QLatin1String("man"))
        text = strata::cli::manPage(args[1]);
    else if (args.size() == 2 && args[0] == QLatin1String("bash-completion"))
        text = strata::cli::bashCompletion();
    else {
        QTextStream(stderr) << "usage: strata-cli-docs man VERSION OUTPUT | bash-completion "
                               "OUTPUT\n";
        return 2;
    }
    QSaveFile out(args.last());
    if (!out.open(QIODevice::WriteOnly) || out.write(text.toUtf8()) < 0 || !out.commit()) {
        QTextStream(stderr) << "strata-cli-docs: cannot write " << args.last() << ": "
                            << out.errorString() << '\n';
        return 1;
    }
    return 0;
}
