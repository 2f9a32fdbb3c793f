#pragma once
// A read-only SQL viewer: QScintilla with the SQL lexer, colours taken from the palette (light
// or dark), line numbers, and markers for the statement in focus and a failing statement.

#include <Qsci/qsciscintilla.h>

class QsciLexerSQL;

namespace strata {

class SqlEditor : public QsciScintilla {
    Q_OBJECT
public:
    enum class Mark { Focus, Error };

    explicit SqlEditor(QWidget *parent = nullptr);

    void setSql(const QString &sql);
    // Marks `lineCount` lines from `line` (0-based) and scrolls them into view.
    void mark(int line, int lineCount, Mark kind);
    void clearMarks();

protected:
    void changeEvent(QEvent *event) override;

private:
    void applyPalette();

    QsciLexerSQL *m_lexer = nullptr;
    int m_focusMarker = -1;
    int m_errorMarker = -1;
    int m_errorArrow = -1;
};

} // namespace strata
