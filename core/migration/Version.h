#pragma once
// A migration version: dot-separated numeric parts compared numerically part by part, so that
// 2.9 < 2.10 < 10 and 14-digit timestamps work. Parts are kept as digit strings: no overflow.

#include <QString>
#include <QStringList>
#include <optional>

namespace strata {

class Version {
public:
    Version() = default;
    // Accepts "1", "1.2.10", "1_2" (Flyway's separator), "20240101120000". nullopt otherwise.
    static std::optional<Version> parse(const QString &text);

    bool isEmpty() const { return m_parts.isEmpty(); }
    QString toString() const; // parts joined with '.', leading zeros kept as written
    int compare(const Version &other) const;

    friend bool operator==(const Version &a, const Version &b) { return a.compare(b) == 0; }
    friend bool operator!=(const Version &a, const Version &b) { return a.compare(b) != 0; }
    friend bool operator<(const Version &a, const Version &b) { return a.compare(b) < 0; }
    friend bool operator>(const Version &a, const Version &b) { return a.compare(b) > 0; }
    friend bool operator<=(const Version &a, const Version &b) { return a.compare(b) <= 0; }
    friend bool operator>=(const Version &a, const Version &b) { return a.compare(b) >= 0; }

private:
    QStringList m_parts;
};

} // namespace strata
