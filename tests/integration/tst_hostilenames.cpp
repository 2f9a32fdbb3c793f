// Hostile names and values: identifiers with quotes, backslashes, spaces, unicode, reserved
// words, SQL fragments and exactly 63 bytes go through diff (SQLite and PostgreSQL) and
// transfer unchanged, and SQL written into a name or a value never executes: a canary table
// `victim` that such SQL would drop is still there, row and all.

#include "CliProcess.h"
#include "TestDatabases.h"

#include "diff/SchemaDiff.h"
#include "migration/SqlSplitter.h"
#include "schema/Introspector.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QSqlQuery>
#include <QTest>

using namespace strata;

namespace {

// Cuts `text` to at most `bytes` UTF-8 bytes without splitting a character.
QString utf8Cut(const QString &text, int bytes)
{
    QString out;
    for (const QChar *c = text.constBegin(); c != text.constEnd(); ++c) {
        const int step = c->isHighSurrogate() ? 2 : 1;
        const QString piece(c, step);
        if ((out + piece).toUtf8().size() > bytes)
            break;
        out += piece;
        c += step - 1;
    }
    return out;
}

QStringList hostileNames()
{
    return {
        QStringLiteral("we\"ird"),
        QStringLiteral("back\\slash"),
        QStringLiteral("with space"),
        QStringLiteral("ünïcødé_表_😀"),
        QStringLiteral("select"),
        QStringLiteral("order"),
        QStringLiteral("user"),
        QStringLiteral("references"),
        QStringLiteral("x\"); DROP TABLE victim; --"),
        QStringLiteral("y'); DROP TABLE victim; --"),
        QStringLiteral("$$; DROP TABLE victim; $$"),
        QStringLiteral("semi;colon"),
        QStringLiteral("dot.ted"),
        QStringLiteral("<script>alert(1)</script>"), // for the HTML report
        QStringLiteral("a&b|pipe`tick"),             // HTML entity, Markdown table cell, code span
        QStringLiteral("percent%s?:name"),
        QString(63, u'n'),                       // exactly the PostgreSQL limit
        QString(61, u'm') + QStringLiteral("é"), // 63 bytes ending in a 2-byte character
    };
}

QStringList hostileValues()
{
    return {QStringLiteral("'; DROP TABLE victim; --"),
            QStringLiteral("back\\slash \\N \\."),
            QStringLiteral("tab\there"),
            QStringLiteral("new\nline\r\n"),
            QStringLiteral("表😀"),
            QString(),
            QStringLiteral("$$ $x$ \"q\"")};
}

// The test's own quoting (not the code under test's): double every double quote.
QString q(const QString &name)
{
    return u'"' + QString(name).replace(u'"', QStringLiteral("\"\"")) + u'"';
}

QString indexName(int k, const QString &name)
{
    return utf8Cut(QStringLiteral("i%1_").arg(k) + name, 63);
}

void exec(DatabaseSession &s, const QString &sql)
{
    auto done = s.exec(sql);
    if (!done)
        QFAIL(qPrintable(sql + u'\n' + done.error().toString()));
}

// One table per hostile name, with a column of the same name, an index and a view.
void createHostileSchema(DatabaseSession &s)
{
    const QStringList names = hostileNames();
    for (int k = 0; k < names.size(); ++k) {
        const QString &n = names[k];
        exec(s, QStringLiteral("CREATE TABLE %1 (id integer PRIMARY KEY, %2 text)")
                    .arg(q(n), q(utf8Cut(QStringLiteral("c ") + n, 63))));
        exec(s, QStringLiteral("CREATE INDEX %1 ON %2 (%3)")
                    .arg(q(indexName(k, n)), q(n), q(utf8Cut(QStringLiteral("c ") + n, 63))));
        exec(s, QStringLiteral("CREATE VIEW %1 AS SELECT id FROM %2")
                    .arg(q(utf8Cut(QStringLiteral("v ") + n, 63)), q(n)));
    }
}

void createVictim(DatabaseSession &s)
{
    exec(s, QStringLiteral("CREATE TABLE victim (id integer)"));
    exec(s, QStringLiteral("INSERT INTO victim VALUES (1)"));
}

int victimRows(DatabaseSession &s)
{
    return test::rowCount(s, QStringLiteral("victim"));
}

QString changeList(const SchemaDiffResult &diff)
{
    QStringList lines;
    for (const Change &c : diff.changes)
        lines << c.summary;
    return lines.join(u'\n');
}

} // namespace

class TestHostileNames : public QObject {
    Q_OBJECT

private slots:
    void diff_data()
    {
        QTest::addColumn<QString>("engine");
        QTest::newRow("sqlite") << "sqlite";
        QTest::newRow("postgresql") << "postgresql";
    }

    // The diff that turns an empty database into one full of hostile names creates them all,
    // exactly, and diffing again finds nothing left to do.
    void diff()
    {
        QFETCH(QString, engine);
        STRATA_SCRATCH(source, test::engineFromName(engine));
        STRATA_SCRATCH(target, test::engineFromName(engine));
        auto src = test::openSession(source.url());
        auto dst = test::openSession(target.url());
        createHostileSchema(*src);
        createVictim(*src);
        createVictim(*dst);
        auto from = Introspector::read(*dst);
        auto to = Introspector::read(*src);
        QVERIFY2(from && to, qPrintable(from ? to.error().toString() : from.error().toString()));
        const int objects = int(hostileNames().size());
        QCOMPARE(int(to->tables.size()), objects + 1);

        const SchemaDiffResult diff = SchemaDiff::compare(*from, *to);
        QVERIFY2(!diff.changes.isEmpty(), "no changes found");
        exec(*dst, dst->dialect().beginSql());
        for (const SqlStatement &s : SqlSplitter::split(diff.forwardSql()))
            exec(*dst, s.sql);
        exec(*dst, QStringLiteral("COMMIT"));
        QCOMPARE(victimRows(*dst), 1);

        auto after = Introspector::read(*dst);
        QVERIFY2(after, qPrintable(after.error().toString()));
        const SchemaDiffResult again = SchemaDiff::compare(*after, *to);
        QVERIFY2(again.changes.isEmpty(), qPrintable(changeList(again)));
        const QStringList tables = test::tableNames(*dst);
        for (const QString &n : hostileNames())
            QVERIFY2(tables.contains(n), qPrintable(n));
    }

