#pragma once
// strata-cli's command line: one table of commands and options (CliCommandTable.cpp) that the
// parser below accepts and nothing else, and from which every help text is generated
// (CliHelp.cpp). An option that is not in the table is refused as unknown; an option in the
// table is in the help. Handlers read only what the parser returns.

#include "util/Result.h"

#include <QMap>
#include <QStringList>
#include <optional>

namespace strata::cli {

struct OptionSpec {
    QString name;          // "--to"
    QString alias;         // "-o" for --output; empty when none
    QString value;         // the value's placeholder ("V", "FILE"); empty for a flag
    QString help;          // one sentence for the help texts
    bool required = false; // the command refuses to run without it
};

// Two options that cannot be given together (either may be a global option, e.g. --json).
struct Conflict {
    QString a, b;
    QString why; // the reason, ending the error sentence
};

// An option that only means something with another one.
struct Requirement {
    QString option, needs;
    QString why;
};

struct PositionalSpec {
    QString name;
    bool optional = false;
    QString help;
};

struct CommandSpec {
    QString name;
    QString summary; // one line for the main help
    QList<PositionalSpec> positionals;
    QList<OptionSpec> options;
    QList<Conflict> conflicts;
    QList<Requirement> requirements;
    QString details;                     // more about the command, for its own help (may be empty)
    QString example;                     // a command line someone can run
    bool needsDatabaseAndFolder = false; // opens --db and reads --migrations before running
};

// --db, --migrations, --json, --lock-timeout, --help and --version.
const QList<OptionSpec> &globalOptions();
// Every command, in the order the main help lists them.
const QList<CommandSpec> &commandTable();
const CommandSpec *findCommand(const QString &name);

// One command's arguments as the parser accepted them.
class CommandArgs {
public:
    bool has(const QString &option) const;
    // Whether the command takes this option at all.
    bool declares(const QString &option) const;
    // The option's value, or `fallback` when it was not given. Asking for an option the
    // command does not declare is a programming error (qFatal): it could never be given.
    QString value(const QString &option, const QString &fallback = {}) const;
    const QStringList &positionals() const { return m_positionals; }

private:
    friend struct CommandLineParser;
    const CommandSpec *m_spec = nullptr;
    QMap<QString, QString> m_values; // option name (never the alias) -> value ("" for a flag)
    QStringList m_positionals;
};

struct CommandLine {
    QString db = qEnvironmentVariable("STRATA_DB");
    QString migrations = QStringLiteral("migrations");
    bool json = false;
    std::optional<int> lockTimeoutMs;
    // What to do instead of a command: print the main help (helpTopic empty) or a command's.
    bool help = false;
    QString helpTopic;
    bool version = false;
    const CommandSpec *command = nullptr; // null with help, version or no command at all
    CommandArgs args;
};

// Parses the whole command line: global options anywhere (a command's own option of the same
// name wins after the command), the command, and the command's options and positionals, with
// conflicts and requirements checked. Every failure is a usage error naming the fix.
Result<CommandLine> parseCommandLine(const QStringList &arguments);

} // namespace strata::cli
