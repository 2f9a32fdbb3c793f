#include "RecentWorkspaces.h"

#include "ConnectionProfiles.h"

#include <QDir>
#include <QFileInfo>
#include <QSettings>

namespace strata {

namespace {

const QString kArray = QStringLiteral("recentWorkspaces");
const QString kUrl = QStringLiteral("url");
const QString kFolder = QStringLiteral("folder");

} // namespace

QString RecentWorkspace::label() const
{
    const QString folderName = QFileInfo(folder).fileName();
    auto spec = ConnectionSpec::parse(url);
    if (!spec)
        return QStringLiteral("%1 — %2").arg(url, folderName);
    if (spec->engine == Engine::Sqlite)
        return QStringLiteral("%1 — %2").arg(QFileInfo(spec->path).fileName(), folderName);
    const QString host = spec->host.isEmpty() ? QStringLiteral("localhost") : spec->host;
    const QString db = spec->database.isEmpty() ? spec->user : spec->database;
    return QStringLiteral("%1 on %2 — %3").arg(db, host, folderName);
}

RecentWorkspaces::RecentWorkspaces(QSettings *settings)
    : m_ownSettings(settings ? nullptr : std::make_unique<QSettings>()),
      m_settings(settings ? settings : m_ownSettings.get())
{
}

RecentWorkspaces::~RecentWorkspaces() = default;

QList<RecentWorkspace> RecentWorkspaces::all() const
{
    QList<RecentWorkspace> entries;
    const int size = m_settings->beginReadArray(kArray);
    for (int i = 0; i < size; ++i) {
        m_settings->setArrayIndex(i);
        RecentWorkspace entry{m_settings->value(kUrl).toString(),
                              m_settings->value(kFolder).toString()};
        if (!entry.url.isEmpty() && !entry.folder.isEmpty())
            entries.append(entry);
    }
    m_settings->endArray();
    return entries;
}

void RecentWorkspaces::add(const ConnectionSpec &spec, const QString &folder)
{
    const RecentWorkspace entry{ConnectionProfiles::urlFor(spec),
                                QDir::cleanPath(QDir(folder).absolutePath())};
    QList<RecentWorkspace> entries = all();
    entries.removeIf(
        [&](const RecentWorkspace &e) { return e.url == entry.url && e.folder == entry.folder; });
    entries.prepend(entry);
    while (entries.size() > limit)
        entries.removeLast();
    writeAll(entries);
}

std::optional<QString> RecentWorkspaces::folderFor(const ConnectionSpec &spec) const
{
    const QString url = ConnectionProfiles::urlFor(spec);
    for (const RecentWorkspace &e : all()) {
        if (e.url == url)
            return e.folder;
    }
    return std::nullopt;
}

void RecentWorkspaces::writeAll(const QList<RecentWorkspace> &entries)
{
    m_settings->remove(kArray);
    m_settings->beginWriteArray(kArray, int(entries.size()));
    for (int i = 0; i < entries.size(); ++i) {
        m_settings->setArrayIndex(i);
        m_settings->setValue(kUrl, entries[i].url);
        m_settings->setValue(kFolder, entries[i].folder);
    }
    m_settings->endArray();
    m_settings->sync();
}

} // namespace strata
