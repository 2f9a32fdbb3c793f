// SQLite trigger -> plpgsql function + trigger; see TriggerTranslator.h.

#include "transfer/TriggerTranslator.h"

#include "dialect/Dialect.h"
#include "schema/SqliteDdlParser.h"
#include "schema/SqliteDdlTokenizer.h"

namespace strata {

namespace {

using sqliteddl::asciiUpper;
using sqliteddl::sameName;
using sqliteddl::SqlTokens;
using sqliteddl::TokenKind;

struct Parsed {
    QString timing; // BEFORE or AFTER
    QString event;  // INSERT, UPDATE or DELETE
    QStringList ofColumns;
    qsizetype whenBegin = -1, whenEnd = -1;
    QList<std::pair<qsizetype, qsizetype>> statements;
    QString problem;
};

Parsed parse(const SqlTokens &t)
{
    Parsed p;
    qsizetype i = 0;
    const auto skip = [&](const char *word) {
        if (t.isKeyword(i, word)) {
            ++i;
            return true;
        }
        return false;
    };
    skip("CREATE");
    if (!skip("TEMP"))
        skip("TEMPORARY");
    skip("TRIGGER");
    if (t.isKeyword(i, "IF"))
        i += 3; // IF NOT EXISTS
    ++i;        // the name
    if (t.isPunct(i, u'.'))
        i += 2; // schema.name
    if (skip("INSTEAD")) {
        p.problem = QStringLiteral("INSTEAD OF triggers (on views) are not translated");
        return p;
    }
    p.timing = skip("AFTER") ? QStringLiteral("AFTER") : QStringLiteral("BEFORE");
    skip("BEFORE");
    for (const char *event : {"INSERT", "UPDATE", "DELETE"}) {
        if (skip(event))
            p.event = QLatin1String(event);
    }
    if (p.event.isEmpty()) {
        p.problem = QStringLiteral("the trigger's event is not INSERT, UPDATE or DELETE");
        return p;
    }
    if (skip("OF")) {
        for (; i < t.size() && !t.isKeyword(i, "ON"); ++i) {
            if (!t.isPunct(i, u','))
                p.ofColumns << t[i].text;
        }
    }
    if (!skip("ON")) {
        p.problem = QStringLiteral("cannot read the trigger's table");
        return p;
    }
    ++i; // the table
    if (t.isPunct(i, u'.'))
        i += 2;
    if (skip("FOR"))
        i += 2; // EACH ROW
    if (skip("WHEN")) {
        p.whenBegin = i;
        while (i < t.size() && !(t.isKeyword(i, "BEGIN") && t[i].depth == 0))
            ++i;
        p.whenEnd = i;
    }
    if (!skip("BEGIN") || !t.isKeyword(t.size() - 1, "END")) {
        p.problem = QStringLiteral("cannot read the trigger's BEGIN ... END body");
        return p;
    }
    qsizetype start = i;
    for (; i < t.size(); ++i) {
        const bool end = i == t.size() - 1;
        if ((t.isPunct(i, u';') && t[i].depth == 0) || end) {
            if (i > start)
                p.statements.append({start, i});
            start = i + 1;
        }
    }
    return p;
}

// SELECT RAISE(ABORT, 'message') [WHERE cond] and SELECT CASE WHEN cond THEN RAISE(...) END.
QString raiseStatement(const SqlTokens &t, qsizetype b, qsizetype e, const ExpressionTranslator &x,
                       QString *problem)
{
    qsizetype raise = -1, condBegin = -1, condEnd = -1;
    if (t.isKeyword(b + 1, "RAISE")) {
        raise = b + 1;
        const qsizetype after = t.closeOf(b + 2) + 1;
        if (after < e && t.isKeyword(after, "WHERE")) {
            condBegin = after + 1;
            condEnd = e;
        } else if (after != e) {
            *problem = QStringLiteral("a SELECT RAISE(...) with FROM is not translated");
            return {};
        }
    } else if (t.isKeyword(b + 1, "CASE") && t.isKeyword(b + 2, "WHEN")) {
        for (qsizetype j = b + 3; j < e; ++j) {
            if (t.isKeyword(j, "THEN") && t.isKeyword(j + 1, "RAISE")) {
                condBegin = b + 3;
                condEnd = j;
                raise = j + 1;
                break;
            }
        }
        const qsizetype close = raise >= 0 ? t.closeOf(raise + 1) : e;
        if (raise < 0 || !t.isKeyword(close + 1, "END") || close + 2 != e) {
            *problem = QStringLiteral("only SELECT CASE WHEN <condition> THEN RAISE(...) END is "
                                      "translated");
            return {};
        }
    } else {
        *problem = QStringLiteral("a SELECT in a trigger body is not translated");
        return {};
    }
    const auto args = t.items(raise + 1);
    const QString kind = args.isEmpty() ? QString() : asciiUpper(t[args[0].first].text);
    if (kind == QLatin1String("IGNORE") || args.size() != 2 ||
        args[1].second != args[1].first + 1 || t[args[1].first].kind != TokenKind::String) {
        *problem = QStringLiteral("RAISE(IGNORE) and computed RAISE messages are not translated");
        return {};
    }
    const QString message = x.translate(t.text(args[1].first, args[1].second)).sql;
    const QString raiseSql = QStringLiteral("RAISE EXCEPTION USING MESSAGE = %1").arg(message);
    if (condBegin < 0)
        return raiseSql;
    const Translation cond = x.translate(t.text(condBegin, condEnd));
    if (!cond.ok()) {
        *problem = cond.problem;
        return {};
    }
    return QStringLiteral("IF %1 THEN\n    %2;\n  END IF").arg(cond.sql, raiseSql);
}

// Whether the statement [b, e) writes to `table`.
bool writesTable(const SqlTokens &t, qsizetype b, const QString &table)
{
    qsizetype i = b + 1;
    if (t.isKeyword(b, "INSERT") || t.isKeyword(b, "DELETE"))
        ++i; // INTO / FROM
    if (t.isPunct(i + 1, u'.'))
        i += 2;
    return i < t.size() && sameName(t[i].text, table);
}

} // namespace

TriggerTranslation TriggerTranslator::translate(const QString &sqliteSql, const TriggerNames &names,
                                                const ExpressionTranslator &x)
{
    TriggerTranslation out;
    const SqlTokens t(sqliteSql);
    const Parsed p = parse(t);
    if (!p.problem.isEmpty()) {
        out.problem = p.problem;
        return out;
    }
    const QString ret = p.timing == QLatin1String("AFTER")   ? QStringLiteral("NULL")
                        : p.event == QLatin1String("DELETE") ? QStringLiteral("OLD")
                                                             : QStringLiteral("NEW");
    QStringList body;
    bool self = false;
    for (const auto &[b, e] : p.statements) {
        if (t.isKeyword(b, "SELECT")) {
            const QString sql = raiseStatement(t, b, e, x, &out.problem);
            if (!out.problem.isEmpty())
                return out;
            body << sql;
            continue;
        }
        if (!t.isKeyword(b, "INSERT") && !t.isKeyword(b, "UPDATE") && !t.isKeyword(b, "DELETE")) {
            out.problem = QStringLiteral("only INSERT, UPDATE, DELETE and SELECT RAISE(...) "
                                         "statements are translated");
            return out;
        }
        const Translation s = x.translate(t.text(b, e));
        if (!s.ok()) {
            out.problem = s.problem;
            return out;
        }
        self = self || writesTable(t, b, names.sourceTable);
        body << s.sql;
    }
    QString when;
    if (p.whenBegin >= 0) {
        const Translation cond = x.translate(t.text(p.whenBegin, p.whenEnd));
        if (!cond.ok()) {
            out.problem = cond.problem;
            return out;
        }
        // PostgreSQL's WHEN takes no subqueries: those conditions move into the function.
        if (cond.sql.contains(QLatin1String("SELECT"), Qt::CaseInsensitive))
            body.prepend(
                QStringLiteral("IF NOT (%1) THEN\n    RETURN %2;\n  END IF").arg(cond.sql, ret));
        else
            when = QStringLiteral(" WHEN (%1)").arg(cond.sql);
    }
    if (self) {
        // SQLite (recursive_triggers off) does not fire a trigger from its own body.
        body.prepend(
            QStringLiteral("IF pg_trigger_depth() > 1 THEN\n    RETURN %1;\n  END IF").arg(ret));
        out.warning = QStringLiteral("writes its own table: guarded with pg_trigger_depth() > 1, "
                                     "so it does not fire from any trigger (SQLite only stops "
                                     "it firing itself)");
    }
    body << QStringLiteral("RETURN ") + ret;
    QString tag = QStringLiteral("$strata$");
    for (int n = 1; body.join(u'\n').contains(tag); ++n)
        tag = QStringLiteral("$strata%1$").arg(n);
    out.function =
        QStringLiteral("CREATE OR REPLACE FUNCTION %1() RETURNS trigger LANGUAGE plpgsql AS %2\n"
                       "BEGIN\n  %3;\nEND\n%2")
            .arg(names.function, tag, body.join(QStringLiteral(";\n  ")));
    QString event = p.event;
    if (!p.ofColumns.isEmpty()) {
        QStringList cols;
        for (const QString &c : p.ofColumns)
            cols << x.translate(Dialect::create(Engine::Sqlite)->quoteIdentifier(c)).sql;
        event += QStringLiteral(" OF ") + cols.join(QStringLiteral(", "));
    }
    out.trigger =
        QStringLiteral("CREATE TRIGGER %1 %2 %3 ON %4 FOR EACH ROW%5 EXECUTE FUNCTION %6()")
            .arg(names.trigger, p.timing, event, names.table, when, names.function);
    return out;
}

} // namespace strata
