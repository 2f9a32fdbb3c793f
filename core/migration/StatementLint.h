#pragma once
// Warnings about single migration statements, before anything runs: what destroys data, what
// takes long locks, what fails on a filled table. Plain text checks of the statement; the
// dry run's schema diff adds the precise picture.

#include "connection/ConnectionSpec.h"
#include <QString>
#include <QStringList>

namespace strata {

class StatementLint {
public:
    static QStringList check(const QString &sql, Engine engine);
};

} // namespace strata
