// Reports: every writer on every result kind, built from real runs (SQLite demo migrations, a
// transfer into PostgreSQL); no password in any format; a long report spans many PDF pages.
// The files stay in $STRATA_REPORT_OUT for tests/report/check_report_files.sh (schema, pages).

#include "ReportPdf.h"
#include "TestDatabases.h"

#include "check/ReadinessCheck.h"
#include "migration/DryRun.h"
#include "migration/RecordedSchemas.h"
#include "report/SqlTokens.h"
#include "schema/SchemaSource.h"
#include "transfer/Transfer.h"
#include "transfer/TransferPlanner.h"

#include <QDir>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QtTest>

using namespace strata;

namespace {

const QString password = QStringLiteral("Pw-s3cret-42");

// The text a reader sees: PDFs through pdftotext (poppler-utils), others as they are; white
// space folded so table cells wrapped over lines still match.
QString visibleText(const QString &path, ReportFormat format)
{
    QByteArray bytes;
    if (format == ReportFormat::Pdf) {
        QProcess p;
        p.start(QStringLiteral("pdftotext"), {path, QStringLiteral("-")});
        if (!p.waitForFinished(60000) || p.exitCode() != 0)
            return QStringLiteral("pdftotext failed: ") + p.errorString();
        bytes = p.readAllStandardOutput();
    } else {
        QFile f(path);
        if (!f.open(QIODevice::ReadOnly))
            return {};
        bytes = f.readAll();
    }
    return QString::fromUtf8(bytes).simplified();
}

int pdfPages(const QString &path)
{
    QProcess p;
    p.start(QStringLiteral("pdfinfo"), {path});
    if (!p.waitForFinished(60000))
        return -1;
    const QString out = QString::fromUtf8(p.readAllStandardOutput());
    const auto m = QRegularExpression(QStringLiteral("Pages:\\s+(\\d+)")).match(out);
    return m.hasMatch() ? m.captured(1).toInt() : -1;
}

} // namespace

class TestReport : public QObject {
    Q_OBJECT

private slots:
    void initTestCase();
    void writers_data();
    void writers();
    void noSecrets_data();
    void noSecrets();
    void passwordThatIsMarkup_data();
    void passwordThatIsMarkup();
    void longReportSpansPages();
    void formats_data();
    void formats();
    void sqlTokensCoverText_data();
    void sqlTokensCoverText();

private:
    Report base(const QString &title) const;
    QString outPath(const QString &name) const { return QDir(m_out).filePath(name); }

    QTemporaryDir m_tmp;
    QString m_out;
    ConnectionSpec m_spec;
    QString m_serverVersion;
    QMap<QString, Report> m_reports;  // by test kind
    QMap<QString, QString> m_markers; // text each kind's report must show
};

Report TestReport::base(const QString &title) const
{
    Report r = Report::begin(title);
    r.setDatabase(m_spec, m_serverVersion);
    r.migrationsDir = QStringLiteral("migrations");
    r.folderFormat = QStringLiteral("Flyway");
    return r;
}

