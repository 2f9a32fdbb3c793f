#include <QTest>
class Testmigrator : public QObject {
    Q_OBJECT
private slots:
    void placeholder() { QVERIFY(true); }
};
QTEST_GUILESS_MAIN(Testmigrator)
#include "tst_migrator.moc"
