// Alembic projects read without Python: revision files, the revision graph (branches, merges,
// heads, lanes), its errors, placing a database on it, and splitting Alembic's offline SQL.
#include "interop/AlembicProject.h"
#include "interop/AlembicRunner.h"
#include "interop/AlembicStatus.h"

#include <QRandomGenerator>
#include <QtTest>

using namespace strata;

namespace {

QString fixture(const QString &name)
{
    return qEnvironmentVariable("STRATA_SOURCE_DIR") + QStringLiteral("/tests/fixtures/alembic/") +
           name;
}

QString errorOf(const Result<AlembicProject> &r)
{
    return r ? QString() : r.error().message;
}

QStringList ids(const RevisionGraph &g, const QList<int> &indexes)
{
    QStringList out;
    for (int i : indexes)
        out << g.revisions()[i].id;
    return out;
}

} // namespace

class TestAlembicGraph : public QObject {
    Q_OBJECT
private slots:
    void parse_data();
    void parse();
    void parseErrors_data();
    void parseErrors();
    void arbitraryBytesNeverCrash();
    void shopProject();
    void shopLayout();
    void twoBasesWithDependsOn();
    void graphErrors_data();
    void graphErrors();
    void placement_data();
    void placement();
    void splitOffline();
};

void TestAlembicGraph::parse_data()
{
    QTest::addColumn<QByteArray>("text");
    QTest::addColumn<QString>("id");
    QTest::addColumn<QStringList>("down");
    QTest::addColumn<QStringList>("labels");
    QTest::addColumn<QStringList>("depends");
    QTest::addColumn<QString>("message");
    QTest::addColumn<QString>("date");

    QTest::newRow("classic template")
        << QByteArray("\"\"\"add account\n\nRevision ID: 1975ea83b712\nRevises: \n"
                      "Create Date: 2011-11-08 11:40:27.089406\n\n\"\"\"\n"
                      "from alembic import op\n\n# revision identifiers\n"
                      "revision = '1975ea83b712'\ndown_revision = None\n"
                      "branch_labels = None\ndepends_on = None\n")
        << "1975ea83b712" << QStringList() << QStringList() << QStringList() << "add account"
        << "2011-11-08 11:40:27.089406";
    QTest::newRow("annotated")
        << QByteArray("\"\"\"typed\"\"\"\nfrom typing import Sequence, Union\n"
                      "revision: str = \"ae1027a6acf\"\n"
                      "down_revision: Union[str, None] = \"1975ea83b712\"\n"
                      "branch_labels: Union[str, Sequence[str], None] = ('feature', 'x')\n"
                      "depends_on: Union[str, Sequence[str], None] = ['55af2cb1c267']\n")
        << "ae1027a6acf" << QStringList{"1975ea83b712"} << QStringList{"feature", "x"}
        << QStringList{"55af2cb1c267"} << "typed"
        << "";
    QTest::newRow("merge tuple over lines")
        << QByteArray("revision = 'm1'\ndown_revision = (\n    'a',  # left\n    'b',\n)\n") << "m1"
        << QStringList{"a", "b"} << QStringList() << QStringList() << ""
        << "";
    QTest::newRow("bare tuple, CRLF, BOM")
        << QByteArray("\xEF\xBB\xBFrevision = 'm2'\r\ndown_revision = 'a', 'b'\r\n") << "m2"
        << QStringList{"a", "b"} << QStringList() << QStringList() << ""
        << "";
    QTest::newRow("indented and nested ignored")
        << QByteArray(
               "revision = 'r1'\ndown_revision = 'p'\n\ndef upgrade():\n    revision = 'nope'\n"
               "    op.execute(\"\"\"\nrevision = 'no'\n\"\"\")\n")
        << "r1" << QStringList{"p"} << QStringList() << QStringList() << ""
        << "";
    QTest::newRow("single-quoted docstring, escapes, concatenation")
        << QByteArray("'''it\\'s \"quoted\"\nCreate Date: 2024-05-01'''\nrevision = 'ab' \"cd\"\n"
                      "down_revision = r'x\\y'\n")
        << "abcd" << QStringList{"x\\y"} << QStringList() << QStringList() << "it's \"quoted\""
        << "2024-05-01";
    QTest::newRow("later assignment wins, == ignored")
        << QByteArray("revision = 'old'\nif revision == 'x':\n    pass\nrevision = 'new'\n")
        << "new" << QStringList() << QStringList() << QStringList() << ""
        << "";
}

