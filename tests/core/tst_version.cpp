#include <QTest>
class Testversion : public QObject {
    Q_OBJECT
private slots:
    void placeholder() { QVERIFY(true); }
};
QTEST_GUILESS_MAIN(Testversion)
#include "tst_version.moc"
