// The transfer planner on real SQLite files: type decisions from profiled data, identity
// columns and their restart values, defaults, NOCASE, generated columns, indexes, names,
// the mapping file, views, triggers, Chinook; and the DDL run on a scratch PostgreSQL.

#include "TestDatabases.h"
#include "TransferPlanFixtures.h"
#include "transfer/ColumnProfiler.h"
#include "transfer/ExpressionTranslator.h"
#include "transfer/TransferPlanner.h"

#include <QFile>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QTest>

using namespace strata;
using namespace strata::test;

class TestTransferPlan : public QObject {
    Q_OBJECT

private slots:
    void typeDecisions_data() { typeDecisionsRows(); }

    void typeDecisions()
    {
        QFETCH(QString, declared);
        QFETCH(QStringList, values);
        QFETCH(int, policy);
        QFETCH(QString, type);
        QFETCH(QString, transform);
        QFETCH(QString, reason);
        QStringList ddl{QStringLiteral("CREATE TABLE t (c %1)").arg(declared)};
        for (const QString &v : values)
            ddl << QStringLiteral("INSERT INTO t VALUES (%1)").arg(v);
        Source source(ddl);
        TransferOptions o;
        o.badText = BadTextPolicy(policy);
        PLAN(plan, source, o);
        const ColumnDecision *c = column(plan, "t", "c");
        QVERIFY(c);
        QCOMPARE(c->targetType, type);
        QCOMPARE(valueTransformName(c->transform), transform);
        QVERIFY2(c->reason.contains(reason), qPrintable(c->reason));
        QVERIFY2(
            c->reason.contains(declared.isEmpty() ? "no declared type" : "declared " + declared),
            qPrintable(c->reason));
    }

    void utf8Validation_data() { utf8ValidationRows(); }

    void utf8Validation()
    {
        QFETCH(QByteArray, bytes);
        QFETCH(bool, valid);
        QCOMPARE(ColumnProfiler::isValidUtf8(bytes), valid);
    }

    void isoTexts_data() { isoTextsRows(); }

    void isoTexts()
    {
        QFETCH(QByteArray, text);
        QFETCH(int, kind);
        const auto iso = ColumnProfiler::isoText(text.constData(), text.size());
        QCOMPARE(iso.valid ? (iso.zoned ? 3 : iso.dateOnly ? 2 : 1) : 0, kind);
    }

    void numericFit_data() { numericFitRows(); }

    void numericFit()
    {
        QFETCH(double, value);
        QFETCH(int, precision);
        QFETCH(int, scale);
        QFETCH(bool, fits);
        QCOMPARE(ColumnProfiler::fitsNumeric(value, precision, scale), fits);
    }

    void expressions_data() { expressionsRows(); }

    void expressions()
    {
        QFETCH(QString, sqlite);
        QFETCH(QString, postgres);
        TranslationContext c;
        c.schema = "public";
        c.relations = {{"t", "t"}};
        c.columns = {{"a", "a"}, {"b", "b"}, {"d", "d"}, {"x", "x"}, {"f", "f"}};
        c.booleanColumns = {"f"};
        const Translation t = ExpressionTranslator(c).translate(sqlite);
        if (postgres.isEmpty()) {
            QVERIFY2(!t.ok(), qPrintable(t.sql));
        } else {
            QVERIFY2(t.ok(), qPrintable(t.problem));
            QCOMPARE(t.sql, postgres);
        }
    }

    void typedExpressions_data() { typedExpressionsRows(); }

