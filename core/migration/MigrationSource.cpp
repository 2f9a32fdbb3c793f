#include "migration/MigrationSource.h"

#include "migration/MigrationVariants.h"

#include <QCryptographicHash>
#include <QDir>
#include <QDirIterator>
#include <QFile>
#include <QHash>
#include <QRegularExpression>
#include <QStringDecoder>
#include <algorithm>

namespace strata {

const Migration *MigrationSet::find(const Version &version) const
{
    auto it = std::lower_bound(versioned.begin(), versioned.end(), version,
                               [](const Migration &m, const Version &v) { return m.version < v; });
    return it != versioned.end() && it->version == version ? &*it : nullptr;
}

MigrationSet MigrationSet::forEngine(Engine engine) const
{
    MigrationSet out = *this;
    for (QList<Migration> *list : {&out.versioned, &out.repeatable}) {
        for (Migration &m : *list)
            m = m.forEngine(engine);
    }
    return out;
}

namespace {

enum class NameKind { NotSql, Unknown, FlywayVersioned, FlywayUndo, FlywayRepeatable, GolangUp,
                      GolangDown, Dbmate };

struct ParsedName {
    NameKind kind = NameKind::Unknown;
    QString version;
    QString description;
    std::optional<Engine> variant; // an engine variant of the plain name (V3__x.postgresql.sql)
    QString plainName;              // for a variant: the name of the file it stands in for
};

FolderFormat formatOf(NameKind kind)
{
    switch (kind) {
    case NameKind::FlywayVersioned:
    case NameKind::FlywayUndo:
    case NameKind::FlywayRepeatable:
        return FolderFormat::Flyway;
    case NameKind::GolangUp:
    case NameKind::GolangDown:
        return FolderFormat::GolangMigrate;
    case NameKind::Dbmate:
        return FolderFormat::Dbmate;
    default:
        return FolderFormat::Unknown;
    }
}

ParsedName parseName(const QString &name)
{
    static const QRegularExpression golang(QStringLiteral(R"(^(\d+)_(.*)\.(up|down)\.sql$)"));
    static const QRegularExpression flyway(QStringLiteral(R"(^([VU])(\d+(?:[._]\d+)*)__(.*)\.sql$)"));
    static const QRegularExpression repeatable(QStringLiteral(R"(^R__(.+)\.sql$)"));
    static const QRegularExpression dbmate(QStringLiteral(R"(^(\d+)_(.*)\.sql$)"));

    if (!name.endsWith(QLatin1String(".sql")))
        return {NameKind::NotSql, {}, {}, {}, {}};
    if (const auto variant = readVariantName(name)) {
        ParsedName plain = parseName(variant->plainName);
        if (plain.kind != NameKind::Unknown) {
            plain.variant = variant->engine;
            plain.plainName = variant->plainName;
        }
        return plain;
    }
    auto description = [](QString text) { return text.replace(u'_', u' ').trimmed(); };
    if (auto m = golang.match(name); m.hasMatch()) {
        const bool up = m.captured(3) == QLatin1String("up");
        return {up ? NameKind::GolangUp : NameKind::GolangDown, m.captured(1),
                description(m.captured(2)), {}, {}};
    }
    if (auto m = flyway.match(name); m.hasMatch()) {
        const bool undo = m.captured(1) == QLatin1String("U");
        return {undo ? NameKind::FlywayUndo : NameKind::FlywayVersioned, m.captured(2),
                description(m.captured(3)), {}, {}};
    }
    if (auto m = repeatable.match(name); m.hasMatch())
        return {NameKind::FlywayRepeatable, {}, description(m.captured(1)), {}, {}};
    if (auto m = dbmate.match(name); m.hasMatch())
        return {NameKind::Dbmate, m.captured(1), description(m.captured(2)), {}, {}};
    return {NameKind::Unknown, {}, {}, {}, {}};
}

struct FileText {
    QByteArray bytes;
    QString text;
};

Result<FileText> readText(const QString &path)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return Error::source(path, QStringLiteral("cannot read the file: %1").arg(file.errorString()));
    FileText out;
    out.bytes = file.readAll();
    if (file.error() != QFileDevice::NoError)
        return Error::source(path, QStringLiteral("cannot read the file: %1").arg(file.errorString()));
    QStringDecoder decoder(QStringDecoder::Utf8, QStringDecoder::Flag::Stateless);
    out.text = decoder(out.bytes);
    if (decoder.hasError())
        return Error::source(path, QStringLiteral("the file is not valid UTF-8"));
    if (out.text.startsWith(QChar(0xFEFF)))
        out.text.remove(0, 1);
    return out;
}

bool startsWithNoTransaction(const QString &sql)
{
    static const QRegularExpression marker(
        QStringLiteral(R"(^\s*--\s*strata:no-transaction\s*$)"),
        QRegularExpression::CaseInsensitiveOption | QRegularExpression::MultilineOption);
    const QString firstLine = sql.section(u'\n', 0, 0);
    return marker.match(firstLine).hasMatch();
}

MigrationScript scriptFrom(const QString &path, const QString &sql, int firstLine)
{
    return {path, sql, firstLine, startsWithNoTransaction(sql)};
}

// dbmate keeps both directions in one file, in `-- migrate:up` / `-- migrate:down` sections.
Result<std::pair<MigrationScript, MigrationScript>> splitDbmate(const QString &path,
                                                                 const QString &text)
{
    static const QRegularExpression marker(QStringLiteral(R"(^--\s*migrate:(up|down)\b(.*)$)"));
    const QStringList lines = text.split(u'\n');
    int upAt = -1, downAt = -1;
    bool upNoTx = false, downNoTx = false;
    for (int i = 0; i < lines.size(); ++i) {
        auto m = marker.match(lines[i].trimmed());
        if (!m.hasMatch())
            continue;
        const bool noTx = m.captured(2).contains(QLatin1String("transaction:false"));
        if (m.captured(1) == QLatin1String("up")) {
            if (upAt >= 0)
                return Error::source(path, QStringLiteral("line %1: a second `-- migrate:up` section").arg(i + 1));
            upAt = i;
            upNoTx = noTx;
        } else {
            if (downAt >= 0)
                return Error::source(path, QStringLiteral("line %1: a second `-- migrate:down` section").arg(i + 1));
            downAt = i;
            downNoTx = noTx;
        }
    }
    if (upAt < 0)
        return Error::source(path, QStringLiteral("dbmate migration without a `-- migrate:up` section"));
    auto section = [&](int from, int to) {
        return lines.mid(from + 1, (to < 0 ? lines.size() : to) - from - 1).join(u'\n');
    };
    const int upEnd = downAt > upAt ? downAt : -1;
    const int downEnd = upAt > downAt ? upAt : -1;
    MigrationScript up = scriptFrom(path, section(upAt, upEnd), upAt + 2);
    up.noTransaction = up.noTransaction || upNoTx;
    MigrationScript down;
    if (downAt >= 0) {
        const QString sql = section(downAt, downEnd);
        if (!sql.trimmed().isEmpty()) {
            down = scriptFrom(path, sql, downAt + 2);
            down.noTransaction = down.noTransaction || downNoTx;
        }
    }
    return std::make_pair(up, down);
}

} // namespace

