// One forward-only pass per table through the sqlite3 C API (see ColumnProfiler.h). QSQLITE
// links the system libsqlite3, so its connection handle is used directly: the pass runs in
// the planner's savepoint, and every text is seen as the bytes SQLite stores (QSQLITE would
// convert them to UTF-16 and hide invalid UTF-8).

#include "transfer/ColumnProfiler.h"

#include "transfer/TypeMapper.h"
#include <QSqlDriver>
#include <charconv>
#include <cmath>
#include <cstring>
#include <memory>
#include <sqlite3.h>

namespace strata {

namespace {

using ColumnRule = ProfileAccumulator::Rule;

bool digits(const char *s, qsizetype from, qsizetype count, qsizetype size, int *value)
{
    if (from + count > size)
        return false;
    int v = 0;
    for (qsizetype i = from; i < from + count; ++i) {
        if (s[i] < '0' || s[i] > '9')
            return false;
        v = v * 10 + (s[i] - '0');
    }
    *value = v;
    return true;
}

bool dayExists(int year, int month, int day)
{
    static const int days[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    if (month < 1 || month > 12 || day < 1)
        return false;
    const bool leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
    return day <= days[month - 1] + (month == 2 && leap);
}

// Characters of valid UTF-8 text: the bytes that are not continuation bytes.
qsizetype characters(const unsigned char *s, qsizetype size)
{
    qsizetype n = 0;
    for (qsizetype i = 0; i < size; ++i)
        n += (s[i] & 0xC0) != 0x80;
    return n;
}

// Whether a double's shortest form ("123.45", "-1e+20", "1.5e-07") fits numeric(p,s): its
// significant digits and decimal point, without allocating.
bool shortestFits(const char *begin, const char *end, int precision, int scale)
{
    if (begin < end && *begin == '-')
        ++begin;
    char mantissa[40];
    int size = 0, point = -1, exponent = 0;
    for (const char *c = begin; c < end; ++c) {
        if (*c == '.') {
            point = size;
        } else if (*c == 'e') {
            std::from_chars(c + 1 + (c[1] == '+'), end, exponent);
            break;
        } else if (size < int(sizeof mantissa)) {
            mantissa[size++] = *c;
        }
    }
    if (point < 0)
        point = size;
    point += exponent; // digits before the decimal point
    while (size > 0 && mantissa[size - 1] == '0' && size > point)
        --size;
    int lead = 0;
    while (lead < size && mantissa[lead] == '0')
        ++lead;
    const int integral = std::max(0, point - lead);
    const int fraction = std::max(0, size - point);
    return integral <= precision - scale && fraction <= scale;
}

Error sqliteError(sqlite3 *db, const QString &table, const QString &sql)
{
    Error e = Error::database(QStringLiteral("cannot profile the data of table %1").arg(table),
                              QString::fromUtf8(sqlite3_errmsg(db)));
    e.statement = sql;
    return e;
}

void addText(ColumnProfile &p, const ColumnRule &rule, const unsigned char *s, qsizetype size)
{
    ++p.texts;
    p.maxTextBytes = std::max<qint64>(p.maxTextBytes, size);
    const char *text = reinterpret_cast<const char *>(s);
    // Most texts are plain ASCII without NUL: one look at each byte settles all three figures.
    qsizetype plain = 0;
    while (plain < size && s[plain] != 0 && s[plain] < 0x80)
        ++plain;
    if (plain == size) {
        p.maxTextChars = std::max<qint64>(p.maxTextChars, size);
    } else {
        const bool nul = std::memchr(s, 0, size_t(size)) != nullptr;
        if (nul)
            ++p.nulTexts;
        if (nul || !ColumnProfiler::isValidUtf8(text, size))
            ++p.badTexts;
        p.maxTextChars = std::max<qint64>(p.maxTextChars, characters(s, size));
    }
    if (!rule.dates)
        return;
    const ColumnProfiler::IsoText iso = ColumnProfiler::isoText(text, size);
    p.isoDateTexts += iso.valid;
    p.isoDateOnlyTexts += iso.valid && iso.dateOnly;
    p.isoZonedTexts += iso.valid && iso.zoned;
}

void addInteger(ColumnProfile &p, const ColumnRule &rule, qint64 v)
{
    p.minInteger = p.integers == 0 ? v : std::min(p.minInteger, v);
    p.maxInteger = p.integers == 0 ? v : std::max(p.maxInteger, v);
    ++p.integers;
    if (rule.lengths) {
        qint64 chars = v < 0 ? 2 : 1;
        for (quint64 u = v < 0 ? 0 - quint64(v) : quint64(v); u >= 10; u /= 10)
            ++chars;
        p.maxTextChars = std::max(p.maxTextChars, chars);
    }
    if (rule.numeric && !ColumnProfiler::fitsNumeric(v, rule.precision, rule.scale))
        ++p.numericMisfits;
}

void addReal(ColumnProfile &p, const ColumnRule &rule, double v)
{
    p.minReal = p.reals == 0 ? v : std::min(p.minReal, v);
    p.maxReal = p.reals == 0 ? v : std::max(p.maxReal, v);
    ++p.reals;
    if (!rule.lengths && !rule.numeric)
        return;
    char buf[40];
    const char *end = std::to_chars(buf, buf + sizeof buf, v).ptr;
    if (rule.lengths)
        p.maxTextChars = std::max<qint64>(p.maxTextChars, end - buf);
    if (rule.numeric && (!std::isfinite(v) || !shortestFits(buf, end, rule.precision, rule.scale)))
        ++p.numericMisfits;
}

} // namespace

Result<sqlite3 *> ColumnProfiler::handleOf(DatabaseSession &sqlite)
{
    const QVariant handle = sqlite.database().driver()->handle();
    if (!handle.isValid() || qstrcmp(handle.typeName(), "sqlite3*") != 0)
        return Error::database(QStringLiteral("the SQLite connection gives no sqlite3 handle"));
    return *static_cast<sqlite3 *const *>(handle.constData());
}

Result<TableProfile> ColumnProfiler::profile(DatabaseSession &sqlite, const Table &table,
                                             Progress *progress)
{
    Result<sqlite3 *> db = handleOf(sqlite);
    if (!db)
        return db.error();
    return profileRows(*db, table, QString(), 0, 0,
                       [progress] { return progress && progress->cancelled(); });
}

Result<TableProfile> ColumnProfiler::profileRows(sqlite3 *db, const Table &table,
                                                 const QString &rowidColumn, qint64 from, qint64 to,
                                                 const std::function<bool()> &cancelled)
{
    QString tail;
    if (!rowidColumn.isEmpty())
        tail = QStringLiteral(" WHERE %1 BETWEEN %2 AND %3").arg(rowidColumn).arg(from).arg(to);
    ProfileAccumulator acc(table);
    if (Status s = profileQuery(db, table, tail, acc, cancelled); !s)
        return s.error();
    return acc.take();
}

Status ColumnProfiler::profileQuery(sqlite3 *db, const Table &table, const QString &tail,
                                    ProfileAccumulator &acc, const std::function<bool()> &cancelled)
{
    const auto d = Dialect::create(Engine::Sqlite);
    QStringList columns;
    for (const Column &c : table.columns)
        columns << d->quoteIdentifier(c.name);
    const QString sql =
        QStringLiteral("SELECT %1 FROM %2.%3")
            .arg(columns.join(QStringLiteral(", ")), d->quoteIdentifier(QStringLiteral("main")),
                 d->quoteIdentifier(table.name)) +
        tail;
    sqlite3_stmt *raw = nullptr;
    const QByteArray utf8 = sql.toUtf8();
    if (sqlite3_prepare_v2(db, utf8.constData(), int(utf8.size()), &raw, nullptr) != SQLITE_OK)
        return sqliteError(db, table.name, sql);
    const std::unique_ptr<sqlite3_stmt, int (*)(sqlite3_stmt *)> statement(raw, sqlite3_finalize);

    const int n = int(table.columns.size());
    int step = SQLITE_ROW;
    qint64 rows = 0;
    while ((step = sqlite3_step(raw)) == SQLITE_ROW) {
        if ((++rows & 0xFFFF) == 0 && cancelled())
            return Error::cancelled();
        acc.addRow();
        for (int i = 0; i < n; ++i) {
            switch (sqlite3_column_type(raw, i)) {
            case SQLITE_NULL:
                acc.addNull(i);
                break;
            case SQLITE_INTEGER:
                acc.addInteger(i, sqlite3_column_int64(raw, i));
                break;
            case SQLITE_FLOAT:
                acc.addReal(i, sqlite3_column_double(raw, i));
                break;
            case SQLITE_TEXT: {
                const auto *s = reinterpret_cast<const char *>(sqlite3_column_text(raw, i));
                acc.addText(i, s, sqlite3_column_bytes(raw, i));
                break;
            }
            default:
                acc.addBlob(i);
                break;
            }
        }
    }
    if (step != SQLITE_DONE)
        return sqliteError(db, table.name, sql);
    return {};
}

ProfileAccumulator::ProfileAccumulator(const Table &table)
{
    for (const Column &c : table.columns) {
        const DeclaredType declared = DeclaredType::parse(c.declaredType);
        Rule rule;
        rule.dates = declared.isDateTime() || declared.isTime();
        rule.numeric = declared.precision(&rule.precision, &rule.scale);
        rule.lengths = declared.length() > 0;
        m_rules << rule;
    }
    m_profile.columns.resize(table.columns.size());
}

void ProfileAccumulator::addNull(int column)
{
    ++m_profile.columns[column].nulls;
}

void ProfileAccumulator::addInteger(int column, qint64 v)
{
    strata::addInteger(m_profile.columns[column], m_rules[column], v);
}

void ProfileAccumulator::addReal(int column, double v)
{
    strata::addReal(m_profile.columns[column], m_rules[column], v);
}

void ProfileAccumulator::addText(int column, const char *text, qsizetype size)
{
    strata::addText(m_profile.columns[column], m_rules[column],
                    reinterpret_cast<const unsigned char *>(text), size);
}

void ProfileAccumulator::addBlob(int column)
{
    ++m_profile.columns[column].blobs;
}

void TableProfile::merge(const TableProfile &part)
{
    rows += part.rows;
    if (columns.size() < part.columns.size())
        columns.resize(part.columns.size());
    for (qsizetype i = 0; i < part.columns.size(); ++i) {
        ColumnProfile &a = columns[i];
        const ColumnProfile &b = part.columns[i];
        if (b.integers) {
            a.minInteger = a.integers ? std::min(a.minInteger, b.minInteger) : b.minInteger;
            a.maxInteger = a.integers ? std::max(a.maxInteger, b.maxInteger) : b.maxInteger;
        }
        if (b.reals) {
            a.minReal = a.reals ? std::min(a.minReal, b.minReal) : b.minReal;
            a.maxReal = a.reals ? std::max(a.maxReal, b.maxReal) : b.maxReal;
        }
        a.nulls += b.nulls;
        a.integers += b.integers;
        a.reals += b.reals;
        a.texts += b.texts;
        a.blobs += b.blobs;
        a.maxTextBytes = std::max(a.maxTextBytes, b.maxTextBytes);
        a.maxTextChars = std::max(a.maxTextChars, b.maxTextChars);
        a.isoDateTexts += b.isoDateTexts;
        a.isoDateOnlyTexts += b.isoDateOnlyTexts;
        a.isoZonedTexts += b.isoZonedTexts;
        a.badTexts += b.badTexts;
        a.nulTexts += b.nulTexts;
        a.numericMisfits += b.numericMisfits;
    }
}

bool ColumnProfiler::isValidUtf8(const QByteArray &bytes)
{
    return isValidUtf8(bytes.constData(), bytes.size());
}

bool ColumnProfiler::isValidUtf8(const char *bytes, qsizetype n)
{
    const auto *s = reinterpret_cast<const unsigned char *>(bytes);
    for (qsizetype i = 0; i < n;) {
        const unsigned char c = s[i];
        if (c == 0)
            return false;
        if (c < 0x80) {
            ++i;
            continue;
        }
        int extra = 0;
        unsigned char lo = 0x80, hi = 0xBF; // allowed range of the second byte
        if (c >= 0xC2 && c <= 0xDF) {
            extra = 1;
        } else if (c >= 0xE0 && c <= 0xEF) {
            extra = 2;
            if (c == 0xE0)
                lo = 0xA0; // overlong
            if (c == 0xED)
                hi = 0x9F; // surrogates
        } else if (c >= 0xF0 && c <= 0xF4) {
            extra = 3;
            if (c == 0xF0)
                lo = 0x90; // overlong
            if (c == 0xF4)
                hi = 0x8F; // above U+10FFFF
        } else {
            return false; // continuation byte, C0/C1 or F5..FF as a lead byte
        }
        if (i + extra >= n)
            return false; // truncated sequence
        if (s[i + 1] < lo || s[i + 1] > hi)
            return false;
        for (int k = 2; k <= extra; ++k) {
            if (s[i + k] < 0x80 || s[i + k] > 0xBF)
                return false;
        }
        i += extra + 1;
    }
    return true;
}

ColumnProfiler::IsoText ColumnProfiler::isoText(const char *s, qsizetype n)
{
    IsoText out;
    int year = 0, month = 0, day = 0, hour = 0, minute = 0, second = 0;
    if (n < 10 || !digits(s, 0, 4, n, &year) || s[4] != '-' || !digits(s, 5, 2, n, &month) ||
        s[7] != '-' || !digits(s, 8, 2, n, &day) || year == 0 || !dayExists(year, month, day))
        return out;
    if (n == 10) {
        out.valid = out.dateOnly = true;
        return out;
    }
    if ((s[10] != ' ' && s[10] != 'T') || !digits(s, 11, 2, n, &hour) || n < 16 || s[13] != ':' ||
        !digits(s, 14, 2, n, &minute) || hour > 23 || minute > 59)
        return out;
    qsizetype i = 16;
    if (i < n && s[i] == ':') {
        if (!digits(s, i + 1, 2, n, &second) || second > 59)
            return out;
        i += 3;
        if (i < n && s[i] == '.') {
            qsizetype j = i + 1;
            while (j < n && s[j] >= '0' && s[j] <= '9')
                ++j;
            if (j == i + 1 || j - i - 1 > 6)
                return out; // no digits, or beyond microseconds (PostgreSQL would round)
            i = j;
        }
    }
    if (i < n && s[i] == ' ' && i + 1 < n && (s[i + 1] == '+' || s[i + 1] == '-'))
        ++i;
    if (i < n && (s[i] == 'Z' || s[i] == 'z')) {
        out.zoned = true;
        ++i;
    } else if (i < n && (s[i] == '+' || s[i] == '-')) {
        int zh = 0, zm = 0;
        if (!digits(s, i + 1, 2, n, &zh) || zh > 15)
            return out;
        i += 3;
        const bool colon = i < n && s[i] == ':';
        if (colon)
            ++i;
        if (colon || i < n) { // minutes: +HH:MM or +HHMM
            if (!digits(s, i, 2, n, &zm) || zm > 59)
                return out;
            i += 2;
        }
        out.zoned = true;
    }
    out.valid = i == n;
    return out;
}

bool ColumnProfiler::fitsNumeric(qint64 value, int precision, int scale)
{
    int integral = 0;
    for (quint64 v = value < 0 ? 0 - quint64(value) : quint64(value); v != 0; v /= 10)
        ++integral;
    return integral <= precision - scale;
}

bool ColumnProfiler::fitsNumeric(double value, int precision, int scale)
{
    if (!std::isfinite(value))
        return false;
    char buf[40];
    const char *end = std::to_chars(buf, buf + sizeof buf, value).ptr;
    return shortestFits(buf, end, precision, scale);
}

} // namespace strata
