#pragma once
// The timeline's place for an Alembic project: its revision graph with branches in lanes and a
// header saying where the database is and whether the `alembic` command is there to run it.

#include <QWidget>

class QLabel;
class QPushButton;
class QListView;

namespace strata {

class AlembicGraphModel;
struct AlembicStatus;

class AlembicGraphPane : public QWidget {
    Q_OBJECT
public:
    explicit AlembicGraphPane(QWidget *parent = nullptr);

    AlembicGraphModel *model() const { return m_model; }
    QListView *view() const { return m_view; }
    QLabel *header() const { return m_header; }
    void setStatus(const AlembicStatus &status, const QString &alembicCommand);
    // The selected revision when it is pending, else empty (meaning: every head).
    QString target() const;

signals:
    void dryRunRequested(const QString &to);
    void migrateRequested(const QString &to);

private:
    AlembicGraphModel *m_model = nullptr;
    QListView *m_view = nullptr;
    QLabel *m_header = nullptr;
    QPushButton *m_dryRun = nullptr;
    QPushButton *m_migrate = nullptr;
};

} // namespace strata
