#pragma once
// An SQLite trigger as a PostgreSQL trigger function (plpgsql) plus CREATE TRIGGER, for the
// common shape: BEFORE/AFTER INSERT/UPDATE [OF ...]/DELETE ... [FOR EACH ROW] [WHEN ...]
// BEGIN <INSERT/UPDATE/DELETE statements and SELECT RAISE(ABORT, '...') [WHERE ...]> END.
// Anything else (INSTEAD OF, RAISE(IGNORE), other SELECTs, untranslatable expressions) is
// refused with the reason, for the plan's manual work.

#include "transfer/ExpressionTranslator.h"

namespace strata {

struct TriggerNames {
    QString table;       // the target table, quoted and schema-qualified
    QString trigger;     // the target trigger name, quoted
    QString function;    // the trigger function, quoted and schema-qualified
    QString sourceTable; // the SQLite table, to spot a trigger writing its own table
};

struct TriggerTranslation {
    QString function; // CREATE FUNCTION ... LANGUAGE plpgsql
    QString trigger;  // CREATE TRIGGER ... EXECUTE FUNCTION
    QString warning;  // set when the translation approximates SQLite's behaviour
    QString problem;  // why it cannot be translated; empty when it was
};

class TriggerTranslator {
public:
    static TriggerTranslation translate(const QString &sqliteSql, const TriggerNames &names,
                                        const ExpressionTranslator &expressions);
};

} // namespace strata
