#pragma once
// The connection dialog's "Test connection" worker: a QObject moved to the dialog's worker thread.

#include "connection/ConnectionSpec.h"
#include <QObject>
#include <QString>

namespace strata::detail {

// Lives on the dialog's worker thread: opens the connection there (a QSqlDatabase belongs to the
// thread that opened it) and reports back by a queued signal.
class ConnectionTester : public QObject {
    Q_OBJECT
public:
    void test(quint64 ticket, const ConnectionSpec &spec, bool createIfMissing);

signals:
    void finished(quint64 ticket, bool ok, const QString &headline, const QString &detail);
};

// Driver and URL parser messages start in lower case; the dialog shows them as sentences.
QString capitalized(QString text);

} // namespace strata::detail
