// The schema diff view (offscreen): two SQLite databases compared through the view's worker
// show the expected counts, objects, DDL and SQL; filters and search narrow the tree; drift is
// found; "Save as migration" writes the files and the main window's timeline shows them pending;
// "Export Report…" writes the diff or the drift check in every format, never with a password.

#include "TestDatabases.h"
#include "common/Banner.h"
#include "diff/DdlCompareView.h"
#include "diff/DiffTreeModel.h"
#include "diff/SchemaDiffView.h"
#include "diff/SchemaSourcePicker.h"
#include "report/ReportExport.h"
#include "timeline/TimelineModel.h"
#include "transfer/TransferWizard.h"
#include "workspace/MainWindow.h"

#include <QAbstractItemModelTester>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLabel>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QProcess>
#include <QPushButton>
#include <QScrollBar>
#include <QSignalSpy>
#include <QTest>
#include <QToolButton>
#include <QTreeView>

using namespace strata;

namespace {

QTemporaryDir *home()
{
    static QTemporaryDir dir;
    return &dir;
}

void exec(DatabaseSession &session, const QStringList &statements)
{
    for (const QString &sql : statements) {
        auto ran = session.exec(sql);
        QVERIFY2(ran.ok(), qPrintable(sql));
    }
}

SchemaOrigin connection(const QString &url)
{
    SchemaOrigin o;
    o.spec = *ConnectionSpec::parse(url);
    return o;
}

// Copies the demo folder, so saved migrations do not touch the source tree.
QString copyDemo(const QString &to)
{
    QDir().mkpath(to);
    const QDir from(test::demoFolder());
    for (const QString &name : from.entryList(QDir::Files))
        QFile::copy(from.filePath(name), QDir(to).filePath(name));
    return to;
}

// Clicks "Export Report…" with `path` as the chosen file; returns what a reader sees (PDF
// through pdftotext), or "" when nothing was written.
QString exportReport(QPushButton *button, const QString &path)
{
    ReportExport::setFileChooser([path](QWidget *, const QString &, QString *) { return path; });
    button->click();
    ReportExport::setFileChooser({});
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly))
        return QString();
    const QByteArray bytes = f.readAll();
    if (!path.endsWith(QLatin1String(".pdf")))
        return QString::fromUtf8(bytes);
    if (!bytes.startsWith("%PDF-"))
        return QString();
    QProcess p;
    p.start(QStringLiteral("pdftotext"), {path, QStringLiteral("-")});
    p.waitForFinished(60000);
    // The PDF's font sets "ff" as one glyph (the "diff" in a temporary folder's name).
    return QString::fromUtf8(p.readAllStandardOutput())
        .replace(QChar(0xFB00), QStringLiteral("ff"))
        .simplified();
}

const QStringList reportFiles{QStringLiteral("r.html"), QStringLiteral("r.md"),
                              QStringLiteral("r.json"), QStringLiteral("r.pdf")};

} // namespace

class TestSchemaDiffView : public QObject {
    Q_OBJECT

public:
    static void initMain()
    {
        qputenv("XDG_DATA_HOME", home()->filePath(QStringLiteral("data")).toUtf8());
        qputenv("XDG_CONFIG_HOME", home()->filePath(QStringLiteral("config")).toUtf8());
    }

private slots:
    void comparesTwoSqliteDatabases();
    void filtersAndSearch();
    void sidesScrollTogether();
    void showsErrorsInPlace();
    void comparesSqliteWithPostgres();
    void checkDriftFindsOutOfBandChange();
    void saveAsMigrationShowsPendingInTimeline();
};

namespace {

// Source: customers(id, name), orders, idx_orders_customer, a view. Target: customers gains
// phone, orders is gone, products is new, the view is unchanged.
struct TwoDatabases {
    QTemporaryDir dir;
    QString a, b;
    TwoDatabases()
    {
        a = QStringLiteral("sqlite://") + dir.filePath(QStringLiteral("a.db"));
        b = QStringLiteral("sqlite://") + dir.filePath(QStringLiteral("b.db"));
        auto sa = test::openSession(a);
        exec(*sa, {"CREATE TABLE customers (id INTEGER PRIMARY KEY, name TEXT NOT NULL)",
                   "CREATE TABLE orders (id INTEGER PRIMARY KEY, customer_id INTEGER REFERENCES "
                   "customers(id), total REAL)",
                   "CREATE INDEX idx_orders_customer ON orders (customer_id)",
                   "CREATE VIEW customer_names AS SELECT name FROM customers"});
        auto sb = test::openSession(b);
        exec(*sb, {"CREATE TABLE customers (id INTEGER PRIMARY KEY, name TEXT NOT NULL, phone "
                   "VARCHAR(32))",
                   "CREATE TABLE products (id INTEGER PRIMARY KEY, title TEXT)",
                   "CREATE VIEW customer_names AS SELECT name FROM customers"});
    }
};

bool waitIdle(SchemaDiffView &view)
{
    return QTest::qWaitFor([&] { return !view.isBusy(); }, 20000);
}

} // namespace