void TestAlembicGraph::parse()
{
    QFETCH(QByteArray, text);
    auto rev = AlembicRevisionReader::parse(text, QStringLiteral("versions/x.py"));
    QVERIFY2(rev.ok(), qPrintable(rev ? QString() : rev.error().toString()));
    QTEST(rev->id, "id");
    QTEST(rev->downRevisions, "down");
    QTEST(rev->branchLabels, "labels");
    QTEST(rev->dependsOn, "depends");
    QTEST(rev->message, "message");
    QTEST(rev->createDate, "date");
}

void TestAlembicGraph::parseErrors_data()
{
    QTest::addColumn<QByteArray>("text");
    QTest::addColumn<QString>("expected");
    QTest::newRow("no revision") << QByteArray("down_revision = None\n") << "no `revision";
    QTest::newRow("computed value")
        << QByteArray("revision = make_id()\n") << "`revision` on line 1 is not a string";
    QTest::newRow("None revision")
        << QByteArray("revision = None\n") << "must be one non-empty string";
    QTest::newRow("tuple revision")
        << QByteArray("revision = ('a', 'b')\n") << "must be one non-empty string";
    QTest::newRow("unterminated") << QByteArray("revision = 'abc\n")
                                  << "unterminated string starting on line 1";
    QTest::newRow("own parent") << QByteArray("revision = 'a'\ndown_revision = 'a'\n")
                                << "own parent";
    QTest::newRow("variable") << QByteArray("revision = 'a'\ndown_revision = OTHER\n")
                              << "`down_revision` on line 2";
}

void TestAlembicGraph::parseErrors()
{
    QFETCH(QByteArray, text);
    QFETCH(QString, expected);
    auto rev = AlembicRevisionReader::parse(text, QStringLiteral("versions/bad.py"));
    QVERIFY(!rev.ok());
    QVERIFY2(rev.error().message.contains(expected), qPrintable(rev.error().message));
    QCOMPARE(rev.error().file, QStringLiteral("versions/bad.py"));
}

void TestAlembicGraph::arbitraryBytesNeverCrash()
{
    const QByteArray seed =
        "\"\"\"m\"\"\"\nrevision = 'a'\ndown_revision = ('b', \"c\")\nbranch_labels = None\n";
    auto *rng = QRandomGenerator::global();
    int parsed = 0;
    for (int i = 0; i < 3000; ++i) {
        QByteArray text = seed;
        const int edits = 1 + int(rng->bounded(6));
        for (int e = 0; e < edits; ++e) {
            const int at = int(rng->bounded(text.size()));
            const char pick = "'\"()[],=\\\n#:rbN \x80\xff"[rng->bounded(19)];
            if (rng->bounded(2))
                text[at] = pick;
            else
                text.insert(at, pick);
        }
        if (AlembicRevisionReader::parse(text))
            ++parsed;
    }
    QVERIFY(parsed > 0); // some mutations stay valid; none may crash or hang
}

