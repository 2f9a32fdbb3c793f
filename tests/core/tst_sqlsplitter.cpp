#include "migration/SqlSplitter.h"

#include <QtTest>

#include <initializer_list>

using strata::SqlSplitter;
using strata::SqlStatement;

class TestSqlSplitter : public QObject {
    Q_OBJECT

private slots:
    void split_data();
    void split();
    void keepsCarriageReturnsInsideStatements();
    void largeScript();
    void pathologicalInputsStayFast();
    void everyPrefixIsSafe();
};

namespace {

// Expected statement texts, written as UTF-8 literals.
QStringList texts(std::initializer_list<const char *> list)
{
    QStringList result;
    for (const char *text : list)
        result.append(QString::fromUtf8(text));
    return result;
}

void row(const char *name, const char *script, const QStringList &sqls, const QList<int> &lines,
         int firstLine = 1)
{
    QTest::newRow(name) << QString::fromUtf8(script) << firstLine << sqls << lines;
}

} // namespace

void TestSqlSplitter::split_data()
{
    QTest::addColumn<QString>("script");
    QTest::addColumn<int>("firstLine");
    QTest::addColumn<QStringList>("sqls");
    QTest::addColumn<QList<int>>("lines");

    // --- basics --------------------------------------------------------------------------------
    row("simple", "CREATE TABLE a (id int);\nCREATE TABLE b (id int);\nINSERT INTO a VALUES (1);",
        texts({"CREATE TABLE a (id int)", "CREATE TABLE b (id int)", "INSERT INTO a VALUES (1)"}),
        {1, 2, 3});
    row("several on one line", "SELECT 1; SELECT 2;SELECT 3",
        texts({"SELECT 1", "SELECT 2", "SELECT 3"}), {1, 1, 1});
    row("multi-line statement", "\n\n  SELECT\n  1\n  ;\nSELECT 2;",
        texts({"SELECT\n  1", "SELECT 2"}), {3, 6});
    row("leading blank lines and tabs", "\n\n\n   \t SELECT 1;", texts({"SELECT 1"}), {4});
    row("missing final semicolon", "SELECT 1;\nSELECT 2", texts({"SELECT 1", "SELECT 2"}), {1, 2});
    row("final statement trailing whitespace", "SELECT 1;\n  SELECT 2  \n\n  ",
        texts({"SELECT 1", "SELECT 2"}), {1, 2});
    row("final statement keeps its trailing comment", "SELECT 1 -- done",
        texts({"SELECT 1 -- done"}), {1});
    row("empty input", "", texts({}), {});
    row("whitespace only", " \n\t\n \f ", texts({}), {});
    row("only comments", "-- a\n/* b; */\n-- c;", texts({}), {});
    row("semicolons only", ";;;", texts({}), {});
    row("empty statements between", "SELECT 1;;\n;SELECT 2;", texts({"SELECT 1", "SELECT 2"}),
        {1, 2});
    row("comments between semicolons", "; -- x\n ; /* y */ ;", texts({}), {});

    // --- single-quoted strings ---------------------------------------------------------------
    row("doubled single quotes", "INSERT INTO t VALUES ('it''s; ok');SELECT ';';",
        texts({"INSERT INTO t VALUES ('it''s; ok')", "SELECT ';'"}), {1, 1});
    row("empty and quote-only strings", "SELECT '';SELECT '''';",
        texts({"SELECT ''", "SELECT ''''"}), {1, 1});
    row("backslash is not an escape in standard strings", "SELECT 'C:\\';SELECT 2;",
        texts({"SELECT 'C:\\'", "SELECT 2"}), {1, 1});
    row("old-style quoted function body",
        "CREATE FUNCTION f() RETURNS int AS 'SELECT 1; SELECT ''x;''' LANGUAGE sql;SELECT 2;",
        texts({"CREATE FUNCTION f() RETURNS int AS 'SELECT 1; SELECT ''x;''' LANGUAGE sql",
               "SELECT 2"}),
        {1, 1});

    // --- E'' strings -------------------------------------------------------------------------
    row("E string with backslash quote", "SELECT E'it\\'s; fine';\nSELECT 2;",
        texts({"SELECT E'it\\'s; fine'", "SELECT 2"}), {1, 2});
    row("lowercase e string with escaped backslash", "select e'a\\\\';select 'b\\';",
        texts({"select e'a\\\\'", "select 'b\\'"}), {1, 1});
    row("E string with doubled quote then backslash quote", "SELECT E'a''b\\';c';SELECT 1;",
        texts({"SELECT E'a''b\\';c'", "SELECT 1"}), {1, 1});
    row("word ending in e is not an E prefix", "SELECT type'a\\';SELECT 2;",
        texts({"SELECT type'a\\'", "SELECT 2"}), {1, 1});

    // --- quoted identifiers ------------------------------------------------------------------
    row("double-quoted identifiers", "CREATE TABLE \"a;b\" (\"x\"\"y;\" int);SELECT 1;",
        texts({"CREATE TABLE \"a;b\" (\"x\"\"y;\" int)", "SELECT 1"}), {1, 1});
    row("backtick identifiers", "CREATE TABLE `a;b` (`x``;` int);SELECT 1;",
        texts({"CREATE TABLE `a;b` (`x``;` int)", "SELECT 1"}), {1, 1});
    row("brackets are not quoting", "SELECT arr[1], b[1:2] FROM t WHERE ';' = ']';SELECT 2;",
        texts({"SELECT arr[1], b[1:2] FROM t WHERE ';' = ']'", "SELECT 2"}), {1, 1});
    row("json operators and casts", "SELECT data->>'a;b', x::text FROM t;SELECT 2;",
        texts({"SELECT data->>'a;b', x::text FROM t", "SELECT 2"}), {1, 1});

    // --- comments ----------------------------------------------------------------------------
    row("line comment with semicolon and quote", "SELECT 1 -- it's; here\n, 2;SELECT 3; -- t; 'x\n",
        texts({"SELECT 1 -- it's; here\n, 2", "SELECT 3"}), {1, 2});
    row("leading comments are dropped", "-- header\n/* block */\n\nSELECT 1;", texts({"SELECT 1"}),
        {4});
    row("comments inside a statement are kept", "SELECT /* ; */ 1 -- ;\n FROM t;",
        texts({"SELECT /* ; */ 1 -- ;\n FROM t"}), {1});
    row("nested block comments",
        "/* outer /* inner; */ still comment; */ SELECT 1;/* a /* b /* c */ */ ; */SELECT 2;",
        texts({"SELECT 1", "SELECT 2"}), {1, 1});
    row("block comment before semicolon", "SELECT 1 /* x */; SELECT 2",
        texts({"SELECT 1 /* x */", "SELECT 2"}), {1, 1});
    row("slash star slash opens only", "/*/ SELECT 1; */SELECT 2;", texts({"SELECT 2"}), {1});
    row("apostrophe inside comment", "/* it's */ SELECT 1; -- don't\nSELECT 2;",
        texts({"SELECT 1", "SELECT 2"}), {1, 2});
    row("comment markers inside strings", "SELECT '--', '/*';SELECT \"/*\";SELECT 3;",
        texts({"SELECT '--', '/*'", "SELECT \"/*\"", "SELECT 3"}), {1, 1, 1});
    row("minus signs are not comments", "SELECT 5-3; SELECT 1 - -2;",
        texts({"SELECT 5-3", "SELECT 1 - -2"}), {1, 1});
    row("semicolon inside a glued line comment", "SELECT 1--c;\n;", texts({"SELECT 1--c;"}), {1});
    row("statements after comments on the same line", "SELECT 1; /* c */ SELECT 2; -- d\nSELECT 3;",
        texts({"SELECT 1", "SELECT 2", "SELECT 3"}), {1, 1, 2});

    // --- dollar quoting ----------------------------------------------------------------------
    row("dollar-quoted body",
        "CREATE FUNCTION f() RETURNS int AS $$ SELECT 1; $$ LANGUAGE sql;\nSELECT f();",
        texts({"CREATE FUNCTION f() RETURNS int AS $$ SELECT 1; $$ LANGUAGE sql", "SELECT f()"}),
        {1, 2});
    row("tagged dollar quote holding $$ and semicolons",
        "DO $body$\nBEGIN\n  EXECUTE $$SELECT 1;$$;\nEND\n$body$;\nSELECT 2;",
        texts({"DO $body$\nBEGIN\n  EXECUTE $$SELECT 1;$$;\nEND\n$body$", "SELECT 2"}), {1, 6});
    row("other tags inside a tag", "SELECT $a$ $b$ ; $b$ ; $a$;SELECT 2;",
        texts({"SELECT $a$ $b$ ; $b$ ; $a$", "SELECT 2"}), {1, 1});
    row("dollar tags are case-sensitive", "SELECT $Tag$ $tag$; $Tag$;SELECT 2;",
        texts({"SELECT $Tag$ $tag$; $Tag$", "SELECT 2"}), {1, 1});
    row("empty dollar-quoted string", "SELECT $$$$;SELECT 2;", texts({"SELECT $$$$", "SELECT 2"}),
        {1, 1});
    row("$1 parameters are not dollar quotes",
        "PREPARE p(int, int) AS SELECT $1 + $2; EXECUTE p(1, 2);",
        texts({"PREPARE p(int, int) AS SELECT $1 + $2", "EXECUTE p(1, 2)"}), {1, 1});
    row("$1 inside a dollar-quoted body",
        "CREATE FUNCTION inc(int) RETURNS int AS $$ SELECT $1 + 1; $$ LANGUAGE sql;SELECT 2;",
        texts({"CREATE FUNCTION inc(int) RETURNS int AS $$ SELECT $1 + 1; $$ LANGUAGE sql",
               "SELECT 2"}),
        {1, 1});
    row("dollar inside an identifier", "SELECT a$b$ FROM t; SELECT 2;",
        texts({"SELECT a$b$ FROM t", "SELECT 2"}), {1, 1});
    row("lone dollar signs", "SELECT a $ b;SELECT $;SELECT $a",
        texts({"SELECT a $ b", "SELECT $", "SELECT $a"}), {1, 1, 1});
    row("unicode dollar tag", "SELECT $größe$ ; $größe$;SELECT 2;",
        texts({"SELECT $größe$ ; $größe$", "SELECT 2"}), {1, 1});
    row("DO block", "DO $$ BEGIN RAISE NOTICE 'hi;'; END $$;\nSELECT 1;",
        texts({"DO $$ BEGIN RAISE NOTICE 'hi;'; END $$", "SELECT 1"}), {1, 2});
    row("plpgsql function with := and nested BEGIN/END",
        "CREATE OR REPLACE FUNCTION touch() RETURNS trigger AS $$\n"
        "DECLARE\n"
        "    n int := 0;\n"
        "BEGIN\n"
        "    IF NEW.updated_at IS NULL THEN\n"
        "        BEGIN\n"
        "            NEW.updated_at := now();\n"
        "        END;\n"
        "    END IF;\n"
        "    RETURN NEW;\n"
        "END;\n"
        "$$ LANGUAGE plpgsql;\n"
        "CREATE TRIGGER touch BEFORE UPDATE ON t FOR EACH ROW EXECUTE FUNCTION touch();\n",
        texts({"CREATE OR REPLACE FUNCTION touch() RETURNS trigger AS $$\n"
               "DECLARE\n"
               "    n int := 0;\n"
               "BEGIN\n"
               "    IF NEW.updated_at IS NULL THEN\n"
               "        BEGIN\n"
               "            NEW.updated_at := now();\n"
               "        END;\n"
               "    END IF;\n"
               "    RETURN NEW;\n"
               "END;\n"
               "$$ LANGUAGE plpgsql",
               "CREATE TRIGGER touch BEFORE UPDATE ON t FOR EACH ROW EXECUTE FUNCTION touch()"}),
        {1, 13});

    // --- SQLite trigger bodies ---------------------------------------------------------------
    row("trigger with several statements",
        "CREATE TRIGGER log_insert AFTER INSERT ON items\n"
        "BEGIN\n"
        "    INSERT INTO log(msg) VALUES ('insert; ' || NEW.id);\n"
        "    UPDATE counters SET n = n + 1;\n"
        "END;\n"
        "INSERT INTO items DEFAULT VALUES;",
        texts({"CREATE TRIGGER log_insert AFTER INSERT ON items\n"
               "BEGIN\n"
               "    INSERT INTO log(msg) VALUES ('insert; ' || NEW.id);\n"
               "    UPDATE counters SET n = n + 1;\n"
               "END",
               "INSERT INTO items DEFAULT VALUES"}),
        {1, 6});
    row("trigger with CASE ... END in its body",
        "CREATE TRIGGER t AFTER UPDATE ON items FOR EACH ROW\n"
        "BEGIN\n"
        "  UPDATE items SET state = CASE WHEN NEW.qty = 0 THEN 'empty' ELSE 'ok' END;\n"
        "  INSERT INTO log VALUES (CASE NEW.qty WHEN 0 THEN 'zero' END);\n"
        "END;\n"
        "SELECT 1;",
        texts({"CREATE TRIGGER t AFTER UPDATE ON items FOR EACH ROW\n"
               "BEGIN\n"
               "  UPDATE items SET state = CASE WHEN NEW.qty = 0 THEN 'empty' ELSE 'ok' END;\n"
               "  INSERT INTO log VALUES (CASE NEW.qty WHEN 0 THEN 'zero' END);\n"
               "END",
               "SELECT 1"}),
        {1, 6});
    row("trigger with nested CASE",
        "CREATE TRIGGER t AFTER INSERT ON a BEGIN SELECT CASE WHEN x THEN CASE y WHEN 1 THEN 2 "
        "END ELSE 3 END; SELECT 4; END;SELECT 5;",
        texts({"CREATE TRIGGER t AFTER INSERT ON a BEGIN SELECT CASE WHEN x THEN CASE y WHEN 1 "
               "THEN 2 END ELSE 3 END; SELECT 4; END",
               "SELECT 5"}),
        {1, 1});
    row("trigger WHEN clause with CASE before BEGIN",
        "CREATE TRIGGER t AFTER UPDATE ON a WHEN CASE WHEN NEW.x > 0 THEN 1 ELSE 0 END "
        "BEGIN SELECT 1; SELECT 2; END;SELECT 3;",
        texts({"CREATE TRIGGER t AFTER UPDATE ON a WHEN CASE WHEN NEW.x > 0 THEN 1 ELSE 0 END "
               "BEGIN SELECT 1; SELECT 2; END",
               "SELECT 3"}),
        {1, 1});
    row("TEMP trigger",
        "CREATE TEMP TRIGGER tt BEFORE DELETE ON a BEGIN DELETE FROM b WHERE a_id = OLD.id; "
        "END;\nSELECT 1;",
        texts({"CREATE TEMP TRIGGER tt BEFORE DELETE ON a BEGIN DELETE FROM b WHERE a_id = "
               "OLD.id; END",
               "SELECT 1"}),
        {1, 2});
    row("TEMPORARY trigger IF NOT EXISTS",
        "CREATE TEMPORARY TRIGGER IF NOT EXISTS tt BEFORE INSERT ON a BEGIN SELECT RAISE(ABORT, "
        "'no;'); END;\nSELECT 1;",
        texts({"CREATE TEMPORARY TRIGGER IF NOT EXISTS tt BEFORE INSERT ON a BEGIN SELECT "
               "RAISE(ABORT, 'no;'); END",
               "SELECT 1"}),
        {1, 2});
    row("lowercase trigger",
        "create trigger trg after insert on a begin insert into b values (1); insert into b "
        "values (2); end;\nselect 1;",
        texts({"create trigger trg after insert on a begin insert into b values (1); insert into "
               "b values (2); end",
               "select 1"}),
        {1, 2});
    row("mixed-case trigger",
        "Create Temp Trigger x After Insert On a Begin Select 1; eNd;Select 2",
        texts({"Create Temp Trigger x After Insert On a Begin Select 1; eNd", "Select 2"}), {1, 1});
    row("two triggers in a row",
        "CREATE TRIGGER a AFTER INSERT ON t BEGIN SELECT 1; END;\n"
        "CREATE TRIGGER b AFTER DELETE ON t BEGIN SELECT 2; SELECT 3; END;\n",
        texts({"CREATE TRIGGER a AFTER INSERT ON t BEGIN SELECT 1; END",
               "CREATE TRIGGER b AFTER DELETE ON t BEGIN SELECT 2; SELECT 3; END"}),
        {1, 2});
    row("END hidden in strings, comments and quoted names inside a trigger",
        "CREATE TRIGGER t AFTER INSERT ON a BEGIN INSERT INTO l VALUES ('END;'); -- END;\n"
        " /* END; */ SELECT \"end\"; END;\nSELECT 1;",
        texts({"CREATE TRIGGER t AFTER INSERT ON a BEGIN INSERT INTO l VALUES ('END;'); -- END;\n"
               " /* END; */ SELECT \"end\"; END",
               "SELECT 1"}),
        {1, 3});
    row("quoted column named end in a trigger",
        "CREATE TRIGGER t AFTER INSERT ON ev BEGIN UPDATE ev SET \"end\" = NEW.\"end\"; END;"
        "SELECT 1;",
        texts({"CREATE TRIGGER t AFTER INSERT ON ev BEGIN UPDATE ev SET \"end\" = NEW.\"end\"; END",
               "SELECT 1"}),
        {1, 1});
    row("qualified name end is not a keyword",
        "CREATE TRIGGER t AFTER UPDATE ON ev BEGIN UPDATE ev SET done = NEW.end WHERE id = "
        "NEW.id; END;SELECT 1;",
        texts({"CREATE TRIGGER t AFTER UPDATE ON ev BEGIN UPDATE ev SET done = NEW.end WHERE id "
               "= NEW.id; END",
               "SELECT 1"}),
        {1, 1});
    row("quoted trigger named begin",
        "CREATE TRIGGER \"begin\" AFTER INSERT ON a BEGIN SELECT 1; END;SELECT 2;",
        texts({"CREATE TRIGGER \"begin\" AFTER INSERT ON a BEGIN SELECT 1; END", "SELECT 2"}),
        {1, 1});
    row("keyword-like identifiers",
        "CREATE TABLE trigger_log (begin_date date, end_at timestamp, case_id int, atomic_x int);\n"
        "CREATE TRIGGER trg AFTER INSERT ON t BEGIN INSERT INTO trigger_log (begin_date, end_at) "
        "VALUES (NEW.begin_date, NEW.end_at); UPDATE t SET case_id = 1; END;\n"
        "CREATE TABLE trigger_name (id int);\n"
        "SELECT begin_date FROM trigger_log;",
        texts({"CREATE TABLE trigger_log (begin_date date, end_at timestamp, case_id int, atomic_x "
               "int)",
               "CREATE TRIGGER trg AFTER INSERT ON t BEGIN INSERT INTO trigger_log (begin_date, "
               "end_at) VALUES (NEW.begin_date, NEW.end_at); UPDATE t SET case_id = 1; END",
               "CREATE TABLE trigger_name (id int)", "SELECT begin_date FROM trigger_log"}),
        {1, 2, 3, 4});
    row("PostgreSQL trigger without a body",
        "CREATE TRIGGER trg BEFORE INSERT ON t FOR EACH ROW EXECUTE FUNCTION f();\n"
        "INSERT INTO t VALUES (1);",
        texts({"CREATE TRIGGER trg BEFORE INSERT ON t FOR EACH ROW EXECUTE FUNCTION f()",
               "INSERT INTO t VALUES (1)"}),
        {1, 2});

    // --- transactions and BEGIN ATOMIC -------------------------------------------------------
    row("BEGIN; ... COMMIT;", "BEGIN;\nCREATE TABLE a (x int);\nINSERT INTO a VALUES (1);\nCOMMIT;",
        texts({"BEGIN", "CREATE TABLE a (x int)", "INSERT INTO a VALUES (1)", "COMMIT"}),
        {1, 2, 3, 4});
    row("BEGIN TRANSACTION ... END",
        "BEGIN TRANSACTION;\nSELECT 1;\nEND;\nbegin immediate;\nselect 2;\nend transaction;",
        texts({"BEGIN TRANSACTION", "SELECT 1", "END", "begin immediate", "select 2",
               "end transaction"}),
        {1, 2, 3, 4, 5, 6});
    row("BEGIN then a column named atomic", "BEGIN;\nSELECT 1 AS atomic;\nCOMMIT;",
        texts({"BEGIN", "SELECT 1 AS atomic", "COMMIT"}), {1, 2, 3});
    row("CASE and END outside any body", "SELECT CASE WHEN a THEN 1 END; END; END; SELECT 2;",
        texts({"SELECT CASE WHEN a THEN 1 END", "END", "END", "SELECT 2"}), {1, 1, 1, 1});
    row("BEGIN ATOMIC function",
        "CREATE FUNCTION add(a int, b int) RETURNS int\n"
        "LANGUAGE SQL\n"
        "BEGIN ATOMIC\n"
        "    SELECT a + b;\n"
        "END;\n"
        "SELECT add(1, 2);",
        texts({"CREATE FUNCTION add(a int, b int) RETURNS int\n"
               "LANGUAGE SQL\n"
               "BEGIN ATOMIC\n"
               "    SELECT a + b;\n"
               "END",
               "SELECT add(1, 2)"}),
        {1, 6});
    row("begin atomic procedure with CASE",
        "CREATE PROCEDURE p(x int) LANGUAGE SQL\n"
        "begin atomic\n"
        "  INSERT INTO t VALUES (CASE WHEN x > 0 THEN x ELSE 0 END);\n"
        "  INSERT INTO t VALUES (x);\n"
        "end;\n"
        "CALL p(1);",
        texts({"CREATE PROCEDURE p(x int) LANGUAGE SQL\n"
               "begin atomic\n"
               "  INSERT INTO t VALUES (CASE WHEN x > 0 THEN x ELSE 0 END);\n"
               "  INSERT INTO t VALUES (x);\n"
               "end",
               "CALL p(1)"}),
        {1, 6});
    row("comment between BEGIN and ATOMIC",
        "CREATE FUNCTION f() RETURNS int LANGUAGE SQL BEGIN /* body */ ATOMIC SELECT 1; END;"
        "SELECT 2;",
        texts({"CREATE FUNCTION f() RETURNS int LANGUAGE SQL BEGIN /* body */ ATOMIC SELECT 1; "
               "END",
               "SELECT 2"}),
        {1, 1});

    // --- line endings and line numbers -------------------------------------------------------
    row("CRLF line endings", "SELECT 1;\r\nSELECT\r\n 2;\r\n\r\nSELECT 3;\r\n",
        texts({"SELECT 1", "SELECT\r\n 2", "SELECT 3"}), {1, 2, 5});
    row("CRLF with comments", "-- c\r\n/* x\r\n y */\r\nSELECT 1;\r\n-- end\r\n",
        texts({"SELECT 1"}), {4});
    row("CRLF trigger",
        "CREATE TRIGGER t AFTER INSERT ON a\r\nBEGIN\r\n  SELECT 1;\r\nEND;\r\nSELECT 2;\r\n",
        texts({"CREATE TRIGGER t AFTER INSERT ON a\r\nBEGIN\r\n  SELECT 1;\r\nEND", "SELECT 2"}),
        {1, 5});
    row("firstLine offset", "\nSELECT 1;\nSELECT 2;", texts({"SELECT 1", "SELECT 2"}), {11, 12},
        10);
    row("firstLine offset after a section marker", "-- migrate:up\nCREATE TABLE a ();\n",
        texts({"CREATE TABLE a ()"}), {6}, 5);
    row("newlines inside strings count", "SELECT 'a\nb\nc';\nSELECT $$\n;\n$$;\nSELECT 3;",
        texts({"SELECT 'a\nb\nc'", "SELECT $$\n;\n$$", "SELECT 3"}), {1, 4, 7});

    // --- unterminated input ------------------------------------------------------------------
    row("unterminated string", "SELECT 1;\nSELECT 'abc;\nSELECT 2;",
        texts({"SELECT 1", "SELECT 'abc;\nSELECT 2;"}), {1, 2});
    row("unterminated E string ending in backslash", "SELECT E'abc\\", texts({"SELECT E'abc\\"}),
        {1});
    row("unterminated quoted identifier", "SELECT \"abc; SELECT 2;",
        texts({"SELECT \"abc; SELECT 2;"}), {1});
    row("unterminated block comment after a statement", "SELECT 1 /* no end; SELECT 2;",
        texts({"SELECT 1 /* no end; SELECT 2;"}), {1});
    row("unterminated block comment alone", "SELECT 1;\n/* /* */ never closed;",
        texts({"SELECT 1"}), {1});
    row("unterminated dollar quote", "SELECT 1;\nDO $x$ BEGIN; END; $y$;",
        texts({"SELECT 1", "DO $x$ BEGIN; END; $y$;"}), {1, 2});
    row("unterminated trigger body", "CREATE TRIGGER t AFTER INSERT ON a BEGIN SELECT 1; SELECT 2;",
        texts({"CREATE TRIGGER t AFTER INSERT ON a BEGIN SELECT 1; SELECT 2;"}), {1});
    row("dangling dash and slash", "SELECT 1 -;SELECT 2 /", texts({"SELECT 1 -", "SELECT 2 /"}),
        {1, 1});

    // --- unicode and numbers -----------------------------------------------------------------
    row("unicode text",
        "CREATE TABLE größe (maß int);\nINSERT INTO t VALUES ('Grüße; 日本語 🎉');\n"
        "-- コメント; ✓\nSELECT 'ö' AS ü;",
        texts({"CREATE TABLE größe (maß int)", "INSERT INTO t VALUES ('Grüße; 日本語 🎉')",
               "SELECT 'ö' AS ü"}),
        {1, 2, 4});
    row("numbers with exponents", "SELECT 1e5;SELECT 1.5E-3, 2end;",
        texts({"SELECT 1e5", "SELECT 1.5E-3, 2end"}), {1, 1});
}

