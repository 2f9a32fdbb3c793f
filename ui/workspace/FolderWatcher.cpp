#include "FolderWatcher.h"

#include <QDir>
#include <QDirIterator>
#include <QFileInfo>

namespace strata {

namespace {

// inotify watches are a per-user budget shared with every other program; a folder with more
// .sql files than this is still watched by its folders (added, removed and renamed files).
constexpr int maxWatchedFiles = 4000;

} // namespace

FolderWatcher::FolderWatcher(QObject *parent) : QObject(parent)
{
    m_settle.setSingleShot(true);
    m_settle.setInterval(300);
    connect(&m_settle, &QTimer::timeout, this, &FolderWatcher::changed);
    connect(&m_watcher, &QFileSystemWatcher::directoryChanged, this, &FolderWatcher::onPathChanged);
    connect(&m_watcher, &QFileSystemWatcher::fileChanged, this, &FolderWatcher::onPathChanged);
}

void FolderWatcher::watch(const QString &dir)
{
    m_dir = dir.isEmpty() ? QString() : QDir(dir).absolutePath();
    m_settle.stop();
    rearm();
}

void FolderWatcher::rearm()
{
    if (const QStringList old = watchedPaths(); !old.isEmpty())
        m_watcher.removePaths(old);
    if (m_dir.isEmpty())
        return;
    m_dirExisted = QFileInfo(m_dir).isDir();
    QStringList paths;
    const QString parent = QFileInfo(m_dir).absolutePath();
    if (QFileInfo(parent).isDir())
        paths << parent;
    if (QFileInfo(m_dir).isDir()) {
        paths << m_dir;
        int files = 0;
        QDirIterator it(m_dir, QDir::Files | QDir::Dirs | QDir::NoDotAndDotDot,
                        QDirIterator::Subdirectories);
        while (it.hasNext()) {
            const QString path = it.next();
            if (it.fileInfo().isDir())
                paths << path;
            else if (path.endsWith(QLatin1String(".sql")) && files++ < maxWatchedFiles)
                paths << path;
        }
    }
    m_watcher.addPaths(paths); // paths that cannot be watched (no permission) are skipped
}

QStringList FolderWatcher::watchedPaths() const
{
    return m_watcher.directories() + m_watcher.files();
}

void FolderWatcher::onPathChanged(const QString &path)
{
    // The parent changes for every sibling too; only this folder's own coming and going counts.
    const QString parent = QFileInfo(m_dir).absolutePath();
    if (path == parent && QFileInfo(m_dir).isDir() == m_dirExisted)
        return;
    m_settle.start(); // restarted by every change: one signal after the burst
}

} // namespace strata
