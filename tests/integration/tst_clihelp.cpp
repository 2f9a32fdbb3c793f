// strata-cli's help and its command table: every command has its own help (`COMMAND --help`,
// `help COMMAND`), and every option the parser accepts is listed in the main help and in its
// command's help, and the other way round. Rows come from the table the parser reads, so an
// option added there is checked without anyone adding a row here.

#include "CliArgs.h"
#include "CliHelp.h"

#include <QProcess>
#include <QRegularExpression>
#include <QSet>
#include <QTest>

namespace sc = strata::cli;

namespace {

struct CliRun {
    int exitCode = -1;
    QByteArray out;
    QByteArray err;
};

CliRun runCli(const QStringList &args,
              const QProcessEnvironment &env = QProcessEnvironment::systemEnvironment())
{
    QProcess p;
    p.setProcessEnvironment(env);
    p.start(qEnvironmentVariable("STRATA_CLI"), args);
    CliRun r;
    if (!p.waitForFinished(60000))
        p.kill();
    r.exitCode = p.exitStatus() == QProcess::NormalExit ? p.exitCode() : -1;
    r.out = p.readAllStandardOutput();
    r.err = p.readAllStandardError();
    return r;
}

QProcessEnvironment withoutStrataDb()
{
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.remove(QStringLiteral("STRATA_DB"));
    return env;
}

QString describe(const CliRun &r)
{
    return QStringLiteral("exit %1\nstdout: %2\nstderr: %3")
        .arg(r.exitCode)
        .arg(QString::fromUtf8(r.out), QString::fromUtf8(r.err));
}

// Every `--name` (and `-o`) the text mentions.
QSet<QString> optionsIn(const QString &text)
{
    QSet<QString> out;
    static const QRegularExpression option(QStringLiteral("(?<![\\w-])(--[a-z][a-z-]*|-[a-z])\\b"));
    for (auto it = option.globalMatch(text); it.hasNext();)
        out.insert(it.next().captured(1));
    return out;
}

bool findGlobal(const QString &option)
{
    for (const strata::cli::OptionSpec &o : strata::cli::globalOptions()) {
        if (o.name == option || o.alias == option)
            return true;
    }
    return false;
}

} // namespace

class TestCliHelp : public QObject {
    Q_OBJECT

private slots:
    void initTestCase()
    {
        QVERIFY2(QFile::exists(qEnvironmentVariable("STRATA_CLI")),
                 "STRATA_CLI must name the built strata-cli");
    }

    // Every command has its own help, as `COMMAND --help` and `help COMMAND`: its usage, every
    // option it takes, the global options and an example, on stdout with exit 0.
    void commandHelp_data()
    {
        QTest::addColumn<QString>("command");
        QTest::addColumn<QStringList>("args");
        for (const sc::CommandSpec &c : sc::commandTable()) {
            QTest::addRow("%s --help", qPrintable(c.name))
                << c.name << QStringList{c.name, "--help"};
            QTest::addRow("%s -h", qPrintable(c.name)) << c.name << QStringList{c.name, "-h"};
            QTest::addRow("help %s", qPrintable(c.name)) << c.name << QStringList{"help", c.name};
        }
        // --help wins over what is wrong with the rest of the line.
        QTest::newRow("transfer, no URLs")
            << "transfer" << QStringList{"transfer", "--plan", "--resume", "--help"};
        QTest::newRow("down --help after a bad --to")
            << "down" << QStringList{"down", "--to", "x", "--help"};
    }
    void commandHelp()
    {
        QFETCH(QString, command);
        QFETCH(QStringList, args);
        const sc::CommandSpec *spec = sc::findCommand(command);
        QVERIFY(spec);
        CliRun run = runCli(args, withoutStrataDb());
        QVERIFY2(run.exitCode == 0, qPrintable(describe(run)));
        QVERIFY2(run.err.isEmpty(), run.err);
        const QString help = QString::fromUtf8(run.out);
        QCOMPARE(help, sc::commandHelp(*spec));
        QVERIFY2(
            help.startsWith(QStringLiteral("Usage: strata-cli [global options] %1").arg(command)),
            qPrintable(help));
        QVERIFY2(help.contains(QStringLiteral("\nExample:\n  strata-cli ")), qPrintable(help));
        QVERIFY(!help.contains(QStringLiteral("\nCommands:\n"))); // not the main help
        for (const sc::OptionSpec &o : spec->options) {
            QVERIFY2(help.contains(o.name), qPrintable(o.name));
            QVERIFY2(help.contains(o.help.left(30)), qPrintable(o.name));
        }
        for (const sc::PositionalSpec &p : spec->positionals)
            QVERIFY2(help.contains(p.name), qPrintable(p.name));
    }

