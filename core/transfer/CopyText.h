#pragma once
// Byte-level helpers for COPY's text format and the checksum's canonical form: escaping, hex,
// UTF-8 checks and repair, shortest round-trip doubles, plain decimals.

#include <QByteArray>
#include <QByteArrayView>
#include <optional>

namespace strata::transfer {

// Appends `bytes` as a COPY text field: \ tab newline and carriage return escaped.
void appendCopyEscaped(QByteArray &out, QByteArrayView bytes);
// Appends lower-case hex digits of `bytes`.
void appendHex(QByteArray &out, QByteArrayView bytes);
// Appends the decimal digits of `v`.
void appendInteger(QByteArray &out, qint64 v);
// Appends the shortest text that reads back as exactly `v` ("0.1", "1e+308", "-0",
// "Infinity", "NaN").
void appendDouble(QByteArray &out, double v);

// Appends `v` as PostgreSQL's float8out prints it (extra_float_digits = 1): shortest digits,
// fixed notation for decimal exponents -4..14, else "1e+15", "1.5e-05"; "-0", "NaN", "Infinity".
void appendPgFloat8(QByteArray &out, double v);
// Appends one field of PostgreSQL's record text (record_out): quoted when empty or holding
// " \ ( ) , or white space, with " and \ doubled inside the quotes.
void appendRecordField(QByteArray &out, QByteArrayView value);

// True when `bytes` is valid UTF-8 (as PostgreSQL checks it) without NUL bytes.
bool isCleanUtf8(QByteArrayView bytes);
// Replaces each invalid byte with U+FFFD and drops NUL bytes.
QByteArray repairUtf8(QByteArrayView bytes);
// Describes what is wrong with unclean text: "a NUL byte at offset 3", "invalid UTF-8 ...".
QByteArray describeBadText(QByteArrayView bytes);

// ASCII whitespace trimmed, as PostgreSQL's number and boolean input functions allow.
QByteArrayView trimmed(QByteArrayView text);
std::optional<qint64> parseInteger(QByteArrayView text);
std::optional<double> parseDouble(QByteArrayView text);
std::optional<float> parseFloat(QByteArrayView text);
std::optional<bool> parseBoolean(QByteArrayView text); // PostgreSQL's boolean input rules
// A numeric literal as PostgreSQL's trim_scale(numeric)::text prints it ("1e-5" -> "0.00001",
// "1.50" -> "1.5", "-0" -> "0", "inf" -> "Infinity"); nullopt when not a number.
std::optional<QByteArray> plainDecimal(QByteArrayView text);
bool appendPlainDecimal(QByteArray &out, QByteArrayView text); // false: not a number

// The 8 (double) or 4 (float) bytes PostgreSQL's float8send/float4send produce, as hex.
void appendFloat8Bits(QByteArray &out, double v);
void appendFloat4Bits(QByteArray &out, float v);

} // namespace strata::transfer
