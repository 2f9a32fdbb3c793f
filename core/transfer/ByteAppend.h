#pragma once
// Appends for the loader's hot paths (the COPY buffer, row text). QByteArray::append(const
// char *, n) goes through the general insert path (aliasing, space at the front, shared data)
// on every call; these grow the array geometrically, set its size and copy in place.

#include <QByteArray>
#include <QByteArrayView>
#include <cstring>

namespace strata::transfer {

// appendSpace's other case: grows the array geometrically (out of line, so the common case
// inlines).
char *appendSpaceGrowing(QByteArray &out, qsizetype n);

// Makes room for `n` more bytes at the end and returns where they go. The common case, an
// unshared array with room at its end, only moves the size and the terminating NUL (through
// data_ptr(): QByteArray::resize is not inline).
inline char *appendSpace(QByteArray &out, qsizetype n)
{
    QByteArray::DataPointer &d = out.data_ptr();
    if (Q_LIKELY(!d.needsDetach() && d.freeSpaceAtEnd() >= n)) {
        char *at = d.data() + d.size;
        d.size += n;
        at[n] = '\0';
        return at;
    }
    return appendSpaceGrowing(out, n);
}

inline void appendRaw(QByteArray &out, const char *p, qsizetype n)
{
    if (n > 0)
        std::memcpy(appendSpace(out, n), p, size_t(n));
}

inline void appendRaw(QByteArray &out, QByteArrayView bytes)
{
    appendRaw(out, bytes.data(), bytes.size());
}

inline void appendRaw(QByteArray &out, char c)
{
    *appendSpace(out, 1) = c;
}

} // namespace strata::transfer