    void mainHelp()
    {
        for (const QStringList &args :
             {QStringList{"--help"}, QStringList{"-h"}, QStringList{"help"}}) {
            CliRun run = runCli(args, withoutStrataDb());
            QVERIFY2(run.exitCode == 0, qPrintable(describe(run)));
            QCOMPARE(QString::fromUtf8(run.out), sc::mainHelp());
        }
        CliRun none = runCli({}, withoutStrataDb()); // no command: the same text on stderr, exit 2
        QCOMPARE(none.exitCode, 2);
        QCOMPARE(QString::fromUtf8(none.err), sc::mainHelp());
        CliRun unknown = runCli({"help", "frobnicate"});
        QCOMPARE(unknown.exitCode, 2);
        QVERIFY(unknown.err.contains("frobnicate"));
    }

    // Each option of each command: the parser accepts it for that command, and the main help
    // and the command's help list it. Rows come from the table the parser reads, so an option
    // added to the parser is checked here without anyone adding a row.
    void everyOptionIsInTheHelp_data()
    {
        QTest::addColumn<QString>("command");
        QTest::addColumn<QString>("option");
        for (const sc::CommandSpec &c : sc::commandTable()) {
            for (const sc::OptionSpec &o : c.options) {
                QTest::addRow("%s %s", qPrintable(c.name), qPrintable(o.name)) << c.name << o.name;
                if (!o.alias.isEmpty())
                    QTest::addRow("%s %s", qPrintable(c.name), qPrintable(o.alias))
                        << c.name << o.alias;
            }
            for (const sc::OptionSpec &o : sc::globalOptions())
                QTest::addRow("%s %s (global)", qPrintable(c.name), qPrintable(o.name))
                    << c.name << o.name;
        }
    }
    void everyOptionIsInTheHelp()
    {
        QFETCH(QString, command);
        QFETCH(QString, option);
        const sc::CommandSpec *spec = sc::findCommand(command);
        QVERIFY(spec);
        // Accepted: whatever else goes wrong, it is not "unknown" or "has no option". A global
        // option goes before the command (--version only may).
        const sc::OptionSpec *spec0 = nullptr;
        for (const sc::OptionSpec &o : spec->options)
            spec0 = o.name == option || o.alias == option ? &o : spec0;
        const bool global = !spec0;
        for (const sc::OptionSpec &o : sc::globalOptions())
            spec0 = global && (o.name == option || o.alias == option) ? &o : spec0;
        QVERIFY(spec0);
        QStringList args{option};
        if (!spec0->value.isEmpty())
            args << QStringLiteral("1");
        if (global)
            args.append(command);
        else
            args.prepend(command);
        auto parsed = sc::parseCommandLine(args);
        if (!parsed) {
            const QString message = parsed.error().message;
            QVERIFY2(!message.contains(QStringLiteral("has no option")) &&
                         !message.contains(QStringLiteral("unknown option")),
                     qPrintable(message));
        }
        // Listed: in the main help (with the command's synopsis or the global options) and in
        // the command's own help, as whole words.
        const QString mainHelp = QString::fromUtf8(runCli({"--help"}).out);
        QVERIFY2(optionsIn(mainHelp).contains(option), qPrintable(option));
        const QString own = QString::fromUtf8(runCli({command, "--help"}).out);
        QVERIFY2(optionsIn(own).contains(option), qPrintable(own));
        QVERIFY2(optionsIn(sc::synopsis(*spec)).contains(option) || findGlobal(option),
                 qPrintable(option));
    }

    // The other way round: every option a help text names is one the parser accepts for that
    // command (or a global one), and an option in no table is refused as unknown.
    void helpNamesNoOtherOption_data()
    {
        QTest::addColumn<QString>("command");
        for (const sc::CommandSpec &c : sc::commandTable())
            QTest::newRow(qPrintable(c.name)) << c.name;
    }
    void helpNamesNoOtherOption()
    {
        QFETCH(QString, command);
        const sc::CommandSpec *spec = sc::findCommand(command);
        for (const QString &option : optionsIn(sc::commandHelp(*spec))) {
            if (findGlobal(option))
                continue; // checked in everyOptionIsInTheHelp, before the command
            auto parsed = sc::parseCommandLine({command, option, QStringLiteral("1")});
            const QString message = parsed ? QString() : parsed.error().message;
            QVERIFY2(!message.contains(QStringLiteral("has no option")),
                     qPrintable(option + u' ' + message));
        }
        CliRun unknown = runCli({command, "--no-such-option"});
        QVERIFY2(unknown.exitCode == 2, qPrintable(describe(unknown)));
        QVERIFY2(unknown.err.contains(
                     QStringLiteral("`%1` has no option `--no-such-option`").arg(command).toUtf8()),
                 unknown.err);
    }
};

QTEST_GUILESS_MAIN(TestCliHelp)
#include "tst_clihelp.moc"
