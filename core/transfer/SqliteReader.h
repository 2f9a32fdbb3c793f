#pragma once
// Reads an SQLite file forward-only through the sqlite3 C API, one connection per thread. The
// C API rather than QSQLITE because the loader needs the stored bytes of every text value:
// QSQLITE converts text to UTF-16, which hides invalid UTF-8 from the bad-text policy, and it
// allocates a QVariant per value. Memory stays flat: one row at a time.

#include "util/Result.h"
#include <QByteArrayView>
#include <QString>
#include <memory>

struct sqlite3;
struct sqlite3_stmt;

namespace strata::transfer {

// One stored value: its storage class and, for text and blobs, the bytes (valid until the
// cursor moves on).
struct SourceValue {
    enum Type { Integer = 1, Real = 2, Text = 3, Blob = 4, Null = 5 }; // SQLITE_* codes
    Type type = Null;
    qint64 integer = 0;
    double real = 0;
    QByteArrayView bytes;
};

class SqliteCursor {
public:
    ~SqliteCursor();
    SqliteCursor(const SqliteCursor &) = delete;
    SqliteCursor &operator=(const SqliteCursor &) = delete;
    // true: a row is there; false: done. An error ends the scan.
    Result<bool> next();
    int columns() const { return m_columns; }
    SourceValue value(int column) const;

private:
    friend class SqliteReader;
    SqliteCursor() = default;
    sqlite3 *m_db = nullptr;
    sqlite3_stmt *m_stmt = nullptr;
    int m_columns = 0;
};

class SqliteReader {
public:
    // Opens the file read-only; an in-memory database cannot be shared between threads.
    static Result<std::unique_ptr<SqliteReader>> open(const QString &path);
    ~SqliteReader();
    SqliteReader(const SqliteReader &) = delete;
    SqliteReader &operator=(const SqliteReader &) = delete;

    Result<std::unique_ptr<SqliteCursor>> select(const QString &sql);
    static QString quoteIdentifier(const QString &name);

private:
    SqliteReader() = default;
    sqlite3 *m_db = nullptr;
};

} // namespace strata::transfer