void TestAlembicGraph::shopProject()
{
    auto project = AlembicProject::read(fixture("shop"));
    QVERIFY2(project.ok(), qPrintable(errorOf(project)));
    QVERIFY(AlembicProject::looksLikeProject(fixture("shop")));
    QVERIFY(project->scriptDir.endsWith("shop/migrations"));
    const RevisionGraph &g = project->graph;
    QCOMPARE(g.revisions().size(), 6);
    QCOMPARE(g.heads(), QStringList{"6f7081920314"});
    QCOMPARE(g.bases(), QStringList{"1a2b3c4d5e6f"});
    const AlembicRevision *merge = g.find("5e6f70819203");
    QVERIFY(merge && merge->isMerge());
    QCOMPARE(merge->downRevisions, (QStringList{"3c4d5e6f7081", "4d5e6f708192"}));
    QCOMPARE(merge->message, QStringLiteral("merge contact and invoice"));
    QCOMPARE(g.find("3c4d5e6f7081")->branchLabels, QStringList{"contact"});
    QCOMPARE(ids(g, g.children(g.indexOf("2b3c4d5e6f70"))).size(), 2); // the branch point
    QCOMPARE(ids(g, g.topologicalOrder()),
             (QStringList{"1a2b3c4d5e6f", "2b3c4d5e6f70", "3c4d5e6f7081", "4d5e6f708192",
                          "5e6f70819203", "6f7081920314"}));
}

void TestAlembicGraph::shopLayout()
{
    auto project = AlembicProject::read(fixture("shop"));
    QVERIFY2(project.ok(), qPrintable(errorOf(project)));
    const RevisionGraph &g = project->graph;
    const QList<GraphRow> rows = g.layout();
    QCOMPARE(rows.size(), 6);
    QCOMPARE(g.laneCount(), 2);
    // Newest first: head, merge (two edges down), the two branches side by side, then the trunk.
    QCOMPARE(g.revisions()[rows[0].revision].id, QStringLiteral("6f7081920314"));
    QCOMPARE(g.revisions()[rows[1].revision].id, QStringLiteral("5e6f70819203"));
    QCOMPARE(rows[1].downLanes.size(), 2);
    QCOMPARE(rows[2].throughLanes.size(), 1); // the other branch passes beside it
    QVERIFY(rows[2].lane != rows[3].lane);
    const GraphRow &branchPoint = rows[4];
    QCOMPARE(g.revisions()[branchPoint.revision].id, QStringLiteral("2b3c4d5e6f70"));
    QCOMPARE(branchPoint.upLanes.size(), 2);
    QCOMPARE(rows[5].upLanes, QList<int>{rows[5].lane});
    QVERIFY(rows[5].downLanes.isEmpty());
}

void TestAlembicGraph::twoBasesWithDependsOn()
{
    auto project = AlembicProject::read(fixture("two_bases"));
    QVERIFY2(project.ok(), qPrintable(errorOf(project)));
    const RevisionGraph &g = project->graph;
    QCOMPARE(g.bases(), (QStringList{"aaa", "ccc"}));
    QCOMPARE(g.heads(), (QStringList{"ddd", "eee"}));
    // ccc depends on the `core` label (aaa): aaa comes first, and applying ddd needs aaa too.
    QVERIFY(g.topologicalOrder().indexOf(g.indexOf("aaa")) <
            g.topologicalOrder().indexOf(g.indexOf("ccc")));
    QVERIFY(g.ancestorsOf({"ddd"}).contains(g.indexOf("aaa")));
    QVERIFY(!g.ancestorsOf({"ddd"}).contains(g.indexOf("bbb")));
    QCOMPARE(g.laneCount(), 2);
}

void TestAlembicGraph::graphErrors_data()
{
    QTest::addColumn<QString>("project");
    QTest::addColumn<QStringList>("expected");
    QTest::newRow("cycle") << "cycle" << QStringList{"cycle", "aaa", "bbb", "ccc", "a_first.py"};
    QTest::newRow("missing parent") << "missing_parent" << QStringList{"bbb", "zzz", "no file"};
    QTest::newRow("duplicate") << "duplicate"
                               << QStringList{"bbb", "defined twice", "b_one.py", "c_again.py"};
}

void TestAlembicGraph::graphErrors()
{
    QFETCH(QString, project);
    QFETCH(QStringList, expected);
    auto read = AlembicProject::read(fixture(project));
    QVERIFY(!read.ok());
    for (const QString &word : expected)
        QVERIFY2(read.error().message.contains(word), qPrintable(read.error().message));
    QVERIFY(read.error().file.endsWith(".py"));
}

