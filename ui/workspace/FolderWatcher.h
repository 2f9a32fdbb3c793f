#pragma once
// Watches a migrations folder (its sub-folders, its .sql files, and its parent, which sees the
// folder itself go and come back) and says `changed` once a burst of edits has settled: an
// editor's save or a `git checkout` of fifty files is one re-read, not fifty.

#include <QFileSystemWatcher>
#include <QObject>
#include <QTimer>

namespace strata {

class FolderWatcher : public QObject {
    Q_OBJECT
public:
    explicit FolderWatcher(QObject *parent = nullptr);

    // Watches `dir` from now on (an empty `dir` watches nothing).
    void watch(const QString &dir);
    // Watches again what `dir` holds now: files and sub-folders added since are included.
    void rearm();
    QString folder() const { return m_dir; }
    QStringList watchedPaths() const;

    // How long the folder must stay quiet before `changed` (300 ms by default).
    void setSettleTime(int ms) { m_settle.setInterval(ms); }

signals:
    void changed();

private:
    void onPathChanged(const QString &path);

    QFileSystemWatcher m_watcher;
    QTimer m_settle;
    QString m_dir;
    bool m_dirExisted = false; // at the last rearm: the parent's changes matter when this flips
};

} // namespace strata
