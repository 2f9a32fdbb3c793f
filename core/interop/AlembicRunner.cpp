#include "interop/AlembicRunner.h"

#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QFileInfo>
#include <QProcess>
#include <QRegularExpression>
#include <QStandardPaths>
#include <QTemporaryDir>

namespace strata {

namespace {

// Logging sections Alembic's usual env.py needs (it calls fileConfig on the ini file).
const char *minimalLogging =
    "\n[loggers]\nkeys = root\n\n[handlers]\nkeys = console\n\n[formatters]\nkeys = generic\n\n"
    "[logger_root]\nlevel = WARN\nhandlers = console\n\n[handler_console]\nclass = StreamHandler\n"
    "args = (sys.stderr,)\nlevel = NOTSET\nformatter = generic\n\n[formatter_generic]\n"
    "format = %(levelname)-5.5s [%(name)s] %(message)s\n";

// The project's ini with an absolute script_location and a dialect-only sqlalchemy.url: offline
// mode needs only the dialect, so no password ever reaches Alembic's command line or files.
QString iniFor(const AlembicProject &project, Engine engine)
{
    const QString url =
        engine == Engine::Postgres ? QStringLiteral("postgresql://") : QStringLiteral("sqlite://");
    QStringList out;
    bool inAlembic = false;
    bool wroteUrl = false;
    if (!project.iniPath.isEmpty()) {
        QFile f(project.iniPath);
        if (f.open(QIODevice::ReadOnly)) {
            const QStringList lines = QString::fromUtf8(f.readAll()).split(u'\n');
            for (const QString &line : lines) {
                const QString t = line.trimmed();
                if (t.startsWith(u'[')) {
                    if (inAlembic && !wroteUrl) {
                        out << QStringLiteral("sqlalchemy.url = ") + url;
                        wroteUrl = true;
                    }
                    inAlembic = t == QLatin1String("[alembic]");
                    out << line;
                    continue;
                }
                static const QRegularExpression key(QStringLiteral("^\\s*([A-Za-z_.]+)\\s*[=:]"));
                const QString name = key.match(line).captured(1);
                if (inAlembic && name == QLatin1String("script_location")) {
                    out << QStringLiteral("script_location = ") + project.scriptDir;
                } else if (inAlembic && name == QLatin1String("sqlalchemy.url")) {
                    out << QStringLiteral("sqlalchemy.url = ") + url;
                    wroteUrl = true;
                } else {
                    out << line;
                }
            }
            if (inAlembic && !wroteUrl)
                out << QStringLiteral("sqlalchemy.url = ") + url;
            return out.join(u'\n') + u'\n';
        }
    }
    return QStringLiteral("[alembic]\nscript_location = %1\nsqlalchemy.url = %2\n")
               .arg(project.scriptDir, url) +
           QString::fromLatin1(minimalLogging);
}

Error alembicError(const QString &message, const QString &detail = {})
{
    return {Error::Kind::Migration, message, {}, {}, 0, detail};
}

bool isTransactionControl(const QString &sql)
{
    static const QRegularExpression re(
        QStringLiteral("^(BEGIN|COMMIT|START\\s+TRANSACTION|BEGIN\\s+TRANSACTION|END)$"),
        QRegularExpression::CaseInsensitiveOption);
    return re.match(sql.trimmed()).hasMatch();
}

} // namespace

QString AlembicRunner::executable()
{
    const QString configured = qEnvironmentVariable("STRATA_ALEMBIC");
    if (!configured.isEmpty())
        return QFileInfo(configured).isExecutable() ? configured : QString();
    return QStandardPaths::findExecutable(QStringLiteral("alembic"));
}

QString AlembicRunner::missingText()
{
    return QStringLiteral(
        "the `alembic` command is not installed (Debian: apt install alembic python3-psycopg2); "
        "status works without it, dry runs and applies need it");
}

Result<QString> AlembicRunner::runAlembic(const QStringList &arguments, Engine engine) const
{
    const QString program = executable();
    if (program.isEmpty())
        return alembicError(missingText());
    QTemporaryDir dir;
    if (!dir.isValid())
        return alembicError(QStringLiteral("cannot create a temporary folder for alembic.ini"));
    const QString ini = dir.filePath(QStringLiteral("alembic.ini"));
    QFile f(ini);
    if (!f.open(QIODevice::WriteOnly) || f.write(iniFor(m_project, engine).toUtf8()) < 0)
        return alembicError(QStringLiteral("cannot write %1").arg(ini));
    f.close();
    QProcess process;
    // Keep Python from writing __pycache__ folders into the user's project.
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.insert(QStringLiteral("PYTHONDONTWRITEBYTECODE"), QStringLiteral("1"));
    process.setProcessEnvironment(env);
    process.setWorkingDirectory(m_project.iniPath.isEmpty()
                                    ? m_project.scriptDir
                                    : QFileInfo(m_project.iniPath).absolutePath());
    process.start(program, QStringList{QStringLiteral("-c"), ini} + arguments);
    if (!process.waitForFinished(120000)) {
        process.kill();
        process.waitForFinished();
        return alembicError(QStringLiteral("alembic %1 did not finish").arg(arguments.join(u' ')));
    }
    const QString err = QString::fromUtf8(process.readAllStandardError()).trimmed();
    if (process.exitStatus() != QProcess::NormalExit || process.exitCode() != 0)
        return alembicError(QStringLiteral("alembic %1 failed (exit %2)")
                                .arg(arguments.join(u' '))
                                .arg(process.exitCode()),
                            err);
    return QString::fromUtf8(process.readAllStandardOutput());
}

Result<QString> AlembicRunner::offlineSql(Engine engine, const AlembicStatus &status,
                                          const AlembicTarget &target) const
{
    if (status.databaseHeads.size() > 1)
        return alembicError(
            QStringLiteral(
                "the database is at %1 heads (%2); Alembic's offline mode starts from one "
                "revision, so upgrade or merge with Alembic itself first")
                .arg(status.databaseHeads.size())
                .arg(status.databaseHeads.join(QStringLiteral(", "))));
    const QString from =
        status.databaseHeads.isEmpty() ? QStringLiteral("base") : status.databaseHeads.first();
    QString to = target.revision;
    if (target.direction == Direction::Up) {
        if (to.isEmpty())
            to = QStringLiteral("heads");
        if (status.databaseHeads.isEmpty())
            return runAlembic({QStringLiteral("upgrade"), to, QStringLiteral("--sql")}, engine);
        return runAlembic({QStringLiteral("upgrade"), from + u':' + to, QStringLiteral("--sql")},
                          engine);
    }
    if (status.databaseHeads.isEmpty())
        return alembicError(
            QStringLiteral("the database has no Alembic revision to downgrade from"));
    if (target.steps > 0) {
        // Follow first parents from the current head.
        const RevisionGraph &g = m_project.graph;
        QString at = from;
        for (int i = 0; i < target.steps; ++i) {
            const AlembicRevision *r = g.find(at);
            if (!r)
                return alembicError(
                    QStringLiteral("revision %1 has no file in the project").arg(at));
            at = r->downRevisions.isEmpty() ? QStringLiteral("base") : r->downRevisions.first();
            if (at == QLatin1String("base"))
                break;
        }
        to = at;
    }
    if (to.isEmpty())
        return alembicError(
            QStringLiteral("a downgrade needs a target revision, `base` or a number of steps"));
    return runAlembic({QStringLiteral("downgrade"), from + u':' + to, QStringLiteral("--sql")},
                      engine);
}

Plan AlembicRunner::splitOffline(const QString &sql, Direction direction,
                                 const QString &versionTable, bool versionTableExists) const
{
    Plan plan;
    plan.direction = direction;
    plan.recordHistory = false;
    static const QRegularExpression marker(
        QStringLiteral("^-- Running (upgrade|downgrade) (.*) -> (.*)$"));
    static const QRegularExpression createVersion(
        QStringLiteral("^CREATE\\s+TABLE\\s+\"?([A-Za-z0-9_]+)\"?\\s*\\("),
        QRegularExpression::CaseInsensitiveOption);
    const QStringList lines = sql.split(u'\n');
    struct Chunk {
        QString title;
        QString revision;
        QString text;
        int firstLine = 1;
    };
    QList<Chunk> chunks{{QStringLiteral("prepare %1").arg(versionTable), {}, {}, 1}};
    for (int i = 0; i < lines.size(); ++i) {
        const auto m = marker.match(lines[i].trimmed());
        if (m.hasMatch()) {
            const QStringList into = m.captured(3).split(u',', Qt::SkipEmptyParts);
            const QStringList outOf = m.captured(2).split(u',', Qt::SkipEmptyParts);
            // An upgrade step is named after the revision it reaches, a downgrade after the one it
            // undoes.
            const QString rev = (direction == Direction::Up ? into : outOf).value(0).trimmed();
            chunks.append({lines[i].trimmed().mid(3), rev, {}, i + 2});
            continue;
        }
        chunks.last().text += lines[i] + u'\n';
    }
    for (const Chunk &c : chunks) {
        PlanStep step;
        step.direction = direction;
        const AlembicRevision *rev = m_project.graph.find(c.revision);
        step.migration.description =
            rev ? QStringLiteral("%1 %2").arg(c.revision, rev->message) : c.title;
        step.script.path = rev ? QDir(m_project.scriptDir).relativeFilePath(rev->file) +
                                     QStringLiteral(" (offline SQL)")
                               : QStringLiteral("alembic offline SQL");
        step.script.sql = c.text;
        step.migration.up = step.script;
        for (const SqlStatement &s : SqlSplitter::split(c.text, c.firstLine)) {
            if (isTransactionControl(s.sql))
                continue;
            if (versionTableExists) {
                const auto m = createVersion.match(s.sql);
                if (m.hasMatch() && m.captured(1) == versionTable)
                    continue;
            }
            step.statements.append(s);
        }
        if (step.statements.isEmpty() && !rev)
            continue;
        plan.steps.append(step);
    }
    return plan;
}

Result<Plan> AlembicRunner::plan(DatabaseSession &session, const AlembicStatus &status,
                                 const AlembicTarget &target) const
{
    auto sql = offlineSql(session.dialect().engine(), status, target);
    if (!sql)
        return sql.error();
    return splitOffline(*sql, target.direction, m_project.versionTable, status.hasVersionTable);
}

TrialResult AlembicRunner::trial(DatabaseSession &session, const Plan &plan, Progress *progress)
{
    Migrator migrator(session, MigrationSet{});
    return DryRun::trial(migrator, plan, progress);
}

RunResult AlembicRunner::apply(DatabaseSession &session, const Plan &plan, Progress *progress)
{
    RunResult result;
    result.direction = plan.direction;
    Migrator migrator(session, MigrationSet{});
    if (Status locked = migrator.acquireLock(progress); !locked.ok()) {
        result.error = locked.error();
        return result;
    }
    if (auto begun = session.exec(session.dialect().beginSql()); !begun) {
        result.error = begun.error();
        migrator.releaseLock();
        return result;
    }
    const int total = int(plan.steps.size());
    for (int i = 0; i < total && !result.error; ++i) {
        const PlanStep &step = plan.steps[i];
        if (progress) {
            if (progress->cancelled()) {
                result.error = Error::cancelled();
                break;
            }
            progress->report(i, total, step.migration.description);
        }
        QElapsedTimer timer;
        timer.start();
        for (const SqlStatement &s : step.statements) {
            if (auto ran = session.exec(s.sql); !ran) {
                result.error = Migrator::statementError(step, s, ran.error());
                break;
            }
        }
        if (!result.error)
            result.steps.append({plan.direction,
                                 {},
                                 step.migration.description,
                                 step.script.path,
                                 timer.elapsed(),
                                 false});
    }
    if (!result.error) {
        if (auto committed = session.exec(QStringLiteral("COMMIT")); !committed)
            result.error = committed.error();
    }
    if (result.error) {
        session.exec(QStringLiteral("ROLLBACK"));
        result.steps.clear(); // one transaction: nothing stayed
        result.error->message += QStringLiteral("; the whole run was rolled back");
    }
    migrator.releaseLock();
    return result;
}

} // namespace strata
