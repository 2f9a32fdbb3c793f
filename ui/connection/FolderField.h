#pragma once
// The migrations folder of a workspace: a path field with Browse…, and below it what the folder
// holds — its format (Flyway, golang-migrate, dbmate, Alembic) and number of versions, or why it
// cannot be used — read again shortly after each edit.

#include <QWidget>

class QLabel;
class QLineEdit;
class QPushButton;
class QTimer;

namespace strata {

// What a folder holds, in a line a DBA reads at a glance.
struct FolderSummary {
    enum class Verdict { Empty, Usable, Problems, Unusable };
    Verdict verdict = Verdict::Empty;
    QString format; // "Flyway", "Alembic", ... ; empty when unknown
    int versions = 0;
    QString text;

    // Reads `dir` (on the calling thread: a folder read is file I/O, not a database call).
    static FolderSummary of(const QString &dir);
};

class FolderField : public QWidget {
    Q_OBJECT
public:
    explicit FolderField(QWidget *parent = nullptr);

    QString folder() const; // trimmed, ~ expanded; empty when none
    // Fills the field from code (not a user's choice) and describes the folder at once.
    void setFolder(const QString &dir);
    // Shows `text` in the field instead of the path, keeping the summary (screenshots).
    void setDisplayedPath(const QString &text);
    // A line under the summary saying where the folder came from, or why the field is empty.
    void setNote(const QString &note);
    QString note() const { return m_note; }
    const FolderSummary &summary() const { return m_summary; }

    QLineEdit *lineEdit() const { return m_edit; }
    QPushButton *browseButton() const { return m_browse; }
    QLabel *summaryLabel() const { return m_label; }

signals:
    // The user typed or browsed a folder (not emitted by setFolder).
    void chosenByUser(const QString &dir);
    // The summary or note text changed (its height may have).
    void summaryShown();

protected:
    void changeEvent(QEvent *event) override;

private:
    void browse();
    void describe();
    void showSummary();

    QLineEdit *m_edit = nullptr;
    QPushButton *m_browse = nullptr;
    QLabel *m_label = nullptr;     // the summary, in its verdict's tone
    QLabel *m_noteLabel = nullptr; // where the folder came from; hidden when there is no note
    QTimer *m_settle = nullptr;    // typing: describe once the path stops changing
    FolderSummary m_summary;
    QString m_note;
};

} // namespace strata
