#pragma once
// Dates and times as the loader sends and checks them: proleptic Gregorian day numbers,
// timestamps as microseconds since 1970-01-01 00:00 (UTC), PostgreSQL's ISO input and output.

#include <QByteArray>
#include <QByteArrayView>
#include <optional>

namespace strata::transfer {

constexpr qint64 MicrosPerSecond = 1000000;
constexpr qint64 MicrosPerDay = 86400 * MicrosPerSecond;

qint64 daysFromCivil(qint64 year, int month, int day); // 1970-01-01 = 0; year 0 = 1 BC
void civilFromDays(qint64 days, qint64 &year, int &month, int &day);
qint64 floorDiv(qint64 a, qint64 b);

// "2024-01-02 10:00:00.5" (+ "+00" with `utcOffset`), years before 1 as "0001 BC": what
// PostgreSQL prints with DateStyle ISO and TimeZone UTC.
void appendTimestamp(QByteArray &out, qint64 micros, bool utcOffset);
void appendDate(QByteArray &out, qint64 days);
QByteArray formatTimestamp(qint64 micros, bool utcOffset);
QByteArray formatDate(qint64 days);

// An ISO-8601 date or timestamp as PostgreSQL reads it: "YYYY-MM-DD", then optionally "T" or
// spaces and "HH:MM[:SS[.fraction]]", then optionally "Z", "UTC" or "+HH[:MM]", then " BC".
struct ParsedTime {
    qint64 days = 0;       // of the date as written
    qint64 timeMicros = 0; // of the time of day as written (24:00 and :60 roll over)
    bool hasTime = false;
    bool hasOffset = false;
    qint64 offsetSeconds = 0; // east of UTC
};
std::optional<ParsedTime> parseIsoTime(QByteArrayView text);

} // namespace strata::transfer
