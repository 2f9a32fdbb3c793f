// strata-cli's man page and bash completion against its help: the page the build wrote
// (strata-cli.1, rendered by groff as `man` would) says every line `strata-cli --help` and
// `strata-cli help COMMAND` print, and no command the table lacks; the completion (run in a
// real bash) offers exactly the table's commands and options. strata(1) lists every option
// `strata --help` prints.

#include "CliArgs.h"
#include "CliCompletion.h"
#include "CliManPage.h"

#include <QDir>
#include <QFile>
#include <QProcess>
#include <QRegularExpression>
#include <QSet>
#include <QTemporaryDir>
#include <QTest>

namespace sc = strata::cli;

namespace {

struct Run {
    int exitCode = -1;
    QString out;
    QString err;
};

Run run(const QString &program, const QStringList &args, const QByteArray &input = {})
{
    QProcess p;
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.remove(QStringLiteral("STRATA_DB"));
    env.insert(QStringLiteral("QT_QPA_PLATFORM"), QStringLiteral("offscreen"));
    p.setProcessEnvironment(env);
    p.start(program, args);
    p.write(input);
    p.closeWriteChannel();
    Run r;
    if (!p.waitForFinished(60000))
        p.kill();
    r.exitCode = p.exitStatus() == QProcess::NormalExit ? p.exitCode() : -1;
    r.out = QString::fromUtf8(p.readAllStandardOutput());
    r.err = QString::fromUtf8(p.readAllStandardError());
    return r;
}

QString normalized(const QString &text)
{
    return text.simplified().toLower();
}

// The page as plain text, every paragraph on one line (a line length no paragraph reaches),
// without hyphenation, bold or underlining.
QString rendered(const QString &page)
{
    Run r = run(QStringLiteral("groff"), {"-k", "-man", "-Tutf8", "-P-cbou", "-rLL=5000n", page});
    if (r.exitCode != 0 || !r.err.isEmpty())
        qWarning("groff: exit %d: %s", r.exitCode, qPrintable(r.err));
    return r.out;
}

// The completions bash offers for `words` (the cursor on the last one), run in `dir`.
QStringList complete(const QStringList &words, const QString &dir = QDir::currentPath())
{
    QString script = QStringLiteral("source \"$1\"; cd \"$2\"; COMP_WORDS=(");
    for (const QString &w : words)
        script += u'\'' + w + QStringLiteral("' ");
    script += QStringLiteral("); COMP_CWORD=%1; _strata_cli; printf '%s\\n' \"${COMPREPLY[@]}\"")
                  .arg(words.size() - 1);
    Run r = run(QStringLiteral("bash"),
                {"-c", script, "bash", qEnvironmentVariable("STRATA_CLI_COMPLETION"), dir});
    if (r.exitCode != 0 || !r.err.isEmpty())
        qWarning("bash: exit %d: %s", r.exitCode, qPrintable(r.err));
    QStringList out = r.out.split(u'\n', Qt::SkipEmptyParts);
    out.sort();
    return out;
}

QStringList optionNames(const QList<sc::OptionSpec> &options, bool withVersion = true)
{
    QStringList names;
    for (const sc::OptionSpec &o : options) {
        if (!withVersion && o.name == QLatin1String("--version"))
            continue;
        names << o.name;
        if (!o.alias.isEmpty())
            names << o.alias;
    }
    return names;
}

QStringList sorted(QStringList list)
{
    list.removeDuplicates();
    list.sort();
    return list;
}

} // namespace

class TestCliManPage : public QObject {
    Q_OBJECT

    QString m_page; // the rendered strata-cli(1), normalised

private slots:
    void initTestCase()
    {
        QVERIFY2(QFile::exists(qEnvironmentVariable("STRATA_CLI")), "STRATA_CLI: strata-cli");
        QVERIFY2(QFile::exists(qEnvironmentVariable("STRATA_CLI_MAN")), "STRATA_CLI_MAN");
        QVERIFY2(QFile::exists(qEnvironmentVariable("STRATA_CLI_COMPLETION")),
                 "STRATA_CLI_COMPLETION");
        m_page = normalized(rendered(qEnvironmentVariable("STRATA_CLI_MAN")));
        QVERIFY2(m_page.size() > 5000, qPrintable(m_page));
    }

