#pragma once
// Two DDL texts side by side (source | target), aligned by LineDiff with filler lines,
// differing lines tinted and differing words marked more strongly; the two sides scroll
// together.

#include "LineDiff.h"

#include <QWidget>

class QLabel;
class QPlainTextEdit;

namespace strata {

class DdlCompareView : public QWidget {
    Q_OBJECT
public:
    explicit DdlCompareView(QWidget *parent = nullptr);

    void setTexts(const QString &left, const QString &right);
    void setTitles(const QString &left, const QString &right);
    const QList<DiffRow> &rows() const { return m_rows; }
    QPlainTextEdit *leftEditor() const { return m_left; }
    QPlainTextEdit *rightEditor() const { return m_right; }
    // Lines shown on each side (fillers included), for tests.
    int changedRowCount() const;

protected:
    void changeEvent(QEvent *event) override;

private:
    void render();
    QPlainTextEdit *makeEditor();

    QLabel *m_leftTitle = nullptr;
    QLabel *m_rightTitle = nullptr;
    QPlainTextEdit *m_left = nullptr;
    QPlainTextEdit *m_right = nullptr;
    QString m_leftText, m_rightText;
    QList<DiffRow> m_rows;
};

} // namespace strata