void TestSqlSplitter::split()
{
    QFETCH(QString, script);
    QFETCH(int, firstLine);
    QFETCH(QStringList, sqls);
    QFETCH(QList<int>, lines);

    const QList<SqlStatement> statements = SqlSplitter::split(script, firstLine);
    QStringList actualSqls;
    QList<int> actualLines;
    for (const SqlStatement &statement : statements) {
        actualSqls.append(statement.sql);
        actualLines.append(statement.line);
    }
    QCOMPARE(actualSqls, sqls);
    QCOMPARE(actualLines, lines);
}

void TestSqlSplitter::keepsCarriageReturnsInsideStatements()
{
    // Documented choice: the text is a verbatim slice, so inner "\r\n" stays; trailing is trimmed.
    const auto statements = SqlSplitter::split(QStringLiteral("SELECT\r\n1\r\n;\r\n"));
    QCOMPARE(statements.size(), 1);
    QCOMPARE(statements.first().sql, QStringLiteral("SELECT\r\n1"));
    QCOMPARE(statements.first().line, 1);
}

void TestSqlSplitter::largeScript()
{
    QString script;
    const int count = 200000;
    script.reserve(count * 48);
    for (int i = 0; i < count; ++i)
        script += QStringLiteral("INSERT INTO t VALUES (%1, 'x;y');\n").arg(i);
    const auto statements = SqlSplitter::split(script);
    QCOMPARE(statements.size(), count);
    QCOMPARE(statements.last().line, count);
    QCOMPARE(statements.last().sql,
             QStringLiteral("INSERT INTO t VALUES (%1, 'x;y')").arg(count - 1));
}

