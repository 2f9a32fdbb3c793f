#include <QTest>
class Testconnectionspec : public QObject {
    Q_OBJECT
private slots:
    void placeholder() { QVERIFY(true); }
};
QTEST_GUILESS_MAIN(Testconnectionspec)
#include "tst_connectionspec.moc"
