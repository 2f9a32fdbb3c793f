#pragma once
// PostgreSQL names for the SQLite objects: folded to lower case (ASCII letters, as PostgreSQL
// folds unquoted names) unless TransferOptions::foldLowerCase is off, or as the mapping file
// says. Every final name is claimed in its namespace (relations of the schema, columns and
// constraints of a table, ...) so two objects folding to one name, and names over 63 bytes,
// are refused together in one clear error. Generated names (unnamed constraints, trigger
// functions) are made unique and fitted into 63 bytes instead.

#include "util/Result.h"
#include <QHash>
#include <QStringList>

namespace strata {

class TargetNames {
public:
    explicit TargetNames(bool fold) : m_fold(fold) {}

    QString fold(const QString &name) const;
    // Records `target` in `space` for the object described by `what` ("table Foo").
    void claim(const QString &space, const QString &target, const QString &what);
    // A free name in `space` for a generated object, at most 63 bytes; claimed.
    QString generate(const QString &space, const QString &base, const QString &what);
    // Error::usage listing every collision and over-long name, or ok.
    Status check() const;

    static constexpr int maxBytes = 63; // PostgreSQL's NAMEDATALEN - 1
    // `name` cut to 63 bytes (on a character boundary) with a short hash to keep it distinct.
    static QString fit(const QString &name);

private:
    bool m_fold;
    QHash<QString, QString> m_claimed; // space + '\n' + target -> what
    QStringList m_problems;
};

} // namespace strata