QString MigrationSource::checksum(const QByteArray &content)
{
    QByteArray normalised = content;
    if (normalised.startsWith("\xEF\xBB\xBF"))
        normalised.remove(0, 3);
    normalised.replace("\r\n", "\n");
    normalised.replace('\r', '\n');
    return QString::fromLatin1(
        QCryptographicHash::hash(normalised, QCryptographicHash::Sha256).toHex());
}

QString sourceProblemKindName(SourceProblemKind kind)
{
    switch (kind) {
    case SourceProblemKind::Misnamed:
        return QStringLiteral("misnamed");
    case SourceProblemKind::OtherFormat:
        return QStringLiteral("other_format");
    case SourceProblemKind::BadVersion:
        return QStringLiteral("bad_version");
    case SourceProblemKind::Unreadable:
        return QStringLiteral("unreadable");
    case SourceProblemKind::NotUtf8:
        return QStringLiteral("not_utf8");
    case SourceProblemKind::BadSections:
        return QStringLiteral("bad_sections");
    case SourceProblemKind::DuplicateVersion:
        return QStringLiteral("duplicate_version");
    case SourceProblemKind::DuplicateRepeatable:
        return QStringLiteral("duplicate_repeatable");
    case SourceProblemKind::SecondUndo:
        return QStringLiteral("second_undo");
    case SourceProblemKind::UndoWithoutVersion:
        return QStringLiteral("undo_without_version");
    case SourceProblemKind::VariantWithoutPlain:
        return QStringLiteral("variant_without_plain");
    case SourceProblemKind::SecondVariant:
        return QStringLiteral("second_variant");
    case SourceProblemKind::Folder:
        return QStringLiteral("folder");
    }
    return {};
}