void TestSchemaDiffView::comparesTwoSqliteDatabases()
{
    TwoDatabases dbs;
    SchemaDiffView view;
    QAbstractItemModelTester tester(view.treeModel(),
                                    QAbstractItemModelTester::FailureReportingMode::QtTest);
    view.resize(1100, 700);
    view.show();
    view.setOrigins(connection(dbs.a), connection(dbs.b));
    QSignalSpy changed(&view, &SchemaDiffView::resultChanged);
    view.compare();
    QVERIFY(waitIdle(view));
    QCOMPARE(changed.count(), 1);
    const SchemaComparison *result = view.result();
    QVERIFY(result);

    DiffTreeModel *model = view.treeModel();
    QCOMPARE(model->count(ObjectState::Added), 1);     // products
    QCOMPARE(model->count(ObjectState::Removed), 2);   // orders, its index
    QCOMPARE(model->count(ObjectState::Changed), 1);   // customers
    QCOMPARE(model->count(ObjectState::Identical), 1); // the view
    QCOMPARE(view.stateButton(ObjectState::Removed)->text(), QStringLiteral("Removed 2"));
    QCOMPARE(model->rowCount(), 3); // Tables, Views, Indexes
    QCOMPARE(model->index(0, 0).data().toString(), QStringLiteral("Tables (3)"));

    // The whole script, forward and inverse.
    QString sql = view.shownSql();
    QVERIFY2(sql.contains(QLatin1String("CREATE TABLE")) && sql.contains(QLatin1String("products")),
             qPrintable(sql));
    QVERIFY2(sql.contains(QLatin1String("DROP TABLE")) && sql.contains(QLatin1String("orders")),
             qPrintable(sql));
    QVERIFY2(sql.contains(QLatin1String("phone")), qPrintable(sql));
    QVERIFY2(view.riskLabel()->text().contains(QLatin1String("DESTRUCTIVE")),
             qPrintable(view.riskLabel()->text()));
    view.inverseToggle()->click();
    const QString inverse = view.shownSql();
    QVERIFY2(inverse.contains(QLatin1String("DROP TABLE")) &&
                 inverse.contains(QLatin1String("products")),
             qPrintable(inverse));
    QVERIFY(inverse != sql);
    view.inverseToggle()->click();

    // One object: its DDL side by side, the changed line and words marked, its own script.
    QVERIFY(view.selectObject(QStringLiteral("customers")));
    DdlCompareView *ddl = view.ddlView();
    QVERIFY(ddl->leftEditor()->toPlainText().contains(QLatin1String("name")));
    QVERIFY(ddl->rightEditor()->toPlainText().contains(QLatin1String("phone")));
    QVERIFY(ddl->changedRowCount() > 0);
    QVERIFY(!ddl->rightEditor()->extraSelections().isEmpty());
    sql = view.shownSql();
    QVERIFY2(sql.contains(QLatin1String("phone")) && !sql.contains(QLatin1String("products")),
             qPrintable(sql));

    QVERIFY(view.selectObject(QStringLiteral("customer_names")));
    QCOMPARE(ddl->changedRowCount(), 0);
    QVERIFY(view.shownSql().isEmpty());

    // The other direction swaps added and removed.
    view.swapSides();
    view.compare();
    QVERIFY(waitIdle(view));
    QCOMPARE(model->count(ObjectState::Added), 2);
    QCOMPARE(model->count(ObjectState::Removed), 1);
}

