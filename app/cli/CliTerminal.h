#pragma once
// Where strata-cli writes: documents and text on stdout, progress and errors on stderr.

#include "util/Result.h"
#include <QJsonDocument>
#include <QJsonObject>
#include <QTextStream>

namespace strata::cli {

enum Exit { Ok = 0, Failed = 1, Usage = 2, Invalid = 3, Differs = 4 };

class Output {
public:
    explicit Output(bool json) : m_json(json), m_out(stdout), m_err(stderr) {}
    bool json() const { return m_json; }
    void text(const QString &s)
    {
        if (!m_json)
            m_out << s << Qt::flush;
    }
    void document(const QJsonObject &o)
    {
        if (m_json)
            m_out << QJsonDocument(o).toJson(QJsonDocument::Indented) << Qt::flush;
    }
    void note(const QString &s) { m_err << s << '\n' << Qt::flush; }
    // Prints the error (stderr, and as {"error": ...} with --json) and returns its exit code.
    int fail(const Error &error);

private:
    bool m_json;
    QTextStream m_out;
    QTextStream m_err;
};

int exitCodeFor(const Error &error);

} // namespace strata::cli
