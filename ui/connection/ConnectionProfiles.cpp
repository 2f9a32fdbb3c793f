#include "ConnectionProfiles.h"

#include <QSettings>
#include <algorithm>

namespace strata {

namespace {

const QString kArray = QStringLiteral("connectionProfiles");
const QString kName = QStringLiteral("name");
const QString kUrl = QStringLiteral("url");
const QString kRemember = QStringLiteral("rememberPassword");

} // namespace

ConnectionProfiles::ConnectionProfiles(QSettings *settings)
    : m_ownSettings(settings ? nullptr : std::make_unique<QSettings>()),
      m_settings(settings ? settings : m_ownSettings.get())
{
}

ConnectionProfiles::~ConnectionProfiles() = default;

QString ConnectionProfiles::urlFor(const ConnectionSpec &spec)
{
    ConnectionSpec safe = spec;
    safe.password.clear();
    safe.options.removeIf([](const QPair<QString, QString> &option) {
        return option.first.compare(QLatin1String("password"), Qt::CaseInsensitive) == 0;
    });
    return safe.displayUrl();
}

QList<ConnectionProfile> ConnectionProfiles::all() const
{
    QList<ConnectionProfile> profiles;
    const int size = m_settings->beginReadArray(kArray);
    for (int i = 0; i < size; ++i) {
        m_settings->setArrayIndex(i);
        ConnectionProfile profile;
        profile.name = m_settings->value(kName).toString();
        profile.url = m_settings->value(kUrl).toString();
        profile.rememberPassword = m_settings->value(kRemember, false).toBool();
        if (!profile.name.isEmpty() && !profile.url.isEmpty())
            profiles.append(profile);
    }
    m_settings->endArray();
    std::stable_sort(profiles.begin(), profiles.end(), [](const auto &a, const auto &b) {
        return a.name.compare(b.name, Qt::CaseInsensitive) < 0;
    });
    return profiles;
}

std::optional<ConnectionProfile> ConnectionProfiles::find(const QString &name) const
{
    for (const ConnectionProfile &profile : all()) {
        if (profile.name == name)
            return profile;
    }
    return std::nullopt;
}

std::optional<ConnectionProfile> ConnectionProfiles::findBySpec(const ConnectionSpec &spec) const
{
    const QString url = urlFor(spec);
    for (const ConnectionProfile &profile : all()) {
        if (profile.url == url)
            return profile;
    }
    return std::nullopt;
}

ConnectionProfile ConnectionProfiles::save(const QString &name, const ConnectionSpec &spec,
                                           bool rememberPassword)
{
    const ConnectionProfile profile{name.trimmed(), urlFor(spec), rememberPassword};
    QList<ConnectionProfile> profiles = all();
    auto it = std::find_if(profiles.begin(), profiles.end(),
                           [&](const ConnectionProfile &p) { return p.name == profile.name; });
    if (it != profiles.end())
        *it = profile;
    else
        profiles.append(profile);
    writeAll(profiles);
    return profile;
}

bool ConnectionProfiles::remove(const QString &name)
{
    QList<ConnectionProfile> profiles = all();
    const auto removed =
        profiles.removeIf([&](const ConnectionProfile &p) { return p.name == name; });
    if (removed == 0)
        return false;
    writeAll(profiles);
    return true;
}

void ConnectionProfiles::writeAll(const QList<ConnectionProfile> &profiles)
{
    m_settings->remove(kArray);
    m_settings->beginWriteArray(kArray, int(profiles.size()));
    for (int i = 0; i < profiles.size(); ++i) {
        m_settings->setArrayIndex(i);
        m_settings->setValue(kName, profiles[i].name);
        m_settings->setValue(kUrl, profiles[i].url);
        m_settings->setValue(kRemember, profiles[i].rememberPassword);
    }
    m_settings->endArray();
    m_settings->sync();
}

} // namespace strata
