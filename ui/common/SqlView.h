#pragma once
// The selected version's SQL: up and undo scripts in tabs, syntax-highlighted, with the file
// path and whether the file still matches the checksum recorded when it was applied.

#include "migration/MigrationStatus.h"

#include <QWidget>

class QLabel;
class QTabWidget;

namespace strata {

class SqlEditor;

class SqlView : public QWidget {
    Q_OBJECT
public:
    explicit SqlView(QWidget *parent = nullptr);

    void showVersion(const VersionState &entry);
    // A file of the folder that could not be used: why, and its text when it can be shown.
    void showProblem(const SourceProblem &problem);
    void clear();
    QString title() const;
    // Shows `path` (the up or undo script) and marks the statement at file line `line`.
    bool showLocation(const QString &path, int line, int lineCount = 1);

    QString shownVersion() const { return m_version; }
    int currentTab() const;
    SqlEditor *upEditor() const { return m_up; }
    SqlEditor *undoEditor() const { return m_undo; }

protected:
    void changeEvent(QEvent *event) override;

private:
    void updateChecksumLabel();

    QLabel *m_title = nullptr;
    QLabel *m_path = nullptr;
    QLabel *m_checksum = nullptr;
    QTabWidget *m_tabs = nullptr;
    SqlEditor *m_up = nullptr;
    SqlEditor *m_undo = nullptr;
    QString m_version;
    std::optional<VersionState> m_entry;
};

} // namespace strata
