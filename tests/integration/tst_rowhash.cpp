// The content checksum's row hash (transfer/Verifier.h) against a real PostgreSQL: for every
// probe value, the loader's element and record hashes (RowHash::PgRecord) equal the server's;
// numeric's wire form equals numeric_send's; the extra terms tell apart what the plain hashes
// merge; and a wrong stored value changes the server's checksum under every method.

#include "TestDatabases.h"
#include "TransferRunSupport.h"
#include "transfer/ByteAppend.h"
#include "transfer/CopyBinary.h"
#include "transfer/CopyText.h"
#include "transfer/PgConnection.h"
#include "transfer/Transfer.h"
#include "transfer/TransferPlanner.h"
#include "transfer/Verifier.h"

#include <QRandomGenerator>
#include <QTemporaryDir>
#include <QTest>

using namespace strata;
using namespace strata::transfer;
using strata::test::describe;
using strata::test::scalar;
using strata::test::ScratchDatabase;

Q_DECLARE_METATYPE(strata::transfer::RowHash)

namespace {

QString hashText(quint64 h)
{
    return QString::number(qint64(h));
}

// The server's hash of one value by its type's own extended hash function (not through
// hash_record_extended), over column c.
QString elementExpression(TargetKind kind)
{
    switch (kind) {
    case TargetKind::Integer:
        return QStringLiteral("hashint8extended(c::bigint, 0)");
    case TargetKind::Float8: // bytea's hash function is not callable from SQL: one element
        return QStringLiteral("hash_record_extended(ROW(float8send(c)), 0)");
    case TargetKind::Float4:
        return QStringLiteral("hash_record_extended(ROW(float4send(c)), 0)");
    case TargetKind::Numeric:
        return QStringLiteral("hash_numeric_extended(c, 0)");
    case TargetKind::Boolean:
        return QStringLiteral("hashcharextended(c::int::\"char\", 0)");
    case TargetKind::Bytea:
        return QStringLiteral("hash_record_extended(ROW(c), 0)");
    case TargetKind::Timestamp:
        return QStringLiteral("timestamp_hash_extended(c, 0)");
    case TargetKind::TimestampTz:
        return QStringLiteral(
            "hashint8extended((extract(epoch FROM c) * 1000000)::bigint - 946684800000000, 0)");
    case TargetKind::Date:
        return QStringLiteral("hashint4extended(c - date '2000-01-01', 0)");
    default:
        return QStringLiteral("hashtextextended(c::text COLLATE \"C\", 0)");
    }
}

// The text numeric_in reads for a probe's value.
QByteArray numericText(const HashProbe &p)
{
    QByteArray t;
    if (p.type == SourceValue::Integer)
        appendInteger(t, p.integer);
    else if (p.type == SourceValue::Real)
        appendDouble(t, p.real);
    else
        t = trimmed(p.bytes).toByteArray();
    return t;
}

} // namespace

class TestRowHash : public QObject {
    Q_OBJECT

    std::unique_ptr<ScratchDatabase> m_db;
    std::unique_ptr<PgConnection> m_pg;
    QTemporaryDir m_dir;

    QStringList row(const QString &sql)
    {
        auto r = m_pg->query(sql);
        if (!r)
            qWarning("%s", qPrintable(r.error().toString()));
        return r && !r->isEmpty() ? r->first() : QStringList();
    }

private slots:
    void initTestCase()
    {
        m_db = std::make_unique<ScratchDatabase>(Engine::Postgres);
        if (!m_db->ok()) {
            if (test::postgresRequired())
                QFAIL(qPrintable(m_db->error()));
            QSKIP(qPrintable(m_db->error()));
        }
        auto pg = PgConnection::open(m_db->spec(), QStringLiteral("tst_rowhash"));
        QVERIFY2(pg.ok(), pg.ok() ? "" : qPrintable(pg.error().toString()));
        m_pg = std::move(pg).value();
    }

    void chosenMethodIsPgRecord()
    {
        QString why;
        auto hash = chooseRowHash(*m_pg, &why);
        QVERIFY(hash.ok());
        QVERIFY2(*hash == RowHash::PgRecord, qPrintable(why));
        QVERIFY(why.isEmpty());
        auto mismatches = recordHashMismatches(*m_pg, rowHashProbes());
        QVERIFY(mismatches.ok());
        QVERIFY2(mismatches->isEmpty(), qPrintable(mismatches->join(u'\n')));
        // The probe can fail: a wrong literal for a value is caught.
        QList<HashProbe> wrong = rowHashProbes().mid(0, 3);
        wrong[1].literal = QStringLiteral("'7'");
        mismatches = recordHashMismatches(*m_pg, wrong);
        QVERIFY(mismatches.ok());
        QVERIFY2(mismatches->contains(wrong[1].label() + QStringLiteral(" (binary COPY)")) &&
                     mismatches->contains(QStringLiteral("a row of every probe (text COPY)")),
                 qPrintable(mismatches->join(u'\n')));
    }

