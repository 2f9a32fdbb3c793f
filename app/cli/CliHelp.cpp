#include "CliHelp.h"

namespace strata::cli {

namespace {

constexpr int width = 96;

QString optionUsage(const OptionSpec &o)
{
    const QString names = o.alias.isEmpty() ? o.name : o.alias + u'|' + o.name;
    return o.value.isEmpty() ? names : names + u' ' + o.value;
}

// Units laid out in lines of at most `width` columns: a synopsis's `[--to V]` is never split.
QString wrapUnits(const QStringList &units, int indent, int firstColumn = 0)
{
    QString out;
    int column = firstColumn;
    for (const QString &unit : units) {
        if (!out.isEmpty()) {
            if (column + 1 + unit.size() > width) {
                out += u'\n' + QString(indent, u' ');
                column = indent;
            } else {
                out += u' ';
                ++column;
            }
        }
        out += unit;
        column += int(unit.size());
    }
    return out;
}

// Words laid out in lines of at most `width` columns (the first starts at `firstColumn`), every
// line after the first indented by `indent`.
QString wrap(const QString &text, int indent, int firstColumn = 0)
{
    return wrapUnits(text.split(u' ', Qt::SkipEmptyParts), indent, firstColumn);
}

QStringList synopsisUnits(const CommandSpec &c)
{
    QStringList units{c.name};
    for (const PositionalSpec &p : c.positionals)
        units << (p.optional ? u'[' + p.name + u']' : p.name);
    for (const OptionSpec &o : c.options)
        units << (o.required ? optionUsage(o) : u'[' + optionUsage(o) + u']');
    return units;
}

// A two-column list: `  NAME  text`, the text wrapped under itself.
QString table(const QList<QPair<QString, QString>> &rows)
{
    int left = 0;
    for (const auto &row : rows)
        left = qMax(left, int(row.first.size()));
    left = qMin(left, 28);
    QString out;
    for (const auto &[name, text] : rows) {
        const int indent = 2 + left + 2;
        if (name.size() > left)
            out += QStringLiteral("  %1\n%2").arg(name, QString(indent, u' '));
        else
            out += QStringLiteral("  %1  ").arg(name, -left);
        out += wrap(text, indent, indent) + u'\n';
    }
    return out;
}

QString globalOptionsTable()
{
    QList<QPair<QString, QString>> rows;
    for (const OptionSpec &o : globalOptions()) {
        const QString names = o.alias.isEmpty() ? o.name : o.alias + QStringLiteral(", ") + o.name;
        rows.append({o.value.isEmpty() ? names : names + u' ' + o.value, o.help});
    }
    return table(rows);
}

} // namespace

QString synopsis(const CommandSpec &command)
{
    return synopsisUnits(command).join(u' ');
}

QString mainHelp()
{
    QString out = QStringLiteral(
        "Usage: strata-cli [--db URL] [--migrations DIR] [--json] [--lock-timeout SECONDS] "
        "COMMAND [options]\n"
        "       strata-cli COMMAND --help   (or strata-cli help COMMAND): the command's options "
        "and an example\n"
        "\n"
        "Database URLs:\n"
        "  sqlite:relative/file.db | sqlite:///absolute/file.db | sqlite::memory:\n"
        "  postgresql://[user[:password]@][host][:port][/db][?sslmode=...&...] (or "
        "postgres://)\n"
        "  (empty parts fall back to libpq's PG* variables and ~/.pgpass)\n"
        "\n"
        "Global options (before or after the command):\n");
    out += globalOptionsTable();
    out += QStringLiteral("\nCommands:\n");
    for (const CommandSpec &c : commandTable()) {
        out += QStringLiteral("  ") + wrapUnits(synopsisUnits(c), 4, 2) + u'\n';
        out += QStringLiteral("      ") + wrap(c.summary, 6, 6) + u'\n';
    }
    out += QStringLiteral(
        "\n"
        "With --migrations naming an Alembic project, status, plan, dry-run, up and down work on\n"
        "its revision graph; plan, dry-run, up and down need the alembic command.\n"
        "\n"
        "Exit codes: 0 success, 1 a migration or the database failed, 2 bad usage, a bad URL or\n"
        "a bad migrations folder, 3 validate found problems (or check found a version not ready\n"
        "for PostgreSQL), 4 diff --exit-code (or drift) found differences.\n");
    return out;
}

QString commandHelp(const CommandSpec &c)
{
    QString out = QStringLiteral("Usage: strata-cli [global options] ") +
                  wrapUnits(synopsisUnits(c), 8, 35) + QStringLiteral("\n\n");
    QString summary = c.summary;
    summary[0] = summary[0].toUpper();
    out += wrap(summary + u'.', 0) + u'\n';
    if (!c.details.isEmpty())
        out += wrap(c.details, 0) + u'\n';
    if (!c.positionals.isEmpty()) {
        QList<QPair<QString, QString>> rows;
        for (const PositionalSpec &p : c.positionals)
            rows.append({p.name, p.help});
        out += QStringLiteral("\nArguments:\n") + table(rows);
    }
    if (!c.options.isEmpty()) {
        QList<QPair<QString, QString>> rows;
        for (const OptionSpec &o : c.options) {
            const QString names =
                o.alias.isEmpty() ? o.name : o.alias + QStringLiteral(", ") + o.name;
            rows.append({o.value.isEmpty() ? names : names + u' ' + o.value,
                         o.required ? o.help + QStringLiteral(" Required.") : o.help});
        }
        out += QStringLiteral("\nOptions:\n") + table(rows);
    }
    if (!c.conflicts.isEmpty() || !c.requirements.isEmpty()) {
        out += QStringLiteral("\nRefused (exit 2):\n");
        for (const Conflict &k : c.conflicts)
            out += QStringLiteral("  ") +
                   wrap(QStringLiteral("%1 with %2: %3.").arg(k.a, k.b, k.why), 4, 2) + u'\n';
        for (const Requirement &r : c.requirements)
            out += QStringLiteral("  ") +
                   wrap(QStringLiteral("%1 without %2: %3.").arg(r.option, r.needs, r.why), 4, 2) +
                   u'\n';
    }
    out +=
        QStringLiteral("\nGlobal options (before or after the command):\n") + globalOptionsTable();
    out += QStringLiteral("\nExample:\n  ") + c.example + u'\n';
    return out;
}

} // namespace strata::cli
