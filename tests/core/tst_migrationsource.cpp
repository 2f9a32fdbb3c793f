#include <QTest>
class Testmigrationsource : public QObject {
    Q_OBJECT
private slots:
    void placeholder() { QVERIFY(true); }
};
QTEST_GUILESS_MAIN(Testmigrationsource)
#include "tst_migrationsource.moc"
