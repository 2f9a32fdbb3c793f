#include "transfer/CopyBinary.h"

#include <algorithm>

namespace strata::transfer {

void appendCopyBinaryHeader(QByteArray &out)
{
    static const char signature[] = "PGCOPY\n\377\r\n";
    appendRaw(out, signature, 11); // with its terminating NUL
    appendBigEndian32(out, 0);
    appendBigEndian32(out, 0);
}

void appendCopyBinaryTrailer(QByteArray &out)
{
    appendBigEndian16(out, -1);
}

char *appendSpaceGrowing(QByteArray &out, qsizetype n)
{
    const qsizetype size = out.size();
    out.reserve(std::max(size + n, 2 * size + 64));
    out.resize(size + n);
    return out.data() + size;
}

void appendBinaryNumeric(QByteArray &out, const PgNumeric &n)
{
    char *p = appendSpace(out, 8 + 2 * n.digits.size());
    qToBigEndian(quint16(n.digits.size()), p);
    qToBigEndian(n.weight, p + 2);
    qToBigEndian(n.sign, p + 4);
    qToBigEndian(n.dscale, p + 6);
    p += 8;
    for (const qint16 d : n.digits) {
        qToBigEndian(d, p);
        p += 2;
    }
}

bool appendBinaryNumeric(QByteArray &out, QByteArrayView text)
{
    PgNumeric n;
    if (!parsePgNumeric(text, n))
        return false;
    appendBinaryNumeric(out, n);
    return true;
}

} // namespace strata::transfer
