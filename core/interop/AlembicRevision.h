#pragma once
// One Alembic revision file (versions/*.py), read statically: no Python runs. Only the module's
// top-level assignments `revision`, `down_revision`, `branch_labels` and `depends_on` and its
// docstring (message, "Create Date") matter; everything else in the file is skipped.

#include "util/Result.h"
#include <QByteArray>
#include <QString>
#include <QStringList>

namespace strata {

struct AlembicRevision {
    QString id;                // `revision`
    QStringList downRevisions; // `down_revision`: empty for a base, two or more for a merge
    QStringList branchLabels;  // `branch_labels`
    QStringList dependsOn;     // `depends_on`: revisions or branch labels
    QString message;           // the docstring's first line
    QString createDate;        // the docstring's "Create Date:" as written
    QString file;              // path as given to the reader

    bool isMerge() const { return downRevisions.size() > 1; }
    bool isBase() const { return downRevisions.isEmpty(); }
};

class AlembicRevisionReader {
public:
    // Parses the text of one revision file. `file` names it in errors. Never runs code; any
    // value other than a string, None or a tuple/list of strings is an error naming the line.
    // Entry point for fuzzing: must accept arbitrary bytes without crashing.
    static Result<AlembicRevision> parse(const QByteArray &content, const QString &file = {});
};

} // namespace strata
