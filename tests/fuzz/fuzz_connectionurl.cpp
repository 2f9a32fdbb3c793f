// The connection-URL parser: no crash, a parsed URL's display form parses again to the same
// place, and the display form never shows the password.
#include "FuzzCheck.h"
#include "connection/ConnectionSpec.h"

#include <cstddef>
#include <cstdint>

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const QString url = QString::fromUtf8(reinterpret_cast<const char *>(data), qsizetype(size));
    auto spec = strata::ConnectionSpec::parse(url);
    if (!spec) {
        FUZZ_CHECK(!spec.error().message.isEmpty(), url);
        return 0;
    }
    const QString shown = spec->displayUrl();
    auto again = strata::ConnectionSpec::parse(shown);
    FUZZ_CHECK(again.ok(), url + QStringLiteral(" -> ") + shown);
    FUZZ_CHECK(again->engine == spec->engine && again->path == spec->path &&
                   again->host == spec->host && again->port == spec->port &&
                   again->database == spec->database && again->user == spec->user,
               url + QStringLiteral(" -> ") + shown);
    const QString &pw = spec->password;
    if (pw.size() >= 6) {
        bool elsewhere =
            shown.contains(pw) && (spec->host.contains(pw) || spec->user.contains(pw) ||
                                   spec->database.contains(pw) || spec->path.contains(pw));
        for (const auto &[key, value] : spec->options)
            elsewhere |= key.contains(pw) || value.contains(pw);
        FUZZ_CHECK(elsewhere || !shown.contains(pw), url + QStringLiteral(" -> ") + shown);
    }
    return 0;
}
