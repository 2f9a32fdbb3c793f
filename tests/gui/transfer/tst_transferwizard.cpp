// The transfer wizard (offscreen) moves Chinook into a real PostgreSQL database: the pages are
// driven like a user would, one type is changed in the mapping table (and saved as the mapping
// file), the run shows progress on the worker thread, and every table ends verified.

#include "TestDatabases.h"
#include "common/Banner.h"
#include "common/SqlEditor.h"
#include "report/ReportExport.h"
#include "transfer/TransferWizard.h"
#include "transfer/TransferWizardPages.h"
#include "transfer/TypeMappingModel.h"

#include <QAbstractItemModelTester>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QListWidget>
#include <QProcess>
#include <QProgressBar>
#include <QPushButton>
#include <QSignalSpy>
#include <QTableWidget>
#include <QTest>
#include <QTreeWidget>

using namespace strata;

namespace {

QString chinookCopy(const QTemporaryDir &dir)
{
    const QString from =
        qEnvironmentVariable("STRATA_FIXTURES") + QStringLiteral("/chinook/Chinook_Sqlite.sqlite");
    const QString to = dir.filePath(QStringLiteral("Chinook_Sqlite.sqlite"));
    QFile::copy(from, to);
    return to;
}

} // namespace

class TestTransferWizard : public QObject {
    Q_OBJECT

public:
    // The wizard remembers its last SQLite file in the settings: a scratch home for them.
    static void initMain()
    {
        static QTemporaryDir home;
        qputenv("XDG_CONFIG_HOME", home.filePath(QStringLiteral("config")).toUtf8());
    }

private slots:
    void transfersChinookAndVerifiesEveryTable();
    void mappingModelRejectsUnknownTypes();
    void cancelStopsTheRun();
};