    void probeHashes_data()
    {
        QTest::addColumn<int>("index");
        const QList<HashProbe> probes = rowHashProbes();
        for (int i = 0; i < probes.size(); ++i)
            QTest::newRow(qPrintable(QStringLiteral("%1 %2").arg(i).arg(probes[i].label()))) << i;
    }

    // Per probe: the element hash by the type's own hash function, and the record hash over the
    // checksum's terms, from the encoder in COPY's binary and text forms.
    void probeHashes()
    {
        QFETCH(int, index);
        const HashProbe p = rowHashProbes().at(index);
        const QStringList terms = recordHashTerms(QStringLiteral("c"), p.kind());
        const QStringList server =
            row(QStringLiteral("SELECT %1::text, hash_record_extended(ROW(%2), 0)::text "
                               "FROM (SELECT %3::%4 AS c) s")
                    .arg(elementExpression(p.kind()), terms.join(QStringLiteral(", ")), p.literal,
                         p.pgType));
        QCOMPARE(server.size(), 2);
        QCOMPARE(terms.size(), recordHashTermCount(p.kind()));
        for (bool binary : {true, false}) {
            if (binary && !binaryCopyFits(p.pgType, p.kind()))
                continue;
            const auto record = clientRecordHash(p, binary);
            QVERIFY(record.has_value());
            QCOMPARE(hashText(*record), server[1]);
            if (p.kind() != TargetKind::Numeric) {
                QCOMPARE(hashText(*record), server[0]); // one element: h = 0 * 31 + element
                continue;
            }
            PgNumeric n;
            QVERIFY(parsePgNumeric(numericText(p), n));
            const quint64 element = pgHashNumericExtended(n);
            QCOMPARE(hashText(element), server[0]);
            const quint64 combined = (element * 31 + pgHashUint32Extended(n.isNegative())) * 31 +
                                     pgHashUint32Extended(n.sign == PgNumeric::NaN);
            QCOMPARE(hashText(combined), hashText(*record));
        }
    }

    // What the plain hashes merge, the checksum's terms keep apart, on both sides.
    void distinguishes_data()
    {
        QTest::addColumn<QString>("type");
        QTest::addColumn<QString>("a");
        QTest::addColumn<QString>("b");
        QTest::newRow("numeric sign") << "numeric"
                                      << "-1.5"
                                      << "1.5";
        QTest::newRow("numeric NaN, Infinity") << "numeric"
                                               << "NaN"
                                               << "Infinity";
        QTest::newRow("numeric NaN, -Infinity") << "numeric"
                                                << "NaN"
                                                << "-Infinity";
        QTest::newRow("numeric infinities") << "numeric"
                                            << "Infinity"
                                            << "-Infinity";
        QTest::newRow("float8 zeros") << "double precision"
                                      << "-0"
                                      << "0";
        QTest::newRow("float4 zeros") << "real"
                                      << "-0"
                                      << "0";
    }

    void distinguishes()
    {
        QFETCH(QString, type);
        QFETCH(QString, a);
        QFETCH(QString, b);
        const TargetKind kind = targetKindOf(type);
        // The type's own hash function gives both values the same hash...
        const QString plain = kind == TargetKind::Numeric  ? QStringLiteral("hash_numeric_extended")
                              : kind == TargetKind::Float8 ? QStringLiteral("hashfloat8extended")
                                                           : QStringLiteral("hashfloat4extended");
        const QStringList server =
            row(QStringLiteral("SELECT %1('%2'::%4, 0) = %1('%3'::%4, 0), "
                               "(SELECT hash_record_extended(ROW(%5), 0)::text FROM (SELECT "
                               "'%2'::%4 AS c) s), "
                               "(SELECT hash_record_extended(ROW(%5), 0)::text FROM (SELECT "
                               "'%3'::%4 AS c) s)")
                    .arg(plain, a, b, type,
                         recordHashTerms(QStringLiteral("c"), kind).join(QStringLiteral(", "))));
        QCOMPARE(server.size(), 3);
        QCOMPARE(server[0], QStringLiteral("t"));
        // ...the checksum's record does not, and the client agrees.
        QVERIFY(server[1] != server[2]);
        for (const QString &v : {a, b}) {
            HashProbe p;
            p.pgType = type;
            p.type = SourceValue::Text;
            p.bytes = v.toUtf8();
            const auto h = clientRecordHash(p, true);
            QVERIFY(h.has_value());
            QCOMPARE(hashText(*h), server[v == a ? 1 : 2]);
        }
    }

