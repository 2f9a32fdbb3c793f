#include "report/Report.h"

#include <QCoreApplication>

#ifdef Q_OS_UNIX
#include <pwd.h>
#include <unistd.h>
#endif

namespace strata {

namespace {

// Shorter "secrets" would blank out ordinary words; passwords that short are not kept apart.
constexpr int minSecretLength = 3;
const QString mask = QStringLiteral("(hidden)");

class Scrubber {
public:
    explicit Scrubber(const QStringList &secrets) : m_secrets(secrets) {}

    void operator()(QString &s) const
    {
        for (const QString &secret : m_secrets)
            s.replace(secret, mask);
    }
    void operator()(QStringList &list) const
    {
        for (QString &s : list)
            (*this)(s);
    }
    void operator()(std::optional<Error> &error) const
    {
        if (!error)
            return;
        for (QString *s : {&error->message, &error->statement, &error->file, &error->driverMessage})
            (*this)(*s);
    }
    void operator()(SchemaDiffResult &diff) const
    {
        for (Change &c : diff.changes) {
            for (QString *s : {&c.schema, &c.table, &c.name, &c.summary})
                (*this)(*s);
            (*this)(c.forward);
            (*this)(c.inverse);
            (*this)(c.warnings);
        }
        (*this)(diff.warnings);
    }
    void operator()(TrialResult &trial) const
    {
        for (StepTrial &step : trial.steps) {
            for (QString *s : {&step.version, &step.description, &step.script, &step.note})
                (*this)(*s);
            (*this)(step.warnings);
            for (StatementTrial &st : step.statements) {
                for (QString *s : {&st.file, &st.sql, &st.error})
                    (*this)(*s);
            }
        }
        (*this)(trial.schemaChanges);
        (*this)(trial.warnings);
        (*this)(trial.error);
    }
    void operator()(RunResult &run) const
    {
        for (StepResult &step : run.steps) {
            for (QString *s : {&step.version, &step.description, &step.script})
                (*this)(*s);
        }
        (*this)(run.warnings);
        (*this)(run.error);
    }
    void operator()(StatusReport &status) const
    {
        for (VersionState &e : status.entries) {
            (*this)(e.description);
            if (e.applied) {
                (*this)(e.applied->installedBy);
                (*this)(e.applied->description);
                (*this)(e.applied->script);
                e.applied->snapshot.clear(); // never shown
            }
            if (e.migration) {
                (*this)(e.migration->up.path);
                (*this)(e.migration->down.path);
                e.migration->up.sql.clear(); // the report shows what ran, not every file
                e.migration->down.sql.clear();
            }
        }
    }
    void operator()(TransferPlan &plan) const
    {
        plan.source = {}; // the report shows the decisions, not the introspected schemas
        plan.target = {};
        for (TableDecision &t : plan.tables) {
            for (QString *s : {&t.sourceName, &t.targetName, &t.identityColumn, &t.createSql})
                (*this)(*s);
            for (ColumnDecision &c : t.columns) {
                for (QString *s :
                     {&c.sourceName, &c.targetName, &c.declaredType, &c.targetType, &c.reason})
                    (*this)(*s);
            }
        }
        for (ManualWork &m : plan.manualWork) {
            for (QString *s : {&m.kind, &m.name, &m.originalSql, &m.reason})
                (*this)(*s);
        }
        (*this)(plan.warnings);
        (*this)(plan.createTables);
        (*this)(plan.afterLoad);
    }
    void operator()(TransferResult &result) const
    {
        for (TableResult &t : result.tables) {
            for (QString *s : {&t.table, &t.sourceChecksum, &t.targetChecksum, &t.error})
                (*this)(*s);
        }
        (*this)(result.warnings);
        (*this)(result.error);
    }

private:
    QStringList m_secrets;
};

} // namespace

QString engineLabel(Engine engine)
{
    return engine == Engine::Postgres ? QStringLiteral("PostgreSQL") : QStringLiteral("SQLite");
}

QString currentUserName()
{
    QString user = qEnvironmentVariable("USER");
    if (user.isEmpty())
        user = qEnvironmentVariable("LOGNAME");
    if (user.isEmpty())
        user = qEnvironmentVariable("USERNAME");
#ifdef Q_OS_UNIX
    if (user.isEmpty()) {
        if (const passwd *pw = getpwuid(getuid()))
            user = QString::fromLocal8Bit(pw->pw_name);
    }
#endif
    return user.isEmpty() ? QStringLiteral("unknown") : user;
}

Report Report::begin(const QString &title)
{
    Report r;
    r.title = title;
    r.generatedAt = QDateTime::currentDateTimeUtc();
    r.generatedBy = currentUserName();
    r.toolVersion = QCoreApplication::applicationVersion();
    if (r.toolVersion.isEmpty())
        r.toolVersion = QStringLiteral("unknown");
    return r;
}

void Report::setDatabase(const ConnectionSpec &spec, const QString &serverVersion)
{
    database = ReportDatabase{spec.displayUrl(), engineLabel(spec.engine), serverVersion};
    addSecretsOf(spec);
}

void Report::addSecretsOf(const ConnectionSpec &spec)
{
    if (spec.password.size() >= minSecretLength && !secrets.contains(spec.password))
        secrets << spec.password;
}

QStringList Report::kinds() const
{
    QStringList out;
    if (timeline)
        out << QStringLiteral("timeline");
    if (validation)
        out << QStringLiteral("validation");
    if (drift)
        out << QStringLiteral("drift");
    if (dryRun)
        out << QStringLiteral("dry_run");
    if (run)
        out << QStringLiteral("run");
    if (diff)
        out << QStringLiteral("diff");
    if (transfer)
        out << QStringLiteral("transfer");
    if (readiness)
        out << QStringLiteral("readiness");
    return out;
}

QString Report::redact(const QString &text) const
{
    QString out = text;
    const Scrubber scrub{secrets};
    scrub(out);
    return out;
}

Report Report::redacted() const
{
    Report r = *this;
    const Scrubber scrub(secrets);
    for (QString *s : {&r.title, &r.generatedBy, &r.migrationsDir, &r.dryRunTitle})
        scrub(*s);
    if (r.database) {
        scrub(r.database->url);
        scrub(r.database->serverVersion);
    }
    if (r.timeline)
        scrub(*r.timeline);
    if (r.dryRun)
        scrub(*r.dryRun);
    if (r.run) {
        scrub(r.run->run);
        scrub(r.run->by);
    }
    if (r.diff) {
        scrub(r.diff->from);
        scrub(r.diff->to);
        scrub(r.diff->diff);
    }
    if (r.transfer) {
        scrub(r.transfer->source);
        scrub(r.transfer->target);
        if (r.transfer->plan)
            scrub(*r.transfer->plan);
        if (r.transfer->result)
            scrub(*r.transfer->result);
    }
    if (r.drift) {
        for (QString *s : {&r.drift->version, &r.drift->recordedOrigin, &r.drift->live})
            scrub(*s);
        scrub(r.drift->diff);
    }
    if (r.readiness) {
        scrub(r.readiness->server);
        scrub(r.readiness->notes);
        scrub(r.readiness->error);
        for (VersionCheck &v : r.readiness->versions) {
            for (ScriptCheck *s : {&v.up, &v.undo}) {
                scrub(s->error);
                scrub(s->sqliteError);
                scrub(s->note);
            }
        }
    }
    if (r.validation) {
        for (ValidationProblem &p : r.validation->problems) {
            scrub(p.version);
            scrub(p.message);
        }
    }
    return r;
}

} // namespace strata
