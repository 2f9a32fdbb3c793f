#include "CliProcess.h"

namespace strata::test {

QString cliPath()
{
    return qEnvironmentVariable("STRATA_CLI");
}

QProcess *startCli(const QStringList &args)
{
    auto *p = new QProcess;
    p->setProcessChannelMode(QProcess::MergedChannels);
    p->start(cliPath(), args);
    return p;
}

CliRun finishCli(QProcess *process, int timeoutMs)
{
    CliRun r;
    if (!process->waitForFinished(timeoutMs))
        process->kill();
    process->waitForFinished(10000);
    r.exitCode = process->exitStatus() == QProcess::NormalExit ? process->exitCode() : -1;
    r.output = process->readAll();
    delete process;
    return r;
}

} // namespace strata::test
