#include "CliArgs.h"

#include <QSet>

namespace strata::cli {

namespace {

bool matches(const OptionSpec &o, const QString &arg)
{
    return arg == o.name || (!o.alias.isEmpty() && arg == o.alias) || arg.startsWith(o.name + u'=');
}

const OptionSpec *findOption(const QList<OptionSpec> &options, const QString &arg)
{
    for (const OptionSpec &o : options) {
        if (matches(o, arg))
            return &o;
    }
    return nullptr;
}

QString seeHelp(const CommandSpec *command)
{
    return command ? QStringLiteral("see strata-cli %1 --help").arg(command->name)
                   : QStringLiteral("see strata-cli --help");
}

} // namespace

bool CommandArgs::has(const QString &option) const
{
    (void)value(option); // checks that the command declares it
    return m_values.contains(option);
}

bool CommandArgs::declares(const QString &option) const
{
    return m_spec && findOption(m_spec->options, option);
}

QString CommandArgs::value(const QString &option, const QString &fallback) const
{
    if (!m_spec || !findOption(m_spec->options, option))
        qFatal("strata-cli: `%s` reads option %s, which its table entry does not declare",
               m_spec ? qPrintable(m_spec->name) : "?", qPrintable(option));
    return m_values.value(option, fallback);
}

struct CommandLineParser {
    CommandLine line;
    QSet<QString> given; // every option seen, global or the command's, by name
    std::optional<Error> error;

    void fail(const QString &message)
    {
        if (!error)
            error = Error::usage(message);
    }

    // The value of `o` from `arg` (`--name=VALUE`) or the next argument.
    std::optional<QString> valueOf(const OptionSpec &o, const QString &arg, QStringList &rest)
    {
        const bool inline_ = arg.startsWith(o.name + u'=');
        if (o.value.isEmpty()) {
            if (inline_)
                fail(QStringLiteral("%1 takes no value (%2)").arg(o.name, seeHelp(line.command)));
            return QString();
        }
        if (inline_)
            return arg.mid(o.name.size() + 1);
        if (rest.isEmpty()) {
            fail(QStringLiteral("%1 needs a value: %1 %2").arg(o.name, o.value));
            return std::nullopt;
        }
        return rest.takeFirst();
    }

    void global(const OptionSpec &o, const QString &value)
    {
        if (o.name == QLatin1String("--db")) {
            line.db = value;
        } else if (o.name == QLatin1String("--migrations")) {
            line.migrations = value;
        } else if (o.name == QLatin1String("--json")) {
            line.json = true;
        } else if (o.name == QLatin1String("--lock-timeout")) {
            bool ok = false;
            const double seconds = value.toDouble(&ok);
            if (!ok || seconds < 0 || seconds > 24 * 3600)
                fail(QStringLiteral("--lock-timeout needs seconds (0 to 86400), not `%1`")
                         .arg(value));
            else
                line.lockTimeoutMs = int(seconds * 1000);
        } else if (o.name == QLatin1String("--version")) {
            line.version = true;
        } else if (o.name == QLatin1String("--help")) {
            line.help = true;
        }
    }

