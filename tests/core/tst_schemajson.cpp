// Snapshots: lossless, byte-stable JSON, and clear errors for malformed files.

#include "schema/SchemaJson.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTest>

using namespace strata;

namespace {

Schema sample()
{
    Schema s;
    s.engine = Engine::Postgres;
    s.serverVersion = QStringLiteral("PostgreSQL 15");
    s.schemas = {"shop", "public"};
    Table orders;
    orders.schema = "shop";
    orders.name = "order";
    Column id;
    id.name = "id";
    id.declaredType = id.type = "bigint";
    id.notNull = true;
    id.identity = IdentityKind::Always;
    Column note;
    note.name = "note \"quoted\" ☕";
    note.declaredType = note.type = "character varying(20)";
    note.defaultExpr = "'x'::character varying";
    note.collation = "C";
    note.comment = "free text";
    Column total;
    total.name = "total";
    total.declaredType = total.type = "numeric(10,2)";
    total.generatedExpr = "(price * qty)";
    total.generatedStored = true;
    orders.columns = {id, note, total};
    orders.primaryKey = PrimaryKey{"order_pkey", {"id"}};
    orders.uniques = {{"z_unique", {"note"}}, {"a_unique", {"id", "note"}}};
    ForeignKey fk;
    fk.name = "order_customer_fkey";
    fk.columns = {"customer_id"};
    fk.refSchema = "public";
    fk.refTable = "user";
    fk.refColumns = {"id"};
    fk.onDelete = "CASCADE";
    fk.deferrable = fk.initiallyDeferred = true;
    fk.match = "FULL";
    orders.foreignKeys = {fk};
    orders.checks = {{"total_positive", "total > 0"}};
    Index idx;
    idx.name = "order_lower_note";
    idx.unique = true;
    idx.columns = {{"lower(note)", true, true, "LAST", ""}, {"id", false, false, "", "C"}};
    idx.where = "total > 10";
    idx.method = "btree";
    idx.definition = "CREATE UNIQUE INDEX ...";
    orders.indexes = {idx};
    orders.triggers = {{"audit", "CREATE TRIGGER audit ..."}};
    orders.comment = "orders";
    Table user;
    user.schema = "public";
    user.name = "user";
    user.withoutRowid = true;
    s.tables = {orders, user};
    View v;
    v.schema = "shop";
    v.name = "big orders";
    v.definition = "SELECT id FROM shop.\"order\" WHERE total > 100";
    v.columns = {"id"};
    v.dependsOn = {"shop.order"};
    v.materialized = true;
    s.views = {v};
    Sequence seq;
    seq.schema = "shop";
    seq.name = "ticket";
    seq.start = 1000;
    seq.increment = -2;
    seq.minValue = -9223372036854775807LL - 1;
    seq.maxValue = 9223372036854775807LL;
    seq.cycle = true;
    s.sequences = {seq};
    s.enums = {{"shop", "mood", {"sad", "ok", "happy"}, "how it feels"}};
    s.schemaComments = {{"shop", "the shop"}};
    return s;
}

} // namespace

class TestSchemaJson : public QObject {
    Q_OBJECT

private slots:
    void roundTripIsLosslessAndByteStable()
    {
        const Schema original = sample();
        const QByteArray json = SchemaJson::write(original);
        auto back = SchemaJson::read(json);
        QVERIFY2(back.ok(), qPrintable(back.error().toString()));
        Schema expected = original;
        expected.normalise();
        QCOMPARE(back->tables.size(), 2);
        QVERIFY(*back == expected);
        QCOMPARE(back->serverVersion, original.serverVersion);
        QCOMPARE(back->sequences.first().minValue, std::numeric_limits<qint64>::min());
        QCOMPARE(SchemaJson::write(*back), json);
        QCOMPARE(SchemaJson::write(*back, true), SchemaJson::write(original, true));
    }

    void orderOfInputDoesNotMatter()
    {
        Schema a = sample();
        Schema b = sample();
        std::reverse(b.tables.begin(), b.tables.end());
        std::reverse(b.schemas.begin(), b.schemas.end());
        std::reverse(b.tables.first().uniques.begin(), b.tables.first().uniques.end());
        QCOMPARE(SchemaJson::write(a), SchemaJson::write(b));
    }

    void columnOrderMatters()
    {
        Schema a = sample();
        Schema b = sample();
        std::reverse(b.tables[0].columns.begin(), b.tables[0].columns.end());
        QVERIFY(SchemaJson::write(a) != SchemaJson::write(b));
    }

    void defaultsAreLeftOut()
    {
        Schema s;
        s.engine = Engine::Sqlite;
        Table t;
        t.schema = "main";
        t.name = "t";
        Column c;
        c.name = "c";
        t.columns = {c};
        s.tables = {t};
        const QJsonObject column = QJsonDocument::fromJson(SchemaJson::write(s))
                                       .object()["tables"].toArray().at(0).toObject()["columns"].toArray().at(0).toObject();
        QCOMPARE(column.keys(), QStringList{"name"});
    }

    void malformedInput_data()
    {
        QTest::addColumn<QByteArray>("json");
        QTest::addColumn<QString>("mentions");
        QTest::newRow("not json") << QByteArray("{oops") << "invalid JSON";
        QTest::newRow("empty") << QByteArray("") << "invalid JSON";
        QTest::newRow("array") << QByteArray("[]") << "not a JSON object";
        QTest::newRow("no format") << QByteArray(R"({"engine":"sqlite"})") << "format";
        QTest::newRow("bad engine") << QByteArray(R"({"format":1,"engine":"oracle"})") << "engine";
        QTest::newRow("tables not list") << QByteArray(R"({"format":1,"engine":"sqlite","tables":{}})") << "`tables`";
        QTest::newRow("name not string") << QByteArray(R"({"format":1,"engine":"sqlite","tables":[{"name":3}]})") << "`name`";
        QTest::newRow("bad identity") << QByteArray(R"({"format":1,"engine":"sqlite","tables":[{"name":"t","columns":[{"name":"c","identity":"magic"}]}]})") << "identity";
        QTest::newRow("bad integer") << QByteArray(R"({"format":1,"engine":"postgresql","sequences":[{"name":"s","start":"ten"}]})") << "`start`";
        QTest::newRow("invalid utf-8") << QByteArray("{\"format\":1,\"engine\":\"sqlite\",\"schemas\":[\"\xff\"]}") << "";
    }
    void malformedInput()
    {
        QFETCH(QByteArray, json);
        QFETCH(QString, mentions);
        auto result = SchemaJson::read(json, "snap.json");
        if (mentions.isEmpty()) {
            // Qt replaces invalid UTF-8 in JSON strings; what matters is no crash and a value.
            QVERIFY(result.ok() || !result.error().message.isEmpty());
            return;
        }
        QVERIFY(!result.ok());
        QCOMPARE(result.error().kind, Error::Kind::Source);
        QCOMPARE(result.error().file, QStringLiteral("snap.json"));
        QVERIFY2(result.error().message.contains(mentions), qPrintable(result.error().message));
    }
};

QTEST_GUILESS_MAIN(TestSchemaJson)
#include "tst_schemajson.moc"
