#include "migration/MigrationVariants.h"

#include <QHash>
#include <QRegularExpression>

namespace strata {

std::optional<VariantFileName> readVariantName(const QString &fileName)
{
    static const QRegularExpression variant(
        QStringLiteral(R"(^(.+)\.(postgresql|sqlite)(\.(?:up|down))?\.sql$)"),
        QRegularExpression::CaseInsensitiveOption);
    const auto m = variant.match(fileName);
    if (!m.hasMatch())
        return std::nullopt;
    const Engine engine = m.captured(2).compare(QLatin1String("sqlite"), Qt::CaseInsensitive) == 0
                              ? Engine::Sqlite
                              : Engine::Postgres;
    return VariantFileName{m.captured(1) + m.captured(3) + QStringLiteral(".sql"), engine};
}

QString variantFileName(const QString &plainName, Engine engine)
{
    QString base = plainName;
    if (base.endsWith(QLatin1String(".sql")))
        base.chop(4);
    return QStringLiteral("%1.%2.sql").arg(base, engineVariantName(engine));
}

namespace {

// Where a plain file is used in the set: the migration, and whether as its undo.
struct PlainUse {
    Migration *migration = nullptr;
    bool undo = false;
};

QString variantLabel(const VariantFile &v)
{
    return QStringLiteral("%1 variant").arg(engineDisplayName(v.engine));
}

// Says which name the variant should have had, when a migration of the same version exists
// under another name: the commonest slip (a typo, or the migration renamed after porting).
QString namingHint(const MigrationSet &set, const VariantFile &v)
{
    const QString plainName = v.plainPath.section(u'/', -1);
    static const QRegularExpression versionPart(
        QStringLiteral(R"(^(?:[VU](\d+(?:[._]\d+)*)__|(\d+)_))"));
    const auto m = versionPart.match(plainName);
    if (!m.hasMatch())
        return {};
    const auto version = Version::parse(m.captured(1).isEmpty() ? m.captured(2) : m.captured(1));
    const Migration *same = version ? set.find(*version) : nullptr;
    if (!same)
        return {};
    const MigrationScript &script = v.undo ? same->down : same->up;
    if (script.isEmpty())
        return QStringLiteral("; version %1 has no undo script to vary").arg(same->versionText());
    return QStringLiteral("; version %1 is %2: name the variant %3")
        .arg(same->versionText(), script.fileName(), variantFileName(script.fileName(), v.engine));
}

} // namespace

void attachVariants(MigrationSet &set, const QList<VariantFile> &variants,
                    const QSet<QString> &listedPaths)
{
    QHash<QString, PlainUse> uses;
    for (QList<Migration> *list : {&set.versioned, &set.repeatable}) {
        for (Migration &m : *list) {
            uses.insert(m.up.path, {&m, false});
            if (m.hasUndo() && m.down.path != m.up.path) // dbmate keeps both in one file
                uses.insert(m.down.path, {&m, true});
        }
    }
    for (const VariantFile &v : variants) {
        const auto use = uses.constFind(v.plainPath);
        if (use == uses.constEnd() || use->undo != v.undo) {
            if (listedPaths.contains(v.plainPath))
                continue; // its plain file is left out for a reason of its own, reported there
            set.problems.append(
                {SourceProblemKind::VariantWithoutPlain, v.path,
                 QStringLiteral("%1 of %2, but there is no %2 beside it; a variant stands in for "
                                "a plain migration file of the same name%3")
                     .arg(variantLabel(v), v.plainPath.section(u'/', -1), namingHint(set, v))});
            continue;
        }
        Migration &m = *use->migration;
        MigrationVariant *target = nullptr;
        for (MigrationVariant &existing : m.variants) {
            if (existing.engine == v.engine)
                target = &existing;
        }
        if (!target) {
            m.variants.append({v.engine, {}, {}, {}});
            target = &m.variants.last();
        }
        const MigrationScript &taken = v.undo ? target->down : target->up;
        if (!taken.isEmpty()) {
            set.problems.append(
                {SourceProblemKind::SecondVariant, v.path,
                 QStringLiteral("a second %1 of %2 (also %3)")
                     .arg(variantLabel(v), v.plainPath.section(u'/', -1), taken.path)});
            continue;
        }
        if (v.undo) {
            target->down = v.down;
        } else {
            target->up = v.up;
            target->checksum = v.checksum;
            if (!v.down.isEmpty()) // dbmate: the file's own down section
                target->down = v.down;
        }
    }
}

} // namespace strata