void TestSqlSplitter::pathologicalInputsStayFast()
{
    // Each of these is quadratic for a naive splitter; with a linear one the whole test is quick.
    const int n = 200000;

    // A long dollar tag and a body full of near-miss closing tags.
    const QString tag = QStringLiteral("$") + QString(5000, u'a') + QStringLiteral("$");
    QString nearMisses;
    for (int i = 0; i < n / 5000; ++i)
        nearMisses += QStringLiteral("$") + QString(4999, u'a') + QStringLiteral("b");
    auto statements = SqlSplitter::split(QStringLiteral("SELECT ") + tag + nearMisses + tag +
                                         QStringLiteral(";SELECT 2;"));
    QCOMPARE(statements.size(), 2);
    QCOMPARE(statements.last().sql, QStringLiteral("SELECT 2"));

    // Deeply nested comments, never closed.
    statements =
        SqlSplitter::split(QStringLiteral("SELECT 1;") +
                           QString(n, u'/').replace(QStringLiteral("//"), QStringLiteral("/*")));
    QCOMPARE(statements.size(), 1);

    // Many dollars, many quotes, many statements that start and stop.
    statements = SqlSplitter::split(QString(n, u'$'));
    QCOMPARE(statements.size(), 1);
    statements = SqlSplitter::split(QString(n, u'\''));
    QCOMPARE(statements.size(), 1);
    statements = SqlSplitter::split(QStringLiteral("x;").repeated(n));
    QCOMPARE(statements.size(), n);

    // A trigger body that never ends, with many CASE levels.
    statements = SqlSplitter::split(QStringLiteral("CREATE TRIGGER t BEGIN ") +
                                    QStringLiteral("CASE ; ").repeated(n));
    QCOMPARE(statements.size(), 1);
}

