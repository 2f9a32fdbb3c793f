#pragma once
// A decimal as PostgreSQL's numeric holds it, parsed once from text: the loader writes it in
// COPY's binary form (CopyBinary.h) and hashes it as hash_numeric_extended does (PgHash.h).

#include <QByteArrayView>
#include <QVarLengthArray>

namespace strata::transfer {

struct PgNumeric {
    // The sign word of numeric's wire form; the last three are the special values.
    enum Sign : quint16 {
        Positive = 0x0000,
        Negative = 0x4000,
        NaN = 0xC000,
        PlusInfinity = 0xD000,
        MinusInfinity = 0xF000
    };
    quint16 sign = Positive;
    qint16 weight = 0;  // of the first digit, in base-10000 places
    quint16 dscale = 0; // the display scale numeric_in gives the text ("1.50": 2, "1e-5": 5)
    // Base-10000 digits without leading or trailing zero digits: none for zero and the
    // special values. 32 digits (128 decimal ones) live inline; longer numbers allocate.
    QVarLengthArray<qint16, 32> digits;

    bool isSpecial() const { return sign >= NaN; }
    bool isNegative() const { return sign == Negative || sign == MinusInfinity; }
};

// Parses what numeric_in accepts (no surrounding blanks): sign, digits with an optional point,
// an exponent up to +-1000, NaN and (-)Infinity/inf in any case. Zero of any sign is positive.
// False when the text is not such a number or does not fit numeric's wire form.
bool parsePgNumeric(QByteArrayView text, PgNumeric &out);

} // namespace strata::transfer
