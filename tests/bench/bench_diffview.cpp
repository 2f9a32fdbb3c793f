// Benchmark (not a test): what the diff view costs on top of the diff for two snapshot files —
// SchemaDiff::compare, DiffObjects::list (per-object DDL for both sides) and filling the tree
// model — as medians over N rounds, in milliseconds. tests/bench/bench_diffview.sh runs it.
//
//   bench_diffview A.json B.json [ROUNDS=5]

#include "diff/DiffTreeModel.h"
#include "schema/SchemaSource.h"

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QTextStream>
#include <algorithm>

using namespace strata;

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    const QStringList args = app.arguments();
    QTextStream out(stdout), err(stderr);
    if (args.size() < 3) {
        err << "usage: bench_diffview A.json B.json [ROUNDS]\n";
        return 2;
    }
    auto a = SchemaSource::load(args[1]);
    auto b = SchemaSource::load(args[2]);
    if (!a || !b) {
        err << (!a ? a.error() : b.error()).toString() << '\n';
        return 1;
    }
    const int rounds = args.size() > 3 ? args[3].toInt() : 5;
    QList<qint64> diffMs, objectsMs, modelMs;
    qsizetype objects = 0, changes = 0;
    for (int r = 0; r < rounds; ++r) {
        QElapsedTimer t;
        t.start();
        const SchemaDiffResult diff = SchemaDiff::compare(*a, *b);
        diffMs << t.restart();
        const QList<DiffObject> list = DiffObjects::list(*a, *b, diff);
        objectsMs << t.restart();
        DiffTreeModel model;
        model.setObjects(list);
        model.setSearch(QStringLiteral("t1"));
        modelMs << t.elapsed();
        objects = list.size();
        changes = diff.changes.size();
    }
    auto median = [](QList<qint64> v) {
        std::sort(v.begin(), v.end());
        return v.size() % 2 ? double(v[v.size() / 2])
                            : (v[v.size() / 2 - 1] + v[v.size() / 2]) / 2.0;
    };
    out << "objects " << objects << " changes " << changes << " rounds " << rounds << '\n'
        << "diff_ms " << median(diffMs) << '\n'
        << "objects_ms " << median(objectsMs) << '\n'
        << "model_ms " << median(modelMs) << '\n';
    return 0;
}