    // parsePgNumeric + appendBinaryNumeric give numeric_send's bytes (long numbers included,
    // past the inline digit buffer).
    void numericWireForm_data()
    {
        QTest::addColumn<QString>("text");
        for (const char *t :
             {"0",      "0.000",    "-0",         "1.5",         "-1.50",     "1e-5",
              "1E+5",   "0.00001",  "12345.6789", "-10000.0001", "100000000", "9999",
              "1e1000", "1e-1000",  ".5",         "5.",          "+7",        "NaN",
              "nan",    "Infinity", "-inf",       "+Infinity"})
            QTest::newRow(t) << QString::fromLatin1(t);
        QTest::newRow("200 digits") << QString(120, u'9') + u'.' + QString(80, u'1');
        QTest::newRow("600 digits, negative")
            << u'-' + QString(300, u'4') + u'.' + QString(299, u'0') + u'3';
    }

    void numericWireForm()
    {
        QFETCH(QString, text);
        QByteArray wire;
        QVERIFY(appendBinaryNumeric(wire, text.toLatin1()));
        QString expected = row(QStringLiteral("SELECT encode(numeric_send(%1::numeric), 'hex')")
                                   .arg(PgConnection::quoteLiteral(text)))
                               .value(0);
        // numeric_send gives the infinities a display scale numeric_recv ignores: compare
        // digit count, weight and sign only.
        if (text.contains(QLatin1String("inf"), Qt::CaseInsensitive))
            expected = expected.left(12) + QStringLiteral("0000");
        QCOMPARE(QString::fromLatin1(wire.toHex()), expected);
        PgNumeric n;
        QVERIFY(parsePgNumeric(text.toLatin1(), n));
        QCOMPARE(hashText(pgHashNumericExtended(n)),
                 row(QStringLiteral("SELECT hash_numeric_extended(%1::numeric, 0)::text")
                         .arg(PgConnection::quoteLiteral(text)))
                     .value(0));
    }

    void numericRefused()
    {
        PgNumeric n;
        for (const char *t :
             {"", "-", ".", "1e", "1e1001", "1.2.3", "abc", "+nan", "1 2", "0x10"}) {
            QByteArray out;
            QVERIFY2(!parsePgNumeric(t, n), t);
            QVERIFY2(!appendBinaryNumeric(out, QByteArrayView(t)) && out.isEmpty(), t);
        }
    }

    // The COPY buffer's appends give what QByteArray::append gives.
    void appendsMatchQByteArray()
    {
        QRandomGenerator rng(7);
        QByteArray fast, plain;
        fast.reserve(16); // and grows from there
        for (int i = 0; i < 5000; ++i) {
            QByteArray chunk(int(rng.bounded(0, 300)), Qt::Uninitialized);
            for (char &c : chunk)
                c = char(rng.bounded(256));
            switch (i % 4) {
            case 0:
                appendRaw(fast, chunk);
                plain.append(chunk);
                break;
            case 1:
                appendRaw(fast, chunk.isEmpty() ? 'x' : chunk[0]);
                plain.append(chunk.isEmpty() ? 'x' : chunk[0]);
                break;
            case 2:
                appendBigEndian32(fast, qint32(i * 2654435761u));
                plain.append(char(quint32(i * 2654435761u) >> 24))
                    .append(char(quint32(i * 2654435761u) >> 16))
                    .append(char(quint32(i * 2654435761u) >> 8))
                    .append(char(quint32(i * 2654435761u)));
                break;
            default:
                appendCopyEscaped(fast, chunk);
                for (char c : chunk) {
                    if (c == '\\' || c == '\t' || c == '\n' || c == '\r')
                        plain.append('\\').append(c == '\\'   ? '\\'
                                                  : c == '\t' ? 't'
                                                  : c == '\n' ? 'n'
                                                              : 'r');
                    else
                        plain.append(c);
                }
            }
            if (i % 997 == 0) { // as the COPY writer empties its buffer
                QCOMPARE(fast, plain);
                fast.truncate(0);
                plain.truncate(0);
            }
        }
        QCOMPARE(fast, plain);
        QCOMPARE(fast.constData()[fast.size()], '\0');
    }

