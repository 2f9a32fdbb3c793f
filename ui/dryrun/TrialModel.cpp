#include "TrialModel.h"

#include "common/Format.h"
#include "common/Icons.h"
#include "common/Theme.h"

#include <QFont>
#include <QGuiApplication>

namespace strata {

namespace {

// internalId: 0 for a step row, step + 1 for a statement row (its parent's row).
constexpr quintptr stepId = 0;

bool stepFailed(const StepTrial &step)
{
    for (const StatementTrial &s : step.statements) {
        if (!s.error.isEmpty())
            return true;
    }
    return false;
}

} // namespace

TrialModel::TrialModel(QObject *parent) : QAbstractItemModel(parent) {}

void TrialModel::clear()
{
    setTrial({});
}

void TrialModel::setTrial(const TrialResult &trial)
{
    beginResetModel();
    const QPalette pal = QGuiApplication::palette();
    const QColor ink = pal.color(QPalette::Base);
    m_ok = icons::badge(u'v', theme::tone(theme::Tone::Success, pal), ink);
    m_failed = icons::badge(u'x', theme::tone(theme::Tone::Danger, pal), ink);
    m_skipped = icons::badge(u'-', theme::lineColor(pal), ink);
    m_generated = icons::icon(icons::Name::Generated, theme::tone(theme::Tone::Info, pal));
    m_trial = trial;
    endResetModel();
}

QModelIndex TrialModel::failingIndex() const
{
    for (int s = 0; s < m_trial.steps.size(); ++s) {
        const auto &statements = m_trial.steps[s].statements;
        for (int i = 0; i < statements.size(); ++i) {
            if (!statements[i].error.isEmpty())
                return index(i, 0, index(s, 0));
        }
    }
    return {};
}

int TrialModel::statementCount() const
{
    int n = 0;
    for (const StepTrial &step : m_trial.steps)
        n += int(step.statements.size());
    return n;
}

qint64 TrialModel::totalMs() const
{
    qint64 ms = 0;
    for (const StepTrial &step : m_trial.steps) {
        for (const StatementTrial &s : step.statements)
            ms += s.ms;
    }
    return ms;
}

QModelIndex TrialModel::index(int row, int column, const QModelIndex &parent) const
{
    if (row < 0 || column < 0 || column >= ColumnCount)
        return {};
    if (!parent.isValid())
        return row < m_trial.steps.size() ? createIndex(row, column, stepId) : QModelIndex();
    if (parent.internalId() != stepId || parent.column() != 0)
        return {};
    if (row >= m_trial.steps[parent.row()].statements.size())
        return {};
    return createIndex(row, column, quintptr(parent.row() + 1));
}

QModelIndex TrialModel::parent(const QModelIndex &child) const
{
    if (!child.isValid() || child.internalId() == stepId)
        return {};
    return createIndex(int(child.internalId() - 1), 0, stepId);
}

int TrialModel::rowCount(const QModelIndex &parent) const
{
    if (!parent.isValid())
        return int(m_trial.steps.size());
    if (parent.internalId() != stepId || parent.column() != 0)
        return 0;
    return int(m_trial.steps[parent.row()].statements.size());
}

int TrialModel::columnCount(const QModelIndex &) const
{
    return ColumnCount;
}

Qt::ItemFlags TrialModel::flags(const QModelIndex &index) const
{
    return index.isValid() ? Qt::ItemIsEnabled | Qt::ItemIsSelectable : Qt::NoItemFlags;
}

QVariant TrialModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal)
        return {};
    if (role == Qt::TextAlignmentRole)
        return section == TimeColumn || section == RowsColumn
                   ? int(Qt::AlignRight | Qt::AlignVCenter)
                   : int(Qt::AlignLeft | Qt::AlignVCenter);
    if (role != Qt::DisplayRole)
        return {};
    switch (section) {
    case StatementColumn:
        return tr("Statement");
    case LocationColumn:
        return tr("Location");
    case TimeColumn:
        return tr("Time");
    case RowsColumn:
        return tr("Rows");
    case ResultColumn:
        return tr("Result");
    default:
        return {};
    }
}

QVariant TrialModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid))
        return {};
    if (index.internalId() == stepId)
        return stepData(index.row(), index.column(), role);
    return statementData(int(index.internalId() - 1), index.row(), index.column(), role);
}

