// Target naming; see TargetNames.h.

#include "transfer/TargetNames.h"

#include "schema/SqliteDdlParser.h"
#include <QCryptographicHash>

namespace strata {

QString TargetNames::fold(const QString &name) const
{
    return m_fold ? sqliteddl::asciiLower(name) : name;
}

void TargetNames::claim(const QString &space, const QString &target, const QString &what)
{
    const QString key = space + u'\n' + target;
    const auto it = m_claimed.constFind(key);
    if (it != m_claimed.constEnd()) {
        if (*it != what)
            m_problems << QStringLiteral("%1 and %2 both become \"%3\" (%4)")
                              .arg(*it, what, target, space);
        return;
    }
    m_claimed.insert(key, what);
    const qsizetype bytes = target.toUtf8().size();
    if (bytes > maxBytes)
        m_problems << QStringLiteral("%1 would be named \"%2\", %3 bytes long: PostgreSQL names "
                                     "are at most 63 bytes")
                          .arg(what, target)
                          .arg(bytes);
    if (target.isEmpty())
        m_problems << QStringLiteral("%1 has an empty name").arg(what);
}

QString TargetNames::generate(const QString &space, const QString &base, const QString &what)
{
    QString name = fit(base);
    for (int n = 1; m_claimed.contains(space + u'\n' + name); ++n)
        name = fit(base + QString::number(n));
    claim(space, name, what);
    return name;
}

Status TargetNames::check() const
{
    if (m_problems.isEmpty())
        return {};
    return Error::usage(
        QStringLiteral("cannot name the PostgreSQL objects: %1. Rename them in "
                       "the mapping file (\"name\")%2")
            .arg(m_problems.join(QStringLiteral("; ")),
                 m_fold ? QStringLiteral(" or keep the names' case (no folding)") : QString()));
}

QString TargetNames::fit(const QString &name)
{
    if (name.toUtf8().size() <= maxBytes)
        return name;
    const QString hash = QString::fromLatin1(
        QCryptographicHash::hash(name.toUtf8(), QCryptographicHash::Md5).toHex().left(8));
    QString cut = name;
    while (cut.toUtf8().size() > maxBytes - 9)
        cut.chop(cut.size() >= 2 && cut.back().isLowSurrogate() ? 2 : 1);
    return cut + u'_' + hash;
}

} // namespace strata