    void typedExpressions()
    {
        QFETCH(QString, sqlite);
        QFETCH(QString, postgres);
        QFETCH(QString, problem);
        TranslationContext c;
        c.schema = "public";
        c.relations = {{"t", "t"}, {"p", "p"}};
        c.columns = {{"id", "id"}, {"a", "a"}, {"n", "n"}, {"f", "f"}, {"at", "at"}, {"e", "e"}};
        c.booleanColumns = {"f"};
        c.columnFacts["t"] = {
            {"id", {"bigint", "INTEGER", ValueTransform::None, false}},
            {"a", {"text", "TEXT", ValueTransform::None, false}},
            {"n", {"bigint", "INTEGER", ValueTransform::None, false}},
            {"f", {"boolean", "BOOLEAN", ValueTransform::BoolFromInt, false}},
            {"at", {"timestamp without time zone", "DATETIME", ValueTransform::IsoText, false}},
            {"e",
             {"timestamp without time zone", "DATETIME", ValueTransform::EpochSeconds, false}}};
        c.columnFacts["p"] = {{"a", {"text", "TEXT", ValueTransform::None, false}}};
        c.rowidColumns = {{"t", "id"}};
        const Translation t = ExpressionTranslator(c).translate(sqlite);
        if (postgres.isEmpty()) {
            QVERIFY2(!t.ok(), qPrintable(t.sql));
            QVERIFY2(t.problem.contains(problem), qPrintable(t.problem));
        } else {
            QVERIFY2(t.ok(), qPrintable(t.problem));
            QCOMPARE(t.sql, postgres);
        }
    }

    void identityAndSequenceStart()
    {
        Source source(identitySchema);
        PLAN(plan, source, TransferOptions());
        const QList<std::tuple<QString, QString, qint64>> expected = {{"plain", "id", 6},
                                                                      {"auto", "id", 11},
                                                                      {"emptied", "id", 4},
                                                                      {"never", "id", 1},
                                                                      {"keyed", "", 1}};
        for (const auto &[table, identity, start] : expected) {
            const TableDecision *t = plan.table(table);
            QVERIFY(t);
            QCOMPARE(t->identityColumn, identity);
            QCOMPARE(t->sequenceStart, start);
        }
        QCOMPARE(column(plan, "auto", "id")->targetType, QString("bigint"));
        QVERIFY(column(plan, "auto", "id")->reason.contains("AUTOINCREMENT"));
        const QString ddl = plan.ddlScript();
        QVERIFY2(ddl.contains("\"id\" bigint GENERATED BY DEFAULT AS IDENTITY"), qPrintable(ddl));
        QVERIFY(
            ddl.contains("ALTER TABLE \"public\".\"auto\" ALTER COLUMN \"id\" RESTART WITH 11"));
        QVERIFY(
            ddl.contains("ALTER TABLE \"public\".\"emptied\" ALTER COLUMN \"id\" RESTART WITH 4"));
        QVERIFY(!plan.table("plain")->createSql.isEmpty());
        QVERIFY(plan.createTables.contains(plan.table("plain")->createSql));

        PG(pg);
        const QString failed = runOnPostgres(plan, pg);
        QVERIFY2(failed.isEmpty(), qPrintable(failed));
        QVERIFY(pg.exec("INSERT INTO auto (x) VALUES ('new')").ok());
        QCOMPARE(pg.scalar("SELECT max(id) FROM auto")->toLongLong(), 11);
    }

    void defaults_data() { defaultsRows(); }

    void defaults()
    {
        QFETCH(QString, column);
        QFETCH(QString, expected);
        Source source({QStringLiteral("CREATE TABLE t (id INTEGER PRIMARY KEY, %1)").arg(column)});
        PLAN(plan, source, TransferOptions());
        const QString create = plan.table("t")->createSql;
        const QString line = create.mid(create.indexOf("\"c\""));
        if (expected.isEmpty()) {
            QVERIFY2(!line.contains("DEFAULT"), qPrintable(create));
            QCOMPARE(hasManual(plan, "default", "t.c"), column.contains("'abc'"));
        } else {
            QVERIFY2(line.contains(expected), qPrintable(create));
        }
        PG(pg);
        const QString failed = runOnPostgres(plan, pg);
        QVERIFY2(failed.isEmpty(), qPrintable(failed));
        QVERIFY(pg.exec("INSERT INTO t (id) VALUES (1)").ok());
    }

    void keyReferencingNocase_data()
    {
        QTest::addColumn<QString>("choice");
        QTest::addColumn<QString>("childDeclared");
        QTest::newRow("citext, TEXT child") << "citext"
                                            << "TEXT";
        QTest::newRow("citext, VARCHAR child") << "citext"
                                               << "VARCHAR(40)";
        QTest::newRow("icu, TEXT child") << "icu"
                                         << "TEXT";
    }