void TestReport::initTestCase()
{
    QVERIFY(m_tmp.isValid());
    m_out = qEnvironmentVariable("STRATA_REPORT_OUT", m_tmp.path());
    QVERIFY(QDir().mkpath(m_out));

    STRATA_SCRATCH(db, Engine::Sqlite);
    m_spec = db.spec();
    auto session = test::openSession(db.url());
    m_serverVersion = session->serverVersion();
    Migrator migrator(*session, test::readFolder(test::demoFolder()));

    const QDateTime started = QDateTime::currentDateTimeUtc();
    const RunResult run = migrator.up(*Version::parse(QStringLiteral("6")));
    QVERIFY2(run.ok(), qPrintable(test::errorText(run.error)));
    Report r = base(QStringLiteral("Apply to version 6"));
    r.run = ReportRun{run, started, QDateTime::currentDateTimeUtc(), currentUserName()};
    m_reports.insert(QStringLiteral("run"), r);
    m_markers.insert(QStringLiteral("run"), QStringLiteral("Create categories and products"));

    auto status = migrator.status();
    QVERIFY(status.ok());
    r = base(QStringLiteral("Timeline"));
    r.timeline = *status;
    m_reports.insert(QStringLiteral("timeline"), r);
    m_markers.insert(QStringLiteral("timeline"), QStringLiteral("Create order totals view"));

    // A changed file after it was applied: validation finds a checksum mismatch.
    const QString changed = m_tmp.filePath(QStringLiteral("changed"));
    QVERIFY(QDir().mkpath(changed));
    for (const QString &name : QDir(test::demoFolder()).entryList({QStringLiteral("*.sql")}))
        QVERIFY(QFile::copy(test::demoFolder() + u'/' + name, changed + u'/' + name));
    {
        QFile f(changed + QStringLiteral("/V3__Create_orders.sql"));
        QVERIFY(f.open(QIODevice::Append));
        f.write("\n-- edited after it was applied\n");
    }
    Migrator edited(*session, test::readFolder(changed));
    auto problems = edited.validate();
    QVERIFY(problems.ok());
    QCOMPARE(problems->size(), 1);
    r = base(QStringLiteral("Validation"));
    r.validation = ReportValidation{*problems, 10};
    m_reports.insert(QStringLiteral("validation"), r);
    m_markers.insert(QStringLiteral("validation"), QStringLiteral("changed after it was applied"));

    // A failing dry run: the demo's pending versions plus one broken migration.
    test::writeFiles(changed, {{QStringLiteral("V11__Broken.sql"),
                                "INSERT INTO no_such_table (id) VALUES (1);\n"}});
    QFile::remove(changed + QStringLiteral("/V3__Create_orders.sql"));
    QVERIFY(QFile::copy(test::demoFolder() + QStringLiteral("/V3__Create_orders.sql"),
                        changed + QStringLiteral("/V3__Create_orders.sql")));
    Migrator broken(*session, test::readFolder(changed));
    auto brokenPlan = broken.planUp();
    QVERIFY(brokenPlan.ok());
    const TrialResult failed = DryRun::trial(broken, *brokenPlan);
    QVERIFY(!failed.ok());
    r = base(QStringLiteral("Failing dry run"));
    r.dryRun = failed;
    r.dryRunTitle = QStringLiteral("migrate 6 → 11");
    m_reports.insert(QStringLiteral("dry_run_failed"), r);
    m_markers.insert(QStringLiteral("dry_run_failed"), QStringLiteral("no such table"));

    auto before = SchemaSource::load(db.url());
    QVERIFY(before.ok());
    auto plan = migrator.planUp();
    QVERIFY(plan.ok());
    const TrialResult trial = DryRun::trial(migrator, *plan);
    QVERIFY2(trial.ok(), qPrintable(test::errorText(trial.error)));
    r = base(QStringLiteral("Dry run"));
    r.dryRun = trial;
    r.dryRunTitle = QStringLiteral("migrate 6 → 10");
    m_reports.insert(QStringLiteral("dry_run"), r);
    m_markers.insert(QStringLiteral("dry_run"), QStringLiteral("V7__Create_order_totals_view.sql"));

    const RunResult rest = migrator.up();
    QVERIFY(rest.ok());
    auto after = SchemaSource::load(db.url());
    QVERIFY(after.ok());
    r = base(QStringLiteral("Schema diff"));
    r.diff = ReportDiff{QStringLiteral("version 6"), QStringLiteral("version 10"),
                        SchemaDiff::compare(*before, *after)};
    QVERIFY(!r.diff->diff.isEmpty());
    m_reports.insert(QStringLiteral("diff"), r);
    m_markers.insert(QStringLiteral("diff"), QStringLiteral("product_reviews"));

    // The drift check, clean and after a change made outside the migrations.
    {
        HistoryTable history(*session);
        auto clean = DriftCheck::run(*session, history);
        QVERIFY2(clean.ok(), qPrintable(clean.ok() ? QString() : clean.error().toString()));
        QVERIFY(!clean->drifted());
        r = base(QStringLiteral("Drift check"));
        r.drift =
            ReportDrift{clean->version, clean->recorded.origin, m_spec.displayUrl(), clean->diff};
        m_reports.insert(QStringLiteral("drift_none"), r);
        m_markers.insert(QStringLiteral("drift_none"), clean->recorded.origin);
        QVERIFY(
            session->exec(QStringLiteral("ALTER TABLE customers ADD COLUMN nickname TEXT")).ok());
        auto drifted = DriftCheck::run(*session, history);
        QVERIFY(drifted.ok());
        QVERIFY(drifted->drifted());
        r = base(QStringLiteral("Drift check"));
        r.drift = ReportDrift{drifted->version, drifted->recorded.origin, m_spec.displayUrl(),
                              drifted->diff};
        m_reports.insert(QStringLiteral("drift"), r);
        m_markers.insert(QStringLiteral("drift"), QStringLiteral("nickname"));
    }

    STRATA_SCRATCH(pg, Engine::Postgres);
    auto transferPlan = TransferPlanner::plan(*session, {});
    QVERIFY2(transferPlan.ok(), qPrintable(transferPlan.error().toString()));
    session.reset();
    const TransferResult moved = Transfer::run(m_spec, pg.spec(), *transferPlan, {});
    QVERIFY2(moved.ok(), qPrintable(test::errorText(moved.error)));
    r = base(QStringLiteral("Transfer"));
    r.transfer = ReportTransfer{m_spec.displayUrl(), pg.spec().displayUrl(), *transferPlan, moved};
    m_reports.insert(QStringLiteral("transfer"), r);
    m_markers.insert(QStringLiteral("transfer"), QStringLiteral("order_lines"));

    // The readiness check of the SQLite-dialect fixture: failures, a different schema, ready.
    auto readiness =
        ReadinessCheck::run(test::readFolder(qEnvironmentVariable("STRATA_SOURCE_DIR") +
                                             QStringLiteral("/tests/fixtures/sqlite_dialect")),
                            pg.spec());
    QVERIFY2(readiness.ok(), qPrintable(readiness.ok() ? QString() : readiness.error().toString()));
    r = base(QStringLiteral("PostgreSQL readiness"));
    r.readiness = *readiness;
    m_reports.insert(QStringLiteral("readiness"), r);
    m_markers.insert(QStringLiteral("readiness"), QStringLiteral("Seed more tasks"));
}

