#include "TimelineModel.h"
#include "ReadinessBadge.h"

#include "common/Format.h"

#include <QLocale>

namespace strata {

TimelineModel::TimelineModel(QObject *parent) : QAbstractItemModel(parent) {}

void TimelineModel::setStatus(const StatusReport &report)
{
    beginResetModel();
    m_report = report;
    m_currentRow = -1;
    m_details.clear();
    m_details.reserve(m_report.entries.size());
    for (int row = 0; row < m_report.entries.size(); ++row) {
        const VersionState &e = m_report.entries[row];
        const QString moved = move(e);
        m_details << (moved.isEmpty() ? detail(e) : detail(e) + QStringLiteral(" · ") + moved);
        if (m_report.current && e.kind == MigrationKind::Versioned &&
            e.version == *m_report.current)
            m_currentRow = row;
    }
    endResetModel();
}

const VersionState *TimelineModel::entry(int row) const
{
    return row >= 0 && row < m_report.entries.size() ? &m_report.entries[row] : nullptr;
}

const SourceProblem *TimelineModel::problem(int row) const
{
    const qsizetype at = row - m_report.entries.size();
    return row >= 0 && at >= 0 && at < m_report.problems.size() ? &m_report.problems[at] : nullptr;
}

void TimelineModel::setReadiness(const ReadinessResult &result)
{
    m_readiness.clear();
    for (const VersionCheck &v : result.versions)
        m_readiness.insert(v.version, v);
    if (rowCount() > 0)
        emit dataChanged(index(0, 0), index(rowCount() - 1, 0));
}

void TimelineModel::clearReadiness()
{
    if (m_readiness.isEmpty())
        return;
    m_readiness.clear();
    if (rowCount() > 0)
        emit dataChanged(index(0, 0), index(rowCount() - 1, 0));
}

const VersionCheck *TimelineModel::readinessOf(const VersionState &e) const
{
    if (e.versionText.isEmpty())
        return nullptr;
    auto it = m_readiness.constFind(e.versionText);
    return it == m_readiness.constEnd() ? nullptr : &*it;
}

int TimelineModel::rowOfVersion(const QString &versionText) const
{
    for (int row = 0; row < m_report.entries.size(); ++row) {
        if (!versionText.isEmpty() && m_report.entries[row].versionText == versionText)
            return row;
    }
    return -1;
}

int TimelineModel::rowOfScript(const QString &path) const
{
    for (int row = 0; row < m_report.entries.size(); ++row) {
        const auto &m = m_report.entries[row].migration;
        if (m && (m->up.path == path || m->down.path == path))
            return row;
    }
    return -1;
}

QModelIndex TimelineModel::index(int row, int column, const QModelIndex &parent) const
{
    if (parent.isValid() || column != 0 || row < 0 || row >= rowCount())
        return {};
    return createIndex(row, column);
}

QModelIndex TimelineModel::parent(const QModelIndex &) const
{
    return {}; // a flat list
}

int TimelineModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_report.entries.size() + m_report.problems.size());
}

int TimelineModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : 1;
}

Qt::ItemFlags TimelineModel::flags(const QModelIndex &index) const
{
    return index.isValid() ? Qt::ItemIsEnabled | Qt::ItemIsSelectable : Qt::NoItemFlags;
}

QVariant TimelineModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    if (const SourceProblem *p = problem(index.row()))
        return problemData(*p, role);
    const VersionState &e = m_report.entries[index.row()];
    switch (role) {
    case Qt::DisplayRole:
        return e.versionText.isEmpty() ? e.description
                                       : QStringLiteral("%1  %2").arg(e.versionText, e.description);
    case Qt::ToolTipRole:
        return tooltip(e);
    case Qt::AccessibleDescriptionRole:
    case DetailRole:
        return m_details.value(index.row());
    case StateRole:
        return int(e.state);
    case VersionRole:
        return e.versionText;
    case DescriptionRole:
        return e.description;
    case InstalledByRole:
        return e.applied ? e.applied->installedBy : QString();
    case InstalledOnRole:
        return e.applied ? e.applied->installedOn : QDateTime();
    case DurationRole:
        return e.applied ? e.applied->executionMs : qint64(-1);
    case IsCurrentRole:
        return index.row() == m_currentRow;
    case IsRepeatableRole:
        return e.kind == MigrationKind::Repeatable;
    case HasUndoRole:
        return e.migration && e.migration->hasUndo();
    case ScriptRole:
        return e.migration ? e.migration->up.path : (e.applied ? e.applied->script : QString());
    case SearchTextRole:
        return QStringLiteral("%1 %2 %3 %4 %5")
            .arg(e.versionText, e.description, stateLabel(e.state), move(e),
                 readinessOf(e) ? readiness::badge(*readinessOf(e)) : QString());
    case MoveRole:
        return move(e);
    case ReadinessRole: {
        const VersionCheck *r = readinessOf(e);
        return r ? readiness::badge(*r) : QString();
    }
    case ReadinessToneRole: {
        const VersionCheck *r = readinessOf(e);
        return r ? int(readiness::tone(*r)) : QVariant();
    }
    case IsProblemRole:
        return false;
    default:
        return {};
    }
}