    // A key column referencing a COLLATE NOCASE key compares with the parent's collation in
    // SQLite; on PostgreSQL it gets the parent's case-insensitivity, so the key is carried over
    // and a child row in other case still finds its parent.
    void keyReferencingNocase()
    {
        QFETCH(QString, choice);
        QFETCH(QString, childDeclared);
        Source source({"CREATE TABLE tags (name TEXT COLLATE NOCASE PRIMARY KEY)",
                       "CREATE TABLE note_tags (note INTEGER, tag " + childDeclared +
                           " REFERENCES tags (name), PRIMARY KEY (note, tag))",
                       "INSERT INTO tags VALUES ('Work')",
                       "INSERT INTO note_tags VALUES (1, 'work')"}); // SQLite: found, NOCASE
        TransferOptions o;
        o.nocase = choice;
        PLAN(plan, source, o);
        QCOMPARE(plan.manualWork.size(), 0);
        const ColumnDecision *tag = column(plan, "note_tags", "tag");
        QVERIFY2(tag->reason.contains("references tags.name"), qPrintable(tag->reason));
        if (choice == "citext")
            QCOMPARE(tag->targetType, QString("citext"));
        PG(pg);
        const QString failed = runOnPostgres(plan, pg);
        QVERIFY2(failed.isEmpty(), qPrintable(failed));
        QVERIFY(pg.exec("INSERT INTO tags VALUES ('Home')").ok());
        QVERIFY(pg.exec("INSERT INTO note_tags VALUES (2, 'HOME')").ok());  // found, ignoring case
        QVERIFY(!pg.exec("INSERT INTO note_tags VALUES (3, 'play')").ok()); // still a key
    }

    void nocase_data()
    {
        QTest::addColumn<QString>("choice");
        QTest::newRow("citext") << "citext";
        QTest::newRow("icu") << "icu";
    }

    void nocase()
    {
        QFETCH(QString, choice);
        Source source(
            {"CREATE TABLE users (id INTEGER PRIMARY KEY, email VARCHAR(80) COLLATE NOCASE UNIQUE, "
             "name TEXT, CHECK (email <> ''))",
             "CREATE INDEX users_name ON users (name COLLATE NOCASE)",
             "INSERT INTO users VALUES (1, 'A@x.org', 'Ann')"});
        TransferOptions o;
        o.nocase = choice;
        PLAN(plan, source, o);
        const ColumnDecision *email = column(plan, "users", "email");
        const QString ddl = plan.ddlScript();
        if (choice == "citext") {
            QCOMPARE(email->targetType, QString("citext"));
            QCOMPARE(plan.createTables.first(), QString("CREATE EXTENSION IF NOT EXISTS citext"));
            QVERIFY2(ddl.contains("((\"name\"::citext))"), qPrintable(ddl));
        } else {
            QCOMPARE(email->targetType, QString("character varying(80)"));
            QVERIFY(plan.createTables.first().startsWith(
                "CREATE COLLATION IF NOT EXISTS \"public\".\"nocase\""));
            QVERIFY2(ddl.contains("\"email\" character varying(80) COLLATE \"public\".\"nocase\""),
                     qPrintable(ddl));
            QVERIFY2(ddl.contains("\"name\" COLLATE \"public\".\"nocase\""), qPrintable(ddl));
        }
        QVERIFY(email->reason.contains("COLLATE NOCASE"));
        PG(pg);
        const QString failed = runOnPostgres(plan, pg);
        QVERIFY2(failed.isEmpty(), qPrintable(failed));
        QVERIFY(pg.exec("INSERT INTO users VALUES (1, 'a@X.org', 'x')").ok());
        QVERIFY(
            !pg.exec("INSERT INTO users VALUES (2, 'a@X.ORG', 'y')").ok()); // unique, ignoring case
    }

    void generatedColumns()
    {
        Source source(generatedSchema);
        PLAN(plan, source, TransferOptions());
        QVERIFY(column(plan, "g", "b")->generated);
        QVERIFY(column(plan, "g", "c")->generated);
        QVERIFY(column(plan, "g", "c")->reason.contains("VIRTUAL in SQLite"));
        QVERIFY(!column(plan, "g", "d")->generated); // typeof() does not translate: copied
        QVERIFY(hasManual(plan, "generated column", "g.d"));
        const QString create = plan.table("g")->createSql;
        QVERIFY2(create.contains("\"b\" bigint GENERATED ALWAYS AS (\"a\" * 2) STORED"),
                 qPrintable(create));
        QVERIFY2(create.contains("\"c\" text GENERATED ALWAYS AS (upper(\"x\") || '!') STORED"),
                 qPrintable(create));
        PG(pg);
        const QString failed = runOnPostgres(plan, pg);
        QVERIFY2(failed.isEmpty(), qPrintable(failed));
        QVERIFY(pg.exec("INSERT INTO g (a, x, d) VALUES (2, 'w', 'integer')").ok());
        QCOMPARE(pg.scalar("SELECT b || c FROM g")->toString(), QString("4W!"));
    }