void TestAlembicGraph::placement_data()
{
    QTest::addColumn<QStringList>("heads");
    QTest::addColumn<QStringList>("applied");
    QTest::addColumn<int>("missing");
    QTest::newRow("fresh") << QStringList() << QStringList() << 0;
    QTest::newRow("on one branch")
        << QStringList{"3c4d5e6f7081"}
        << QStringList{"1a2b3c4d5e6f", "2b3c4d5e6f70", "3c4d5e6f7081"} << 0;
    QTest::newRow("both branches")
        << QStringList{"3c4d5e6f7081", "4d5e6f708192"}
        << QStringList{"1a2b3c4d5e6f", "2b3c4d5e6f70", "3c4d5e6f7081", "4d5e6f708192"} << 0;
    QTest::newRow("head") << QStringList{"6f7081920314"}
                          << QStringList{"1a2b3c4d5e6f", "2b3c4d5e6f70", "3c4d5e6f7081",
                                         "4d5e6f708192", "5e6f70819203", "6f7081920314"}
                          << 0;
    QTest::newRow("unknown head") << QStringList{"deadbeef0000"} << QStringList() << 1;
}

void TestAlembicGraph::placement()
{
    QFETCH(QStringList, heads);
    QFETCH(QStringList, applied);
    QFETCH(int, missing);
    auto project = AlembicProject::read(fixture("shop"));
    QVERIFY2(project.ok(), qPrintable(errorOf(project)));
    const AlembicStatus st = AlembicPlacement::place(project->graph, heads);
    QStringList got;
    for (const AlembicEntry &e : st.entries) {
        if (e.state == MigrationState::Applied)
            got << e.id;
        QCOMPARE(e.isDatabaseHead, heads.contains(e.id));
    }
    std::sort(got.begin(), got.end());
    QCOMPARE(got, applied);
    QCOMPARE(st.count(MigrationState::MissingFile), missing);
    QCOMPARE(st.count(MigrationState::Pending), 6 - int(applied.size()));
    QCOMPARE(st.entries.size(), 6 + missing);
}

void TestAlembicGraph::splitOffline()
{
    auto project = AlembicProject::read(fixture("shop"));
    QVERIFY2(project.ok(), qPrintable(errorOf(project)));
    const QString sql =
        "BEGIN;\n\nCREATE TABLE alembic_version (\n    version_num VARCHAR(32) NOT NULL\n);\n\n"
        "-- Running upgrade  -> 1a2b3c4d5e6f\n\nCREATE TABLE customer (id INTEGER);\n\n"
        "INSERT INTO alembic_version (version_num) VALUES ('1a2b3c4d5e6f');\n\n"
        "-- Running upgrade 3c4d5e6f7081, 4d5e6f708192 -> 5e6f70819203\n\n"
        "DELETE FROM alembic_version WHERE alembic_version.version_num = "
        "'3c4d5e6f7081';\n\nCOMMIT;\n";
    AlembicRunner runner(*project);
    const Plan fresh = runner.splitOffline(sql, Direction::Up, "alembic_version", false);
    QVERIFY(!fresh.recordHistory);
    QCOMPARE(fresh.steps.size(), 3);
    QCOMPARE(fresh.steps[0].statements.size(), 1); // CREATE TABLE alembic_version; BEGIN dropped
    QCOMPARE(fresh.steps[1].migration.description, QStringLiteral("1a2b3c4d5e6f create customer"));
    QCOMPARE(fresh.steps[1].statements.size(), 2);
    QCOMPARE(fresh.steps[1].statements[0].line, 9);
    QCOMPARE(fresh.steps[2].statements.size(), 1); // COMMIT dropped
    QVERIFY(fresh.steps[2].script.path.startsWith("versions/5e6f70819203_merge"));
    const Plan existing = runner.splitOffline(sql, Direction::Up, "alembic_version", true);
    QCOMPARE(existing.steps.size(), 2); // the version table already exists
}

QTEST_GUILESS_MAIN(TestAlembicGraph)
#include "tst_alembicgraph.moc"