QVariant TimelineModel::problemData(const SourceProblem &p, int role) const
{
    const QString file = format::displayPath(p.path);
    switch (role) {
    case Qt::DisplayRole:
        return QStringLiteral("%1 — %2").arg(file, p.reason);
    case Qt::ToolTipRole:
        return QStringLiteral("<b>%1</b><br>%2<br>%3")
            .arg(problemLabel(p.kind).toHtmlEscaped(), p.path.toHtmlEscaped(),
                 p.reason.toHtmlEscaped());
    case Qt::AccessibleDescriptionRole:
    case DetailRole:
        return p.reason;
    case StateRole:
        return -1; // no MigrationState: the file is in no version
    case VersionRole:
        return QString();
    case DescriptionRole:
        return file;
    case InstalledOnRole:
        return QDateTime();
    case DurationRole:
        return qint64(-1);
    case IsCurrentRole:
    case IsRepeatableRole:
    case HasUndoRole:
        return false;
    case ScriptRole:
        return p.path;
    case SearchTextRole:
        return QStringLiteral("%1 %2 %3 %4")
            .arg(file, p.reason, problemLabel(p.kind), tr("Problem"));
    case IsProblemRole:
        return true;
    case ProblemLabelRole:
        return problemLabel(p.kind);
    default:
        return {};
    }
}

QHash<int, QByteArray> TimelineModel::roleNames() const
{
    auto names = QAbstractItemModel::roleNames();
    names.insert(StateRole, "state");
    names.insert(VersionRole, "version");
    names.insert(DescriptionRole, "description");
    names.insert(InstalledByRole, "installedBy");
    names.insert(InstalledOnRole, "installedOn");
    names.insert(DurationRole, "durationMs");
    names.insert(IsCurrentRole, "isCurrent");
    names.insert(IsRepeatableRole, "isRepeatable");
    names.insert(HasUndoRole, "hasUndo");
    names.insert(ScriptRole, "script");
    names.insert(DetailRole, "detail");
    names.insert(MoveRole, "move");
    names.insert(ReadinessRole, "readiness");
    names.insert(ReadinessToneRole, "readinessTone");
    names.insert(IsProblemRole, "isProblem");
    return names;
}

QString TimelineModel::stateLabel(MigrationState state)
{
    switch (state) {
    case MigrationState::Applied:
        return tr("Applied");
    case MigrationState::Pending:
        return tr("Pending");
    case MigrationState::Failed:
        return tr("Failed");
    case MigrationState::ChecksumMismatch:
        return tr("Checksum changed");
    case MigrationState::MissingFile:
        return tr("Missing file");
    case MigrationState::Baseline:
        return tr("Baseline");
    }
    return {};
}

QString TimelineModel::problemLabel(SourceProblemKind kind)
{
    switch (kind) {
    case SourceProblemKind::Misnamed:
        return tr("Misnamed");
    case SourceProblemKind::OtherFormat:
        return tr("Other format");
    case SourceProblemKind::BadVersion:
        return tr("Bad version");
    case SourceProblemKind::Unreadable:
        return tr("Unreadable");
    case SourceProblemKind::NotUtf8:
        return tr("Not UTF-8");
    case SourceProblemKind::BadSections:
        return tr("No up section");
    case SourceProblemKind::DuplicateVersion:
    case SourceProblemKind::DuplicateRepeatable:
        return tr("Duplicate");
    case SourceProblemKind::SecondUndo:
        return tr("Second undo");
    case SourceProblemKind::UndoWithoutVersion:
        return tr("Undo without version");
    case SourceProblemKind::VariantWithoutPlain:
        return tr("Variant without plain file");
    case SourceProblemKind::SecondVariant:
        return tr("Second variant");
    case SourceProblemKind::Folder:
        return tr("Folder unreadable");
    }
    return {};
}