    void indexes()
    {
        Source source(indexesSchema);
        PLAN(plan, source, TransferOptions());
        const QString ddl = plan.afterLoad.join('\n');
        QVERIFY2(ddl.contains("CREATE INDEX \"t_partial\" ON \"public\".\"t\" (\"a\") WHERE (\"a\" "
                              "> 0 AND \"active\" = true)"),
                 qPrintable(ddl));
        QVERIFY2(ddl.contains(
                     "CREATE INDEX \"t_expr\" ON \"public\".\"t\" ((lower(\"b\")), \"a\" DESC)"),
                 qPrintable(ddl));
        QVERIFY2(ddl.contains("CREATE UNIQUE INDEX \"t_unique\" ON \"public\".\"t\" (\"b\") WHERE "
                              "(\"b\" IS NOT NULL)"),
                 qPrintable(ddl));
        QVERIFY(!ddl.contains("t_glob"));
        QVERIFY(hasManual(plan, "index", "t_glob"));
        PG(pg);
        const QString failed = runOnPostgres(plan, pg);
        QVERIFY2(failed.isEmpty(), qPrintable(failed));
    }

    void reservedWords()
    {
        Source source(reservedWordsSchema);
        PLAN(plan, source, TransferOptions());
        QCOMPARE(plan.tables.first().targetName, QString("user")); // parents load first
        const QString ddl = plan.ddlScript();
        QVERIFY2(ddl.contains("ALTER TABLE \"public\".\"order\" ADD CONSTRAINT \"order_user_fkey\" "
                              "FOREIGN KEY (\"user\") "
                              "REFERENCES \"public\".\"user\" (\"id\") NOT VALID"),
                 qPrintable(ddl));
        QVERIFY(ddl.contains(
            "ALTER TABLE \"public\".\"order\" VALIDATE CONSTRAINT \"order_user_fkey\""));
        QVERIFY(ddl.indexOf("VALIDATE CONSTRAINT") > ddl.indexOf("NOT VALID"));
        QVERIFY(ddl.indexOf("ANALYZE") > ddl.indexOf("CREATE VIEW"));
        PG(pg);
        const QString failed = runOnPostgres(plan, pg);
        QVERIFY2(failed.isEmpty(), qPrintable(failed));
        QVERIFY(pg.exec("INSERT INTO \"user\" VALUES (1, 's', 2)").ok());
        QVERIFY(pg.exec("INSERT INTO \"order\" VALUES (1, 1, 'a')").ok());
        QCOMPARE(pg.scalar("SELECT \"select\" FROM \"table\"")->toString(), QString("s"));
    }

    void nameProblems()
    {
        Source collide({"CREATE TABLE a (id INTEGER, CONSTRAINT \"Key\" PRIMARY KEY (id))",
                        "CREATE TABLE b (id INTEGER, CONSTRAINT \"KEY\" PRIMARY KEY (id))"});
        auto r = collide.plan();
        QVERIFY(!r.ok());
        QCOMPARE(r.error().kind, Error::Kind::Usage);
        QVERIFY2(r.error().message.contains("primary key \"Key\" on \"a\" and primary key \"KEY\" "
                                            "on \"b\" both become \"key\""),
                 qPrintable(r.error().message));
        TransferOptions keepCase;
        keepCase.foldLowerCase = false;
        QVERIFY(collide.plan(keepCase).ok());

        const QString longName(64, u'x');
        Source tooLong({"CREATE TABLE " + longName + " (id INTEGER)",
                        "CREATE TABLE ok (" + longName + "y INTEGER)"});
        r = tooLong.plan();
        QVERIFY(!r.ok());
        QVERIFY2(r.error().message.contains("table \"" + longName + "\"") &&
                     r.error().message.contains("63 bytes") &&
                     r.error().message.contains("column \"ok." + longName + "y\""),
                 qPrintable(r.error().message));

        const QString table(60, u't'); // generated constraint names are fitted instead
        Source generated({"CREATE TABLE " + table + " (abcdef TEXT UNIQUE)"});
        PLAN(plan, generated, TransferOptions());
        QCOMPARE(plan.target.tables.first().uniques.first().name.toUtf8().size(), 63);
    }

