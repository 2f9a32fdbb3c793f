// The table of strata-cli's commands and options: what the parser accepts (CliArgs.cpp) and
// what every help text says (CliHelp.cpp). A new option goes here, and only here.

#include "CliArgs.h"

namespace strata::cli {

namespace {

using S = QString;

OptionSpec to(const QString &what)
{
    return {S("--to"), {}, S("V"), what};
}

OptionSpec steps()
{
    return {S("--steps"), {}, S("N"), S("Undo the newest N applied versions.")};
}

OptionSpec generateMissing()
{
    return {S("--generate-missing"),
            {},
            {},
            S("Derive a missing undo script from the schema snapshots recorded when the version "
              "was applied.")};
}

OptionSpec report()
{
    return {S("--report"),
            {},
            S("FILE"),
            S("Also write a report of the result; the extension chooses the format: .html .md "
              ".json .pdf.")};
}

Conflict toOrSteps()
{
    return {S("--to"), S("--steps"), S("give the version to stop at, or how many to undo")};
}

QList<Requirement> downOnly()
{
    return {{S("--steps"), S("--down"), S("it counts versions to undo")},
            {S("--generate-missing"), S("--down"), S("it makes undo scripts")}};
}

QList<CommandSpec> buildTable()
{
    QList<CommandSpec> t;
    t.append({S("status"),
              S("every version and its state"),
              {},
              {},
              {},
              {},
              S("Lists every version: description, type, state, checksum, installed on and "
                "execution time."),
              S("strata-cli --db sqlite:shop.db --migrations migrations status"),
              true});
    t.append({S("plan"),
              S("the statements up or down would run, with file:line; touches nothing"),
              {},
              {to(S("Up to and including version V (with --down: undo the versions newer than "
                    "V).")),
               {S("--down"),
                {},
                {},
                S("Plan a rollback instead (the newest version when no "
                  "--to or --steps is given).")},
               steps(),
               generateMissing()},
              {toOrSteps()},
              downOnly(),
              {},
              S("strata-cli --db sqlite:shop.db plan --down --steps 2"),
              true});
    t.append({S("dry-run"),
              S("run that plan in one transaction, report each statement, roll back"),
              {},
              {to(S("Up to and including version V (with --down: undo the versions newer than "
                    "V).")),
               {S("--down"),
                {},
                {},
                S("Try a rollback instead (the newest version when no "
                  "--to or --steps is given).")},
               steps(),
               generateMissing(),
               report()},
              {toOrSteps()},
              downOnly(),
              S("Exits 1 when the plan would fail. Nothing is changed either way."),
              S("strata-cli --db sqlite:shop.db dry-run --to 8 --report trial.html"),
              true});
    t.append({S("up"),
              S("apply the pending versions (all, or up to and including V)"),
              {},
              {to(S("Stop after version V.")), report()},
              {},
              {},
              {},
              S("strata-cli --db sqlite:shop.db up --to 5"),
              true});
    t.append({S("down"),
              S("undo applied versions newer than V, or the newest N, newest first"),
              {},
              {to(S("Undo every applied version newer than V (0 undoes them all).")),
               steps(),
               generateMissing(),
               {S("--allow-data-loss"),
                {},
                {},
                S("Run a generated undo even when it drops a table or column that holds data.")},
               report()},
              {toOrSteps()},
              {},
              S("Needs --to V or --steps N."),
              S("strata-cli --db sqlite:shop.db down --steps 1"),
              true});
    t.append({S("validate"),
              S("list every problem; exit 3 when there is one"),
              {},
              {report()},
              {},
              {},
              {},
              S("strata-cli --db sqlite:shop.db validate"),
              true});
    t.append({S("audit"),
              S("the audit log: every up, down, repair, baseline and transfer, never rewritten"),
              {},
              {{S("--version"), {}, S("V"), S("Only the entries of version V.")}},
              {},
              {},
              S("Lists strata_audit_log oldest first: when, who, what and the outcome. Unlike "
                "the history, it keeps rollbacks and failed attempts."),
              S("strata-cli --db sqlite:shop.db audit --version 5"),
              true});
    t.append({S("baseline"),
              S("mark an existing database with no history as being at V"),
              {},
              {{S("--version"), {}, S("V"), S("The version the database is at."), true},
               {S("--description"),
                {},
                S("D"),
                S("The description recorded (default: "
                  "Baseline).")}},
              {},
              {},
              {},
              S("strata-cli --db sqlite:legacy.db baseline --version 3 --description legacy"),
              true});
    t.append({S("repair"),
              S("remove failed history entries, record changed checksums"),
              {},
              {{S("--yes"), {}, {}, S("Do it; without --yes, only show what it would do.")}},
              {},
              {},
              {},
              S("strata-cli --db sqlite:shop.db repair --yes"),
              true});
    t.append({S("snapshot"),
              S("the schema of a database as a JSON snapshot"),
              {{S("URL"), true, S("The database (default: --db).")}},
              {{S("--output"), S("-o"), S("FILE.json"),
                S("Write it to FILE.json (default: "
                  "stdout).")}},
              {},
              {},
              S("Does not read the migrations folder."),
              S("strata-cli snapshot sqlite:shop.db -o shop.json")});
    t.append({S("diff"),
              S("compare two schemas, each a database URL or a snapshot file"),
              {{S("A"), false, S("The schema to change (a URL or a snapshot file).")},
               {S("B"), false, S("The schema to reach.")}},
              {{S("--sql"), {}, {}, S("Print the SQL script that turns A into B.")},
               {S("--reverse"), {}, {}, S("With --sql: print its undo (B back into A).")},
               {S("--exit-code"), {}, {}, S("Exit 4 when A and B differ.")},
               report()},
              {{S("--sql"), S("--json"),
                S("--sql prints a script, --json a document; "
                  "choose one")}},
              {{S("--reverse"), S("--sql"), S("it reverses the SQL script")}},
              S("Does not read the migrations folder."),
              S("strata-cli diff sqlite:shop.db shop.json --sql")});
    t.append({S("drift"),
              S("the live schema against the one recorded for the current version; exit 4 "
                "on drift"),
              {},
              {{S("--sql"),
                {},
                {},
                S("Print the SQL that would bring the recorded schema to "
                  "the live one.")},
               report()},
              {{S("--sql"), S("--json"),
                S("--sql prints a script, --json a document; "
                  "choose one")}},
              {},
              {},
              S("strata-cli --db sqlite:shop.db drift"),
              true});
    t.append({S("transfer"),
              S("move an SQLite database into PostgreSQL, every table verified"),
              {{S("SQLITE_URL"), false, S("The source, an sqlite: URL of an existing file.")},
               {S("POSTGRES_URL"), false, S("The target, a postgresql:// URL.")}},
              {{S("--plan"),
                {},
                {},
                S("Show the target DDL and every type decision; touch "
                  "nothing.")},
               {S("--jobs"), {}, S("N"), S("Load N tables at once.")},
               {S("--tables"), {}, S("a,b"), S("Only these tables.")},
               {S("--mapping"),
                {},
                S("FILE.json"),
                S("Type and name decisions to use instead "
                  "of the profiled ones.")},
               {S("--resume"),
                {},
                {},
                S("Continue an interrupted transfer: skip the tables "
                  "already loaded and verified.")},
               {S("--drop-existing"), {}, {}, S("Drop target tables that already exist.")},
               {S("--bad-text"),
                {},
                S("fail|replace|bytea"),
                S("What to do with text that is not valid UTF-8 (default: fail).")},
               {S("--nocase"),
                {},
                S("citext|icu"),
                S("How COLLATE NOCASE columns stay case-insensitive (default: citext).")},
               {S("--keep-case"),
                {},
                {},
                S("Keep names as they are instead of folding them to "
                  "lower case.")},
               {S("--schema"), {}, S("NAME"), S("The target schema (default: public).")},
               {S("--migrations"),
                {},
                S("DIR"),
                S("Build the target by running DIR's migrations up to the SQLite database's "
                  "version, then load into it, checking every value against its declared "
                  "type; everything commits at once or not at all.")},
               report()},
              {{S("--plan"), S("--resume"), S("--plan touches nothing, --resume loads")},
               {S("--plan"), S("--drop-existing"),
                S("--plan touches nothing, --drop-existing "
                  "drops tables")},
               {S("--resume"), S("--drop-existing"),
                S("--resume keeps the tables already loaded, --drop-existing drops them")}},
              {},
              S("Reads a migrations folder only with --migrations (after the command). See "
                "docs/TRANSFER.md."),
              S("strata-cli transfer sqlite:shop.db postgresql://app@localhost/shop --jobs 4")});
    t.append({S("check"),
              S("replay every migration, up and undo, on a scratch PostgreSQL and say per "
                "version whether it is ready for it"),
              {},
              {{S("--engine"), {}, S("postgresql"), S("The engine to check for (PostgreSQL).")},
               {S("--against"),
                {},
                S("URL"),
                S("The PostgreSQL server to replay on: the check creates a throwaway database "
                  "there (or, without CREATEDB, a throwaway schema) and drops it afterwards."),
                true},
               report()},
              {},
              {},
              S("Compares each version with what SQLite builds: runs as is, PostgreSQL variant "
                "runs, builds a different schema (the differences listed), fails (file:line, "
                "statement, PostgreSQL's message). Exits 0 when every version is ready, 3 "
                "otherwise. Does not use --db."),
              S("strata-cli --migrations migrations check --engine postgresql --against "
                "postgresql://localhost/postgres")});
    t.append({S("report"),
              S("a report of the database's state: timeline and validation"),
              {},
              {{S("--output"), S("-o"), S("FILE"), S("Write the report to FILE."), true},
               {S("--format"),
                {},
                S("html|md|json|pdf"),
                S("The format (default: from FILE's extension). Refused when FILE's extension "
                  "names another format.")}},
              {},
              {},
              {},
              S("strata-cli --db sqlite:shop.db report -o state.pdf"),
              true});
    t.append({S("detect"),
              S("which other tools' migration histories the database holds"),
              {{S("URL"), true, S("The database (default: --db).")}},
              {{S("--sqitch-registry"),
                {},
                S("FILE"),
                S("Sqitch's registry database, when it "
                  "is not the database itself.")}},
              {},
              {},
              {},
              S("strata-cli detect sqlite:app.db")});
    t.append({S("adopt"),
              S("record another tool's applied changes as baseline rows"),
              {},
              {{S("--from"),
                {},
                S("TOOL"),
                S("flyway, liquibase, alembic, golang-migrate, dbmate, sqitch or atlas."),
                true},
               {S("--dry-run"), {}, {}, S("List the rows without writing them.")},
               {S("--sqitch-registry"),
                {},
                S("FILE"),
                S("With --from sqitch: Sqitch's registry "
                  "database.")}},
              {},
              {},
              {},
              S("strata-cli --db sqlite:app.db adopt --from flyway --dry-run")});
    t.append({S("help"),
              S("this text, or a command's own help"),
              {{S("COMMAND"), true, S("The command to explain.")}},
              {},
              {},
              {},
              {},
              S("strata-cli help transfer")});
    return t;
}

} // namespace

const QList<OptionSpec> &globalOptions()
{
    static const QList<OptionSpec> options = {
        {S("--db"), {}, S("URL"), S("The database (default: $STRATA_DB).")},
        {S("--migrations"), {}, S("DIR"), S("The migrations folder (default: ./migrations).")},
        {S("--json"), {}, {}, S("Print one JSON document on stdout instead of text.")},
        {S("--lock-timeout"),
         {},
         S("SECONDS"),
         S("How long up, down, baseline and repair wait for another migrator's lock (default: "
           "PostgreSQL as long as it takes, SQLite 60 s).")},
        {S("--help"), S("-h"), {}, S("Print the help (of the command, after one) and exit 0.")},
        {S("--version"), {}, {}, S("Print the version and exit 0 (before a command).")},
    };
    return options;
}

const QList<CommandSpec> &commandTable()
{
    static const QList<CommandSpec> table = buildTable();
    return table;
}

} // namespace strata::cli
