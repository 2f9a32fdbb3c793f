// The dry-run models: schema changes grouped by kind with counts, and the statements tree.

#include "dryrun/SchemaChangeModel.h"
#include "dryrun/TrialModel.h"

#include <QAbstractItemModelTester>
#include <QApplication>
#include <QTest>

using namespace strata;

namespace {

Change change(ChangeAction action, ObjectKind kind, const QString &summary, Risk risk = Risk::Safe,
              const QStringList &warnings = {})
{
    Change c;
    c.action = action;
    c.kind = kind;
    c.summary = summary;
    c.risk = risk;
    c.warnings = warnings;
    c.forward = {summary};
    return c;
}

SchemaDiffResult sampleDiff()
{
    SchemaDiffResult diff;
    diff.changes = {
        change(ChangeAction::Create, ObjectKind::Table,
               QStringLiteral("create table main.inventory")),
        change(ChangeAction::Create, ObjectKind::Index,
               QStringLiteral("create index idx_inventory_product")),
        change(ChangeAction::Drop, ObjectKind::Table, QStringLiteral("drop table main.legacy"),
               Risk::Destructive,
               {QStringLiteral("drops table main.legacy and all its rows"),
                QStringLiteral("no inverse for data")}),
        change(ChangeAction::Alter, ObjectKind::Column,
               QStringLiteral("alter column main.orders.status"), Risk::Blocking,
               {QStringLiteral("rewrites a big table")}),
        change(ChangeAction::Create, ObjectKind::View,
               QStringLiteral("create view main.order_totals")),
    };
    return diff;
}

} // namespace

class TestSchemaChangeModel : public QObject {
    Q_OBJECT

private slots:
    void groupsByKindWithCounts()
    {
        SchemaChangeModel model;
        QAbstractItemModelTester tester(&model,
                                        QAbstractItemModelTester::FailureReportingMode::QtTest);
        model.setChanges(sampleDiff());

        // Tables, Columns, Indexes, Views: in the order of ObjectKind.
        QCOMPARE(model.rowCount(), 4);
        QCOMPARE(model.index(0, 0).data().toString(), QStringLiteral("Tables (2)"));
        QCOMPARE(model.index(0, SchemaChangeModel::ActionColumn).data().toString(),
                 QStringLiteral("1 added, 1 removed"));
        QCOMPARE(model.index(1, 0).data().toString(), QStringLiteral("Columns (1)"));
        QCOMPARE(model.index(2, 0).data().toString(), QStringLiteral("Indexes (1)"));
        QCOMPARE(model.index(3, 0).data().toString(), QStringLiteral("Views (1)"));

        const QModelIndex tables = model.index(0, 0);
        QCOMPARE(model.rowCount(tables), 2);
        const QModelIndex drop = model.index(1, 0, tables);
        QCOMPARE(drop.data().toString(), QStringLiteral("drop table main.legacy"));
        QCOMPARE(drop.siblingAtColumn(SchemaChangeModel::ActionColumn).data().toString(),
                 QStringLiteral("removed"));
        QCOMPARE(drop.siblingAtColumn(SchemaChangeModel::RiskColumn).data().toString(),
                 QStringLiteral("destructive"));
        QCOMPARE(drop.data(SchemaChangeModel::RiskRole).toInt(), int(Risk::Destructive));
        QCOMPARE(model.rowCount(drop), 2); // its warnings
        QCOMPARE(model.index(0, 0, drop).data().toString(),
                 QStringLiteral("drops table main.legacy and all its rows"));
        QCOMPARE(model.index(0, 0, drop).data(SchemaChangeModel::NodeTypeRole).toInt(),
                 int(SchemaChangeModel::NodeType::Warning));
        QCOMPARE(model.parent(model.index(0, 0, drop)), drop);
        QCOMPARE(model.parent(drop), tables);
        QCOMPARE(model.summary(), QStringLiteral("3 added · 1 removed · 1 changed"));
        QCOMPARE(model.changeCount(), 5);

        model.setChanges({});
        QCOMPARE(model.rowCount(), 0);
        QCOMPARE(model.summary(), QStringLiteral("No schema changes"));
    }

    void statementsTree()
    {
        TrialResult trial;
        trial.direction = Direction::Up;
        trial.rolledBack = true;
        StepTrial a;
        a.version = QStringLiteral("7");
        a.description = QStringLiteral("Seed");
        a.script = QStringLiteral("migrations/V7__Seed.sql");
        a.statements = {{a.script, 2, QStringLiteral("INSERT INTO t VALUES (1)"), 3, 1, {}, true},
                        {a.script, 5, QStringLiteral("UPDATE t\nSET x = y"), 4, 0,
                         QStringLiteral("no such column: y"), true}};
        StepTrial b;
        b.version = QStringLiteral("8");
        b.description = QStringLiteral("Generated");
        b.generated = true;
        b.statements = {{{}, 1, QStringLiteral("DROP TABLE t"), 0, -1, {}, false}};
        trial.steps = {a, b};

        TrialModel model;
        QAbstractItemModelTester tester(&model,
                                        QAbstractItemModelTester::FailureReportingMode::QtTest);
        model.setTrial(trial);
        QCOMPARE(model.rowCount(), 2);
        QCOMPARE(model.rowCount(model.index(0, 0)), 2);
        QCOMPARE(model.rowCount(model.index(0, 1)), 0); // only column 0 has children
        QCOMPARE(model.statementCount(), 3);
        QCOMPARE(model.totalMs(), qint64(7));
        const QModelIndex failing = model.failingIndex();
        QVERIFY(failing.isValid());
        QCOMPARE(failing.row(), 1);
        QCOMPARE(failing.parent().row(), 0);
        QCOMPARE(failing.data(TrialModel::LineRole).toInt(), 5);
        QCOMPARE(failing.data(TrialModel::LineCountRole).toInt(), 2);
        QCOMPARE(failing.siblingAtColumn(TrialModel::ResultColumn).data().toString(),
                 QStringLiteral("no such column: y"));
        QCOMPARE(model.index(0, TrialModel::ResultColumn).data().toString(),
                 QStringLiteral("failed"));
        QCOMPARE(model.index(0, TrialModel::LocationColumn, model.index(0, 0)).data().toString(),
                 QStringLiteral("line 2"));
        QCOMPARE(model.index(0, TrialModel::RowsColumn, model.index(0, 0)).data().toInt(), 1);
        QVERIFY(model.index(1, 0).data().toString().contains(QStringLiteral("generated undo")));
        QCOMPARE(model.index(1, 0).data(TrialModel::GeneratedRole).toBool(), true);
        model.clear();
        QCOMPARE(model.rowCount(), 0);
    }
};

QTEST_MAIN(TestSchemaChangeModel)
#include "tst_schemachangemodel.moc"