    void mappingOverrides()
    {
        Source source({"CREATE TABLE Invoice (InvoiceId INTEGER PRIMARY KEY, InvoiceDate DATETIME, "
                       "Total NUMERIC(10,2), Note TEXT)",
                       "INSERT INTO Invoice VALUES (1, '2021-01-01 00:00:00', 1.5, 'n')"});
        QTemporaryDir dir;
        const QString path = dir.filePath("mapping.json");
        writeFiles(dir.path(),
                   {{"mapping.json", R"j({"tables": {"invoice": {"name": "invoices", "columns": {
            "InvoiceDate": {"type": "timestamptz", "name": "invoiced_at"},
            "Total": {"type": "numeric(12, 2)"}, "Note": {"type": "bytea", "transform": "text_to_bytea"}}}}})j"}});
        TransferOptions o;
        o.mappingFile = path;
        PLAN(plan, source, o);
        QCOMPARE(plan.table("Invoice")->targetName, QString("invoices"));
        const ColumnDecision *date = column(plan, "Invoice", "InvoiceDate");
        QCOMPARE(date->targetName, QString("invoiced_at"));
        QCOMPARE(date->targetType, QString("timestamp with time zone"));
        QCOMPARE(date->transform, ValueTransform::IsoText); // the planner's, as it fits
        QVERIFY(date->overridden);
        QVERIFY2(date->reason.startsWith(
                     "mapping file: type timestamp with time zone, name invoiced_at"),
                 qPrintable(date->reason));
        QCOMPARE(column(plan, "Invoice", "Total")->targetType, QString("numeric(12,2)"));
        QCOMPARE(column(plan, "Invoice", "Note")->transform, ValueTransform::TextToBytea);
        QVERIFY(plan.decisionsText().contains("[mapping file]"));
        PG(pg);
        const QString failed = runOnPostgres(plan, pg);
        QVERIFY2(failed.isEmpty(), qPrintable(failed));
        QVERIFY(pg.exec("SELECT invoiced_at FROM invoices").ok());
    }

    void badMappings_data() { badMappingsRows(); }

    void badMappings()
    {
        QFETCH(QByteArray, json);
        QFETCH(QString, message);
        Source source({"CREATE TABLE t (c INTEGER)", "INSERT INTO t VALUES (1)"});
        QTemporaryDir dir;
        TransferOptions o;
        o.mappingFile = dir.filePath("mapping.json");
        if (!json.isEmpty())
            writeFiles(dir.path(), {{"mapping.json", json}});
        auto r = source.plan(o);
        QVERIFY(!r.ok());
        QCOMPARE(r.error().kind, Error::Kind::Source);
        QCOMPARE(r.error().file, o.mappingFile);
        QVERIFY2(r.error().message.contains(message) && r.error().message.contains(o.mappingFile),
                 qPrintable(r.error().message));
    }

    void views()
    {
        Source source(viewsSchema);
        PLAN(plan, source, TransferOptions());
        QCOMPARE(plan.target.views.size(), 2);
        const QString ddl = plan.afterLoad.join('\n');
        for (const char *part :
             {"CREATE VIEW \"public\".\"artist_albums\" (\"name\", \"shown\", \"titles\", \"n\", "
              "\"active\", \"label\") AS",
              "coalesce(\"a\".\"name\", '?')", "string_agg((\"al\".\"title\")::text, '; ')",
              "(CASE WHEN \"a\".\"active\" = true THEN 'yes' ELSE 'no' END)",
              "'id ' || \"a\".\"id\"::text", "ILIKE 'A%'",
              "FROM \"public\".\"artist\" \"a\" LEFT JOIN \"public\".\"album\"",
              "interval '-1 day'"})
            QVERIFY2(ddl.contains(part), qPrintable(part + QString("\n") + ddl));
        QVERIFY(hasManual(plan, "view", "odd"));
        QVERIFY(hasManual(plan, "view", "odder"));
        for (const ManualWork &m : plan.manualWork) {
            QVERIFY(m.originalSql.startsWith("CREATE VIEW"));
            QVERIFY(!m.reason.isEmpty());
        }
        PG(pg);
        const QString failed = runOnPostgres(plan, pg);
        QVERIFY2(failed.isEmpty(), qPrintable(failed));
        QVERIFY(pg.exec("INSERT INTO artist VALUES (1, 'abba', true)").ok());
        QVERIFY(pg.exec("INSERT INTO album VALUES (1, 1, 'x'), (2, 1, 'y')").ok());
        QCOMPARE(
            pg.scalar(
                  "SELECT titles || ' ' || n || ' ' || active || ' ' || label FROM artist_albums")
                ->toString(),
            QString("x; y 2 yes id 1"));
    }

    void triggers()
    {
        Source source(triggersSchema);
        PLAN(plan, source, TransferOptions());
        QCOMPARE(plan.target.table("public", "item")->triggers.size(), 3);
        QVERIFY(hasManual(plan, "trigger", "item_odd"));
        QVERIFY(hasManual(plan, "trigger", "v_ins"));
        QVERIFY(plan.warnings.join('\n').contains("trigger item_touch: writes its own table"));
        const QString ddl = plan.afterLoad.join('\n');
        QVERIFY2(ddl.contains("CREATE TRIGGER \"item_touch\" AFTER UPDATE OF \"name\", \"qty\" ON "
                              "\"public\".\"item\" FOR EACH ROW "
                              "WHEN (NEW.\"qty\" IS DISTINCT FROM OLD.\"qty\") EXECUTE FUNCTION "
                              "\"public\".\"item_touch_fn\"()"),
                 qPrintable(ddl));
        QVERIFY(ddl.contains("INSERT INTO \"public\".\"log\" (\"item_id\", \"what\") VALUES "
                             "(NEW.\"id\", 'insert ' || NEW.\"name\")"));
        PG(pg);
        const QString failed = runOnPostgres(plan, pg);
        QVERIFY2(failed.isEmpty(), qPrintable(failed));
        QVERIFY(pg.exec("INSERT INTO item (id, name, qty) VALUES (1, 'a', 1)").ok());
        QCOMPARE(pg.scalar("SELECT what FROM log")->toString(), QString("insert a"));
        QVERIFY(pg.exec("UPDATE item SET qty = 2").ok());
        QVERIFY(!pg.scalar("SELECT updated_at FROM item")->isNull());
        auto refused = pg.exec("INSERT INTO item (id, name, qty) VALUES (2, 'b', -1)");
        QVERIFY(!refused.ok());
        QVERIFY2(refused.error().toString().contains("negative qty"),
                 qPrintable(refused.error().toString()));
    }

    void otherSchema()
    {
        Source source(otherSchemaSchema);
        TransferOptions o;
        o.targetSchema = "app";
        o.nocase = "icu";
        PLAN(plan, source, o);
        QCOMPARE(plan.createTables.first(), QString("CREATE SCHEMA IF NOT EXISTS \"app\""));
        QVERIFY(plan.target.table("app", "p"));
        PG(pg);
        const QString failed = runOnPostgres(plan, pg);
        QVERIFY2(failed.isEmpty(), qPrintable(failed));
        QVERIFY(pg.exec("INSERT INTO app.p (name) VALUES ('x')").ok());
        QVERIFY(pg.exec("INSERT INTO app.c (p) VALUES (1)").ok());
        QCOMPARE(pg.scalar("SELECT name || n FROM app.pc")->toString(), QString("x+1"));
        QVERIFY(!pg.exec("INSERT INTO app.p (name) VALUES ('X+')").ok());
    }

    void tableSubset()
    {
        Source source({"CREATE TABLE p (id INTEGER PRIMARY KEY)",
                       "CREATE TABLE c (id INTEGER PRIMARY KEY, p INTEGER REFERENCES p(id))",
                       "CREATE VIEW pv AS SELECT * FROM p"});
        TransferOptions o;
        o.tables = {"C"};
        PLAN(plan, source, o);
        QCOMPARE(plan.tables.size(), 1);
        QVERIFY(hasManual(plan, "foreign key", "c.c_p_fkey"));
        QVERIFY(hasManual(plan, "view", "pv"));
        o.tables = {"missing"};
        auto r = source.plan(o);
        QVERIFY(!r.ok());
        QVERIFY(r.error().message.contains("no table named missing"));
    }

    void chinook()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath("chinook.db");
        QVERIFY2(QFile::copy(fixture(), path), qPrintable(fixture()));
        QFile::setPermissions(path, QFile::ReadOwner | QFile::WriteOwner);
        auto session = DatabaseSession::open(*ConnectionSpec::parse("sqlite://" + path));
        QVERIFY(session.ok());
        auto result = TransferPlanner::plan(**session, {});
        QVERIFY2(result.ok(), qPrintable(result.error().toString()));
        const TransferPlan &plan = *result;
        QCOMPARE(plan.tables.size(), 11);
        QVERIFY2(plan.manualWork.isEmpty() && plan.warnings.isEmpty(),
                 qPrintable(plan.decisionsText()));
        const QList<std::tuple<QString, QString, QString, ValueTransform>> expected = {
            {"Track", "UnitPrice", "numeric(10,2)", ValueTransform::None},
            {"Invoice", "Total", "numeric(10,2)", ValueTransform::None},
            {"Invoice", "InvoiceDate", "timestamp without time zone", ValueTransform::IsoText},
            {"Employee", "BirthDate", "timestamp without time zone", ValueTransform::IsoText},
            {"Album", "Title", "character varying(160)", ValueTransform::None},
            {"Track", "Milliseconds", "bigint", ValueTransform::None},
            {"Track", "TrackId", "bigint", ValueTransform::None}};
        for (const auto &[table, col, type, transform] : expected) {
            const ColumnDecision *c = column(plan, table, col);
            QVERIFY2(c, qPrintable(table + "." + col));
            QCOMPARE(c->targetType, type);
            QCOMPARE(c->transform, transform);
            QCOMPARE(c->targetName, col.toLower());
        }
        QCOMPARE(plan.table("Track")->identityColumn, QString("trackid"));
        QCOMPARE(plan.table("Track")->sequenceStart, 3504);
        QCOMPARE(plan.table("PlaylistTrack")->identityColumn, QString());
        const auto position = [&](const char *name) {
            for (int i = 0; i < plan.tables.size(); ++i) {
                if (plan.tables[i].sourceName == QLatin1String(name))
                    return i;
            }
            return -1;
        };
        QVERIFY(position("Artist") < position("Album") && position("Album") < position("Track"));
        // Each table's own statements (keys, indexes, identity, ANALYZE) are afterLoad's,
        // never a foreign key (those wait for every table), and each names its own table.
        for (const TableDecision &t : plan.tables) {
            QVERIFY(!t.ownSql.isEmpty());
            const QString own = QStringLiteral("\"public\".\"%1\"").arg(t.targetName);
            for (const QString &sql : t.ownSql) {
                QVERIFY2(plan.afterLoad.contains(sql), qPrintable(sql));
                QVERIFY2(!sql.contains("FOREIGN KEY") && sql.contains(own), qPrintable(sql));
            }
            QVERIFY(t.ownSql.contains("ANALYZE " + own));
        }
        QVERIFY(plan.table("Track")->ownSql.contains(
            "ALTER TABLE \"public\".\"track\" ALTER COLUMN \"trackid\" RESTART WITH 3504"));
        PG(pg);
        const QString failed = runOnPostgres(plan, pg);
        QVERIFY2(failed.isEmpty(), qPrintable(failed));
        QCOMPARE(
            pg.scalar("SELECT count(*) FROM pg_constraint WHERE contype = 'f' AND convalidated")
                ->toInt(),
            11);
        QCOMPARE(pg.scalar("SELECT count(*) FROM pg_indexes WHERE schemaname = 'public'")->toInt(),
                 11 + 11);
        QVERIFY(pg.exec("INSERT INTO genre (name) VALUES ('new')").ok());
        QCOMPARE(pg.scalar("SELECT max(genreid) FROM genre")->toInt(), 26);
    }
};

QTEST_GUILESS_MAIN(TestTransferPlan)
#include "tst_transferplan.moc"
