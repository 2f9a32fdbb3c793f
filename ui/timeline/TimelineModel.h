#pragma once
// The version timeline: one row per version (versioned ascending, then repeatables), then one
// row per file of the folder that could not be used (its problem), fed by the worker's
// StatusReport. Views read it through roles; TimelineDelegate paints it.

#include "check/ReadinessCheck.h"
#include "migration/MigrationStatus.h"

#include <QAbstractItemModel>

namespace strata {

class TimelineModel : public QAbstractItemModel {
    Q_OBJECT
public:
    enum Role {
        StateRole = Qt::UserRole + 1, // int(MigrationState)
        VersionRole,                  // "7", empty for repeatables
        DescriptionRole,
        InstalledByRole,
        InstalledOnRole, // QDateTime, invalid when not applied
        DurationRole,    // qint64 ms, -1 when not applied
        IsCurrentRole,   // the database's current version
        IsRepeatableRole,
        HasUndoRole,
        ScriptRole,     // the up script's path
        DetailRole,     // the delegate's second line: who, when, how long, or what is wrong
        SearchTextRole, // what the filter matches against
        MoveRole,       // "moved from SQLite demo.db: ..." when the database changed engines
                        // at this version (a transfer), else empty
        IsProblemRole,  // a file of the folder left out: DescriptionRole names it, DetailRole says
                        // why
        ProblemLabelRole,  // a problem row's badge: "Misnamed", "Duplicate", ...
        ReadinessRole,     // after a PostgreSQL readiness check: "portable", "PostgreSQL variant",
                           // "different schema", "fails on PostgreSQL"; empty when not checked
        ReadinessToneRole, // int(theme::Tone) of that badge
    };
    Q_ENUM(Role)

    explicit TimelineModel(QObject *parent = nullptr);

    void setStatus(const StatusReport &report);
    // The verdicts of a readiness check of this folder (kept across status updates, by version;
    // cleared by clearReadiness or a new check).
    void setReadiness(const ReadinessResult &result);
    void clearReadiness();
    bool hasReadiness() const { return !m_readiness.isEmpty(); }
    const StatusReport &status() const { return m_report; }
    const VersionState *entry(int row) const;    // null for problem rows
    const SourceProblem *problem(int row) const; // null for version rows
    int problemCount() const { return int(m_report.problems.size()); }
    int rowOfVersion(const QString &versionText) const; // -1 when absent
    int currentRow() const { return m_currentRow; }
    // The row whose up or undo script is `path`, -1 when none.
    int rowOfScript(const QString &path) const;

    QModelIndex index(int row, int column, const QModelIndex &parent = {}) const override;
    QModelIndex parent(const QModelIndex &child) const override;
    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    Qt::ItemFlags flags(const QModelIndex &index) const override;
    QHash<int, QByteArray> roleNames() const override;

    static QString stateLabel(MigrationState state);     // "Applied", "Checksum changed", ...
    static QString problemLabel(SourceProblemKind kind); // "Misnamed", "Duplicate", ...

private:
    QString detail(const VersionState &entry) const;
    QString tooltip(const VersionState &entry) const;
    QVariant problemData(const SourceProblem &problem, int role) const;

    StatusReport m_report;
    QString move(const VersionState &entry) const;

    QHash<QString, VersionCheck> m_readiness; // by version text
    const VersionCheck *readinessOf(const VersionState &entry) const;

    QStringList m_details; // per row, built once per status
    int m_currentRow = -1;
};

} // namespace strata
