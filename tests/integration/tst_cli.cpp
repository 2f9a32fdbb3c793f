#include <QTest>
class Testcli : public QObject {
    Q_OBJECT
private slots:
    void placeholder() { QVERIFY(true); }
};
QTEST_GUILESS_MAIN(Testcli)
#include "tst_cli.moc"