void TestTransferWizard::transfersChinookAndVerifiesEveryTable()
{
    STRATA_SCRATCH(pg, Engine::Postgres);
    QTemporaryDir dir;
    const QString source = chinookCopy(dir);
    QVERIFY2(QFile::exists(source), qPrintable(source));

    TransferWizard wizard;
    QAbstractItemModelTester tester(wizard.mappingModel(),
                                    QAbstractItemModelTester::FailureReportingMode::QtTest);
    wizard.show();
    QCOMPARE(wizard.currentId(), int(TransferWizard::SourcePageId));
    QVERIFY(!wizard.button(QWizard::NextButton)->isEnabled());
    wizard.setSourcePath(source);
    QVERIFY(wizard.button(QWizard::NextButton)->isEnabled());
    wizard.next();

    QCOMPARE(wizard.currentId(), int(TransferWizard::TargetPageId));
    // The target carries its password (pg_virtualenv's): the report must not show it.
    const QString password = qEnvironmentVariable("PGPASSWORD");
    if (password.size() < 8)
        QFAIL("this test needs PGPASSWORD (pg_virtualenv sets one)");
    ConnectionSpec target = pg.spec();
    target.password = password;
    wizard.setTarget(target);
    wizard.setTargetSchema(QStringLiteral("public"));
    QVERIFY(!wizard.button(QWizard::NextButton)->isEnabled()); // until the server answered
    QTRY_VERIFY_WITH_TIMEOUT(wizard.button(QWizard::NextButton)->isEnabled(), 15000);
    QVERIFY(!wizard.resultPage()->exportReport->isEnabled()); // no result yet
    wizard.next();

    // Tables and types: the planner's choices, one of them changed by an edit.
    QCOMPARE(wizard.currentId(), int(TransferWizard::MappingPageId));
    QTRY_VERIFY_WITH_TIMEOUT(wizard.mappingPage()->isPlanned(), 30000);
    QCOMPARE(wizard.mappingPage()->tables->count(), 11);
    TypeMappingModel *mapping = wizard.mappingModel();
    const int composer = mapping->rowOf(QStringLiteral("Track"), QStringLiteral("Composer"));
    QVERIFY(composer >= 0);
    QVERIFY(mapping->index(composer, TypeMappingModel::TargetTypeColumn).data().toString() !=
            QLatin1String("text"));
    QVERIFY(mapping->setData(mapping->index(composer, TypeMappingModel::TargetTypeColumn),
                             QStringLiteral("TEXT")));
    QCOMPARE(mapping->index(composer, TypeMappingModel::TargetTypeColumn).data().toString(),
             QStringLiteral("text"));
    QVERIFY(mapping->index(composer, TypeMappingModel::ReasonColumn)
                .data()
                .toString()
                .startsWith(QLatin1String("your choice")));
    const QString mappingPath = dir.filePath(QStringLiteral("chinook.mapping.json"));
    wizard.setMappingPath(mappingPath);
    wizard.next();

    // The mapping file holds the edit and reads back.
    auto saved = MappingFile::read(mappingPath);
    QVERIFY2(saved.ok(), qPrintable(saved.ok() ? QString() : saved.error().toString()));
    QVERIFY(saved->table(QStringLiteral("Track")) &&
            saved->table(QStringLiteral("Track"))->column(QStringLiteral("Composer")));
    QCOMPARE(saved->table(QStringLiteral("Track"))->column(QStringLiteral("Composer"))->type,
             QStringLiteral("text"));

    // The target DDL, planned again with the mapping file.
    QCOMPARE(wizard.currentId(), int(TransferWizard::PreviewPageId));
    QTRY_VERIFY_WITH_TIMEOUT(wizard.button(QWizard::CommitButton)->isEnabled(), 30000);
    const QString ddl = wizard.findChild<wizard::PreviewPage *>()->ddl->text();
    QVERIFY2(ddl.contains(QLatin1String("CREATE TABLE")) && ddl.contains(QLatin1String("track")),
             qPrintable(ddl.left(500)));
    QVERIFY(wizard.plan());
    const ColumnDecision *chosen =
        wizard.plan()->table(QStringLiteral("Track"))->column(QStringLiteral("Composer"));
    QVERIFY(chosen && chosen->overridden);
    QCOMPARE(chosen->targetType, QStringLiteral("text"));

    // The run: on the worker thread, progress arrives while the GUI keeps processing events.
    QSignalSpy progressed(&wizard, &TransferWizard::progressed);
    QSignalSpy finished(&wizard, &TransferWizard::transferFinished);
    wizard.next();
    QCOMPARE(wizard.currentId(), int(TransferWizard::RunPageId));
    QCOMPARE(wizard.runPage()->tables->topLevelItemCount(), 11);
    QVERIFY(wizard.isWorking());
    QTRY_VERIFY_WITH_TIMEOUT(finished.count() == 1, 120000);
    QVERIFY(progressed.count() > 0);
    QVERIFY(wizard.result());
    QVERIFY2(wizard.result()->ok(), qPrintable(test::errorText(wizard.result()->error)));
    QCOMPARE(wizard.runPage()->overall->value(), wizard.runPage()->overall->maximum());
    QVERIFY(wizard.button(QWizard::NextButton)->isEnabled());
    wizard.next();

    // Verification: every table verified, with rows, time and checksums.
    QCOMPARE(wizard.currentId(), int(TransferWizard::ResultPageId));
    wizard::ResultPage *result = wizard.resultPage();
    QCOMPARE(result->verification->rowCount(), 11);
    for (int row = 0; row < 11; ++row) {
        QVERIFY2(result->verification->item(row, 5)->text().contains(QLatin1String("verified")),
                 qPrintable(result->verification->item(row, 0)->text()));
        QVERIFY(!result->verification->item(row, 3)->text().isEmpty());
    }
    QCOMPARE(result->banner->title(), QStringLiteral("All 11 tables verified"));
    qint64 tracks = 0;
    for (const TableResult &t : wizard.result()->tables)
        if (t.table == QLatin1String("track"))
            tracks = t.rows;
    QCOMPARE(tracks, qint64(3503));
    // Chinook has no views or triggers: the list says there is nothing to do by hand.
    QCOMPARE(wizard.plan()->manualWork.size(), 0);
    QCOMPARE(result->manualWork->topLevelItemCount(), 1);
    QCOMPARE(result->manualWork->topLevelItem(0)->text(0), QStringLiteral("none"));

    // "Export Report…" on the result page: plan and result, every format, no password.
    QVERIFY(result->exportReport->isEnabled());
    QVERIFY(result->exportReport->isVisible());
    for (const QString &name : {QStringLiteral("t.html"), QStringLiteral("t.md"),
                                QStringLiteral("t.json"), QStringLiteral("t.pdf")}) {
        const QString file = dir.filePath(name);
        ReportExport::setFileChooser(
            [file](QWidget *, const QString &, QString *) { return file; });
        result->exportReport->click();
        ReportExport::setFileChooser({});
        QFile f(file);
        QVERIFY2(f.open(QIODevice::ReadOnly), qPrintable(file));
        const QByteArray bytes = f.readAll();
        QVERIFY(!bytes.contains(password.toUtf8()));
        QString text = QString::fromUtf8(bytes);
        if (name.endsWith(QLatin1String(".pdf"))) {
            QVERIFY(bytes.startsWith("%PDF-"));
            QProcess p;
            p.start(QStringLiteral("pdftotext"), {file, QStringLiteral("-")});
            QVERIFY(p.waitForFinished(60000));
            text = QString::fromUtf8(p.readAllStandardOutput()).simplified();
        }
        QVERIFY2(!text.contains(password), qPrintable(file));
        QVERIFY2(text.contains(pg.spec().displayUrl()), qPrintable(file));
        QVERIFY2(text.contains(QStringLiteral("invoiceline")), qPrintable(file));
        if (name.endsWith(QLatin1String(".json"))) {
            const QJsonObject transfer = QJsonDocument::fromJson(bytes)
                                             .object()
                                             .value(QStringLiteral("transfer"))
                                             .toObject();
            const QJsonObject run = transfer.value(QStringLiteral("result")).toObject();
            QCOMPARE(run.value(QStringLiteral("ok")), QJsonValue(true));
            QCOMPARE(run.value(QStringLiteral("tables")).toArray().size(), 11);
            QCOMPARE(transfer.value(QStringLiteral("plan"))
                         .toObject()
                         .value(QStringLiteral("tables"))
                         .toArray()
                         .size(),
                     11);
        }
    }

    // The database really holds the data.
    auto session = test::openSession(pg.url());
    QCOMPARE(test::rowCount(*session, QStringLiteral("track")), 3503);
}

