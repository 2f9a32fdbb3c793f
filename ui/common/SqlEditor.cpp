#include "SqlEditor.h"

#include "Theme.h"

#include <QEvent>
#include <QFontDatabase>
#include <Qsci/qscilexersql.h>

namespace strata {

SqlEditor::SqlEditor(QWidget *parent) : QsciScintilla(parent)
{
    m_lexer = new QsciLexerSQL(this);
    m_lexer->setFoldComments(true);
    setLexer(m_lexer);
    setReadOnly(true);
    setUtf8(true);
    setFrameShape(QFrame::NoFrame);
    setWrapMode(WrapNone);
    setMarginType(0, NumberMargin);
    setMarginLineNumbers(0, true);
    setMarginType(1, SymbolMargin);
    setMarginWidth(1, 14);
    setMarginWidth(2, 0);
    setCaretLineVisible(false);
    setCaretWidth(0);
    setTabWidth(4);
    setIndentationGuides(false);
    setScrollWidthTracking(true);
    setScrollWidth(1);
    SendScintilla(SCI_SETHSCROLLBAR, 1);
    m_focusMarker = markerDefine(Background);
    m_errorMarker = markerDefine(Background);
    m_errorArrow = markerDefine(RightTriangle);
    setMarginMarkerMask(0, 0);
    setMarginMarkerMask(1, 1 << m_errorArrow);
    applyPalette();
}

void SqlEditor::setSql(const QString &sql)
{
    clearMarks();
    setText(sql);
    const int digits = QString::number(qMax(1, lines())).size();
    setMarginWidth(0, QString(qMax(3, digits) + 1, u'9'));
    setCursorPosition(0, 0);
}

void SqlEditor::mark(int line, int lineCount, Mark kind)
{
    const int marker = kind == Mark::Error ? m_errorMarker : m_focusMarker;
    for (int i = 0; i < qMax(1, lineCount); ++i)
        markerAdd(line + i, marker);
    if (kind == Mark::Error)
        markerAdd(line, m_errorArrow);
    // Show a little context above the statement.
    setFirstVisibleLine(qMax(0, line - 3));
    ensureLineVisible(line + qMax(1, lineCount) - 1);
    ensureLineVisible(line);
}

void SqlEditor::clearMarks()
{
    markerDeleteAll(m_focusMarker);
    markerDeleteAll(m_errorMarker);
    markerDeleteAll(m_errorArrow);
}

void SqlEditor::changeEvent(QEvent *event)
{
    QsciScintilla::changeEvent(event);
    if (event->type() == QEvent::PaletteChange ||
        event->type() == QEvent::ApplicationPaletteChange || event->type() == QEvent::StyleChange)
        applyPalette();
}

void SqlEditor::applyPalette()
{
    const QPalette pal = palette();
    const bool dark = theme::isDark(pal);
    const QColor paper = pal.color(QPalette::Base);
    const QColor text = pal.color(QPalette::Text);
    QFont mono = QFontDatabase::systemFont(QFontDatabase::FixedFont);
    mono.setPointSizeF(qMax(9.0, font().pointSizeF()));

    m_lexer->setDefaultPaper(paper);
    m_lexer->setDefaultColor(text);
    m_lexer->setDefaultFont(mono);
    m_lexer->setPaper(paper, -1);
    m_lexer->setColor(text, -1);
    m_lexer->setFont(mono, -1);

    const QColor keyword = dark ? QColor(0x82, 0xaa, 0xff) : QColor(0x1a, 0x4f, 0xb0);
    const QColor comment = theme::secondaryText(pal);
    const QColor string = dark ? QColor(0xe5, 0xb5, 0x67) : QColor(0xa3, 0x4a, 0x00);
    const QColor number = dark ? QColor(0xc7, 0x92, 0xea) : QColor(0x7a, 0x2f, 0xa8);
    const QColor op = theme::mix(text, paper, 0.25);
    QFont bold = mono;
    bold.setBold(true);
    m_lexer->setColor(keyword, QsciLexerSQL::Keyword);
    m_lexer->setFont(bold, QsciLexerSQL::Keyword);
    m_lexer->setColor(keyword, QsciLexerSQL::KeywordSet5);
    m_lexer->setColor(theme::tone(theme::Tone::Success, pal), QsciLexerSQL::PlusKeyword);
    QFont italic = mono;
    italic.setItalic(true);
    for (int style : {QsciLexerSQL::Comment, QsciLexerSQL::CommentLine, QsciLexerSQL::CommentDoc,
                      QsciLexerSQL::CommentLineHash, QsciLexerSQL::PlusComment}) {
        m_lexer->setColor(comment, style);
        m_lexer->setFont(italic, style);
    }
    m_lexer->setColor(string, QsciLexerSQL::SingleQuotedString);
    m_lexer->setColor(theme::mix(text, string, 0.5), QsciLexerSQL::DoubleQuotedString);
    m_lexer->setColor(theme::mix(text, string, 0.5), QsciLexerSQL::QuotedIdentifier);
    m_lexer->setColor(number, QsciLexerSQL::Number);
    m_lexer->setColor(op, QsciLexerSQL::Operator);

    // Re-attach so Scintilla re-reads every style; margins and markers after, as it resets them.
    setLexer(m_lexer);
    setPaper(paper);
    setColor(text);
    setMarginsFont(mono);
    setMarginsBackgroundColor(theme::mix(paper, pal.color(QPalette::Window), 0.6));
    setMarginsForegroundColor(theme::secondaryText(pal));
    setMarginBackgroundColor(1, paper);
    setSelectionBackgroundColor(
        theme::toneBackground(theme::Tone::Accent, pal).darker(dark ? 80 : 108));
    setSelectionForegroundColor(text);
    setMarkerBackgroundColor(theme::toneBackground(theme::Tone::Info, pal), m_focusMarker);
    setMarkerBackgroundColor(theme::toneBackground(theme::Tone::Danger, pal), m_errorMarker);
    setMarkerBackgroundColor(theme::tone(theme::Tone::Danger, pal), m_errorArrow);
    setMarkerForegroundColor(theme::tone(theme::Tone::Danger, pal), m_errorArrow);
}

} // namespace strata
