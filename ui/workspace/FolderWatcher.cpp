#include "FolderWatcher.h"

#include <QDir>
#include <QDirIterator>
#include <QFileInfo>
#include <QFileSystemWatcher>
#include <QSet>

namespace strata {

namespace {

// inotify watches are a per-user budget shared with every other program; a folder with more
// .sql files than this is still watched by its folders (added, removed and renamed files).
constexpr int maxWatchedFiles = 4000;

} // namespace

// Owns the QFileSystemWatcher and walks the folder, on the watcher thread. Re-arming changes
// only what differs, so a re-read after one new file adds one watch, not thousands.
class FolderWalkWatcher : public QObject {
    Q_OBJECT
public:
    void watch(const QString &dir)
    {
        m_dir = dir;
        arm();
    }

    void arm()
    {
        if (!m_watcher) { // created here so its notifier belongs to this thread
            m_watcher = new QFileSystemWatcher(this);
            connect(m_watcher, &QFileSystemWatcher::directoryChanged, this,
                    &FolderWalkWatcher::onPathChanged);
            connect(m_watcher, &QFileSystemWatcher::fileChanged, this,
                    &FolderWalkWatcher::onPathChanged);
        }
        const QSet<QString> wanted = wantedPaths();
        const QStringList current = m_watcher->directories() + m_watcher->files();
        QStringList gone;
        for (const QString &path : current) {
            if (!wanted.contains(path))
                gone << path;
        }
        if (!gone.isEmpty())
            m_watcher->removePaths(gone);
        const QSet<QString> have(current.cbegin(), current.cend());
        QStringList added;
        for (const QString &path : wanted) {
            if (!have.contains(path))
                added << path;
        }
        if (!added.isEmpty())
            m_watcher->addPaths(added); // paths that cannot be watched (no permission) are skipped
        emit armed(m_watcher->directories() + m_watcher->files());
    }

signals:
    void touched();
    void armed(const QStringList &paths);

private:
    QSet<QString> wantedPaths()
    {
        QSet<QString> paths;
        if (m_dir.isEmpty())
            return paths;
        m_dirExisted = QFileInfo(m_dir).isDir();
        const QString parent = QFileInfo(m_dir).absolutePath();
        if (QFileInfo(parent).isDir())
            paths << parent;
        if (!m_dirExisted)
            return paths;
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
        return paths;
    }

    void onPathChanged(const QString &path)
    {
        // The parent changes for every sibling too; only this folder's own coming and going counts.
        const QString parent = QFileInfo(m_dir).absolutePath();
        if (path == parent && QFileInfo(m_dir).isDir() == m_dirExisted)
            return;
        emit touched();
    }

    QFileSystemWatcher *m_watcher = nullptr;
    QString m_dir;
    bool m_dirExisted = false; // at the last arm: the parent's changes matter when this flips
};

FolderWatcher::FolderWatcher(QObject *parent) : QObject(parent)
{
    m_settle.setSingleShot(true);
    m_settle.setInterval(300);
    connect(&m_settle, &QTimer::timeout, this, &FolderWatcher::changed);
    m_thread.setObjectName(QStringLiteral("strata-folder-watch"));
    m_walker = new FolderWalkWatcher;
    m_walker->moveToThread(&m_thread);
    connect(&m_thread, &QThread::finished, m_walker, &QObject::deleteLater);
    // Queued: restarted by every change, so one `changed` after the burst.
    connect(m_walker, &FolderWalkWatcher::touched, &m_settle, qOverload<>(&QTimer::start));
    connect(m_walker, &FolderWalkWatcher::armed, this, [this](const QStringList &paths) {
        m_armedPaths = paths;
        emit armed();
    });
    m_thread.start();
}

FolderWatcher::~FolderWatcher()
{
    m_thread.quit();
    m_thread.wait();
}

void FolderWatcher::watch(const QString &dir)
{
    m_dir = dir.isEmpty() ? QString() : QDir(dir).absolutePath();
    m_settle.stop();
    FolderWalkWatcher *walker = m_walker;
    QMetaObject::invokeMethod(walker, [walker, dir = m_dir] { walker->watch(dir); });
}

void FolderWatcher::rearm()
{
    FolderWalkWatcher *walker = m_walker;
    QMetaObject::invokeMethod(walker, [walker] { walker->arm(); });
}

QStringList FolderWatcher::watchedPaths() const
{
    return m_armedPaths;
}

} // namespace strata

#include "FolderWatcher.moc"