    // The page on disk is what the table makes today (the build regenerates it).
    void pageIsCurrent()
    {
        QFile file(qEnvironmentVariable("STRATA_CLI_MAN"));
        QVERIFY(file.open(QIODevice::ReadOnly));
        QCOMPARE(QString::fromUtf8(file.readAll()), sc::manPage(QStringLiteral(STRATA_VERSION)));
        QFile completion(qEnvironmentVariable("STRATA_CLI_COMPLETION"));
        QVERIFY(completion.open(QIODevice::ReadOnly));
        QCOMPARE(QString::fromUtf8(completion.readAll()), sc::bashCompletion());
    }

    // Every line the binary's help prints is in the page: the main help and each command's.
    // Lines are compared without case and spacing (the page capitalises headings), a heading's
    // colon and the `Usage:` prefix.
    void everyHelpLineIsInThePage_data()
    {
        QTest::addColumn<QStringList>("args");
        QTest::newRow("--help") << QStringList{"--help"};
        for (const sc::CommandSpec &c : sc::commandTable())
            QTest::addRow("help %s", qPrintable(c.name)) << QStringList{"help", c.name};
    }
    void everyHelpLineIsInThePage()
    {
        QFETCH(QStringList, args);
        Run help = run(qEnvironmentVariable("STRATA_CLI"), args);
        QCOMPARE(help.exitCode, 0);
        int lines = 0;
        for (QString line : help.out.split(u'\n', Qt::SkipEmptyParts)) {
            line = normalized(line);
            line.remove(QRegularExpression(QStringLiteral("^usage: (strata-cli \\[global "
                                                          "options\\] )?")));
            if (line.endsWith(u':'))
                line.chop(1);
            if (line.isEmpty())
                continue;
            ++lines;
            QVERIFY2(m_page.contains(line),
                     qPrintable(QStringLiteral("not in the man page: ") + line));
        }
        QVERIFY(lines > 5);
    }

    // The page's command sections are the table's commands, in its order, and nothing else.
    void pageHasTheTablesCommands()
    {
        QFile file(qEnvironmentVariable("STRATA_CLI_MAN"));
        QVERIFY(file.open(QIODevice::ReadOnly));
        QStringList sections;
        for (const QString &line : QString::fromUtf8(file.readAll()).split(u'\n')) {
            if (line.startsWith(QLatin1String(".SS ")))
                sections << line.mid(4).replace(QStringLiteral("\\-"), QStringLiteral("-"));
        }
        QStringList commands;
        for (const sc::CommandSpec &c : sc::commandTable())
            commands << c.name;
        QCOMPARE(sections, commands);
    }

    // lintian's and man's own check: groff has nothing to warn about.
    void pageRendersCleanly()
    {
        Run r = run(QStringLiteral("groff"),
                    {"-k", "-man", "-ww", "-z", qEnvironmentVariable("STRATA_CLI_MAN")});
        QCOMPARE(r.exitCode, 0);
        QCOMPARE(r.err, QString());
    }

    // strata(1) is written by hand; every option the GUI's --help prints must be in it.
    void guiPageListsEveryGuiOption()
    {
        Run help = run(qEnvironmentVariable("STRATA_GUI"), {"--help"});
        QCOMPARE(help.exitCode, 0);
        const QString page = rendered(qEnvironmentVariable("STRATA_GUI_MAN"));
        static const QRegularExpression option(QStringLiteral("(?<![\\w-])(--?[a-z][a-z-]*)"));
        int options = 0;
        for (auto it = option.globalMatch(help.out); it.hasNext();) {
            const QString name = it.next().captured(1);
            ++options;
            QVERIFY2(page.contains(QRegularExpression(QStringLiteral("(?<![\\w-])") +
                                                      QRegularExpression::escape(name) +
                                                      QStringLiteral("(?![\\w-])"))),
                     qPrintable(QStringLiteral("strata(1) lacks ") + name));
        }
        QVERIFY(options >= 8);
    }

