#include "TransferRunSupport.h"

#include <QProcess>

namespace strata::test {

std::unique_ptr<DatabaseSession> openUrl(const QString &url)
{
    auto s = DatabaseSession::open(*ConnectionSpec::parse(url));
    if (!s)
        qFatal("cannot open %s: %s", qPrintable(url), qPrintable(s.error().toString()));
    return std::move(s).value();
}

QVariant scalar(DatabaseSession &s, const QString &sql)
{
    auto v = s.scalar(sql);
    if (!v)
        qWarning("%s", qPrintable(v.error().toString()));
    return v ? *v : QVariant();
}

QString describe(const TransferResult &r)
{
    QStringList lines;
    if (r.error)
        lines << r.error->toString();
    for (const TableResult &t : r.tables)
        lines << QStringLiteral("%1: %2 rows, verified %3 %4")
                     .arg(t.table)
                     .arg(t.rows)
                     .arg(t.verified)
                     .arg(t.error);
    return lines.join(u'\n');
}

CliRun cli(const QStringList &args)
{
    QProcess p;
    p.start(qEnvironmentVariable("STRATA_CLI"), args);
    p.waitForFinished(300000);
    return {p.exitStatus() == QProcess::NormalExit ? p.exitCode() : -1, p.readAllStandardOutput(),
            p.readAllStandardError()};
}

} // namespace strata::test
