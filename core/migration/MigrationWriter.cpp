#include "migration/MigrationWriter.h"

#include <QDir>
#include <QFile>
#include <QRegularExpression>

namespace strata {

namespace {

// Decimal increment of a digit string, keeping its width unless it overflows ("099" -> "100").
QString incremented(QString digits)
{
    for (qsizetype i = digits.size() - 1; i >= 0; --i) {
        if (digits[i] != u'9') {
            digits[i] = QChar(digits[i].unicode() + 1);
            return digits;
        }
        digits[i] = u'0';
    }
    return u'1' + digits;
}

QString lastVersionText(const MigrationSet &folder)
{
    if (folder.versioned.isEmpty())
        return {};
    // The file's own spelling of the newest version (zero padding kept).
    const Migration &newest = folder.versioned.last();
    const QString name = newest.scriptName();
    static const QRegularExpression leading(QStringLiteral(R"(^[VU]?(\d+(?:[._]\d+)*))"));
    const auto m = leading.match(name);
    return m.hasMatch() ? m.captured(1) : newest.versionText();
}

struct Target {
    QString path;
    QByteArray content;
};

} // namespace

QString MigrationWriter::nextVersion(const MigrationSet &folder, const QDateTime &now)
{
    const QString last = lastVersionText(folder);
    if (last.isEmpty())
        return QStringLiteral("1");
    static const QRegularExpression separators(QStringLiteral("[._]"));
    const bool dotted = last.contains(separators);
    if (!dotted && last.size() >= 12) {
        const QString stamp = now.toUTC().toString(QStringLiteral("yyyyMMddHHmmss"));
        const auto candidate = Version::parse(stamp);
        const auto previous = Version::parse(last);
        if (candidate && previous && *candidate > *previous)
            return stamp;
        return incremented(last);
    }
    // Increment the last part, keeping the separators and padding as written.
    qsizetype start = last.size();
    while (start > 0 && last[start - 1].isDigit())
        --start;
    return last.left(start) + incremented(last.mid(start));
}

QString MigrationWriter::fileSafeDescription(const QString &description)
{
    QString out;
    for (const QChar c : description.trimmed()) {
        if (c.isLetterOrNumber())
            out += c;
        else if (!out.endsWith(u'_'))
            out += u'_';
    }
    while (out.endsWith(u'_'))
        out.chop(1);
    while (out.startsWith(u'_'))
        out.remove(0, 1);
    return out.isEmpty() ? QStringLiteral("schema_change") : out;
}

Result<WrittenMigration> MigrationWriter::write(const QString &dir, const MigrationDraft &draft,
                                                FolderFormat emptyFolderFormat,
                                                const QDateTime &now)
{
    if (draft.upSql.trimmed().isEmpty())
        return Error::usage(QStringLiteral("nothing to save: the forward script is empty"));
    auto folder = MigrationSource::readComplete(dir);
    if (!folder)
        return folder.error();
    WrittenMigration written;
    written.format = folder->format == FolderFormat::Unknown ? emptyFolderFormat : folder->format;
    if (written.format == FolderFormat::Unknown)
        written.format = FolderFormat::Flyway;
    const QString version = nextVersion(*folder, now);
    const QString name = fileSafeDescription(draft.description);
    const QDir root(dir);
    auto withNewline = [](const QString &sql) {
        QString text = sql.trimmed();
        return (text.isEmpty() ? text : text + u'\n').toUtf8();
    };
    const bool hasDown = !draft.downSql.trimmed().isEmpty();

    QList<Target> targets;
    switch (written.format) {
    case FolderFormat::Flyway:
        targets.append({root.filePath(QStringLiteral("V%1__%2.sql").arg(version, name)),
                        withNewline(draft.upSql)});
        if (hasDown)
            targets.append({root.filePath(QStringLiteral("U%1__%2.sql").arg(version, name)),
                            withNewline(draft.downSql)});
        break;
    case FolderFormat::GolangMigrate:
        targets.append({root.filePath(QStringLiteral("%1_%2.up.sql").arg(version, name)),
                        withNewline(draft.upSql)});
        if (hasDown)
            targets.append({root.filePath(QStringLiteral("%1_%2.down.sql").arg(version, name)),
                            withNewline(draft.downSql)});
        break;
    case FolderFormat::Dbmate:
    case FolderFormat::Unknown:
        targets.append({root.filePath(QStringLiteral("%1_%2.sql").arg(version, name)),
                        "-- migrate:up\n" + withNewline(draft.upSql) + "\n-- migrate:down\n" +
                            withNewline(draft.downSql)});
        break;
    }

    auto removeWritten = [&] {
        for (const QString &path : std::as_const(written.files))
            QFile::remove(path);
        written.files.clear();
    };
    for (const Target &target : targets) {
        QFile file(target.path);
        if (file.exists()) {
            removeWritten();
            return Error::source(target.path,
                                 QStringLiteral("the file already exists; nothing was written"));
        }
        if (!file.open(QIODevice::WriteOnly | QIODevice::NewOnly)) {
            removeWritten();
            return Error::source(
                target.path, QStringLiteral("cannot create the file: %1").arg(file.errorString()));
        }
        written.files.append(target.path);
        if (file.write(target.content) != target.content.size() || !file.flush()) {
            const QString why = file.errorString();
            file.close();
            removeWritten();
            return Error::source(target.path, QStringLiteral("cannot write the file: %1").arg(why));
        }
    }

    // Read the folder back: the new version must be there, and the folder must still be valid.
    auto reread = MigrationSource::readComplete(dir);
    const auto parsed = Version::parse(version);
    if (!reread || !parsed || !reread->find(*parsed)) {
        Error error =
            reread
                ? Error::source(written.files.first(),
                                QStringLiteral("the new migration is not read back as version %1")
                                    .arg(version))
                : reread.error();
        removeWritten();
        error.message += QStringLiteral(" (nothing was written)");
        return error;
    }
    written.version = reread->find(*parsed)->versionText();
    return written;
}

MigrationDraft MigrationWriter::draftFromDiff(const SchemaDiffResult &diff,
                                              const QString &description)
{
    MigrationDraft draft;
    draft.description = description;
    draft.upSql = diff.forwardSql();
    QStringList missing;
    for (const Change &change : diff.changes) {
        if (!change.hasInverse)
            missing << QStringLiteral("-- no undo for: %1").arg(change.summary);
    }
    QString down = diff.inverseSql();
    // No statement to undo at all: no undo script, rather than one that silently does nothing.
    if (down.trimmed().isEmpty())
        return draft;
    if (!missing.isEmpty())
        down = missing.join(u'\n') + u'\n' + down;
    draft.downSql = down;
    return draft;
}

} // namespace strata
