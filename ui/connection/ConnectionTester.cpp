#include "ConnectionTester.h"

#include "ConnectionDialog.h"
#include "connection/DatabaseSession.h"

#include <QDir>
#include <QElapsedTimer>
#include <QFileInfo>

namespace strata {

QString detail::capitalized(QString text)
{
    if (!text.isEmpty())
        text[0] = text[0].toUpper();
    return text;
}

namespace {

QString elapsedText(const QElapsedTimer &timer)
{
    return ConnectionDialog::tr("Answered in %1 ms.").arg(timer.elapsed());
}

} // namespace

void detail::ConnectionTester::test(quint64 ticket, const ConnectionSpec &spec,
                                    bool createIfMissing)
{
    QElapsedTimer timer;
    timer.start();
    if (spec.engine == Engine::Sqlite && spec.path != QLatin1String(":memory:")) {
        const QFileInfo file(spec.path);
        if (!file.exists()) {
            const QFileInfo folder(file.absolutePath());
            if (!folder.isDir()) {
                emit finished(ticket, false,
                              ConnectionDialog::tr("The folder %1 does not exist")
                                  .arg(QDir::toNativeSeparators(folder.filePath())),
                              {});
                return;
            }
            if (!createIfMissing) {
                emit finished(ticket, false,
                              ConnectionDialog::tr("No such file: %1")
                                  .arg(QDir::toNativeSeparators(file.absoluteFilePath())),
                              ConnectionDialog::tr("Choose an existing database, or tick “Create "
                                                   "the file if it does not exist”."));
                return;
            }
            if (!folder.isWritable()) {
                emit finished(ticket, false,
                              ConnectionDialog::tr("Cannot create a database in %1")
                                  .arg(QDir::toNativeSeparators(folder.filePath())),
                              ConnectionDialog::tr("The folder is not writable."));
                return;
            }
            // Testing must not leave a file behind: ask an in-memory database for the version.
            ConnectionSpec memory;
            memory.path = QStringLiteral(":memory:");
            auto session = DatabaseSession::open(memory);
            if (!session) {
                emit finished(ticket, false, capitalized(session.error().message),
                              session.error().driverMessage);
                return;
            }
            emit finished(
                ticket, true,
                ConnectionDialog::tr("Ready to create: %1").arg((*session)->serverVersion()),
                ConnectionDialog::tr("The file does not exist yet; it is created when "
                                     "you connect."));
            return;
        }
    }
    OpenOptions options;
    options.busyTimeoutMs = 2000;
    auto session = DatabaseSession::open(spec, options);
    if (!session) {
        const Error &error = session.error();
        emit finished(ticket, false, capitalized(error.message), error.driverMessage);
        return;
    }
    emit finished(ticket, true,
                  ConnectionDialog::tr("Connected: %1").arg((*session)->serverVersion()),
                  elapsedText(timer));
}

} // namespace strata
