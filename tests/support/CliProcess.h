#pragma once
// Runs the built strata-cli (STRATA_CLI, set by CTest) for the hardening tests.

#include <QByteArray>
#include <QProcess>
#include <QString>
#include <QStringList>

namespace strata::test {

struct CliRun {
    int exitCode = -1; // -1 when it crashed or was killed
    QByteArray output; // stdout and stderr together
    QString text() const { return QString::fromUtf8(output); }
    QString describe() const { return QStringLiteral("exit %1\n%2").arg(exitCode).arg(text()); }
};

QString cliPath();
// Starts strata-cli with `args` (stdout and stderr merged); the caller owns the process.
QProcess *startCli(const QStringList &args);
// Waits for a started process (up to `timeoutMs`, then kills it) and collects what it printed.
CliRun finishCli(QProcess *process, int timeoutMs = 300000);
inline CliRun runCli(const QStringList &args)
{
    return finishCli(startCli(args));
}

} // namespace strata::test
