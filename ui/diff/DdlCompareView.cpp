#include "DdlCompareView.h"

#include "common/Theme.h"

#include <QEvent>
#include <QFontDatabase>
#include <QGridLayout>
#include <QLabel>
#include <QPlainTextEdit>
#include <QScrollBar>
#include <QTextBlock>

namespace strata {

namespace {

void syncScrollBars(QScrollBar *a, QScrollBar *b)
{
    QObject::connect(a, &QScrollBar::valueChanged, b, [b](int v) {
        if (b->value() != v)
            b->setValue(v);
    });
    QObject::connect(b, &QScrollBar::valueChanged, a, [a](int v) {
        if (a->value() != v)
            a->setValue(v);
    });
}

} // namespace

DdlCompareView::DdlCompareView(QWidget *parent) : QWidget(parent)
{
    auto *grid = new QGridLayout(this);
    grid->setContentsMargins(0, 0, 0, 0);
    grid->setHorizontalSpacing(4);
    grid->setVerticalSpacing(2);
    m_leftTitle = new QLabel(this);
    m_rightTitle = new QLabel(this);
    m_left = makeEditor();
    m_right = makeEditor();
    m_left->setObjectName(QStringLiteral("ddlLeft"));
    m_right->setObjectName(QStringLiteral("ddlRight"));
    grid->addWidget(m_leftTitle, 0, 0);
    grid->addWidget(m_rightTitle, 0, 1);
    grid->addWidget(m_left, 1, 0);
    grid->addWidget(m_right, 1, 1);
    syncScrollBars(m_left->verticalScrollBar(), m_right->verticalScrollBar());
    syncScrollBars(m_left->horizontalScrollBar(), m_right->horizontalScrollBar());
}

QPlainTextEdit *DdlCompareView::makeEditor()
{
    auto *e = new QPlainTextEdit(this);
    e->setReadOnly(true);
    e->setLineWrapMode(QPlainTextEdit::NoWrap);
    e->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    e->setTextInteractionFlags(Qt::TextSelectableByMouse | Qt::TextSelectableByKeyboard);
    return e;
}

void DdlCompareView::setTitles(const QString &left, const QString &right)
{
    m_leftTitle->setText(left);
    m_rightTitle->setText(right);
}

void DdlCompareView::setTexts(const QString &left, const QString &right)
{
    m_leftText = left;
    m_rightText = right;
    m_rows = LineDiff::compare(left, right);
    render();
}

int DdlCompareView::changedRowCount() const
{
    int n = 0;
    for (const DiffRow &r : m_rows)
        n += r.kind != DiffRow::Same;
    return n;
}

void DdlCompareView::render()
{
    const QStringList a = LineDiff::lines(m_leftText), b = LineDiff::lines(m_rightText);
    QStringList leftLines, rightLines;
    for (const DiffRow &r : std::as_const(m_rows)) {
        leftLines << (r.left >= 0 ? a[r.left] : QString());
        rightLines << (r.right >= 0 ? b[r.right] : QString());
    }
    m_left->setPlainText(leftLines.join(u'\n'));
    m_right->setPlainText(rightLines.join(u'\n'));

    const QPalette pal = palette();
    const QColor removedLine = theme::toneBackground(theme::Tone::Danger, pal);
    const QColor addedLine = theme::toneBackground(theme::Tone::Success, pal);
    const QColor removedWord = theme::mix(removedLine, theme::tone(theme::Tone::Danger, pal), 0.35);
    const QColor addedWord = theme::mix(addedLine, theme::tone(theme::Tone::Success, pal), 0.35);
    const QColor filler = theme::mix(pal.color(QPalette::Base), theme::lineColor(pal), 0.35);

    auto decorate = [&](QPlainTextEdit *editor, bool leftSide) {
        QList<QTextEdit::ExtraSelection> selections;
        QTextDocument *doc = editor->document();
        for (int i = 0; i < m_rows.size(); ++i) {
            const DiffRow &r = m_rows[i];
            if (r.kind == DiffRow::Same)
                continue;
            const bool present = leftSide ? r.left >= 0 : r.right >= 0;
            QTextEdit::ExtraSelection line;
            line.cursor = QTextCursor(doc->findBlockByNumber(i));
            line.format.setProperty(QTextFormat::FullWidthSelection, true);
            line.format.setBackground(!present ? filler : leftSide ? removedLine : addedLine);
            selections << line;
            const QList<TextSpan> &words = leftSide ? r.leftWords : r.rightWords;
            for (const TextSpan &span : words) {
                QTextEdit::ExtraSelection word;
                QTextCursor c(doc->findBlockByNumber(i));
                c.movePosition(QTextCursor::Right, QTextCursor::MoveAnchor, span.start);
                c.movePosition(QTextCursor::Right, QTextCursor::KeepAnchor, span.length);
                word.cursor = c;
                word.format.setBackground(leftSide ? removedWord : addedWord);
                selections << word;
            }
        }
        editor->setExtraSelections(selections);
    };
    decorate(m_left, true);
    decorate(m_right, false);
}

void DdlCompareView::changeEvent(QEvent *event)
{
    QWidget::changeEvent(event);
    if (event->type() == QEvent::PaletteChange)
        render();
}

} // namespace strata