void TestReport::writers_data()
{
    QTest::addColumn<QString>("kind");
    QTest::addColumn<int>("format");
    for (const QString &kind : m_reports.keys()) {
        for (ReportFormat f :
             {ReportFormat::Html, ReportFormat::Markdown, ReportFormat::Json, ReportFormat::Pdf})
            QTest::addRow("%s.%s", qPrintable(kind), qPrintable(reportFormatName(f)))
                << kind << int(f);
    }
}

void TestReport::writers()
{
    QFETCH(QString, kind);
    QFETCH(int, format);
    const auto f = ReportFormat(format);
    const QString path = outPath(kind + reportFormatExtension(f));
    const Report &report = m_reports[kind];
    const Status written = writeReportFile(report, f, path);
    QVERIFY2(written.ok(), qPrintable(written.ok() ? QString() : written.error().toString()));
    QFile file(path);
    QVERIFY(file.open(QIODevice::ReadOnly));
    const QByteArray bytes = file.readAll();
    QVERIFY(bytes.size() > 500);
    const QString text = visibleText(path, f);
    QVERIFY2(text.contains(m_markers[kind]), qPrintable(m_markers[kind]));
    QVERIFY(text.contains(m_spec.displayUrl()));

    const QString section = kind == QLatin1String("dry_run_failed") ? QStringLiteral("dry_run")
                            : kind == QLatin1String("drift_none")   ? QStringLiteral("drift")
                                                                    : kind;
    const bool hasSql =
        report.dryRun || report.diff || (report.drift && !report.drift->diff.isEmpty());
    switch (f) {
    case ReportFormat::Html:
        QVERIFY(bytes.startsWith("<!DOCTYPE html>"));
        QVERIFY(bytes.contains(QStringLiteral("<section id=\"%1\">").arg(section).toUtf8()));
        // Self-contained: no scripts, no external style sheets, images or fonts.
        for (const char *outside : {"<script", "<link", "src=", "url(", "@import"})
            QVERIFY2(!bytes.contains(outside), outside);
        if (hasSql)
            QVERIFY(bytes.contains("<span class=\"kw\">"));
        break;
    case ReportFormat::Markdown:
        QVERIFY(bytes.startsWith("# "));
        QVERIFY(bytes.contains("\n## "));
        if (hasSql)
            QVERIFY(bytes.contains("```sql\n"));
        break;
    case ReportFormat::Json: {
        QJsonParseError error;
        const QJsonObject doc = QJsonDocument::fromJson(bytes, &error).object();
        QCOMPARE(error.error, QJsonParseError::NoError);
        QCOMPARE(doc.value(QStringLiteral("format")).toString(), QStringLiteral("strata-report"));
        QCOMPARE(doc.value(QStringLiteral("format_version")).toInt(), 1);
        QCOMPARE(doc.value(QStringLiteral("kinds")).toArray(), QJsonArray{section});
        for (const QString &key :
             {QStringLiteral("timeline"), QStringLiteral("validation"), QStringLiteral("drift"),
              QStringLiteral("dry_run"), QStringLiteral("run"), QStringLiteral("diff"),
              QStringLiteral("transfer"), QStringLiteral("readiness")}) {
            QVERIFY2(doc.contains(key), qPrintable(key));
            QCOMPARE(doc.value(key).isObject(), key == section);
        }
        if (report.drift) {
            const QJsonObject drift = doc.value(QStringLiteral("drift")).toObject();
            QCOMPARE(drift.value(QStringLiteral("version")).toString(), QStringLiteral("10"));
            QCOMPARE(drift.value(QStringLiteral("drifted")).toBool(),
                     kind == QLatin1String("drift"));
            QCOMPARE(drift.value(QStringLiteral("changes")).toArray().size(),
                     report.drift->diff.changes.size());
        }
        break;
    }
    case ReportFormat::Pdf: {
        QVERIFY(bytes.startsWith("%PDF-"));
        QVERIFY(pdfPages(path) >= 1); // the title block heads page 1, the sections follow
        // Written again with the pagination's figures: no table row straddles a page break,
        // and the transfer's tall decision rows did need tables split to get there.
        PdfLayoutInfo info;
        QVERIFY(writeReportPdf(report, path, &info).ok());
        QCOMPARE(info.pages, pdfPages(path));
        QCOMPARE(info.straddlingRows, 0);
        if (kind == QLatin1String("transfer"))
            QVERIFY(info.tableBreaks > 0);
        break;
    }
    }
}

