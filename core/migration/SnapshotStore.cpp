#include "migration/SnapshotStore.h"

#include "dialect/Dialect.h"
#include "schema/SchemaJson.h"
#include <QJsonDocument>
#include <QJsonObject>

namespace strata {

namespace {
const QLatin1String prefix("strata-snapshot:1:");
}

QString SnapshotStore::encode(const SchemaSnapshots &snapshots)
{
    // Each schema is stored as its own snapshot text, so decoding goes through SchemaJson's checks.
    QJsonObject envelope;
    if (snapshots.before)
        envelope.insert(QStringLiteral("before"), QString::fromUtf8(SchemaJson::write(*snapshots.before, true)));
    if (snapshots.after)
        envelope.insert(QStringLiteral("after"), QString::fromUtf8(SchemaJson::write(*snapshots.after, true)));
    const QByteArray packed = qCompress(QJsonDocument(envelope).toJson(QJsonDocument::Compact), 9);
    return prefix + QString::fromLatin1(packed.toBase64());
}

Result<SchemaSnapshots> SnapshotStore::decode(const QString &text)
{
    if (!text.startsWith(prefix))
        return Error::source(QStringLiteral("history"), QStringLiteral("the recorded snapshot is not in a known format"));
    const QByteArray packed = QByteArray::fromBase64(text.mid(prefix.size()).toLatin1());
    const QByteArray json = qUncompress(packed);
    if (json.isEmpty())
        return Error::source(QStringLiteral("history"), QStringLiteral("the recorded snapshot is damaged"));
    const QJsonObject envelope = QJsonDocument::fromJson(json).object();
    SchemaSnapshots out;
    for (const char *key : {"before", "after"}) {
        if (!envelope.contains(QLatin1String(key)))
            continue;
        auto schema = SchemaJson::read(envelope.value(QLatin1String(key)).toString().toUtf8(), QStringLiteral("history"));
        if (!schema)
            return schema.error();
        (qstrcmp(key, "before") == 0 ? out.before : out.after) = *schema;
    }
    return out;
}

Status SnapshotStore::requireEngine(const Schema &snapshot, Engine engine,
                                    const QString &recordedFor, const QString &purpose)
{
    if (snapshot.engine == engine)
        return {};
    const QString was = Dialect::create(snapshot.engine)->name();
    const QString is = Dialect::create(engine)->name();
    return Error::usage(
        QStringLiteral("cannot %1: the schema recorded for %2 was taken on %3 and this database "
                       "is %4, so its SQL would be in the wrong dialect. The database changed "
                       "engines since; applying a migration here records a %4 snapshot")
            .arg(purpose, recordedFor, was, is));
}

} // namespace strata