Error MigrationSet::problemsError() const
{
    if (problems.isEmpty())
        return Error::source({}, QStringLiteral("the migrations folder has no problems"));
    const SourceProblem &first = problems.first();
    QString message = first.reason;
    if (problems.size() > 1)
        message += QStringLiteral(" (and %1 more problem%2 in the folder)")
                       .arg(problems.size() - 1)
                       .arg(problems.size() > 2 ? QStringLiteral("s") : QString());
    return Error::source(first.path, message);
}

Result<MigrationSet> MigrationSource::readComplete(const QString &dir)
{
    auto set = read(dir);
    if (set && !set->problems.isEmpty())
        return set->problemsError();
    return set;
}

MigrationSet MigrationSource::readOrProblem(const QString &dir)
{
    auto set = read(dir);
    if (set)
        return std::move(set).value();
    MigrationSet empty;
    empty.problems.append({SourceProblemKind::Folder, set.error().file.isEmpty() ? dir : set.error().file,
                           set.error().message});
    return empty;
}

namespace {

// A Flyway-looking name with one underscore where two belong (V6_add_note.sql): the most
// common slip, so the reason says how to fix it.
QString misnamedReason(const QString &name)
{
    static const QRegularExpression oneUnderscore(
        QStringLiteral(R"(^([VU])(\d+(?:\.\d+)*)_([^_].*)\.sql$)"));
    static const QRegularExpression repeatableOne(QStringLiteral(R"(^R_([^_].*)\.sql$)"));
    if (auto m = oneUnderscore.match(name); m.hasMatch())
        return QStringLiteral("Flyway names need two underscores after the version: rename it "
                              "to %1%2__%3.sql")
            .arg(m.captured(1), m.captured(2), m.captured(3));
    if (auto m = repeatableOne.match(name); m.hasMatch())
        return QStringLiteral("repeatable migrations need two underscores: rename it to R__%1.sql")
            .arg(m.captured(1));
    return QStringLiteral(
        "the file name matches no migration format (expected V<version>__<description>.sql, "
        "U<version>__<description>.sql, R__<description>.sql, "
        "<version>_<name>.up.sql/.down.sql or <version>_<name>.sql)");
}

SourceProblemKind problemKindOf(const QString &reason)
{
    return reason.contains(QLatin1String("UTF-8")) ? SourceProblemKind::NotUtf8
                                                   : SourceProblemKind::Unreadable;
}

} // namespace

