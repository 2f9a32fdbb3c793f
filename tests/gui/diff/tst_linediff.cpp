// LineDiff: dtl-based line pairing and word spans for the side-by-side DDL.

#include "diff/LineDiff.h"

#include <QtTest>

using namespace strata;

Q_DECLARE_METATYPE(strata::TextSpan)

class TestLineDiff : public QObject {
    Q_OBJECT

private slots:
    void rows_data();
    void rows();
    void words_data();
    void words();
    void tokens();
    void everyLineOnce();
};

void TestLineDiff::rows_data()
{
    QTest::addColumn<QString>("left");
    QTest::addColumn<QString>("right");
    QTest::addColumn<QString>("kinds"); // one letter per row: s(ame) r(emoved) a(dded) c(hanged)

    QTest::newRow("identical") << "a\nb\n"
                               << "a\nb\n"
                               << "ss";
    QTest::newRow("both empty") << ""
                                << ""
                                << "";
    QTest::newRow("added at end") << "a\n"
                                  << "a\nb\n"
                                  << "sa";
    QTest::newRow("removed in middle") << "a\nb\nc"
                                       << "a\nc"
                                       << "srs";
    QTest::newRow("changed line") << "CREATE TABLE t (\n  id integer\n);"
                                  << "CREATE TABLE t (\n  id bigint\n);"
                                  << "scs";
    QTest::newRow("changed and added") << "x\n1\ny"
                                       << "x\n2\n3\ny"
                                       << "scas";
    QTest::newRow("left empty") << ""
                                << "a\nb"
                                << "aa";
}

void TestLineDiff::rows()
{
    QFETCH(QString, left);
    QFETCH(QString, right);
    QFETCH(QString, kinds);
    const QList<DiffRow> rows = LineDiff::compare(left, right);
    QString got;
    for (const DiffRow &r : rows)
        got += QStringLiteral("srac")[int(r.kind)];
    QCOMPARE(got, kinds);
}

void TestLineDiff::words_data()
{
    QTest::addColumn<QString>("left");
    QTest::addColumn<QString>("right");
    QTest::addColumn<QString>("leftChanged"); // the text of the left spans, joined by '|'
    QTest::addColumn<QString>("rightChanged");

    QTest::newRow("type") << "  id integer NOT NULL,"
                          << "  id bigint NOT NULL,"
                          << "integer"
                          << "bigint";
    QTest::newRow("added words") << "name text"
                                 << "name text NOT NULL"
                                 << ""
                                 << " NOT NULL";
    QTest::newRow("two places") << "a b c d"
                                << "a x c y"
                                << "b|d"
                                << "x|y";
    QTest::newRow("identical") << "same"
                               << "same"
                               << ""
                               << "";
}

void TestLineDiff::words()
{
    QFETCH(QString, left);
    QFETCH(QString, right);
    QFETCH(QString, leftChanged);
    QFETCH(QString, rightChanged);
    QList<TextSpan> l, r;
    LineDiff::compareWords(left, right, l, r);
    auto text = [](const QString &line, const QList<TextSpan> &spans) {
        QStringList parts;
        for (const TextSpan &s : spans)
            parts << line.mid(s.start, s.length);
        return parts.join(u'|');
    };
    QCOMPARE(text(left, l), leftChanged);
    QCOMPARE(text(right, r), rightChanged);
}

void TestLineDiff::tokens()
{
    QCOMPARE(LineDiff::tokens(QStringLiteral("id  integer(10),x")),
             (QStringList{"id", "  ", "integer", "(", "10", ")", ",", "x"}));
    QCOMPARE(LineDiff::lines(QStringLiteral("a\nb\n")), (QStringList{"a", "b"}));
}

void TestLineDiff::everyLineOnce()
{
    const QString left = QStringLiteral("a\nb\nc\nd\ne\nf");
    const QString right = QStringLiteral("a\nc\nX\nd\nf\ng\nh");
    QList<int> seenLeft, seenRight;
    for (const DiffRow &r : LineDiff::compare(left, right)) {
        if (r.left >= 0)
            seenLeft << r.left;
        if (r.right >= 0)
            seenRight << r.right;
    }
    QCOMPARE(seenLeft, (QList<int>{0, 1, 2, 3, 4, 5}));
    QCOMPARE(seenRight, (QList<int>{0, 1, 2, 3, 4, 5, 6}));
}

QTEST_GUILESS_MAIN(TestLineDiff)
#include "tst_linediff.moc"
