#pragma once
// What the --migrations transfer tests share: a failed CLI run as text, the target's relations
// (none after a transfer that committed nothing), statements run on a scratch database, and a
// folder whose tables have a column of every kind the value check knows.

#include "TestDatabases.h"
#include "TransferRunSupport.h"

namespace strata::test {

QString cliText(const CliRun &r);
QString publicRelations(const ScratchDatabase &pg);
// Runs each statement; a failure fails the calling test (QVERIFY inside: call, then return on
// QTest::currentTestFailed()).
void execAll(const ScratchDatabase &db, const QStringList &statements);

extern const QByteArray typedTable;  // V1: one column of every checked kind
extern const QByteArray typedSecond; // V2: a second table

} // namespace strata::test