void TestReport::noSecrets_data()
{
    QTest::addColumn<int>("format");
    for (ReportFormat f :
         {ReportFormat::Html, ReportFormat::Markdown, ReportFormat::Json, ReportFormat::Pdf})
        QTest::newRow(qPrintable(reportFormatName(f))) << int(f);
}

void TestReport::noSecrets()
{
    QFETCH(int, format);
    const auto f = ReportFormat(format);
    auto spec = ConnectionSpec::parse(
        QStringLiteral("postgresql://alice:%1@db.example:5432/shop?sslmode=require").arg(password));
    QVERIFY(spec.ok());
    // Every kind at once, and a driver that repeats the password in its message.
    Report r = m_reports[QStringLiteral("dry_run_failed")];
    r.setDatabase(*spec, QStringLiteral("16.4"));
    r.timeline = m_reports[QStringLiteral("timeline")].timeline;
    r.validation = m_reports[QStringLiteral("validation")].validation;
    r.run = m_reports[QStringLiteral("run")].run;
    r.diff = m_reports[QStringLiteral("diff")].diff;
    r.transfer = m_reports[QStringLiteral("transfer")].transfer;
    r.transfer->target = spec->displayUrl();
    r.drift = m_reports[QStringLiteral("drift")].drift;
    r.drift->live = spec->displayUrl();
    r.drift->diff.warnings << QStringLiteral("seen while logged in with %1").arg(password);
    r.dryRun->error->driverMessage +=
        QStringLiteral(" (while connecting as alice with password %1)").arg(password);
    r.run->run.warnings << QStringLiteral("retrying with password=%1").arg(password);

    const QString path = outPath(QStringLiteral("secrets") + reportFormatExtension(f));
    const Status written = writeReportFile(r, f, path);
    QVERIFY(written.ok());
    const QString text = visibleText(path, f);
    QVERIFY2(!text.contains(password), qPrintable(path));
    QVERIFY(text.contains(QStringLiteral("postgresql://alice@db.example:5432/shop")));
    QVERIFY(text.contains(QStringLiteral("with password (hidden)")));
    QVERIFY(text.contains(QStringLiteral("password=(hidden)")));
    QVERIFY(text.contains(QStringLiteral("logged in with (hidden)")));
    if (f != ReportFormat::Pdf) { // PDF content streams are compressed: checked via pdftotext
        QFile file(path);
        QVERIFY(file.open(QIODevice::ReadOnly));
        QVERIFY(!file.readAll().contains(password.toUtf8()));
    }
}