void TestSchemaDiffView::filtersAndSearch()
{
    TwoDatabases dbs;
    SchemaDiffView view;
    QAbstractItemModelTester tester(view.treeModel(),
                                    QAbstractItemModelTester::FailureReportingMode::QtTest);
    view.setOrigins(connection(dbs.a), connection(dbs.b));
    view.compare();
    QVERIFY(waitIdle(view));
    DiffTreeModel *model = view.treeModel();

    view.stateButton(ObjectState::Identical)->click(); // hides the view
    QCOMPARE(model->rowCount(), 2);                    // Tables, Indexes
    QCOMPARE(model->index(0, 0).data().toString(), QStringLiteral("Tables (3)"));
    view.stateButton(ObjectState::Removed)->click();
    QCOMPARE(model->index(0, 0).data().toString(), QStringLiteral("Tables (2 of 3)"));
    QCOMPARE(model->rowCount(), 1);
    view.stateButton(ObjectState::Removed)->click();
    view.stateButton(ObjectState::Identical)->click();

    view.searchField()->setText(QStringLiteral("ORD"));
    QCOMPARE(model->rowCount(), 2); // orders, idx on orders
    QVERIFY(model->find(QStringLiteral("orders")).isValid());
    QVERIFY(!model->find(QStringLiteral("customers")).isValid());
    view.searchField()->clear();
    QCOMPARE(model->rowCount(), 3);
    // Counts are over everything, whatever the filters.
    QCOMPARE(model->count(ObjectState::Removed), 2);
}

void TestSchemaDiffView::sidesScrollTogether()
{
    DdlCompareView ddl;
    ddl.resize(600, 120);
    ddl.show();
    QStringList left, right;
    for (int i = 0; i < 200; ++i) {
        left << QStringLiteral("line %1").arg(i);
        right << QStringLiteral("line %1").arg(i % 7 == 0 ? -i : i);
    }
    ddl.setTexts(left.join(u'\n'), right.join(u'\n'));
    QVERIFY(QTest::qWaitForWindowExposed(&ddl));
    QScrollBar *l = ddl.leftEditor()->verticalScrollBar();
    QScrollBar *r = ddl.rightEditor()->verticalScrollBar();
    QVERIFY(l->maximum() > 50);
    l->setValue(77);
    QCOMPARE(r->value(), 77);
    r->setValue(12);
    QCOMPARE(l->value(), 12);
}

// A side that cannot be read: the error is shown in the view, naming the file; no result.
void TestSchemaDiffView::showsErrorsInPlace()
{
    TwoDatabases dbs;
    SchemaDiffView view;
    view.show();
    SchemaOrigin missing;
    missing.kind = SchemaOrigin::Kind::SnapshotFile;
    missing.file = dbs.dir.filePath(QStringLiteral("nope.json"));
    view.setOrigins(connection(dbs.a), missing);
    QSignalSpy failed(&view, &SchemaDiffView::failed);
    view.compare();
    QVERIFY(waitIdle(view));
    QCOMPARE(failed.count(), 1);
    QVERIFY(!view.result());
    QVERIFY(view.banner()->isVisible());
    QVERIFY2(view.banner()->title().contains(QLatin1String("nope.json")),
             qPrintable(view.banner()->title()));
    QVERIFY(!view.saveButton()->isEnabled());
}

// Across engines objects match by meaning: main and public, INTEGER PRIMARY KEY and identity.
void TestSchemaDiffView::comparesSqliteWithPostgres()
{
    STRATA_SCRATCH(pg, Engine::Postgres);
    QTemporaryDir dir;
    const QString sqlite = QStringLiteral("sqlite://") + dir.filePath(QStringLiteral("s.db"));
    {
        auto s = test::openSession(sqlite);
        exec(*s, {"CREATE TABLE customers (id INTEGER PRIMARY KEY, name TEXT NOT NULL)",
                  "CREATE TABLE notes (id INTEGER PRIMARY KEY, body TEXT)"});
        auto p = test::openSession(pg.url());
        exec(*p, {"CREATE TABLE customers (id bigint GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY, "
                  "name text NOT NULL, "
                  "email text)",
                  "CREATE TABLE notes (id bigint GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY, "
                  "body text)",
                  "CREATE TABLE audit (id bigint PRIMARY KEY)"});
    }
    SchemaDiffView view;
    QAbstractItemModelTester tester(view.treeModel(),
                                    QAbstractItemModelTester::FailureReportingMode::QtTest);
    // The PostgreSQL side carries its password (pg_virtualenv's): no report may show it.
    const QString password = qEnvironmentVariable("PGPASSWORD");
    if (password.size() < 8)
        QFAIL("this test needs PGPASSWORD (pg_virtualenv sets one)");
    SchemaOrigin pgSide = connection(pg.url());
    pgSide.spec.password = password;
    view.setOrigins(connection(sqlite), pgSide);
    QVERIFY(!view.exportButton()->isEnabled()); // nothing to export yet
    view.compare();
    QVERIFY(waitIdle(view));
    QVERIFY2(view.result(), qPrintable(view.banner()->body()));
    QVERIFY(view.exportButton()->isEnabled());
    for (const QString &name : reportFiles) {
        const QString file = dir.filePath(name);
        const QString text = exportReport(view.exportButton(), file);
        QVERIFY2(text.contains(QStringLiteral("audit")), qPrintable(file));
        QVERIFY2(text.contains(pg.spec().displayUrl()), qPrintable(file));
        QVERIFY2(!text.contains(password), qPrintable(file));
        QFile raw(file);
        QVERIFY(raw.open(QIODevice::ReadOnly));
        QVERIFY(!raw.readAll().contains(password.toUtf8()));
        if (name.endsWith(QLatin1String(".json"))) {
            const QJsonObject doc = QJsonDocument::fromJson(text.toUtf8()).object();
            QCOMPARE(doc.value(QStringLiteral("kinds")).toArray(),
                     QJsonArray{QStringLiteral("diff")});
            QCOMPARE(doc.value(QStringLiteral("diff"))
                         .toObject()
                         .value(QStringLiteral("changes"))
                         .toArray()
                         .size(),
                     view.result()->diff.changes.size());
        }
    }
    DiffTreeModel *model = view.treeModel();
    QCOMPARE(model->count(ObjectState::Identical), 1); // notes
    QCOMPARE(model->count(ObjectState::Changed), 1);   // customers gains email
    QCOMPARE(model->count(ObjectState::Added), 1);     // audit
    QCOMPARE(model->count(ObjectState::Removed), 0);
    // The script is in the source's dialect (SQLite), the DDL of each side in its own.
    QVERIFY2(view.shownSql().contains(QLatin1String("email")), qPrintable(view.shownSql()));
    QVERIFY(view.selectObject(QStringLiteral("customers")));
    QVERIFY(view.ddlView()->rightEditor()->toPlainText().contains(QLatin1String("email")));
    QVERIFY(!view.ddlView()->leftEditor()->toPlainText().contains(QLatin1String("email")));
}