void TestTransferWizard::mappingModelRejectsUnknownTypes()
{
    TransferPlan plan;
    TableDecision t;
    t.sourceName = QStringLiteral("T");
    ColumnDecision c;
    c.sourceName = QStringLiteral("c");
    c.declaredType = QStringLiteral("NVARCHAR(10)");
    c.targetType = QStringLiteral("character varying(10)");
    c.reason = QStringLiteral("declared");
    t.columns = {c};
    plan.tables = {t};
    TypeMappingModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    model.setPlan(plan);
    QCOMPARE(model.rowCount(), 1);
    QSignalSpy rejected(&model, &TypeMappingModel::editRejected);
    QVERIFY(!model.setTargetType(QStringLiteral("t"), QStringLiteral("C"),
                                 QStringLiteral("varchr(3)")));
    QCOMPARE(rejected.count(), 1);
    QVERIFY(!model.hasEdits());
    QVERIFY(model.flags(model.index(0, TypeMappingModel::TargetTypeColumn)) & Qt::ItemIsEditable);
    QVERIFY(!(model.flags(model.index(0, TypeMappingModel::ReasonColumn)) & Qt::ItemIsEditable));
    QVERIFY(model.setTargetType(QStringLiteral("t"), QStringLiteral("C"), QStringLiteral("int8")));
    QCOMPARE(model.index(0, TypeMappingModel::TargetTypeColumn).data().toString(),
             QStringLiteral("bigint"));
    const MappingFile file = model.mapping();
    QCOMPARE(file.tables.size(), 1);
    QCOMPARE(file.tables.first().columns.first().type, QStringLiteral("bigint"));
    // Round trip through the file.
    QTemporaryDir dir;
    QVERIFY(file.write(dir.filePath(QStringLiteral("m.json"))).ok());
    auto read = MappingFile::read(dir.filePath(QStringLiteral("m.json")));
    QVERIFY(read.ok());
    QCOMPARE(read->tables.first().columns.first().type, QStringLiteral("bigint"));
    // Edits survive a new plan.
    model.setPlan(plan);
    QCOMPARE(model.index(0, TypeMappingModel::TargetTypeColumn).data().toString(),
             QStringLiteral("bigint"));
}