void TestReport::passwordThatIsMarkup_data()
{
    noSecrets_data();
}

void TestReport::passwordThatIsMarkup()
{
    // Redaction replaces texts, not rendered markup: a password that is an HTML/Markdown word
    // must neither leak from the texts nor break the file.
    QFETCH(int, format);
    const auto f = ReportFormat(format);
    auto spec = ConnectionSpec::parse(QStringLiteral("postgresql://bob:table@db.example/shop"));
    QVERIFY(spec.ok());
    Report r = m_reports[QStringLiteral("diff")];
    r.setDatabase(*spec);
    const QString path = outPath(QStringLiteral("markup") + reportFormatExtension(f));
    QVERIFY(writeReportFile(r, f, path).ok());
    const QByteArray bytes = [&] {
        QFile file(path);
        return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray();
    }();
    const QString text = visibleText(path, f);
    QVERIFY(text.contains(QStringLiteral("create (hidden) main.product_reviews")));
    switch (f) {
    case ReportFormat::Html:
        QVERIFY(bytes.contains("<table>\n<caption>Changes</caption>"));
        break;
    case ReportFormat::Markdown:
        QVERIFY(bytes.contains("| --- |"));
        break;
    case ReportFormat::Json:
        QVERIFY(QJsonDocument::fromJson(bytes).isObject());
        break;
    case ReportFormat::Pdf:
        QVERIFY(pdfPages(path) >= 1);
        break;
    }
}

