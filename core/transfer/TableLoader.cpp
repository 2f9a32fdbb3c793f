#include "transfer/TableLoader.h"

#include "transfer/CopyBinary.h"
#include "transfer/CopyWriter.h"
#include "transfer/ValueEncoder.h"
#include "transfer/Verifier.h"
#include <QElapsedTimer>

namespace strata::transfer {

namespace {

struct SourceColumn {
    SourceColumn(const ColumnDecision *d, TargetKind k, ValueTransform t, BadTextPolicy p,
                 bool binary)
        : decision(d), encoder(k, t, p, binary), kind(k)
    {
        if (k == TargetKind::Integer)
            encoder.setIntegerBytes(integerBytesOf(d->targetType));
    }
    const ColumnDecision *decision;
    ValueEncoder encoder;
    TargetKind kind;
    qint64 replaced = 0;
    QString firstReplaced; // where the first repaired value was
};

bool isGenerated(const ColumnDecision &c, const Table *source)
{
    if (c.generated)
        return true;
    const Column *col = source ? source->column(c.sourceName) : nullptr;
    return col && !col->generatedExpr.isEmpty();
}

// rowid, _rowid_ or oid: the first one no column shadows; empty for WITHOUT ROWID tables.
QString rowidAlias(const TableDecision &d, const Table *source)
{
    if (source && source->withoutRowid)
        return {};
    QStringList names;
    for (const ColumnDecision &c : d.columns)
        names << c.sourceName.toLower();
    if (source) {
        for (const Column &c : source->columns)
            names << c.name.toLower();
    }
    for (const char *alias : {"rowid", "_rowid_", "oid"}) {
        if (!names.contains(QLatin1String(alias)))
            return QLatin1String(alias);
    }
    return {};
}

class Loader {
public:
    Loader(PgConnection &pg, SqliteReader &sqlite, const TableJob &job,
           const std::atomic<bool> &cancel, LoadCounters &counters)
        : m_pg(pg), m_sqlite(sqlite), m_job(job), m_d(*job.decision), m_cancel(cancel),
          m_counters(counters)
    {
        m_out.result.table = m_d.targetName;
    }

    LoadOutcome run()
    {
        QElapsedTimer timer;
        timer.start();
        std::optional<Error> error = load();
        if (error) {
            m_copy.reset();
            if (!m_job.inOpenTransaction) // else the caller's transaction, the caller's call
                m_pg.rollback();
            if (m_cancel.load() && !m_pg.isBroken())
                error = Error::cancelled();
            // Under a sampled plan, PostgreSQL refusing the data (a value too long, out of
            // range, a NULL in a key) may come from a decision the sample got wrong: the
            // transfer re-plans from every row, and a real problem shows up again there.
            if (m_job.sampled && m_dataSent && m_out.replan.isEmpty() &&
                error->kind != Error::Kind::Cancelled && !m_pg.isBroken())
                m_out.replan =
                    QStringLiteral("PostgreSQL refused the data: ") +
                    (error->driverMessage.isEmpty() ? error->message : error->driverMessage);
            m_out.result.error = error->message;
            if (!error->driverMessage.isEmpty())
                m_out.result.error += QStringLiteral(": ") + error->driverMessage;
            m_out.error = error;
        }
        m_out.result.ms = timer.elapsed();
        return m_out;
    }

private:
    std::optional<Error> fail(const QString &message, const QString &driver = {})
    {
        return Error::database(message, driver);
    }

    std::optional<Error> load();
    std::optional<Error> stream(CopyWriter *copy, RowChecksum &checksum, RowHash hash);
    void misfit(int column, const QByteArray &problem, qint64 ordinal, qint64 rowid);
    void profileRow(const SqliteCursor &cur, int offset);
    QString rowName(qint64 ordinal, qint64 rowid) const;