Result<MigrationSet> MigrationSource::read(const QString &dir)
{
    const QDir root(dir);
    if (!root.exists())
        return Error::source(dir, QStringLiteral("the migrations folder does not exist"));
    if (const QFileInfo info(dir); !info.isReadable() || !info.isExecutable())
        return Error::source(dir, QStringLiteral("cannot read the folder: permission denied"));

    MigrationSet set;
    auto problem = [&set](SourceProblemKind kind, const QString &path, const QString &reason) {
        set.problems.append({kind, path, reason});
    };

    // Collect file names first, sorted, so the outcome does not depend on directory order.
    // Unreadable files are listed too: they become problems, never silently skipped; so do
    // sub-folders we cannot list, whose migrations would otherwise go missing unnoticed.
    QStringList relativePaths;
    const QDir absoluteRoot(root.absolutePath());
    QDirIterator it(absoluteRoot.path(), QDir::Files | QDir::Dirs | QDir::NoDotAndDotDot | QDir::Hidden,
                    QDirIterator::Subdirectories);
    while (it.hasNext()) {
        const QString path = it.next();
        const QString relative = absoluteRoot.relativeFilePath(path);
        // Hidden files and folders (.git, editor backups) are not migrations.
        if (relative.startsWith(u'.') || relative.contains(QLatin1String("/.")))
            continue;
        const QFileInfo info(path);
        if (info.isDir()) {
            if (!info.isReadable() || !info.isExecutable())
                problem(SourceProblemKind::Unreadable, root.filePath(relative),
                        QStringLiteral("cannot read the folder: permission denied"));
            continue;
        }
        relativePaths << relative;
    }
    std::sort(relativePaths.begin(), relativePaths.end());

    // The folder's format is the one most of its files use (ties: the first file's), so one
    // stray file of another format is the problem, not the hundred files around it.
    QList<std::pair<QString, ParsedName>> named;
    QHash<int, int> filesPerFormat;
    FolderFormat firstFormat = FolderFormat::Unknown;
    for (const QString &relative : std::as_const(relativePaths)) {
        const QString path = root.filePath(relative);
        const QString name = relative.section(u'/', -1);
        const ParsedName parsed = parseName(name);
        if (parsed.kind == NameKind::NotSql)
            continue; // READMEs and the like live beside migrations
        if (parsed.kind == NameKind::Unknown) {
            problem(SourceProblemKind::Misnamed, path, misnamedReason(name));
            continue;
        }
        const FolderFormat format = formatOf(parsed.kind);
        if (firstFormat == FolderFormat::Unknown)
            firstFormat = format;
        ++filesPerFormat[int(format)];
        named.append({path, parsed});
    }
    set.format = firstFormat;
    for (auto f = filesPerFormat.cbegin(); f != filesPerFormat.cend(); ++f) {
        if (f.value() > filesPerFormat.value(int(set.format)))
            set.format = FolderFormat(f.key());
    }
    QString formatWitness; // the first file in the folder's format, named by the others
    for (const auto &[path, parsed] : std::as_const(named)) {
        if (formatOf(parsed.kind) == set.format) {
            formatWitness = path;
            break;
        }
    }

    QList<Migration> versioned;
    QList<std::pair<ParsedName, MigrationScript>> undos;
    QList<VariantFile> variants;
    QHash<QString, QString> repeatableFiles;

    for (const auto &[path, parsed] : std::as_const(named)) {
        const FolderFormat format = formatOf(parsed.kind);
        if (format != set.format) {
            problem(SourceProblemKind::OtherFormat, path,
                    QStringLiteral("this is a %1 file name, but the folder is in %2 format (see %3); "
                                   "a folder holds one format")
                        .arg(folderFormatName(format), folderFormatName(set.format), formatWitness));
            continue;
        }

        std::optional<Version> version;
        if (!parsed.version.isEmpty()) {
            version = Version::parse(parsed.version);
            if (!version) {
                problem(SourceProblemKind::BadVersion, path,
                        QStringLiteral("bad version `%1`").arg(parsed.version));
                continue;
            }
        }
        auto text = readText(path);
        if (!text) {
            problem(problemKindOf(text.error().message), path, text.error().message);
            continue;
        }
        if (parsed.variant) {
            VariantFile v;
            v.engine = *parsed.variant;
            v.path = path;
            v.plainPath = path.left(path.size() - path.section(u'/', -1).size()) + parsed.plainName;
            v.undo = parsed.kind == NameKind::FlywayUndo || parsed.kind == NameKind::GolangDown;
            v.checksum = checksum(text->bytes);
            if (parsed.kind == NameKind::Dbmate) {
                auto sections = splitDbmate(path, text->text);
                if (!sections) {
                    problem(SourceProblemKind::BadSections, path, sections.error().message);
                    continue;
                }
                v.up = sections->first;
                v.down = sections->second;
            } else {
                (v.undo ? v.down : v.up) = scriptFrom(path, text->text, 1);
            }
            variants.append(v);
            continue;
        }

        switch (parsed.kind) {
        case NameKind::FlywayUndo:
        case NameKind::GolangDown:
            undos.append({parsed, scriptFrom(path, text->text, 1)});
            break;
        case NameKind::FlywayRepeatable: {
            if (repeatableFiles.contains(parsed.description)) {
                problem(SourceProblemKind::DuplicateRepeatable, path,
                        QStringLiteral("duplicate repeatable migration `%1` (also %2)")
                            .arg(parsed.description, repeatableFiles.value(parsed.description)));
                continue;
            }
            repeatableFiles.insert(parsed.description, path);
            Migration m;
            m.kind = MigrationKind::Repeatable;
            m.description = parsed.description;
            m.checksum = checksum(text->bytes);
            m.up = scriptFrom(path, text->text, 1);
            set.repeatable.append(m);
            break;
        }
        case NameKind::Dbmate: {
            auto sections = splitDbmate(path, text->text);
            if (!sections) {
                problem(SourceProblemKind::BadSections, path, sections.error().message);
                continue;
            }
            Migration m;
            m.version = *version;
            m.description = parsed.description;
            m.checksum = checksum(text->bytes);
            m.up = sections->first;
            m.down = sections->second;
            versioned.append(m);
            break;
        }
        default: {
            Migration m;
            m.version = *version;
            m.description = parsed.description;
            m.checksum = checksum(text->bytes);
            m.up = scriptFrom(path, text->text, 1);
            versioned.append(m);
            break;
        }
        }
    }

    // Two files claiming one version: neither is trusted, both are problems.
    std::stable_sort(versioned.begin(), versioned.end(),
                     [](const Migration &a, const Migration &b) { return a.version < b.version; });
    QList<Version> duplicated;
    for (qsizetype i = 0; i < versioned.size();) {
        qsizetype j = i + 1;
        while (j < versioned.size() && versioned[j].version == versioned[i].version)
            ++j;
        if (j - i == 1) {
            set.versioned.append(versioned[i]);
        } else {
            duplicated.append(versioned[i].version);
            for (qsizetype k = i; k < j; ++k) {
                const QString other = versioned[k == i ? i + 1 : i].up.path;
                problem(SourceProblemKind::DuplicateVersion, versioned[k].up.path,
                        QStringLiteral("duplicate version %1 (also %2)")
                            .arg(versioned[k].versionText(), other));
            }
        }
        i = j;
    }
    for (const auto &[parsed, script] : std::as_const(undos)) {
        const Version version = *Version::parse(parsed.version);
        if (duplicated.contains(version))
            continue; // its version is already a problem; which forward it undoes is unknown
        // Binary search: the versions are sorted, and folders hold thousands of migrations.
        auto target = std::lower_bound(set.versioned.begin(), set.versioned.end(), version,
                                       [](const Migration &m, const Version &v) { return m.version < v; });
        if (target == set.versioned.end() || target->version != version) {
            problem(SourceProblemKind::UndoWithoutVersion, script.path,
                    QStringLiteral("undo script for version %1, but no migration has that version")
                        .arg(version.toString()));
            continue;
        }
        if (target->hasUndo()) {
            problem(SourceProblemKind::SecondUndo, script.path,
                    QStringLiteral("a second undo script for version %1 (also %2)")
                        .arg(version.toString(), target->down.path));
            continue;
        }
        target->down = script;
    }
    std::sort(set.repeatable.begin(), set.repeatable.end(),
              [](const Migration &a, const Migration &b) { return a.description < b.description; });
    QSet<QString> listed;
    for (const QString &relative : std::as_const(relativePaths))
        listed.insert(root.filePath(relative));
    attachVariants(set, variants, listed);
    std::stable_sort(set.problems.begin(), set.problems.end(),
                     [](const SourceProblem &a, const SourceProblem &b) { return a.path < b.path; });
    return set;
}

} // namespace strata