    void parse(const QStringList &arguments)
    {
        QStringList rest = arguments;
        while (!rest.isEmpty()) {
            const QString arg = rest.takeFirst();
            const OptionSpec *own = line.command ? findOption(line.command->options, arg) : nullptr;
            const OptionSpec *globalOption = own ? nullptr : findOption(globalOptions(), arg);
            // --version is global only before a command (`baseline --version V` is baseline's).
            if (globalOption && globalOption->name == QLatin1String("--version") && line.command)
                globalOption = nullptr;
            if (own || globalOption) {
                const OptionSpec &o = own ? *own : *globalOption;
                const auto value = valueOf(o, arg, rest);
                if (!value)
                    continue;
                // Twice as the command's own option; a global of the same name before the
                // command (transfer's --migrations) is another option.
                if (own && line.args.m_values.contains(o.name))
                    fail(QStringLiteral("%1 is given twice").arg(o.name));
                given.insert(o.name);
                if (own)
                    line.args.m_values.insert(o.name, *value);
                else
                    global(o, *value);
            } else if (arg.startsWith(u'-') && arg != QLatin1String("-")) {
                fail(line.command
                         ? QStringLiteral("`%1` has no option `%2` (%3)")
                               .arg(line.command->name, arg, seeHelp(line.command))
                         : QStringLiteral("unknown option `%1` (%2)").arg(arg, seeHelp(nullptr)));
            } else if (line.command) {
                line.args.m_positionals << arg;
            } else if (const CommandSpec *c = findCommand(arg)) {
                line.command = c;
                line.args.m_spec = c;
            } else {
                fail(QStringLiteral("unknown command `%1` (%2)").arg(arg, seeHelp(nullptr)));
            }
        }
    }

    void check()
    {
        const CommandSpec &c = *line.command;
        const QStringList &positionals = line.args.m_positionals;
        if (positionals.size() > c.positionals.size())
            fail(QStringLiteral("`%1` does not take `%2` (%3)")
                     .arg(c.name, positionals.at(c.positionals.size()), seeHelp(&c)));
        for (qsizetype i = positionals.size(); i < c.positionals.size(); ++i) {
            if (!c.positionals[i].optional)
                fail(QStringLiteral("%1 needs %2 (%3)")
                         .arg(c.name, c.positionals[i].name, seeHelp(&c)));
        }
        for (const OptionSpec &o : c.options) {
            if (o.required && !given.contains(o.name))
                fail(QStringLiteral("%1 needs %2 %3 (%4)")
                         .arg(c.name, o.alias.isEmpty() ? o.name : o.alias, o.value, seeHelp(&c)));
        }
        for (const Conflict &k : c.conflicts) {
            if (given.contains(k.a) && given.contains(k.b))
                fail(QStringLiteral("%1 and %2 cannot be used together: %3").arg(k.a, k.b, k.why));
        }
        for (const Requirement &r : c.requirements) {
            if (given.contains(r.option) && !given.contains(r.needs))
                fail(QStringLiteral("%1 needs %2: %3").arg(r.option, r.needs, r.why));
        }
    }
};

Result<CommandLine> parseCommandLine(const QStringList &arguments)
{
    CommandLineParser p;
    p.parse(arguments);
    const bool helpCommand = p.line.command && p.line.command->name == QLatin1String("help");
    // --help anywhere wins over every other problem: it shows how to fix them.
    if (p.line.help || helpCommand) {
        CommandLine help;
        help.json = p.line.json;
        help.help = true;
        if (helpCommand && p.error && !p.line.help)
            return *p.error; // `help --frob`: nothing asked for help on the mistake
        if (helpCommand) {
            QStringList topic = p.line.args.positionals();
            if (topic.isEmpty() && p.line.help)
                topic << QStringLiteral("help"); // `help --help`: the help command's own help
            if (!topic.isEmpty() && !findCommand(topic.first()))
                return Error::usage(QStringLiteral("unknown command `%1` (see strata-cli --help)")
                                        .arg(topic.first()));
            if (topic.size() > 1)
                return Error::usage(
                    QStringLiteral("help takes one command, not `%1`").arg(topic[1]));
            help.helpTopic = topic.value(0);
        } else if (p.line.command) {
            help.helpTopic = p.line.command->name;
        }
        return help;
    }
    if (p.error)
        return *p.error;
    if (p.line.version || !p.line.command)
        return p.line;
    p.check();
    if (p.error)
        return *p.error;
    return p.line;
}

const CommandSpec *findCommand(const QString &name)
{
    for (const CommandSpec &c : commandTable()) {
        if (c.name == name)
            return &c;
    }
    return nullptr;
}

} // namespace strata::cli
