#pragma once
// What the transfer tests share: opening a database by URL, one value from a query, a
// TransferResult as text for failure messages, and running strata-cli (STRATA_CLI).

#include "connection/DatabaseSession.h"
#include "transfer/Transfer.h"
#include <QJsonDocument>
#include <QJsonObject>
#include <memory>

namespace strata::test {

std::unique_ptr<DatabaseSession> openUrl(const QString &url); // aborts the test binary on failure
QVariant scalar(DatabaseSession &s, const QString &sql);      // invalid (and a warning) on error
QString describe(const TransferResult &r);

struct CliRun {
    int exitCode = -1;
    QByteArray out, err;
    QJsonObject json() const { return QJsonDocument::fromJson(out).object(); }
};
CliRun cli(const QStringList &args);

} // namespace strata::test
