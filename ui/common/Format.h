#pragma once
// Small text helpers shared by the views: counted nouns and paths shown relative to the
// workspace (migrations/V7__x.sql rather than an absolute path).

#include <QString>

namespace strata::format {

// "1 migration", "3 migrations".
QString count(qsizetype n, const QString &singular, const QString &plural);

// Paths under the folder's parent are shown relative to it; others as they are.
void setDisplayRoot(const QString &migrationsDir);
QString displayPath(const QString &path);

} // namespace strata::format