void TestSchemaDiffView::checkDriftFindsOutOfBandChange()
{
    QTemporaryDir dir;
    const QString url = QStringLiteral("sqlite://") + dir.filePath(QStringLiteral("w.db"));
    {
        auto session = test::openSession(url);
        Migrator migrator(*session, test::readFolder(test::demoFolder()));
        QVERIFY(migrator.up().ok());
    }
    WorkspaceConfig ws;
    ws.spec = *ConnectionSpec::parse(url);
    ws.migrationsDir = test::demoFolder();
    SchemaDiffView view;
    view.setWorkspace(ws);
    QVERIFY(waitIdle(view));
    QCOMPARE(view.sourcePicker()->versions(), QStringList{QStringLiteral("10")});

    view.checkDrift();
    QVERIFY(waitIdle(view));
    QVERIFY(view.result() && view.result()->isDrift);
    QVERIFY(view.result()->diff.isEmpty());
    QCOMPARE(view.banner()->title(), QStringLiteral("No drift"));

    {
        auto session = test::openSession(url);
        exec(*session, {"ALTER TABLE customers ADD COLUMN nickname TEXT"});
    }
    view.checkDrift();
    QVERIFY(waitIdle(view));
    QVERIFY(view.result()->isDrift);
    QCOMPARE(view.result()->driftVersion, QStringLiteral("10"));
    QVERIFY2(view.banner()->title().startsWith(QLatin1String("Drift: 1 change")),
             qPrintable(view.banner()->title()));
    QCOMPARE(view.treeModel()->count(ObjectState::Changed), 1);
    QVERIFY(view.treeModel()->find(QStringLiteral("customers")).isValid());
    QVERIFY(view.shownSql().contains(QLatin1String("nickname")));

    // The drift check exports as a drift report, with the workspace around it.
    for (const QString &name : reportFiles) {
        const QString file = dir.filePath(QStringLiteral("drift-") + name);
        const QString text = exportReport(view.exportButton(), file);
        QVERIFY2(text.contains(QStringLiteral("nickname")), qPrintable(file));
        QVERIFY2(text.contains(ws.spec.displayUrl()), qPrintable(file));
        if (name.endsWith(QLatin1String(".json"))) {
            const QJsonObject doc = QJsonDocument::fromJson(text.toUtf8()).object();
            QCOMPARE(doc.value(QStringLiteral("kinds")).toArray(),
                     QJsonArray{QStringLiteral("drift")});
            const QJsonObject drift = doc.value(QStringLiteral("drift")).toObject();
            QCOMPARE(drift.value(QStringLiteral("drifted")), QJsonValue(true));
            QCOMPARE(drift.value(QStringLiteral("version")).toString(), QStringLiteral("10"));
            QVERIFY(drift.value(QStringLiteral("recorded"))
                        .toString()
                        .startsWith(QLatin1String("recorded after")));
            QCOMPARE(doc.value(QStringLiteral("database"))
                         .toObject()
                         .value(QStringLiteral("url"))
                         .toString(),
                     ws.spec.displayUrl());
        } else {
            QVERIFY2(text.contains(QStringLiteral("Drift check")), qPrintable(file));
            QVERIFY2(text.contains(QStringLiteral("since version 10 was recorded")),
                     qPrintable(file));
        }
    }
}