// Cancel while a big table loads: the worker stops at its next check, the result says it was
// cancelled, the table's transaction is rolled back (no half-loaded table), and the
// verification page says the transfer did not finish.
void TestTransferWizard::cancelStopsTheRun()
{
    STRATA_SCRATCH(pg, Engine::Postgres);
    QTemporaryDir dir;
    const QString source = dir.filePath(QStringLiteral("big.db"));
    {
        auto session = test::openSession(QStringLiteral("sqlite://") + source);
        QVERIFY(session
                    ->exec(QStringLiteral(
                        "CREATE TABLE big AS WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL "
                        "SELECT i + 1 FROM n WHERE i < 1500000) "
                        "SELECT i AS id, 'row number ' || i AS label, i * 0.5 AS amount FROM n"))
                    .ok());
    }
    TransferWizard wizard;
    wizard.show();
    wizard.setSourcePath(source);
    wizard.next();
    wizard.setTarget(pg.spec());
    QTRY_VERIFY_WITH_TIMEOUT(wizard.targetPage()->isConnected(), 15000);
    wizard.next();
    QTRY_VERIFY_WITH_TIMEOUT(wizard.mappingPage()->isPlanned(), 60000);
    wizard.next();
    QTRY_VERIFY_WITH_TIMEOUT(wizard.button(QWizard::CommitButton)->isEnabled(), 60000);
    QSignalSpy finished(&wizard, &TransferWizard::transferFinished);
    qint64 loaded = 0;
    connect(&wizard, &TransferWizard::progressed, this,
            [&](const QList<TableProgress> &tables, qint64) {
                for (const TableProgress &t : tables)
                    loaded = std::max(loaded, t.rows);
            });
    wizard.next();
    QTRY_VERIFY_WITH_TIMEOUT(loaded > 0 || finished.count() > 0, 60000);
    QCOMPARE(finished.count(), 0); // still loading: the UI got progress while the worker ran
    QVERIFY(wizard.runPage()->cancel->isEnabled());
    wizard.runPage()->cancel->click();
    QVERIFY(!wizard.runPage()->cancel->isEnabled());
    QTRY_VERIFY_WITH_TIMEOUT(finished.count() == 1, 60000);
    QVERIFY(wizard.result());
    QVERIFY2(!wizard.result()->ok(), "the load finished before the cancel reached it");
    QCOMPARE(wizard.result()->error->kind, Error::Kind::Cancelled);
    QVERIFY(!wizard.isWorking());
    auto session = test::openSession(pg.url());
    QVERIFY(!test::tableNames(*session).contains(QStringLiteral("big")));
    wizard.next();
    // The cancelled table was rolled back: nothing is there, and the page says so.
    QVERIFY2(wizard.resultPage()->banner->title().startsWith(
                 QLatin1String("Nothing was transferred: cancelled")),
             qPrintable(wizard.resultPage()->banner->title()));
    QVERIFY2(wizard.resultPage()->subTitle().startsWith(QLatin1String("Nothing was transferred")),
             qPrintable(wizard.resultPage()->subTitle()));
}

QTEST_MAIN(TestTransferWizard)
#include "tst_transferwizard.moc"