    PgConnection &m_pg;
    SqliteReader &m_sqlite;
    const TableJob &m_job;
    const TableDecision &m_d;
    const std::atomic<bool> &m_cancel;
    LoadCounters &m_counters;
    LoadOutcome m_out;
    QList<SourceColumn> m_columns;
    QString m_rowid;
    QString m_selectSql;
    std::unique_ptr<CopyWriter> m_copy;
    bool m_binary = false; // COPY's binary format
    // Under a sampled plan: every source column is read and profiled; encoder i reads source
    // column m_sourceIndex[i].
    std::optional<ProfileAccumulator> m_profile;
    QList<int> m_sourceIndex;
    std::vector<SourceValue> m_row; // the current row's source values, when profiling
    bool m_dataSent = false;        // the COPY has begun
    QList<ValueMisfit> m_misfits;   // per copied column, with TableJob::fits
};

void Loader::misfit(int column, const QByteArray &problem, qint64 ordinal, qint64 rowid)
{
    if (m_misfits.isEmpty()) {
        for (int i = 0; i < m_columns.size(); ++i) {
            const ColumnDecision &c = *m_columns[i].decision;
            ValueMisfit m;
            m.table = m_d.sourceName;
            m.column = c.sourceName;
            m.targetType =
                c.targetType + (m_job.fits[i].notNull() ? QStringLiteral(" not null") : QString());
            m_misfits.append(m);
        }
    }
    ValueMisfit &m = m_misfits[column];
    if (m.values++ == 0)
        m.first = rowName(ordinal, rowid) + QStringLiteral(": ") + QString::fromUtf8(problem);
}

void Loader::profileRow(const SqliteCursor &cur, int offset)
{
    ProfileAccumulator &p = *m_profile;
    p.addRow();
    const int n = int(m_job.source->columns.size());
    m_row.resize(size_t(n));
    for (int j = 0; j < n; ++j) {
        const SourceValue &v = m_row[size_t(j)] = cur.value(j + offset);
        switch (v.type) {
        case SourceValue::Integer:
            p.addInteger(j, v.integer);
            break;
        case SourceValue::Real:
            p.addReal(j, v.real);
            break;
        case SourceValue::Text:
            p.addText(j, v.bytes.data(), v.bytes.size());
            break;
        case SourceValue::Blob:
            p.addBlob(j);
            break;
        default:
            p.addNull(j);
            break;
        }
    }
}

QString Loader::rowName(qint64 ordinal, qint64 rowid) const
{
    if (!m_rowid.isEmpty())
        return QStringLiteral("row with rowid %1").arg(rowid);
    return QStringLiteral("row %1 in primary-key order").arg(ordinal);
}

std::optional<Error> Loader::load()
{
    QStringList select, targets;
    QList<ChecksumColumn> checksumColumns;
    m_binary = m_job.binaryCopy;
    for (const ColumnDecision &c : m_d.columns) {
        if (!isGenerated(c, m_job.source))
            m_binary = m_binary && binaryCopyFits(c.targetType, targetKindOf(c.targetType));
    }
    for (const ColumnDecision &c : m_d.columns) {
        if (isGenerated(c, m_job.source))
            continue;
        const TargetKind kind = targetKindOf(c.targetType);
        m_columns.append(SourceColumn(&c, kind, c.transform, m_job.badText, m_binary));
        select << SqliteReader::quoteIdentifier(c.sourceName);
        targets << PgConnection::quoteIdentifier(c.targetName);
        checksumColumns.append({c.targetName, kind});
    }
    if (m_columns.isEmpty())
        return fail(
            QStringLiteral("table %1: the plan lists no columns to copy").arg(m_d.sourceName));
    if (m_job.sampled && m_job.source) {
        select.clear();
        for (const Column &c : m_job.source->columns)
            select << SqliteReader::quoteIdentifier(c.name);
        for (const SourceColumn &c : m_columns) {
            int at = -1;
            for (int k = 0; k < m_job.source->columns.size() && at < 0; ++k) {
                if (m_job.source->columns[k].name.compare(c.decision->sourceName,
                                                          Qt::CaseInsensitive) == 0)
                    at = k;
            }
            if (at < 0)
                return fail(QStringLiteral("table %1: column %2 is not in the SQLite table")
                                .arg(m_d.sourceName, c.decision->sourceName));
            m_sourceIndex << at;
        }
        m_profile.emplace(*m_job.source);
    } else {
        for (int i = 0; i < m_columns.size(); ++i)
            m_sourceIndex << i;
    }
    m_rowid = rowidAlias(m_d, m_job.source);
    m_selectSql =
        QStringLiteral("SELECT %1%2 FROM %3")
            .arg(m_rowid.isEmpty() ? QString() : m_rowid + QStringLiteral(", "),
                 select.join(QStringLiteral(", ")), SqliteReader::quoteIdentifier(m_d.sourceName));
    if (!m_rowid.isEmpty())
        m_selectSql += QStringLiteral(" ORDER BY ") + m_rowid;

    if (m_d.rows > 0) {
        m_counters.totalRows = m_d.rows;
    } else if (auto count = m_sqlite.select(QStringLiteral("SELECT count(*) FROM ") +
                                            SqliteReader::quoteIdentifier(m_d.sourceName))) {
        if (auto more = (*count)->next(); more && *more)
            m_counters.totalRows = (*count)->value(0).integer;
    }

    const RowHash hash = rowHashFor(checksumColumns, m_job.rowHash);
    if (m_job.checkOnly) {
        RowChecksum ignored(hash);
        m_counters.phase = 1;
        return stream(nullptr, ignored, hash);
    }
    const QString appName = QStringLiteral("strata-transfer %1").arg(m_d.targetName).left(60);
    // Index builds sort in maintenance_work_mem (split among parallel workers); PostgreSQL's
    // default 64 MB makes big tables' sorts spill to disk. Raised for this session only,
    // never lowered.
    if (Status s = m_pg.exec(
            QStringLiteral("SELECT set_config('application_name', %1, false); "
                           "SELECT set_config('maintenance_work_mem', '256MB', false) WHERE "
                           "pg_size_bytes(current_setting('maintenance_work_mem')) < 268435456")
                .arg(PgConnection::quoteLiteral(appName)));
        !s.ok())
        return s.error();
    if (!m_job.inOpenTransaction) {
        if (Status s = m_pg.exec(QStringLiteral("BEGIN")); !s.ok())
            return s.error();
    }
    if (Status s =
            m_pg.exec(m_job.createSql.isEmpty() ? QStringLiteral("TRUNCATE %1").arg(m_job.target)
                                                : m_job.createSql,
                      &m_cancel);
        !s.ok())
        return s.error();

    // FREEZE: the table was created or truncated in this transaction, so rows can be written
    // frozen (no later hint-bit or anti-wraparound rewrite of the whole table).
    m_copy = std::make_unique<CopyWriter>(m_pg);
    if (Status s =
            m_copy->begin(QStringLiteral("COPY %1 (%2) FROM STDIN WITH (%3FREEZE)")
                              .arg(m_job.target, targets.join(QStringLiteral(", ")),
                                   m_binary ? QStringLiteral("FORMAT binary, ") : QString()));
        !s.ok())
        return s.error();
    if (m_binary)
        appendCopyBinaryHeader(m_copy->buffer());
    m_counters.phase = 1;
    m_dataSent = true;
    RowChecksum source(hash);
    if (auto e = stream(m_copy.get(), source, hash))
        return e;
    m_copy.reset();
    if (m_profile) {
        m_out.profile = m_profile->take();
        m_out.replan = m_job.sampled->differences(m_d, *m_out.profile);
        if (!m_out.replan.isEmpty())
            return fail(QStringLiteral("table %1: every row does not give the sample's decisions "
                                       "(%2); rolled back to be planned from every row")
                            .arg(m_d.sourceName, m_out.replan));
    }

    m_counters.phase = 2;
    auto target = m_pg.query(checksumQuery(m_job.target, checksumColumns, hash), &m_cancel);
    if (!target)
        return target.error();
    TableResult &r = m_out.result;
    r.rows = source.rows();
    r.sourceChecksum = QStringLiteral("%1 rows, sum %2").arg(source.rows()).arg(source.value());
    r.targetChecksum =
        QStringLiteral("%1 rows, sum %2").arg(target->value(0).value(0), target->value(0).value(1));
    r.verified = r.sourceChecksum == r.targetChecksum;
    for (const QString &sql : m_job.ownSql) {
        if (Status s = m_pg.exec(sql, &m_cancel); !s.ok())
            return s.error();
    }

    if (!m_job.inOpenTransaction) {
        StateRow state{r.rows, r.sourceChecksum, r.targetChecksum, r.verified,
                       TransferState::definition(m_d, definedBy(m_job.createSql, m_job.ownSql))};
        if (Status s = m_pg.exec(m_job.state->recordSql(m_d.targetName, state)); !s.ok())
            return s.error();
        if (Status s = m_pg.exec(QStringLiteral("COMMIT")); !s.ok())
            return s.error();
    }
    m_counters.phase = 3;
    if (!r.verified)
        r.error = QStringLiteral("content differs: SQLite %1, PostgreSQL %2")
                      .arg(r.sourceChecksum, r.targetChecksum);
    for (const SourceColumn &c : m_columns) {
        if (c.replaced) {
            m_out.warnings
                << QStringLiteral(
                       "table %1, column %2: bad text replaced in %3 value(s) (U+FFFD for invalid "
                       "UTF-8, NUL bytes removed), first in the %4")
                       .arg(m_d.sourceName, c.decision->sourceName)
                       .arg(c.replaced)
                       .arg(c.firstReplaced);
        }
    }
    return std::nullopt;
}

std::optional<Error> Loader::stream(CopyWriter *copy, RowChecksum &checksum, RowHash hash)
{
    auto cursor = m_sqlite.select(m_selectSql);
    if (!cursor)
        return cursor.error();
    SqliteCursor &cur = **cursor;
    const int offset = m_rowid.isEmpty() ? 0 : 1;
    // Without a COPY (checking only, or once a value did not fit) fields go to a scratch
    // buffer emptied every row: the encoder still decides whether each value fits.
    QByteArray scratch;
    QByteArray *buf = copy ? &copy->buffer() : &scratch;
    const bool checking = !m_job.fits.isEmpty();
    CanonRow canon(hash);
    QByteArray problem;
    qint64 ordinal = 0, sent = 0;
    for (;;) {
        auto more = cur.next();
        if (!more) {
            Error e = more.error();
            e.message = QStringLiteral("reading table %1 from SQLite failed").arg(m_d.sourceName);
            e.statement = m_selectSql;
            return e;
        }
        if (!*more)
            break;
        if (m_cancel.load(std::memory_order_relaxed)) {
            if (copy)
                copy->abort("cancelled by the user");
            return Error::cancelled();
        }
        ++ordinal;
        const qint64 rowid = offset ? cur.value(0).integer : ordinal;
        if (m_profile)
            profileRow(cur, offset);
        if (!copy)
            scratch.truncate(0);
        const qsizetype rowStart = buf->size();
        canon.begin();
        if (m_binary)
            appendBigEndian16(*buf, qint16(m_columns.size()));
        bool rowFits = true;
        for (int i = 0; i < m_columns.size(); ++i) {
            SourceColumn &c = m_columns[i];
            if (i && !m_binary)
                buf->append('\t');
            const SourceValue &value =
                m_profile ? m_row[size_t(m_sourceIndex[i])] : cur.value(i + offset);
            if (checking) {
                if (const QByteArray why = m_job.fits[i].problem(value); !why.isEmpty()) {
                    misfit(i, why, ordinal, rowid);
                    rowFits = false;
                    continue;
                }
            }
            const auto outcome = c.encoder.encode(value, *buf, canon, problem);
            if (outcome == ValueEncoder::Outcome::Failed && checking) {
                misfit(i, problem, ordinal, rowid);
                rowFits = false;
                continue;
            }
            if (outcome == ValueEncoder::Outcome::Failed) {
                buf->truncate(rowStart);
                if (copy)
                    copy->abort("bad value");
                if (m_job.sampled) // the decision came from a sample: plan from every row
                    m_out.replan = QStringLiteral("column %1: %2")
                                       .arg(c.decision->sourceName, QString::fromUtf8(problem));
                return fail(QStringLiteral("table %1, %2, column %3: %4")
                                .arg(m_d.sourceName, rowName(ordinal, rowid),
                                     c.decision->sourceName, QString::fromUtf8(problem)));
            }
            if (outcome == ValueEncoder::Outcome::Replaced && c.replaced++ == 0)
                c.firstReplaced = rowName(ordinal, rowid);
        }
        if (!rowFits && copy) {
            // Nothing more is sent: PostgreSQL would refuse this row, and the whole load is
            // rolled back; the rest of the table is read to name every column that misfits.
            buf->truncate(rowStart);
            copy->abort("a value does not fit its column");
            copy = nullptr;
            buf = &scratch;
        }
        if (!m_binary)
            buf->append('\n');
        canon.end();
        checksum.addRow(canon);
        if (copy && buf->size() >= 256 * 1024) {
            if (Status s = copy->flushIfFull(sent); !s.ok())
                return s.error();
            m_counters.rows.store(ordinal, std::memory_order_relaxed);
            m_counters.bytes.store(sent, std::memory_order_relaxed);
        } else if (!copy && (ordinal & 4095) == 0) {
            m_counters.rows.store(ordinal, std::memory_order_relaxed);
        }
    }
    m_counters.rows = ordinal;
    if (!m_misfits.isEmpty()) {
        m_misfits.removeIf([](const ValueMisfit &m) { return m.values == 0; });
        m_out.misfits = m_misfits;
        QStringList names;
        for (const ValueMisfit &m : std::as_const(m_misfits))
            names << m.column;
        return fail(QStringLiteral("table %1: values of column(s) %2 do not fit their PostgreSQL "
                                   "types")
                        .arg(m_d.sourceName, names.join(QStringLiteral(", "))));
    }
    if (!copy)
        return std::nullopt;
    if (m_binary)
        appendCopyBinaryTrailer(*buf);
    if (Status s = copy->end(sent); !s.ok())
        return s.error();
    m_counters.bytes = sent;
    m_out.result.bytes = sent;
    return std::nullopt;
}

} // namespace

LoadOutcome loadTable(PgConnection &pg, SqliteReader &sqlite, const TableJob &job,
                      const std::atomic<bool> &cancel, LoadCounters &counters)
{
    return Loader(pg, sqlite, job, cancel, counters).run();
}

} // namespace strata::transfer
