#pragma once
// Line and word differences between two texts for a side-by-side view, computed with dtl
// (an O(ND) diff): rows pair the two sides, fillers keep them aligned, and a changed line pair
// carries the character spans of the words that differ. No widgets here.

#include <QList>
#include <QString>
#include <QStringList>

namespace strata {

struct TextSpan {
    int start = 0; // character offset in the line
    int length = 0;
    bool operator==(const TextSpan &) const = default;
};

struct DiffRow {
    enum Kind { Same, Removed, Added, Changed };
    Kind kind = Same;
    int left = -1;  // line index in the left text; -1 = a filler line on that side
    int right = -1; // line index in the right text
    QList<TextSpan> leftWords, rightWords; // Changed rows: the differing words
};

class LineDiff {
public:
    // Rows in order; every line of both texts appears exactly once.
    static QList<DiffRow> compare(const QString &left, const QString &right);
    // The differing tokens of two lines as character spans on each side.
    static void compareWords(const QString &left, const QString &right, QList<TextSpan> &leftSpans,
                             QList<TextSpan> &rightSpans);
    // Words (letters, digits, '_'), runs of blanks and single other characters.
    static QStringList tokens(const QString &line);
    // "a\nb\n" -> {"a", "b"}: a final newline does not make an empty last line.
    static QStringList lines(const QString &text);
};

} // namespace strata
