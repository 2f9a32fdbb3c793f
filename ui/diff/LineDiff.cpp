#include "LineDiff.h"

#include <dtl/dtl.hpp>
#include <vector>

namespace strata {

namespace {

// One dtl run over two sequences: for each element, whether it is common, deleted or added,
// with its index (0-based) on the side(s) it belongs to.
struct Edit {
    dtl::edit_t type;
    int before; // index in a, -1 for additions
    int after;  // index in b, -1 for deletions
};

std::vector<Edit> editScript(const QStringList &a, const QStringList &b)
{
    const std::vector<QString> va(a.cbegin(), a.cend());
    const std::vector<QString> vb(b.cbegin(), b.cend());
    dtl::Diff<QString, std::vector<QString>> diff(va, vb);
    diff.compose();
    std::vector<Edit> out;
    for (const auto &[elem, info] : diff.getSes().getSequence()) {
        Q_UNUSED(elem);
        out.push_back({info.type, info.type == dtl::SES_ADD ? -1 : int(info.beforeIdx - 1),
                       info.type == dtl::SES_DELETE ? -1 : int(info.afterIdx - 1)});
    }
    return out;
}

void appendSpan(QList<TextSpan> &spans, int start, int length)
{
    if (length <= 0)
        return;
    if (!spans.isEmpty() && spans.last().start + spans.last().length == start)
        spans.last().length += length; // neighbouring changed tokens read as one span
    else
        spans.append({start, length});
}

} // namespace

QStringList LineDiff::lines(const QString &text)
{
    if (text.isEmpty())
        return {};
    QStringList out = text.split(u'\n');
    if (out.last().isEmpty())
        out.removeLast();
    return out;
}

QStringList LineDiff::tokens(const QString &line)
{
    QStringList out;
    int i = 0;
    const int n = int(line.size());
    auto isWord = [](QChar c) { return c.isLetterOrNumber() || c == u'_'; };
    while (i < n) {
        int j = i + 1;
        if (isWord(line[i])) {
            while (j < n && isWord(line[j]))
                ++j;
        } else if (line[i].isSpace()) {
            while (j < n && line[j].isSpace())
                ++j;
        }
        out << line.mid(i, j - i);
        i = j;
    }
    return out;
}

void LineDiff::compareWords(const QString &left, const QString &right, QList<TextSpan> &leftSpans,
                            QList<TextSpan> &rightSpans)
{
    leftSpans.clear();
    rightSpans.clear();
    const QStringList a = tokens(left), b = tokens(right);
    QList<int> aStart, bStart; // character offset of each token
    int pos = 0;
    for (const QString &t : a) {
        aStart << pos;
        pos += int(t.size());
    }
    pos = 0;
    for (const QString &t : b) {
        bStart << pos;
        pos += int(t.size());
    }
    for (const Edit &e : editScript(a, b)) {
        if (e.type == dtl::SES_DELETE)
            appendSpan(leftSpans, aStart[e.before], int(a[e.before].size()));
        else if (e.type == dtl::SES_ADD)
            appendSpan(rightSpans, bStart[e.after], int(b[e.after].size()));
    }
}

QList<DiffRow> LineDiff::compare(const QString &left, const QString &right)
{
    const QStringList a = lines(left), b = lines(right);
    QList<DiffRow> rows;
    QList<int> removed, added; // the current hunk, flushed at the next common line
    auto flush = [&] {
        const qsizetype paired = std::min(removed.size(), added.size());
        for (qsizetype i = 0; i < paired; ++i) {
            DiffRow row;
            row.kind = DiffRow::Changed;
            row.left = removed[i];
            row.right = added[i];
            compareWords(a[row.left], b[row.right], row.leftWords, row.rightWords);
            rows.append(row);
        }
        for (qsizetype i = paired; i < removed.size(); ++i)
            rows.append({DiffRow::Removed, removed[i], -1, {}, {}});
        for (qsizetype i = paired; i < added.size(); ++i)
            rows.append({DiffRow::Added, -1, added[i], {}, {}});
        removed.clear();
        added.clear();
    };
    for (const Edit &e : editScript(a, b)) {
        if (e.type == dtl::SES_COMMON) {
            flush();
            rows.append({DiffRow::Same, e.before, e.after, {}, {}});
        } else if (e.type == dtl::SES_DELETE) {
            removed << e.before;
        } else {
            added << e.after;
        }
    }
    flush();
    return rows;
}

} // namespace strata
