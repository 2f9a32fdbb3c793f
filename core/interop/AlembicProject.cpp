#include "interop/AlembicProject.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QRegularExpression>

namespace strata {

namespace {

// `script_location` from the [alembic] section; %(here)s is the ini file's folder.
Result<QString> scriptLocation(const QString &iniPath)
{
    QFile f(iniPath);
    if (!f.open(QIODevice::ReadOnly))
        return Error::source(iniPath,
                             QStringLiteral("cannot read %1: %2").arg(iniPath, f.errorString()));
    const QString here = QFileInfo(iniPath).absolutePath();
    QString section;
    const QStringList lines = QString::fromUtf8(f.readAll()).split(u'\n');
    for (const QString &raw : lines) {
        const QString line = raw.trimmed();
        if (line.startsWith(u'[') && line.endsWith(u']')) {
            section = line.mid(1, line.size() - 2).trimmed();
            continue;
        }
        if (section != QLatin1String("alembic") || line.startsWith(u'#') || line.startsWith(u';'))
            continue;
        const qsizetype eq = line.indexOf(QRegularExpression(QStringLiteral("[=:]")));
        if (eq < 0 || line.left(eq).trimmed() != QLatin1String("script_location"))
            continue;
        QString value = line.mid(eq + 1).trimmed();
        value.replace(QStringLiteral("%(here)s"), here);
        if (value.contains(u':') && !QFileInfo(value).isAbsolute() && !value.startsWith(u'/'))
            return Error::source(
                iniPath, QStringLiteral("script_location `%1` names a Python package; Strata reads "
                                        "only folder locations")
                             .arg(value));
        return QFileInfo(value).isAbsolute() ? QDir::cleanPath(value)
                                             : QDir::cleanPath(here + u'/' + value);
    }
    return Error::source(
        iniPath, QStringLiteral("%1 has no script_location in its [alembic] section").arg(iniPath));
}

} // namespace

bool AlembicProject::looksLikeProject(const QString &dir)
{
    const QDir d(dir);
    return d.exists(QStringLiteral("alembic.ini")) ||
           (d.exists(QStringLiteral("env.py")) && d.exists(QStringLiteral("versions")));
}

Result<AlembicProject> AlembicProject::read(const QString &dir)
{
    AlembicProject project;
    const QDir d(dir);
    if (d.exists(QStringLiteral("alembic.ini"))) {
        project.iniPath = QDir::cleanPath(d.absoluteFilePath(QStringLiteral("alembic.ini")));
        auto location = scriptLocation(project.iniPath);
        if (!location)
            return location.error();
        project.scriptDir = *location;
    } else if (d.exists(QStringLiteral("env.py"))) {
        project.scriptDir = QDir::cleanPath(d.absolutePath());
    } else {
        return Error::source(
            dir,
            QStringLiteral("%1 is not an Alembic project (no alembic.ini, no env.py)").arg(dir));
    }
    const QDir scripts(project.scriptDir);
    if (QFile env(scripts.filePath(QStringLiteral("env.py"))); env.open(QIODevice::ReadOnly)) {
        // A project may keep its own version table name in env.py's context.configure().
        static const QRegularExpression table(
            QStringLiteral("version_table\\s*=\\s*['\"]([^'\"]+)['\"]"));
        if (auto m = table.match(QString::fromUtf8(env.readAll())); m.hasMatch())
            project.versionTable = m.captured(1);
    }
    const QDir versions(scripts.filePath(QStringLiteral("versions")));
    if (!versions.exists())
        return Error::source(
            versions.path(),
            QStringLiteral("the Alembic script directory %1 has no versions/ folder")
                .arg(project.scriptDir));
    QList<AlembicRevision> revisions;
    const QStringList files = versions.entryList({QStringLiteral("*.py")}, QDir::Files, QDir::Name);
    for (const QString &name : files) {
        if (name == QLatin1String("__init__.py"))
            continue;
        const QString path = versions.filePath(name);
        QFile f(path);
        if (!f.open(QIODevice::ReadOnly))
            return Error::source(path,
                                 QStringLiteral("cannot read %1: %2").arg(path, f.errorString()));
        auto rev = AlembicRevisionReader::parse(f.readAll(), path);
        if (!rev)
            return rev.error();
        revisions.append(*rev);
    }
    auto graph = RevisionGraph::build(revisions);
    if (!graph)
        return graph.error();
    project.graph = std::move(graph).value();
    return project;
}

} // namespace strata
