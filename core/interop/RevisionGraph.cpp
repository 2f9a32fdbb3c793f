#include "interop/RevisionGraph.h"

#include <QSet>
#include <algorithm>

namespace strata {

namespace {

Error graphError(const QString &file, const QString &message)
{
    return Error::source(file, message);
}

} // namespace

Result<RevisionGraph> RevisionGraph::build(const QList<AlembicRevision> &revisions)
{
    RevisionGraph g;
    g.m_revisions = revisions;
    QHash<QString, int> labels;
    for (int i = 0; i < revisions.size(); ++i) {
        const AlembicRevision &r = revisions[i];
        if (auto it = g.m_index.constFind(r.id); it != g.m_index.constEnd())
            return graphError(r.file,
                              QStringLiteral("revision %1 is defined twice: in %2 and in %3")
                                  .arg(r.id, revisions[*it].file, r.file));
        g.m_index.insert(r.id, i);
        for (const QString &label : r.branchLabels) {
            if (auto it = labels.constFind(label); it != labels.constEnd())
                return graphError(
                    r.file, QStringLiteral("branch label %1 is used by %2 (%3) and %4 (%5)")
                                .arg(label, revisions[*it].id, revisions[*it].file, r.id, r.file));
            labels.insert(label, i);
        }
    }
    for (int i = 0; i < revisions.size(); ++i) {
        const AlembicRevision &r = revisions[i];
        for (const QString &p : r.downRevisions) {
            const int pi = g.m_index.value(p, -1);
            if (pi < 0)
                return graphError(
                    r.file, QStringLiteral("revision %1 names down_revision %2, which no file in "
                                           "versions/ defines")
                                .arg(r.id, p));
            if (!g.m_parents[i].contains(pi)) {
                g.m_parents[i].append(pi);
                g.m_children[pi].append(i);
            }
        }
        for (const QString &d : r.dependsOn) {
            int di = g.m_index.value(d, -1);
            if (di < 0)
                di = labels.value(d, -1);
            if (di < 0)
                return graphError(
                    r.file, QStringLiteral("revision %1 depends on %2, which is neither a revision "
                                           "nor a branch label")
                                .arg(r.id, d));
            g.m_depends[i].append(di);
        }
    }

    // Kahn's algorithm over down_revision and depends_on; what is left over lies on a cycle.
    QList<int> pending(revisions.size(), 0);
    QHash<int, QList<int>> dependents;
    for (int i = 0; i < revisions.size(); ++i) {
        QList<int> before = g.m_parents.value(i) + g.m_depends.value(i);
        std::sort(before.begin(), before.end());
        before.erase(std::unique(before.begin(), before.end()), before.end());
        pending[i] = int(before.size());
        for (int b : before)
            dependents[b].append(i);
    }
    auto earlier = [&](int a, int b) {
        const AlembicRevision &x = revisions[a];
        const AlembicRevision &y = revisions[b];
        if (x.createDate != y.createDate)
            return x.createDate < y.createDate;
        return x.id < y.id;
    };
    QList<int> ready;
    for (int i = 0; i < revisions.size(); ++i) {
        if (pending[i] == 0)
            ready.append(i);
    }
    while (!ready.isEmpty()) {
        std::sort(ready.begin(), ready.end(), earlier);
        const int next = ready.takeFirst();
        g.m_order.append(next);
        for (int d : dependents.value(next)) {
            if (--pending[d] == 0)
                ready.append(d);
        }
    }
    if (g.m_order.size() != revisions.size()) {
        // Walk parents from a leftover revision until one repeats: that loop is the cycle.
        int start = -1;
        for (int i = 0; i < revisions.size() && start < 0; ++i) {
            if (pending[i] > 0)
                start = i;
        }
        QList<int> path;
        int at = start;
        while (!path.contains(at)) {
            path.append(at);
            int next = -1;
            for (int p : g.m_parents.value(at) + g.m_depends.value(at)) {
                if (pending[p] > 0) {
                    next = p;
                    break;
                }
            }
            if (next < 0)
                break;
            at = next;
        }
        QStringList ids;
        QStringList files;
        for (qsizetype k = path.indexOf(at); k >= 0 && k < path.size(); ++k) {
            ids << revisions[path[k]].id;
            files << revisions[path[k]].file;
        }
        ids << revisions[at].id;
        return graphError(
            revisions[start].file,
            QStringLiteral("the revisions form a cycle: %1 (files: %2)")
                .arg(ids.join(QStringLiteral(" -> ")), files.join(QStringLiteral(", "))));
    }
    return g;
}

const AlembicRevision *RevisionGraph::find(const QString &id) const
{
    const int i = indexOf(id);
    return i < 0 ? nullptr : &m_revisions[i];
}

QStringList RevisionGraph::heads() const
{
    QStringList out;
    for (int i : m_order) {
        if (m_children.value(i).isEmpty())
            out << m_revisions[i].id;
    }
    return out;
}

QStringList RevisionGraph::bases() const
{
    QStringList out;
    for (int i : m_order) {
        if (m_revisions[i].downRevisions.isEmpty())
            out << m_revisions[i].id;
    }
    return out;
}

QSet<int> RevisionGraph::ancestorsOf(const QStringList &ids) const
{
    QSet<int> seen;
    QList<int> stack;
    for (const QString &id : ids) {
        if (const int i = indexOf(id); i >= 0)
            stack.append(i);
    }
    while (!stack.isEmpty()) {
        const int i = stack.takeLast();
        if (seen.contains(i))
            continue;
        seen.insert(i);
        stack += m_parents.value(i);
        stack += m_depends.value(i);
    }
    return seen;
}

// Newest first. `columns` holds, per lane, the revision the lane is heading for; a row takes
// the lane that expects it, so a lane is never shared by two edges at once.
QList<GraphRow> RevisionGraph::layout() const
{
    QList<GraphRow> rows;
    QList<int> columns;
    auto freeLane = [&columns]() {
        for (int k = 0; k < columns.size(); ++k) {
            if (columns[k] < 0)
                return k;
        }
        columns.append(-1);
        return int(columns.size() - 1);
    };
    for (auto it = m_order.crbegin(); it != m_order.crend(); ++it) {
        const int r = *it;
        GraphRow row;
        row.revision = r;
        row.lane = -1;
        for (int k = 0; k < columns.size(); ++k) {
            if (columns[k] == r) {
                row.upLanes.append(k);
                if (row.lane < 0)
                    row.lane = k;
                columns[k] = -1;
            }
        }
        if (row.lane < 0)
            row.lane = freeLane();
        for (int k = 0; k < columns.size(); ++k) {
            if (columns[k] >= 0)
                row.throughLanes.append(k);
        }
        // Every edge keeps a lane of its own down to its parent, where the lanes meet.
        const QList<int> parents = m_parents.value(r);
        for (int p = 0; p < parents.size(); ++p) {
            const int lane = (p == 0 && columns[row.lane] < 0) ? row.lane : freeLane();
            columns[lane] = parents[p];
            row.downLanes.append(lane);
        }
        rows.append(row);
    }
    return rows;
}

int RevisionGraph::laneCount() const
{
    int lanes = 0;
    for (const GraphRow &row : layout()) {
        lanes = std::max(lanes, row.lane + 1);
        for (int l : row.downLanes + row.throughLanes + row.upLanes)
            lanes = std::max(lanes, l + 1);
    }
    return lanes;
}

} // namespace strata
