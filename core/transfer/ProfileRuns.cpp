// ColumnProfiler::profileAll: the tables' profiles, several passes at a time. Big rowid tables
// are cut into rowid ranges so that one table does not keep a single core busy while the
// others idle; the parts' figures are merged (counts add, extremes combine).

#include "transfer/ColumnProfiler.h"

#include <QFileInfo>
#include <QSqlQuery>
#include <QThread>
#include <algorithm>
#include <atomic>
#include <condition_variable>
#include <mutex>
#include <sqlite3.h>
#include <thread>

namespace strata {

namespace {

constexpr qint64 RowsPerPart = 100000; // rowid span of one part of a big table

struct Part {
    int table = 0; // index into the tables
    QString rowid; // rowid alias to range over; empty: the whole table
    qint64 from = 0, to = 0;
    qint64 size = 0; // rowid span, for biggest-first order
};

// rowid, _rowid_ or oid: the first one no column shadows; empty for WITHOUT ROWID tables.
QString rowidName(const Table &t)
{
    if (t.withoutRowid)
        return {};
    for (const char *alias : {"rowid", "_rowid_", "oid"}) {
        if (!t.column(QLatin1String(alias)))
            return QLatin1String(alias);
    }
    return {};
}

Result<QHash<QString, TableProfile>>
serially(DatabaseSession &sqlite, const QList<const Table *> &tables, Progress *progress)
{
    QHash<QString, TableProfile> out;
    for (qsizetype i = 0; i < tables.size(); ++i) {
        if (progress) {
            if (progress->cancelled())
                return Error::cancelled();
            progress->report(int(i), int(tables.size()),
                             QStringLiteral("profiling ") + tables[i]->name);
        }
        Result<TableProfile> p = ColumnProfiler::profile(sqlite, *tables[i], progress);
        if (!p)
            return p.error();
        out.insert(tables[i]->name, std::move(p).value());
    }
    return out;
}

// The file the session reads, when several connections can read it consistently (see
// ColumnProfiler.h); empty otherwise.
QString sharedFile(DatabaseSession &sqlite)
{
    const QString path = sqlite.spec().path;
    if (path.isEmpty() || path == QLatin1String(":memory:") || !QFileInfo(path).isFile())
        return {};
    QSqlQuery q(sqlite.database());
    if (!q.exec(QStringLiteral("PRAGMA main.journal_mode")) || !q.next() ||
        q.value(0).toString().compare(QLatin1String("wal"), Qt::CaseInsensitive) == 0)
        return {};
    return path;
}

} // namespace

Result<QHash<QString, TableProfile>> ColumnProfiler::profileAll(DatabaseSession &sqlite,
                                                                const QList<const Table *> &tables,
                                                                Progress *progress)
{
    const int cores = std::max(1, QThread::idealThreadCount());
    const QString file = cores > 1 ? sharedFile(sqlite) : QString();
    if (file.isEmpty() || tables.isEmpty())
        return serially(sqlite, tables, progress);

    // Parts: rowid ranges of big tables (the range's ends come from the b-tree, cheaply).
    QList<Part> parts;
    const auto d = Dialect::create(Engine::Sqlite);
    for (int i = 0; i < tables.size(); ++i) {
        const QString rowid = rowidName(*tables[i]);
        Part whole{i, {}, 0, 0, 0};
        if (rowid.isEmpty()) {
            parts << whole;
            continue;
        }
        QSqlQuery q(sqlite.database());
        q.setForwardOnly(true);
        if (!q.exec(QStringLiteral("SELECT min(%1), max(%1) FROM main.%2")
                        .arg(rowid, d->quoteIdentifier(tables[i]->name))) ||
            !q.next() || q.value(0).isNull()) {
            parts << whole; // empty, or unreadable: one pass says which
            continue;
        }
        const qint64 lo = q.value(0).toLongLong(), hi = q.value(1).toLongLong();
        const qint64 span = hi - lo; // may overflow for extreme rowids: then one part
        const qint64 n = span < 0 ? 1 : std::clamp<qint64>(span / RowsPerPart + 1, 1, cores * 4);
        if (n == 1) {
            parts << Part{i, rowid, lo, hi, span < 0 ? 0 : span};
            continue;
        }
        const qint64 step = span / n + 1;
        for (qint64 k = 0, from = lo; k < n && from <= hi; ++k, from += step)
            parts << Part{i, rowid, from, k == n - 1 ? hi : std::min(hi, from + step - 1), step};
    }
    std::stable_sort(parts.begin(), parts.end(),
                     [](const Part &a, const Part &b) { return a.size > b.size; });

    std::vector<Result<TableProfile>> results(parts.size(), Result<TableProfile>(TableProfile{}));
    std::atomic<int> next{0}, finished{0};
    std::atomic<bool> cancel{false};
    std::mutex m;
    std::condition_variable cv;
    std::optional<Error> openError;
    auto worker = [&] {
        sqlite3 *db = nullptr;
        const QByteArray path = file.toUtf8();
        if (sqlite3_open_v2(path.constData(), &db, SQLITE_OPEN_READONLY | SQLITE_OPEN_NOMUTEX,
                            nullptr) != SQLITE_OK) {
            std::lock_guard lock(m);
            openError = Error::database(QStringLiteral("cannot open %1 to profile it").arg(file),
                                        QString::fromUtf8(sqlite3_errmsg(db)));
            sqlite3_close(db);
            cancel = true;
            cv.notify_all();
            return;
        }
        sqlite3_busy_timeout(db, 5000);
        for (int k; (k = next++) < parts.size();) {
            const Part &p = parts[k];
            results[k] = profileRows(db, *tables[p.table], p.rowid, p.from, p.to,
                                     [&] { return cancel.load(); });
            if (!results[k])
                cancel = true;
            ++finished;
            cv.notify_all();
        }
        sqlite3_close(db);
    };
    std::vector<std::thread> pool;
    const int threads = int(std::min<qsizetype>(cores, parts.size()));
    for (int t = 0; t < threads; ++t)
        pool.emplace_back(worker);
    // This thread reports progress and turns Progress::cancelled() into the flag.
    for (;;) {
        std::unique_lock lock(m);
        cv.wait_for(lock, std::chrono::milliseconds(100));
        const int done = finished.load();
        if (progress) {
            if (progress->cancelled())
                cancel = true;
            progress->report(done, int(parts.size()),
                             QStringLiteral("profiling %1 tables (%2 of %3 parts done)")
                                 .arg(tables.size())
                                 .arg(done)
                                 .arg(parts.size()));
        }
        if (done >= parts.size() || openError || cancel.load())
            break;
    }
    for (std::thread &t : pool)
        t.join();
    if (progress && progress->cancelled())
        return Error::cancelled();
    // A connection that could not open or read (a hot journal, a lock): the session, which
    // has read the file all along, profiles it alone and names any real problem.
    const bool failed = openError || std::any_of(results.begin(), results.end(),
                                                 [](const auto &r) { return !r.ok(); });
    if (failed)
        return serially(sqlite, tables, progress);
    QHash<QString, TableProfile> out;
    for (qsizetype k = 0; k < parts.size(); ++k) {
        const QString &name = tables[parts[k].table]->name;
        auto it = out.find(name);
        if (it == out.end())
            out.insert(name, std::move(results[k]).value());
        else
            it->merge(*results[k]);
    }
    return out;
}

Result<QHash<QString, TableProfile>>
ColumnProfiler::profileSample(DatabaseSession &sqlite, const QList<const Table *> &tables,
                              Progress *progress)
{
    Result<sqlite3 *> handle = handleOf(sqlite);
    if (!handle)
        return handle.error();
    sqlite3 *db = *handle;
    const auto d = Dialect::create(Engine::Sqlite);
    const auto cancelled = [progress] { return progress && progress->cancelled(); };
    constexpr int Windows = 16, WindowRows = 256;

    QList<const Table *> whole;
    QHash<QString, TableProfile> out;
    for (const Table *t : tables) {
        const QString rowid = rowidName(*t);
        const QString table =
            d->quoteIdentifier(QStringLiteral("main")) + u'.' + d->quoteIdentifier(t->name);
        QSqlQuery q(sqlite.database());
        q.setForwardOnly(true);
        if (rowid.isEmpty() ||
            !q.exec(QStringLiteral("SELECT min(%1), max(%1) FROM %2").arg(rowid, table)) ||
            !q.next() || q.value(0).isNull()) {
            whole << t;
            continue;
        }
        const qint64 lo = q.value(0).toLongLong(), hi = q.value(1).toLongLong();
        const qint64 span = hi - lo; // negative when it overflows: then the whole table
        if (span < 0 || span <= SampleAbove) {
            whole << t;
            continue;
        }
        ProfileAccumulator acc(*t);
        for (int k = 0; k < Windows; ++k) {
            const QString tail = QStringLiteral(" WHERE %1 >= %2 ORDER BY %1 LIMIT %3")
                                     .arg(rowid)
                                     .arg(lo + span / Windows * k)
                                     .arg(WindowRows);
            if (Status s = profileQuery(db, *t, tail, acc, cancelled); !s)
                return s.error();
        }
        const QString last =
            QStringLiteral(" ORDER BY %1 DESC LIMIT %2").arg(rowid).arg(WindowRows);
        if (Status s = profileQuery(db, *t, last, acc, cancelled); !s)
            return s.error();
        TableProfile p = acc.take();
        p.sampled = true;
        p.rows = span + 1; // an estimate for progress and load order; the loader counts
        out.insert(t->name, std::move(p));
    }
    auto rest = profileAll(sqlite, whole, progress);
    if (!rest)
        return rest.error();
    for (auto it = rest->cbegin(); it != rest->cend(); ++it)
        out.insert(it.key(), it.value());
    return out;
}

} // namespace strata