    // `diff --report` in JSON, HTML and Markdown: JSON carries every name exactly; HTML escapes
    // markup (no live <script>); Markdown keeps every name's text.
    void reports()
    {
        STRATA_SCRATCH(hostile, Engine::Sqlite);
        STRATA_SCRATCH(empty, Engine::Sqlite);
        {
            auto src = test::openSession(hostile.url());
            createHostileSchema(*src);
            auto dst = test::openSession(empty.url());
            createVictim(*dst);
        }
        QTemporaryDir dir;
        QHash<QString, QByteArray> written;
        for (const char *ext : {"json", "html", "md"}) {
            const QString file = dir.filePath(QStringLiteral("diff.") + QLatin1String(ext));
            const test::CliRun run =
                test::runCli({"diff", empty.url(), hostile.url(), "--report", file});
            QVERIFY2(run.exitCode == 0, qPrintable(run.describe()));
            QFile f(file);
            QVERIFY2(f.open(QIODevice::ReadOnly), qPrintable(file));
            written[QLatin1String(ext)] = f.readAll();
        }
        const QString json =
            QJsonDocument::fromJson(written["json"]).toJson(QJsonDocument::Compact);
        QVERIFY2(!json.isEmpty() && json != QLatin1String("{}"), "the JSON report does not parse");
        const QString html = QString::fromUtf8(written["html"]);
        const QString md = QString::fromUtf8(written["md"]);
        QVERIFY2(!html.contains(QLatin1String("<script>alert(1)</script>")),
                 "live markup in the HTML report");
        QVERIFY(html.contains(QLatin1String("&lt;script&gt;alert(1)&lt;/script&gt;")));
        for (const QString &n : hostileNames()) {
            // JSON: the name as a JSON string, exactly (the document re-serialised compactly).
            const QString asJson =
                QString::fromUtf8(QJsonDocument(QJsonArray{n}).toJson(QJsonDocument::Compact))
                    .mid(1)
                    .chopped(1);
            QVERIFY2(json.contains(asJson), qPrintable(n));
            const QString escaped = n.toHtmlEscaped();
            QVERIFY2(html.contains(escaped) || html.contains(QString(escaped).replace(
                                                   QLatin1String("&quot;"), QLatin1String("\""))),
                     qPrintable(n));
            // Markdown may backslash-escape or entity-encode punctuation; the letters stay in
            // order.
            QString letters;
            for (QChar c : n)
                if (c.isLetterOrNumber())
                    letters += c;
            QString mdLetters;
            for (QChar c : md)
                if (c.isLetterOrNumber())
                    mdLetters += c;
            QVERIFY2(mdLetters.contains(letters), qPrintable(n));
        }
        auto dst = test::openSession(empty.url());
        QCOMPARE(victimRows(*dst), 1);
    }

    // SQLite -> PostgreSQL with --keep-case: every hostile table arrives under its own name with
    // its hostile values intact, and the target's canary survives.
    void transfer()
    {
        STRATA_SCRATCH(target, Engine::Postgres);
        QTemporaryDir dir;
        const QString sourceUrl =
            QStringLiteral("sqlite://") + dir.filePath(QStringLiteral("hostile.db"));
        {
            auto src = test::openSession(sourceUrl);
            createHostileSchema(*src);
            const QStringList names = hostileNames();
            const QStringList values = hostileValues();
            for (const QString &n : names) {
                for (int v = 0; v < values.size(); ++v) {
                    QSqlQuery insert(src->database());
                    insert.prepare(QStringLiteral("INSERT INTO %1 VALUES (?, ?)").arg(q(n)));
                    insert.addBindValue(v);
                    insert.addBindValue(values[v]);
                    QVERIFY2(insert.exec(), qPrintable(n));
                }
            }
        }
        auto pg = test::openSession(target.url());
        createVictim(*pg);
        const test::CliRun run = test::runCli({"transfer", sourceUrl, target.url(), "--keep-case"});
        QVERIFY2(run.exitCode == 0, qPrintable(run.describe()));
        QCOMPARE(victimRows(*pg), 1);
        const QStringList tables = test::tableNames(*pg);
        const QStringList values = hostileValues();
        for (const QString &n : hostileNames()) {
            QVERIFY2(tables.contains(n), qPrintable(n + u'\n' + tables.join(u'\n')));
            QSqlQuery rows(pg->database());
            QVERIFY(rows.exec(QStringLiteral("SELECT id, %1 FROM %2 ORDER BY id")
                                  .arg(q(utf8Cut(QStringLiteral("c ") + n, 63)), q(n))));
            int seen = 0;
            while (rows.next()) {
                const QString expected = values[rows.value(0).toInt()];
                QCOMPARE(rows.value(1).isNull(), expected.isNull());
                QCOMPARE(rows.value(1).toString(), expected);
                ++seen;
            }
            QCOMPARE(seen, int(values.size()));
        }
    }
};

QTEST_GUILESS_MAIN(TestHostileNames)
#include "tst_hostilenames.moc"
