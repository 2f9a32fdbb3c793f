#pragma once
// What differs between engines: quoting, transaction and lock statements, history-table DDL.

#include "connection/ConnectionSpec.h"
#include <QString>
#include <memory>

namespace strata {

class Dialect {
public:
    virtual ~Dialect() = default;
    virtual Engine engine() const = 0;
    virtual QString name() const = 0;

    // "name" with embedded quotes doubled; safe for any identifier.
    QString quoteIdentifier(const QString &name) const;
    // 'text' with embedded quotes doubled (both engines use standard strings).
    QString quoteLiteral(const QString &text) const;

    // The statement that opens a migration's transaction (SQLite takes the write lock at once).
    virtual QString beginSql() const = 0;
    // Session-wide migrator lock, or empty where the engine has none (SQLite locks per
    // transaction instead).
    virtual QString tryLockSql() const { return {}; }
    virtual QString lockSql() const { return {}; }
    virtual QString unlockSql() const { return {}; }

    virtual QString historyTableDdl(const QString &table) const = 0;
    // SQL expression for the history row's installed_by.
    virtual QString installedByExpression() const = 0;
    // SQL expression for a boolean literal.
    virtual QString booleanLiteral(bool value) const = 0;

    static std::unique_ptr<Dialect> create(Engine engine);
};

} // namespace strata