void TestSchemaDiffView::saveAsMigrationShowsPendingInTimeline()
{
    QTemporaryDir dir;
    const QString folder = copyDemo(dir.filePath(QStringLiteral("migrations")));
    const QString url = QStringLiteral("sqlite://") + dir.filePath(QStringLiteral("w.db"));
    const QString desired =
        QStringLiteral("sqlite://") + dir.filePath(QStringLiteral("desired.db"));
    {
        auto session = test::openSession(url);
        Migrator migrator(*session, test::readFolder(folder));
        QVERIFY(migrator.up().ok());
        // The desired schema: the workspace's plus a table, designed elsewhere.
        auto other = test::openSession(desired);
        Migrator again(*other, test::readFolder(folder));
        QVERIFY(again.up().ok());
        exec(*other, {"CREATE TABLE gift_cards (id INTEGER PRIMARY KEY, code TEXT NOT NULL UNIQUE, "
                      "balance NUMERIC(10,2))"});
    }
    WorkspaceConfig ws;
    ws.spec = *ConnectionSpec::parse(url);
    ws.migrationsDir = folder;

    MainWindow window;
    window.setRememberWorkspace(false);
    window.show();
    QSignalSpy updated(&window, &MainWindow::timelineUpdated);
    window.openWorkspace(ws);
    QTRY_VERIFY_WITH_TIMEOUT(updated.count() > 0 && !window.controller()->isBusy(), 20000);
    QCOMPARE(window.timelineModel()->rowOfVersion(QStringLiteral("11")), -1);

    window.compareSchemasAction()->trigger();
    SchemaDiffView *view = window.schemaDiffView();
    QVERIFY(view && view->isVisible());
    QVERIFY(waitIdle(*view));
    SchemaOrigin version;
    version.kind = SchemaOrigin::Kind::WorkspaceVersion;
    version.version = QStringLiteral("10");
    view->setOrigins(version, connection(desired));
    view->compare();
    QVERIFY(waitIdle(*view));
    QCOMPARE(view->treeModel()->count(ObjectState::Added), 1);
    QVERIFY(view->saveButton()->isEnabled());

    QSignalSpy saved(view, &SchemaDiffView::migrationSaved);
    updated.clear();
    view->saveAsMigration(QStringLiteral("Add gift cards"));
    QVERIFY(waitIdle(*view));
    QCOMPARE(saved.count(), 1);
    QVERIFY(QFile::exists(QDir(folder).filePath(QStringLiteral("V11__Add_gift_cards.sql"))));
    QVERIFY(QFile::exists(QDir(folder).filePath(QStringLiteral("U11__Add_gift_cards.sql"))));
    QFile up(QDir(folder).filePath(QStringLiteral("V11__Add_gift_cards.sql")));
    QVERIFY(up.open(QIODevice::ReadOnly));
    QVERIFY(up.readAll().contains("gift_cards"));

    // The timeline shows version 11, pending.
    QTRY_VERIFY_WITH_TIMEOUT(updated.count() > 0 && !window.controller()->isBusy(), 20000);
    const int row = window.timelineModel()->rowOfVersion(QStringLiteral("11"));
    QVERIFY(row >= 0);
    QCOMPARE(window.timelineModel()->entry(row)->state, MigrationState::Pending);
    QCOMPARE(window.timelineModel()->entry(row)->description, QStringLiteral("Add gift cards"));

    // The Tools menu's other entry: the transfer wizard, starting from the workspace's SQLite file.
    QCOMPARE(window.compareSchemasAction()->shortcut(),
             QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_D));
    QCOMPARE(window.transferAction()->shortcut(), QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_T));
    window.transferAction()->trigger();
    QVERIFY(window.transferWizard() && window.transferWizard()->isVisible());
    QCOMPARE(window.transferWizard()->sourcePath(), dir.filePath(QStringLiteral("w.db")));
    QVERIFY(!window.transferWizard()->result());
}

QTEST_MAIN(TestSchemaDiffView)
#include "tst_schemadiffview.moc"