QVariant TrialModel::stepData(int s, int column, int role) const
{
    const StepTrial &step = m_trial.steps[s];
    const bool failed = stepFailed(step);
    switch (role) {
    case Qt::DisplayRole:
        switch (column) {
        case StatementColumn: {
            const QString verb = step.direction == Direction::Up ? tr("Apply") : tr("Undo");
            QString text = QStringLiteral("%1 %2 — %3").arg(verb, step.version, step.description);
            if (step.generated)
                text += tr("  (generated undo)");
            return text;
        }
        case LocationColumn:
            return step.generated ? tr("generated from snapshots") : step.script.section(u'/', -1);
        case TimeColumn: {
            qint64 ms = 0;
            for (const StatementTrial &st : step.statements)
                ms += st.ms;
            return step.executed ? QVariant(tr("%1 ms").arg(ms)) : QVariant();
        }
        case RowsColumn: {
            int rows = -1;
            for (const StatementTrial &st : step.statements)
                rows = st.rows >= 0 ? qMax(rows, 0) + st.rows : rows;
            return rows >= 0 ? QVariant(rows) : QVariant();
        }
        case ResultColumn:
            if (!step.executed)
                return tr("not trialled: no transaction");
            return failed
                       ? tr("failed")
                       : format::count(step.statements.size(), tr("statement"), tr("statements"));
        }
        return {};
    case Qt::FontRole: {
        QFont f;
        f.setWeight(QFont::DemiBold);
        return column == StatementColumn ? QVariant(f) : QVariant();
    }
    case Qt::DecorationRole:
        if (column != StatementColumn)
            return {};
        if (step.generated)
            return m_generated;
        return !step.executed ? m_skipped : failed ? m_failed : m_ok;
    case Qt::ForegroundRole:
        if (failed && column == ResultColumn)
            return theme::tone(theme::Tone::Danger, QGuiApplication::palette());
        if (column == LocationColumn || column == ResultColumn)
            return theme::secondaryText(QGuiApplication::palette());
        return {};
    case Qt::ToolTipRole:
        return step.note.isEmpty() ? step.warnings.join(u'\n') : step.note;
    case Qt::TextAlignmentRole:
        return column == TimeColumn || column == RowsColumn
                   ? QVariant(int(Qt::AlignRight | Qt::AlignVCenter))
                   : QVariant();
    case FileRole:
        return step.script;
    case LineRole:
        return 0;
    case LineCountRole:
        return 0;
    case FailedRole:
        return failed;
    case GeneratedRole:
        return step.generated;
    case StepRole:
        return s;
    default:
        return {};
    }
}

QVariant TrialModel::statementData(int s, int i, int column, int role) const
{
    const StepTrial &step = m_trial.steps[s];
    const StatementTrial &st = step.statements[i];
    const bool failed = !st.error.isEmpty();
    const QPalette pal = QGuiApplication::palette();
    switch (role) {
    case Qt::DisplayRole:
        switch (column) {
        case StatementColumn:
            return st.sql.simplified();
        case LocationColumn:
            return step.generated ? tr("generated #%1").arg(i + 1) : tr("line %1").arg(st.line);
        case TimeColumn:
            return st.executed ? QVariant(tr("%1 ms").arg(st.ms)) : QVariant();
        case RowsColumn:
            return st.rows >= 0 ? QVariant(st.rows) : QVariant();
        case ResultColumn:
            if (failed)
                return st.error.simplified();
            return st.executed ? tr("ok") : !step.executed ? tr("not trialled") : tr("not run");
        }
        return {};
    case Qt::DecorationRole:
        if (column != StatementColumn)
            return {};
        return failed ? m_failed : st.executed ? m_ok : m_skipped;
    case Qt::ForegroundRole:
        if (failed)
            return theme::tone(theme::Tone::Danger, pal);
        if (!st.executed || column == LocationColumn)
            return theme::secondaryText(pal);
        return {};
    case Qt::BackgroundRole:
        return failed ? QVariant(theme::toneBackground(theme::Tone::Danger, pal)) : QVariant();
    case Qt::ToolTipRole: {
        const QString where = QStringLiteral("%1:%2").arg(st.file).arg(st.line);
        return failed ? QStringLiteral("%1\n\n%2\n\n%3").arg(where, st.sql, st.error)
                      : QStringLiteral("%1\n\n%2").arg(where, st.sql);
    }
    case Qt::TextAlignmentRole:
        return column == TimeColumn || column == RowsColumn
                   ? QVariant(int(Qt::AlignRight | Qt::AlignVCenter))
                   : QVariant();
    case FileRole:
        return st.file;
    case LineRole:
        return st.line;
    case LineCountRole:
        return int(st.sql.count(u'\n')) + 1;
    case FailedRole:
        return failed;
    case GeneratedRole:
        return step.generated;
    case StepRole:
        return s;
    default:
        return {};
    }
}

} // namespace strata