QString TimelineModel::detail(const VersionState &e) const
{
    auto when = [](const AppliedMigration &a) {
        return QLocale().toString(a.installedOn.toLocalTime(), QStringLiteral("yyyy-MM-dd HH:mm"));
    };
    auto ran = [&](const AppliedMigration &a) {
        return tr("%1 · %2 · %3 ms").arg(a.installedBy, when(a)).arg(a.executionMs);
    };
    switch (e.state) {
    case MigrationState::Applied:
        return e.applied ? ran(*e.applied) : tr("Applied");
    case MigrationState::Pending: {
        if (e.kind == MigrationKind::Repeatable)
            return tr("Repeatable · runs when its checksum changes");
        const QString undo =
            e.migration && e.migration->hasUndo() ? tr("has an undo script") : tr("no undo script");
        // A version that was applied before says what happened to it last.
        if (!e.audit.isEmpty())
            return tr("Pending · %1 · %2").arg(e.audit.last().sentence(), undo);
        return tr("Pending · %1").arg(undo);
    }
    case MigrationState::Failed:
        return e.applied ? tr("Failed · %1").arg(ran(*e.applied)) : tr("Failed");
    case MigrationState::ChecksumMismatch:
        return e.applied ? tr("File changed since applied · %1").arg(ran(*e.applied))
                         : tr("File changed since applied");
    case MigrationState::MissingFile:
        return e.applied ? tr("File missing · %1").arg(ran(*e.applied)) : tr("File missing");
    case MigrationState::Baseline:
        return e.applied ? tr("Baseline · %1 · %2").arg(e.applied->installedBy, when(*e.applied))
                         : tr("Below the baseline");
    }
    return {};
}

// The moves to another engine recorded at this version (normally one: SQLite to PostgreSQL).
QString TimelineModel::move(const VersionState &e) const
{
    if (e.kind != MigrationKind::Versioned || e.versionText.isEmpty())
        return {};
    QStringList moves;
    for (const AppliedMigration &m : m_report.moves) {
        const auto v = Version::parse(m.version);
        if (m.success && v && *v == e.version)
            moves << tr("%1 on %2")
                         .arg(m.description,
                              QLocale().toString(m.installedOn.toLocalTime(),
                                                 QStringLiteral("yyyy-MM-dd HH:mm")));
    }
    return moves.join(QStringLiteral("; "));
}

QString TimelineModel::tooltip(const VersionState &e) const
{
    QString tip =
        QStringLiteral("<b>%1</b> %2<br>%3")
            .arg(e.versionText.toHtmlEscaped(), e.description.toHtmlEscaped(), stateLabel(e.state));
    if (e.migration)
        tip += QStringLiteral("<br>%1").arg(e.migration->up.path.toHtmlEscaped());
    if (e.applied)
        tip +=
            tr("<br>Applied by %1 on %2 in %3 ms")
                .arg(e.applied->installedBy.toHtmlEscaped(),
                     QLocale().toString(e.applied->installedOn.toLocalTime(), QLocale::ShortFormat))
                .arg(e.applied->executionMs);
    const QString sum = e.checksum();
    if (!sum.isEmpty())
        tip += tr("<br>Checksum %1…").arg(sum.left(12));
    if (!e.audit.isEmpty()) {
        tip += tr("<br><b>Audit log</b>");
        for (const AuditEntry &a : e.audit)
            tip += QStringLiteral("<br>%1").arg(a.sentence().toHtmlEscaped());
    }
    if (const QString moved = move(e); !moved.isEmpty())
        tip += tr("<br>The database changed engines here: %1").arg(moved.toHtmlEscaped());
    if (const VersionCheck *r = readinessOf(e)) {
        tip += tr("<br><b>PostgreSQL readiness: %1</b>").arg(readiness::badge(*r).toHtmlEscaped());
        for (const QString &line : readiness::details(*r))
            tip += QStringLiteral("<br>%1").arg(line.toHtmlEscaped());
    }
    return tip;
}

} // namespace strata
