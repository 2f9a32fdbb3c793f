#pragma once
// An Alembic project on disk: alembic.ini (its script_location) and the revision files in
// <script_location>/versions/*.py, read without Python, plus their revision graph.

#include "interop/RevisionGraph.h"
#include "util/Result.h"

namespace strata {

struct AlembicProject {
    QString iniPath;   // empty when the folder is the script directory itself
    QString scriptDir; // holds env.py and versions/
    QString versionTable = QStringLiteral("alembic_version");
    RevisionGraph graph;

    // True when `dir` holds an alembic.ini or is an Alembic script directory (env.py + versions/).
    static bool looksLikeProject(const QString &dir);
    // Reads the project at `dir` (the folder with alembic.ini, or the script directory). Every
    // unreadable file, bad assignment, duplicate id, missing parent or cycle is an error.
    static Result<AlembicProject> read(const QString &dir);
};

} // namespace strata
