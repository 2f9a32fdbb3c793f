#pragma once
// The Alembic revision graph: revisions linked by down_revision (and depends_on), with bases,
// heads, branches and merges. Built once; checked for duplicate ids, missing parents and cycles.

#include "interop/AlembicRevision.h"
#include <QHash>
#include <QList>

namespace strata {

// Where a revision sits when drawn: its lane and the edge segments crossing its row.
struct GraphRow {
    int revision = -1; // index into RevisionGraph::revisions()
    int lane = 0;
    QList<int> upLanes;      // edges from this node up to the row above (towards children)
    QList<int> downLanes;    // edges from this node down to the row below (towards parents)
    QList<int> throughLanes; // edges passing this row without touching the node
};

class RevisionGraph {
public:
    // Fails on a duplicate revision id, a down_revision or depends_on naming no revision (or
    // branch label), or a cycle, naming the files involved.
    static Result<RevisionGraph> build(const QList<AlembicRevision> &revisions);

    const QList<AlembicRevision> &revisions() const { return m_revisions; }
    int indexOf(const QString &id) const { return m_index.value(id, -1); }
    const AlembicRevision *find(const QString &id) const;
    QList<int> parents(int index) const { return m_parents.value(index); }
    QList<int> children(int index) const { return m_children.value(index); }
    QStringList heads() const; // revisions no other revision builds on
    QStringList bases() const; // revisions with no down_revision
    // Oldest first; parents always before children; ties by create date, then id.
    QList<int> topologicalOrder() const { return m_order; }
    // `ids` and everything they build on (down_revision and depends_on), as indexes.
    QSet<int> ancestorsOf(const QStringList &ids) const;
    // Rows newest first (heads on top) with lanes for drawing branches and merges.
    QList<GraphRow> layout() const;
    int laneCount() const;

private:
    QList<AlembicRevision> m_revisions;
    QHash<QString, int> m_index;
    QHash<int, QList<int>> m_parents; // down_revision links
    QHash<int, QList<int>> m_depends; // depends_on links
    QHash<int, QList<int>> m_children;
    QList<int> m_order;
};

} // namespace strata