void TestSqlSplitter::everyPrefixIsSafe()
{
    // A cheap stand-in for the fuzzer: every prefix of a tricky script splits without crashing,
    // and every statement is non-empty, trimmed, and placed on an existing line.
    const QString script = QString::fromUtf8(
        "-- head; 'x\r\nCREATE TRIGGER t AFTER INSERT ON a BEGIN SELECT CASE WHEN 1 THEN 'a;' END; "
        "END;\nDO $f$ BEGIN PERFORM $$;$$; END $f$; SELECT E'\\';', \"q;\"\"\", `b;`, $1 /* /* ; "
        "*/ "
        "*/;\nBEGIN; CREATE FUNCTION g() RETURNS int LANGUAGE SQL BEGIN ATOMIC SELECT 1; END; "
        "COMMIT; SELECT 'ü🎉'");
    for (qsizetype length = 0; length <= script.size(); ++length) {
        const QString prefix = script.left(length);
        const int lineCount = int(prefix.count(u'\n')) + 1;
        for (const SqlStatement &statement : SqlSplitter::split(prefix, 7)) {
            QVERIFY(!statement.sql.isEmpty());
            QCOMPARE(statement.sql, statement.sql.trimmed());
            QVERIFY(statement.line >= 7 && statement.line < 7 + lineCount);
            QVERIFY(prefix.contains(statement.sql));
        }
    }
}

QTEST_APPLESS_MAIN(TestSqlSplitter)

#include "tst_sqlsplitter.moc"
