#include "port/MigrationPorter.h"

#include "migration/MigrationVariants.h"
#include "migration/SqlSplitter.h"
#include "port/ScriptPorter.h"
#include "port/StatementPort.h"
#include "transfer/TransferPlanner.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QSaveFile>

namespace strata {

namespace {

QString besideWithName(const QString &path, const QString &name)
{
    return path.left(path.size() - path.section(u'/', -1).size()) + name;
}

QString header(const QString &plainName, Engine engine, bool noTransaction)
{
    QString out;
    if (noTransaction)
        out += QStringLiteral("-- strata:no-transaction\n");
    out +=
        QStringLiteral("-- %1 variant of %2: runs instead of it on %1.\n"
                       "-- Written by `strata-cli port`; read it, and look for STRATA MANUAL.\n\n")
            .arg(engineDisplayName(engine), plainName);
    return out;
}

Status writeFile(const QString &path, const QString &text)
{
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly) || file.write(text.toUtf8()) < 0 || !file.commit())
        return Error::source(
            path, QStringLiteral("cannot write the variant: %1").arg(file.errorString()));
    return {};
}

// Decides what happens to one variant file and writes it when it should.
Status settle(PortedScript &script, bool exists, const PortOptions &options)
{
    if (script.outcome == PortOutcome::Failed)
        return {};
    if (script.sql.isEmpty()) {
        script.outcome = PortOutcome::AsIs;
        return {};
    }
    if (options.dryRun) {
        script.outcome = PortOutcome::WouldWrite;
        return {};
    }
    if (exists && !options.force) {
        script.outcome = PortOutcome::KeptExisting;
        return {};
    }
    script.outcome = exists ? PortOutcome::Overwritten : PortOutcome::Written;
    return writeFile(script.variantPath, script.sql);
}

PortedScript failed(const MigrationScript &plain, bool undo, const Error &error)
{
    PortedScript s;
    s.plainPath = plain.path;
    s.undo = undo;
    s.outcome = PortOutcome::Failed;
    s.error = error.toString();
    return s;
}

// The transfer's decisions for the database the whole folder builds, rows included: the
// types the port pins where a declaration alone says too little (see ScriptPorter::target).
// Nothing when a script fails: the port reports that one itself.
std::optional<QList<TableDecision>> finalDecisions(const MigrationSet &folder,
                                                   const TransferOptions &options)
{
    auto spec = ConnectionSpec::parse(QStringLiteral("sqlite::memory:"));
    auto db = DatabaseSession::open(*spec);
    if (!db)
        return std::nullopt;
    for (const Migration &m : folder.versioned) {
        for (const SqlStatement &s : SqlSplitter::split(m.up.sql, m.up.firstLine)) {
            if (SqliteStatement::read(s.sql, s.line).kind == StatementKind::Transaction)
                continue;
            if (!(*db)->exec(s.sql))
                return std::nullopt;
        }
    }
    auto plan = TransferPlanner::plan(**db, options);
    if (!plan)
        return std::nullopt;
    return plan->tables;
}

} // namespace

Result<PortReport> MigrationPorter::port(const QString &dir, const PortOptions &options,
                                         Progress *progress)
{
    if (options.engine != Engine::Postgres)
        return Error::usage(
            QStringLiteral("port writes PostgreSQL variants of an SQLite-dialect folder: "
                           "--engine postgresql"));
    auto folder = MigrationSource::readComplete(dir);
    if (!folder)
        return folder.error();
    auto spec = ConnectionSpec::parse(QStringLiteral("sqlite::memory:"));
    auto scratch = DatabaseSession::open(*spec);
    if (!scratch)
        return scratch.error();
    ScriptPorter porter(**scratch, options.transfer);
    if (auto last = finalDecisions(*folder, options.transfer); last)
        porter.setFinalDecisions(*last);

    PortReport report;
    report.engine = options.engine;
    report.folder = dir;
    report.dryRun = options.dryRun;
    for (const Migration &r : folder->repeatable)
        report.warnings
            << QStringLiteral("%1: repeatable migrations are not ported").arg(r.up.path);

    const int total = int(folder->versioned.size());
    for (int i = 0; i < total; ++i) {
        const Migration &m = folder->versioned[i];
        if (progress) {
            if (progress->cancelled())
                return Error::cancelled();
            progress->report(i, total, QStringLiteral("porting %1").arg(m.scriptName()));
        }
        PortedVersion version{m.versionText(), m.description, {}};
        const MigrationVariant *existing = m.variantFor(options.engine);
        const bool dbmate = folder->format == FolderFormat::Dbmate;

        auto up = porter.port(m.up);
        if (!up) {
            version.scripts << failed(m.up, false, up.error());
            report.versions << version;
            report.warnings << QStringLiteral(
                                   "the versions after %1 were not ported: each needs the "
                                   "schema %1 builds")
                                   .arg(m.versionText());
            break;
        }
        // The undo runs against the schema after the up script and is rolled back: the next
        // version starts from the schema the up script left.
        std::optional<Result<PortedBody>> down;
        if (m.hasUndo()) {
            (*scratch)->exec(QStringLiteral("BEGIN"));
            down = porter.port(m.down);
            (*scratch)->exec(QStringLiteral("ROLLBACK"));
        }

        auto scriptFor = [&](const MigrationScript &plain, const PortedBody &body, bool undo) {
            PortedScript s;
            s.plainPath = plain.path;
            s.undo = undo;
            s.variantPath =
                besideWithName(plain.path, variantFileName(plain.fileName(), options.engine));
            s.notes = body.notes;
            if (!body.asIs)
                s.sql = header(plain.fileName(), options.engine, plain.noTransaction) + body.sql;
            return s;
        };
        if (dbmate) {
            // One file holds both sections: a variant when either needs one.
            PortedScript s = scriptFor(m.up, *up, false);
            const bool downPorted = down && down->ok();
            const bool needed = !up->asIs || (downPorted && !(*down)->asIs);
            if (down && !down->ok())
                s.notes.append(
                    {PortNoteKind::Manual, m.down.firstLine, {}, down->error().toString()});
            if (needed) {
                QString text = header(m.up.fileName(), options.engine, false) +
                               QStringLiteral("-- migrate:up%1\n")
                                   .arg(m.up.noTransaction ? " transaction:false" : "") +
                               up->sql;
                if (m.hasUndo()) {
                    text += QStringLiteral("\n-- migrate:down%1\n")
                                .arg(m.down.noTransaction ? " transaction:false" : "") +
                            (downPorted ? (*down)->sql : m.down.sql);
                    if (downPorted)
                        s.notes += (*down)->notes;
                }
                s.sql = text;
            } else {
                s.sql.clear();
            }
            if (Status done = settle(s, existing && !existing->up.isEmpty(), options); !done.ok())
                return done.error();
            version.scripts << s;
        } else {
            PortedScript s = scriptFor(m.up, *up, false);
            if (Status done = settle(s, existing && !existing->up.isEmpty(), options); !done.ok())
                return done.error();
            version.scripts << s;
            if (down && !down->ok()) {
                version.scripts << failed(m.down, true, down->error());
            } else if (down) {
                PortedScript u = scriptFor(m.down, **down, true);
                if (Status done = settle(u, existing && !existing->down.isEmpty(), options);
                    !done.ok())
                    return done.error();
                version.scripts << u;
            }
        }
        report.versions << version;
    }
    if (progress)
        progress->report(total, total, QStringLiteral("done"));
    return report;
}

} // namespace strata