void TestReport::longReportSpansPages()
{
    // 120 versions: the timeline and run tables span several pages, headers repeated.
    const QString folder = m_tmp.filePath(QStringLiteral("long"));
    QVERIFY(QDir().mkpath(folder));
    QList<QPair<QString, QByteArray>> files;
    for (int i = 1; i <= 120; ++i)
        files.append({QStringLiteral("V%1__Create_table_%1.sql").arg(i),
                      QStringLiteral("CREATE TABLE t_%1 (id INTEGER PRIMARY KEY, note TEXT);\n")
                          .arg(i)
                          .toUtf8()});
    test::writeFiles(folder, files);
    STRATA_SCRATCH(db, Engine::Sqlite);
    auto session = test::openSession(db.url());
    Migrator migrator(*session, test::readFolder(folder));
    const QDateTime started = QDateTime::currentDateTimeUtc();
    const RunResult run = migrator.up();
    QVERIFY(run.ok());
    Report r = base(QStringLiteral("Long apply"));
    r.run = ReportRun{run, started, QDateTime::currentDateTimeUtc(), currentUserName()};
    r.timeline = *migrator.status();
    const QString path = outPath(QStringLiteral("long.pdf"));
    QVERIFY(writeReportFile(r, ReportFormat::Pdf, path).ok());
    const int pages = pdfPages(path);
    QVERIFY2(pages >= 5, qPrintable(QString::number(pages)));
    // Page numbers in the footer; the last row of the timeline reached the PDF.
    const QString text = visibleText(path, ReportFormat::Pdf);
    QVERIFY(text.contains(QStringLiteral("Page %1 of %1").arg(pages)));
    QVERIFY(text.contains(QStringLiteral("Create table 120")));
}

void TestReport::formats_data()
{
    QTest::addColumn<QString>("path");
    QTest::addColumn<QString>("format"); // empty: none
    QTest::newRow("html") << "a/report.html"
                          << "html";
    QTest::newRow("htm upper") << "REPORT.HTM"
                               << "html";
    QTest::newRow("md") << "r.md"
                        << "md";
    QTest::newRow("markdown") << "r.markdown"
                              << "md";
    QTest::newRow("json") << "r.JSON"
                          << "json";
    QTest::newRow("pdf") << "/tmp/x.pdf"
                         << "pdf";
    QTest::newRow("txt") << "r.txt"
                         << "";
    QTest::newRow("no suffix") << "report"
                               << "";
    QTest::newRow("dot dir") << "a.pdf/report"
                             << "";
}

void TestReport::formats()
{
    QFETCH(QString, path);
    QFETCH(QString, format);
    const auto f = reportFormatForPath(path);
    QCOMPARE(f ? reportFormatName(*f) : QString(), format);
}

void TestReport::sqlTokensCoverText_data()
{
    QTest::addColumn<QString>("sql");
    QTest::addColumn<int>("keywords");
    QTest::addColumn<int>("strings");
    QTest::addColumn<int>("comments");
    QTest::newRow("plain") << "SELECT id FROM t WHERE x = 'a''b'" << 3 << 1 << 0;
    QTest::newRow("comments") << "-- c\nselect /* a /* nested */ b */ 1" << 1 << 0 << 2;
    QTest::newRow("dollar") << "DO $fn$ BEGIN x := 'y'; END $fn$" << 1 << 1 << 0;
    QTest::newRow("e string") << "select E'it\\'s'" << 1 << 1 << 0;
    QTest::newRow("unterminated") << "select 'abc" << 1 << 1 << 0;
    QTest::newRow("quoted ident") << "create table \"select\" (\"from\" int)" << 3 << 0 << 0;
}

void TestReport::sqlTokensCoverText()
{
    QFETCH(QString, sql);
    QFETCH(int, keywords);
    QFETCH(int, strings);
    QFETCH(int, comments);
    QString joined;
    int k = 0, s = 0, c = 0;
    for (const SqlToken &t : sqlTokens(sql)) {
        joined += t.text;
        k += t.kind == SqlToken::Kind::Keyword;
        s += t.kind == SqlToken::Kind::String;
        c += t.kind == SqlToken::Kind::Comment;
    }
    QCOMPARE(joined, sql);
    QCOMPARE(k, keywords);
    QCOMPARE(s, strings);
    QCOMPARE(c, comments);
}

QTEST_MAIN(TestReport)
#include "tst_report.moc"
