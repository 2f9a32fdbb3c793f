#pragma once
// Errors are values: fallible core calls return Result<T>, which holds either the value or an
// Error saying what failed, where (file:line and statement) and what the driver said.

#include <QString>
#include <optional>
#include <utility>

namespace strata {

struct Error {
    // The kind decides the CLI exit code: Usage/Source -> 2, Database/Migration -> 1.
    enum class Kind { Usage, Source, Connection, Database, Migration, Cancelled };

    Kind kind = Kind::Database;
    QString message;       // what failed, in a sentence
    QString statement;     // the SQL statement, if one was running
    QString file;          // the migration file, if any
    int line = 0;          // 1-based line of the statement in that file
    QString driverMessage; // the database driver's own words

    static Error usage(const QString &message) { return {Kind::Usage, message, {}, {}, 0, {}}; }
    static Error source(const QString &file, const QString &message)
    {
        return {Kind::Source, message, {}, file, 0, {}};
    }
    static Error database(const QString &message, const QString &driverMessage = {})
    {
        return {Kind::Database, message, {}, {}, 0, driverMessage};
    }
    static Error cancelled() { return {Kind::Cancelled, QStringLiteral("cancelled"), {}, {}, 0, {}}; }

    QString location() const; // "file:line", "file" or empty
    QString toString() const; // multi-line, human readable
};

template <typename T> class Result {
public:
    Result(T value) : m_value(std::move(value)) {}
    Result(Error error) : m_error(std::move(error)) {}

    bool ok() const { return m_value.has_value(); }
    explicit operator bool() const { return ok(); }
    const T &value() const & { return *m_value; }
    T &value() & { return *m_value; }
    T &&value() && { return std::move(*m_value); }
    const T *operator->() const { return &*m_value; }
    T *operator->() { return &*m_value; }
    const T &operator*() const { return *m_value; }
    const Error &error() const { return m_error; }

private:
    std::optional<T> m_value;
    Error m_error;
};

template <> class Result<void> {
public:
    Result() = default;
    Result(Error error) : m_failed(true), m_error(std::move(error)) {}
    bool ok() const { return !m_failed; }
    explicit operator bool() const { return ok(); }
    const Error &error() const { return m_error; }

private:
    bool m_failed = false;
    Error m_error;
};

using Status = Result<void>;

} // namespace strata
