#include "check/ReadinessCheck.h"

#include "check/ReadinessBridge.h"
#include "check/ScratchPostgres.h"
#include "migration/Migrator.h"
#include "schema/Introspector.h"

#include <QTemporaryDir>

namespace strata {

QString readinessName(Readiness r)
{
    switch (r) {
    case Readiness::Ready:
        return QStringLiteral("ready");
    case Readiness::Variant:
        return QStringLiteral("variant");
    case Readiness::Differs:
        return QStringLiteral("differs");
    case Readiness::Fails:
        return QStringLiteral("fails");
    case Readiness::NotChecked:
        return QStringLiteral("not_checked");
    case Readiness::NoUndo:
        return QStringLiteral("no_undo");
    }
    return {};
}

QString readinessLabel(Readiness r)
{
    switch (r) {
    case Readiness::Ready:
        return QStringLiteral("runs as is");
    case Readiness::Variant:
        return QStringLiteral("PostgreSQL variant runs");
    case Readiness::Differs:
        return QStringLiteral("runs but builds a different schema");
    case Readiness::Fails:
        return QStringLiteral("FAILS");
    case Readiness::NotChecked:
        return QStringLiteral("not checked");
    case Readiness::NoUndo:
        return QStringLiteral("no undo script");
    }
    return {};
}

bool isReady(Readiness r)
{
    return r == Readiness::Ready || r == Readiness::Variant || r == Readiness::NoUndo;
}

bool ReadinessResult::ready() const
{
    if (error)
        return false;
    for (const VersionCheck &v : versions) {
        if (!v.ready())
            return false;
    }
    return true;
}

int ReadinessResult::count(Readiness r, bool undo) const
{
    int n = 0;
    for (const VersionCheck &v : versions)
        n += (undo ? v.undo.status : v.up.status) == r;
    return n;
}

namespace {

// Hands the caller's cancel to the migrators, but not their per-statement progress: the check
// reports versions.
class CancelOnly final : public Progress {
public:
    explicit CancelOnly(Progress *outer) : m_outer(outer) {}
    bool cancelled() const override { return m_outer && m_outer->cancelled(); }

private:
    Progress *m_outer;
};

struct UndoTrial {
    std::optional<Error> error;
    std::optional<Schema> after;
    QString skipped; // why it was not tried
};

class Runner {
public:
    Runner(DatabaseSession &pg, DatabaseSession &lite, const MigrationSet &folder,
           const QString &pgSchema, Progress *progress)
        : m_pg(pg), m_lite(lite), m_onPg(pg, folder), m_onLite(lite, folder), m_pgSchema(pgSchema),
          m_cancel(progress)
    {
    }

    Status start()
    {
        auto pg = read(m_pg);
        if (!pg)
            return pg.error();
        auto lite = read(m_lite);
        if (!lite)
            return lite.error();
        m_pgBefore = *pg;
        m_liteBefore = *lite;
        m_diffBefore = check::crossDiff(m_pgBefore, m_liteBefore, m_pgSchema);
        return {};
    }

    // One version, up and undo; an error only for what stops the whole check.
    Result<VersionCheck> check(const Migration &m);
    bool cancelled() const { return m_cancel.cancelled(); }

private:
    Result<Schema> read(DatabaseSession &session)
    {
        IntrospectOptions options;
        if (session.dialect().engine() == Engine::Postgres)
            options.schemas = {m_pgSchema};
        return Introspector::read(session, options);
    }
    static ScriptCheck noUndo()
    {
        ScriptCheck s;
        s.status = Readiness::NoUndo;
        return s;
    }
    static ScriptCheck notChecked(const QString &why)
    {
        ScriptCheck s;
        s.status = Readiness::NotChecked;
        s.note = why;
        return s;
    }
    Result<PlanStep> step(Migrator &migrator, const Migration &m, Direction direction);
    UndoTrial trialUndo(DatabaseSession &session, const PlanStep &step);
    Status checkUndo(const Migration &m, VersionCheck &vc);

