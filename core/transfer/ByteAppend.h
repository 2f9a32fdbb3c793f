#pragma once
// Appends for the loader's hot paths (the COPY buffer, row text). QByteArray::append(const
// char *, n) goes through the general insert path (aliasing, space at the front, shared data)
// on every call; these grow the array geometrically, set its size and copy in place.

#include <QByteArray>
#include <QByteArrayView>
#include <algorithm>
#include <cstring>

namespace strata::transfer {

// Makes room for `n` more bytes at the end and returns where they go.
inline char *appendSpace(QByteArray &out, qsizetype n)
{
    const qsizetype size = out.size();
    if (out.capacity() - size < n)
        out.reserve(std::max(size + n, 2 * size + 64));
    out.resize(size + n);
    return out.data() + size;
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
