#pragma once
// Watches a migrations folder (its sub-folders, its .sql files, and its parent, which sees the
// folder itself go and come back) and says `changed` once a burst of edits has settled: an
// editor's save or a `git checkout` of fifty files is one re-read, not fifty.
//
// Walking a folder of 10,000 migrations and arming thousands of inotify watches takes long
// enough to delay the first paint, so the walk and the watches live on a thread of their own;
// the GUI thread only sees the settled `changed`.

#include <QObject>
#include <QThread>
#include <QTimer>

namespace strata {

class FolderWalkWatcher;

class FolderWatcher : public QObject {
    Q_OBJECT
public:
    explicit FolderWatcher(QObject *parent = nullptr);
    ~FolderWatcher() override;

    // Watches `dir` from now on (an empty `dir` watches nothing).
    void watch(const QString &dir);
    // Watches again what `dir` holds now: files and sub-folders added since are included.
    void rearm();
    QString folder() const { return m_dir; }
    // What is watched once the watcher thread has caught up with every watch() and rearm().
    QStringList watchedPaths() const;

    // How long the folder must stay quiet before `changed` (300 ms by default).
    void setSettleTime(int ms) { m_settle.setInterval(ms); }

signals:
    void changed();
    // The watcher thread finished arming after a watch() or rearm() (tests wait for this).
    void armed();

private:
    QThread m_thread;
    FolderWalkWatcher *m_walker = nullptr; // lives in m_thread
    QTimer m_settle;
    QString m_dir;
    QStringList m_armedPaths; // as the watcher thread last reported
};

} // namespace strata