    // A value stored wrongly (changed after the load) changes the server's checksum: under
    // every method, for numeric sign, float8 -0, and letter case in citext and in an ICU
    // case-insensitive column.
    void wrongValueIsCaught_data()
    {
        QTest::addColumn<RowHash>("method");
        QTest::addColumn<QString>("nocase");
        QTest::newRow("PgRecord, citext") << RowHash::PgRecord << "citext";
        QTest::newRow("PgRecord, icu") << RowHash::PgRecord << "icu";
        QTest::newRow("PgHash, icu") << RowHash::PgHash << "icu";
        QTest::newRow("Md5, citext") << RowHash::Md5 << "citext";
    }

    void wrongValueIsCaught()
    {
        QFETCH(RowHash, method);
        QFETCH(QString, nocase);
        const QString path =
            m_dir.filePath(QStringLiteral("wrong-%1.db").arg(QTest::currentDataTag()));
        {
            auto s = test::openUrl(QStringLiteral("sqlite://") + path);
            QVERIFY(
                s->exec(QStringLiteral("CREATE TABLE t (id INTEGER PRIMARY KEY, "
                                       "amount NUMERIC(12,2), x REAL, name TEXT COLLATE NOCASE)"))
                    .ok());
            QVERIFY(s->exec(QStringLiteral("INSERT INTO t VALUES (1, '1.5', 0.0, 'Alice'), "
                                           "(2, '2.25', 1.5, 'Bob'), (3, NULL, NULL, NULL)"))
                        .ok());
        }
        STRATA_SCRATCH(pg, Engine::Postgres);
        auto sqlite = test::openUrl(QStringLiteral("sqlite://") + path);
        TransferOptions planOptions;
        planOptions.nocase = nocase;
        auto plan = TransferPlanner::plan(*sqlite, planOptions);
        QVERIFY2(plan.ok(), plan.ok() ? "" : qPrintable(plan.error().toString()));
        const TableDecision &d = plan->tables.first();
        QList<ChecksumColumn> columns;
        for (const ColumnDecision &c : d.columns)
            columns << ChecksumColumn{c.targetName, targetKindOf(c.targetType)};
        QCOMPARE(columns.size(), 4);
        QCOMPARE(columns[1].kind, TargetKind::Numeric);
        QCOMPARE(columns[2].kind, TargetKind::Float8);
        QCOMPARE(columns[3].kind, TargetKind::Text);

        RunOptions options;
        options.rowHash = method;
        const TransferResult r = Transfer::run(sqlite->spec(), pg.spec(), *plan, options);
        QVERIFY2(r.ok() && r.tables.first().verified, qPrintable(describe(r)));
        auto target = PgConnection::open(pg.spec(), QStringLiteral("tst_rowhash"));
        QVERIFY(target.ok());
        PgConnection &conn = **target;
        const QString sql = checksumQuery(QStringLiteral("public.t"), columns, method);
        auto checksum = [&] {
            auto rows = conn.query(sql);
            return rows ? QStringLiteral("%1 rows, sum %2")
                              .arg(rows->value(0).value(0), rows->value(0).value(1))
                        : rows.error().toString();
        };
        QCOMPARE(checksum(), r.tables.first().sourceChecksum);
        if (nocase == QLatin1String("icu")) // the column compares case-insensitively
            QCOMPARE(scalar(*test::openUrl(pg.url()),
                            QStringLiteral("SELECT count(*) FROM t WHERE name = 'ALICE'"))
                         .toInt(),
                     1);
        const QStringList wrongs = {
            QStringLiteral("UPDATE t SET amount = -amount WHERE id = 1"),
            QStringLiteral("UPDATE t SET x = '-0' WHERE id = 1"),
            QStringLiteral("UPDATE t SET name = upper(name) WHERE id = 2"),
        };
        for (const QString &wrong : wrongs) {
            QVERIFY(conn.exec(QStringLiteral("BEGIN")).ok());
            QVERIFY(conn.exec(wrong).ok());
            const QString changed = checksum();
            QVERIFY(conn.exec(QStringLiteral("ROLLBACK")).ok());
            QVERIFY2(changed != r.tables.first().sourceChecksum, qPrintable(wrong));
            QVERIFY(changed.startsWith(QStringLiteral("3 rows, sum ")));
        }
        QCOMPARE(checksum(), r.tables.first().sourceChecksum); // all rolled back
    }
};

QTEST_GUILESS_MAIN(TestRowHash)
#include "tst_rowhash.moc"