    DatabaseSession &m_pg;
    DatabaseSession &m_lite;
    Migrator m_onPg;
    Migrator m_onLite;
    QString m_pgSchema;
    CancelOnly m_cancel;
    Schema m_pgBefore, m_liteBefore;
    SchemaDiffResult m_diffBefore; // PostgreSQL against SQLite before the version
    QString m_broken;              // why later versions cannot be checked
};

Result<PlanStep> Runner::step(Migrator &migrator, const Migration &m, Direction direction)
{
    DownTarget one;
    one.steps = 1;
    auto plan = direction == Direction::Up ? migrator.planUp(m.version) : migrator.planDown(one);
    if (!plan)
        return plan.error();
    for (const PlanStep &s : plan->steps) {
        if (s.migration.version == m.version)
            return s;
    }
    return Error::database(QStringLiteral("version %1 is not in the plan").arg(m.versionText()));
}

// The undo's statements in a transaction that is rolled back, and the schema they left: the
// next version starts from the schema the up script built.
UndoTrial Runner::trialUndo(DatabaseSession &session, const PlanStep &step)
{
    UndoTrial trial;
    if (step.script.noTransaction) {
        trial.skipped = QStringLiteral("runs outside a transaction (strata:no-transaction), so it "
                                       "cannot be tried and rolled back");
        return trial;
    }
    if (auto begun = session.exec(session.dialect().beginSql()); !begun) {
        trial.error = begun.error();
        return trial;
    }
    for (const SqlStatement &statement : step.statements) {
        if (auto ran = session.exec(statement.sql); !ran) {
            trial.error = Migrator::statementError(step, statement, ran.error());
            session.exec(QStringLiteral("ROLLBACK"));
            return trial;
        }
    }
    auto after = read(session);
    if (after)
        trial.after = *after;
    else
        trial.error = after.error();
    session.exec(QStringLiteral("ROLLBACK"));
    return trial;
}

Status Runner::checkUndo(const Migration &m, VersionCheck &vc)
{
    if (!m.hasUndo()) {
        vc.undo.status = Readiness::NoUndo;
        return {};
    }
    auto liteStep = step(m_onLite, m, Direction::Down);
    if (!liteStep)
        return liteStep.error();
    const UndoTrial lite = trialUndo(m_lite, *liteStep);
    if (lite.error)
        vc.undo.sqliteError = lite.error;
    else if (lite.after && !SchemaDiff::compare(*lite.after, m_liteBefore).isEmpty())
        vc.undo.note = QStringLiteral("on SQLite too, the undo does not restore the schema of "
                                      "the version before");
    auto pgStep = step(m_onPg, m, Direction::Down);
    if (!pgStep)
        return pgStep.error();
    vc.undo.script = pgStep->script.path;
    const UndoTrial pg = trialUndo(m_pg, *pgStep);
    if (!pg.skipped.isEmpty()) {
        vc.undo.status = Readiness::NotChecked;
        vc.undo.note = pg.skipped;
    } else if (pg.error) {
        vc.undo.status = Readiness::Fails;
        vc.undo.error = pg.error;
    } else {
        // Compared with what SQLite's undo left (or, when it failed, the schema before the
        // version): a difference the version before already had is not the undo's doing.
        const Schema &reference = lite.after ? *lite.after : m_liteBefore;
        vc.undo.differences = check::introducedChanges(
            m_diffBefore, check::crossDiff(*pg.after, reference, m_pgSchema));
        const MigrationVariant *v = m.variantFor(Engine::Postgres);
        const bool variant = v && !v->down.isEmpty();
        vc.undo.status = !vc.undo.differences.isEmpty() ? Readiness::Differs
                         : variant                      ? Readiness::Variant
                                                        : Readiness::Ready;
    }
    return {};
}

Result<VersionCheck> Runner::check(const Migration &m)
{
    VersionCheck vc;
    vc.version = m.versionText();
    vc.description = m.description;
    if (!m_broken.isEmpty()) {
        vc.up = notChecked(m_broken);
        vc.undo = m.hasUndo() ? notChecked(m_broken) : noUndo();
        return vc;
    }

    // SQLite first: what it builds is what PostgreSQL is compared with.
    const RunResult onLite = m_onLite.up(m.version, &m_cancel);
    if (!onLite.ok()) {
        if (onLite.error->kind == Error::Kind::Cancelled)
            return *onLite.error;
        m_broken = QStringLiteral("version %1 fails on SQLite, so what it builds is unknown")
                       .arg(m.versionText());
        vc.up = notChecked(QStringLiteral("fails on SQLite itself; fix it there first"));
        vc.up.sqliteError = onLite.error;
        vc.undo = m.hasUndo() ? notChecked(m_broken) : noUndo();
        return vc;
    }
    auto liteAfter = read(m_lite);
    if (!liteAfter)
        return liteAfter.error();

    auto pgStep = step(m_onPg, m, Direction::Up);
    if (!pgStep)
        return pgStep.error();
    vc.up.script = pgStep->script.path;
    const MigrationVariant *pgVariant = m.variantFor(Engine::Postgres);
    const bool variant = pgVariant && !pgVariant->up.isEmpty();
    const RunResult onPg = m_onPg.up(m.version, &m_cancel);
    if (!onPg.ok()) {
        if (onPg.error->kind == Error::Kind::Cancelled)
            return *onPg.error;
        vc.up.status = Readiness::Fails;
        vc.up.error = onPg.error;
        // Go on from what SQLite built, so the next version is judged on its own.
        auto pgNow = read(m_pg);
        if (!pgNow)
            return pgNow.error();
        auto bridged = check::bridge(m_pg, *pgNow, m_lite, *liteAfter, m_pgSchema,
                                     m_onPg.historyRecordSql(*pgStep, 0, true), m_diffBefore);
        if (!bridged) {
            const Error &e = bridged.error();
            vc.up.note = QStringLiteral("the scratch PostgreSQL could not be brought to SQLite's "
                                        "schema after it: %1 (%2)")
                             .arg(e.message, e.driverMessage.section(u'\n', 0, 0));
            m_broken = QStringLiteral("version %1 failed and the check could not go on from "
                                      "SQLite's schema (see version %1)")
                           .arg(m.versionText());
            vc.undo = m.hasUndo() ? notChecked(m_broken) : noUndo();
            return vc;
        }
        if (!bridged->isEmpty())
            vc.up.note = QStringLiteral("later versions go on from SQLite's schema and data at "
                                        "this version, without: ") +
                         bridged->join(QStringLiteral("; "));
    }
    auto pgAfter = read(m_pg);
    if (!pgAfter)
        return pgAfter.error();
    const SchemaDiffResult diffAfter = check::crossDiff(*pgAfter, *liteAfter, m_pgSchema);
    if (onPg.ok()) {
        vc.up.differences = check::introducedChanges(m_diffBefore, diffAfter);
        vc.up.status = !vc.up.differences.isEmpty() ? Readiness::Differs
                       : variant                    ? Readiness::Variant
                                                    : Readiness::Ready;
    }
    // The undo is tried against the schema this version left; m_*Before still hold the
    // schemas before it, which a good undo restores.
    if (Status undone = checkUndo(m, vc); !undone.ok())
        return undone.error();
    m_pgBefore = *pgAfter;
    m_liteBefore = *liteAfter;
    m_diffBefore = diffAfter;
    return vc;
}

} // namespace

Result<ReadinessResult> ReadinessCheck::run(const MigrationSet &folder,
                                            const ConnectionSpec &server, Progress *progress)
{
    auto scratch = ScratchPostgres::create(server);
    if (!scratch)
        return scratch.error();
    ReadinessResult result;
    result.server = server.displayUrl();
    result.serverVersion = (*scratch)->session().serverVersion();
    result.scratch = (*scratch)->description();

    QTemporaryDir dir;
    ConnectionSpec liteSpec;
    liteSpec.engine = Engine::Sqlite;
    liteSpec.path = dir.filePath(QStringLiteral("check.db"));
    auto lite = DatabaseSession::open(liteSpec);
    if (!lite)
        return lite.error();

    // Repeatable migrations rerun whenever they change; their readiness is not per version.
    MigrationSet versioned = folder;
    versioned.repeatable.clear();
    if (!folder.repeatable.isEmpty())
        result.notes << QStringLiteral("%1 repeatable migration(s) not checked: the check replays "
                                       "versioned migrations only")
                            .arg(folder.repeatable.size());
    const QString pgSchema = (*scratch)->inSchema() ? (*scratch)->name() : QStringLiteral("public");
    {
        Runner runner((*scratch)->session(), **lite, versioned, pgSchema, progress);
        if (Status started = runner.start(); !started.ok()) {
            result.error = started.error();
        } else {
            const qsizetype total = versioned.versioned.size();
            for (qsizetype i = 0; i < total; ++i) {
                const Migration &m = versioned.versioned[i];
                if (progress)
                    progress->report(
                        int(i), int(total),
                        QStringLiteral("version %1 %2").arg(m.versionText(), m.description));
                if (runner.cancelled()) {
                    result.error = Error::cancelled();
                    break;
                }
                auto checked = runner.check(m);
                if (!checked) {
                    result.error = checked.error();
                    break;
                }
                result.versions << *checked;
            }
            if (progress && !result.error)
                progress->report(int(total), int(total), QStringLiteral("done"));
        }
    }
    const Status dropped = (*scratch)->drop();
    result.scratchDropped = dropped.ok();
    if (!dropped.ok())
        result.notes << dropped.error().toString();
    return result;
}

} // namespace strata
