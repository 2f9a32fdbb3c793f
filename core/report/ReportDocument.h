#pragma once
// The report laid out for people: sections of blocks (facts, tables, SQL, notes, lists). The
// HTML, Markdown and PDF writers only render these blocks, so the three show the same content;
// the JSON writer works from the Report itself (its shape is a documented contract).

#include "report/Report.h"

#include <QList>
#include <QPair>
#include <QStringList>

namespace strata {

enum class ReportTone { Plain, Good, Warning, Danger };

struct ReportBlock {
    enum class Kind { Heading, Facts, Table, Sql, List, Note };
    Kind kind = Kind::Note;
    QString title; // heading text, or the caption of a table, SQL block or list
    QString text;  // SQL, or a note's text
    ReportTone tone = ReportTone::Plain;
    QList<QPair<QString, QString>> facts;
    QStringList columns;
    QList<QStringList> rows;
    QList<ReportTone> rowTones; // one per row (or empty)
    QStringList items;
};

struct ReportSection {
    QString kind; // as Report::kinds()
    QString title;
    QList<ReportBlock> blocks;
};

struct ReportDocument {
    QString title;
    QString subtitle;                     // what the report covers: "Dry run and timeline"
    QList<QPair<QString, QString>> facts; // when, by whom, where
    QList<ReportSection> sections;
};

// Lays out a report; the report is redacted first.
ReportDocument layoutReport(const Report &report);

namespace reportblock {
ReportBlock heading(const QString &text);
ReportBlock facts(const QList<QPair<QString, QString>> &facts);
ReportBlock table(const QString &caption, const QStringList &columns);
ReportBlock sql(const QString &caption, const QString &sql);
ReportBlock list(const QString &caption, const QStringList &items);
ReportBlock note(ReportTone tone, const QString &text);
} // namespace reportblock

// Section layouts, one per result kind (ReportLayout*.cpp).
ReportSection timelineSection(const StatusReport &status);
ReportSection validationSection(const ReportValidation &validation);
ReportSection dryRunSection(const TrialResult &trial, const QString &title);
ReportSection runSection(const ReportRun &run);
ReportSection diffSection(const ReportDiff &diff);
ReportSection driftSection(const ReportDrift &drift);
ReportSection transferSection(const ReportTransfer &transfer);
ReportSection readinessSection(const ReadinessResult &readiness); // ReportLayoutReadiness.cpp

} // namespace strata