    void completionIsValidBash()
    {
        Run r = run(QStringLiteral("bash"), {"-n", qEnvironmentVariable("STRATA_CLI_COMPLETION")});
        QCOMPARE(r.exitCode, 0);
        QCOMPARE(r.err, QString());
    }

    // After a command, `--` offers exactly its options and the global ones (--version, which
    // the parser takes only before a command, unless the command has its own).
    void completionOffersEachCommandsOptions_data()
    {
        QTest::addColumn<QString>("command");
        for (const sc::CommandSpec &c : sc::commandTable())
            QTest::newRow(qPrintable(c.name)) << c.name;
    }
    void completionOffersEachCommandsOptions()
    {
        QFETCH(QString, command);
        const sc::CommandSpec *spec = sc::findCommand(command);
        QStringList expected = optionNames(spec->options) + optionNames(sc::globalOptions(), false);
        expected = expected.filter(QRegularExpression(QStringLiteral("^--")));
        QCOMPARE(complete({"strata-cli", command, "--"}), sorted(expected));
        // Also after global options with values, and a URL that ':' splits into words.
        QCOMPARE(complete({"strata-cli", "--db", "sqlite", ":", "shop.db", "--migrations", "m",
                           command, "--"}),
                 sorted(expected));
    }

    void completionOfWordsAndValues_data()
    {
        QTest::addColumn<QStringList>("words");
        QTest::addColumn<QStringList>("expected");
        QStringList commands;
        for (const sc::CommandSpec &c : sc::commandTable())
            commands << c.name;
        QTest::newRow("a command") << QStringList{"strata-cli", ""} << sorted(commands);
        QTest::newRow("st") << QStringList{"strata-cli", "st"}
                            << sorted(commands.filter(QRegularExpression("^st")));
        QTest::newRow("global options")
            << QStringList{"strata-cli", "--"}
            << sorted(optionNames(sc::globalOptions())
                          .filter(QRegularExpression(QStringLiteral("^--"))));
        QTest::newRow("help COMMAND") << QStringList{"strata-cli", "help", "tr"}
                                      << sorted(commands.filter(QRegularExpression("^tr")));
        QTest::newRow("--migrations DIR: folders only")
            << QStringList{"strata-cli", "--migrations", ""} << QStringList{"migrations"};
        QTest::newRow("--db URL: the schemes")
            << QStringList{"strata-cli", "--db", ""} << QStringList{"postgresql://", "sqlite:"};
        QTest::newRow("sqlite: then a file name")
            << QStringList{"strata-cli", "--db", "sqlite", ":", "sh"} << QStringList{"shop.db"};
        QTest::newRow("up --to V: nothing to offer")
            << QStringList{"strata-cli", "up", "--to", ""} << QStringList{};
        QTest::newRow("report --output FILE") << QStringList{"strata-cli", "report", "--output", ""}
                                              << QStringList{"migrations", "shop.db"};
        QTest::newRow("a command's option value is not taken for the command")
            << QStringList{"strata-cli", "audit", "--version", "status", "--j"}
            << QStringList{"--json"};
    }
    void completionOfWordsAndValues()
    {
        QFETCH(QStringList, words);
        QFETCH(QStringList, expected);
        QTemporaryDir dir;
        QVERIFY(QDir(dir.path()).mkdir(QStringLiteral("migrations")));
        QFile db(dir.filePath(QStringLiteral("shop.db")));
        QVERIFY(db.open(QIODevice::WriteOnly));
        db.close();
        QCOMPARE(complete(words, dir.path()), expected);
    }
};

QTEST_GUILESS_MAIN(TestCliManPage)
#include "tst_climanpage.moc"
