// The connection-URL parser: no crash, a parsed URL's display form parses again to the same
// place, and the password has no part in the display form.
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
    // The password has no say in what is shown: the same spec without it prints the same.
    // (A substring search gave false alarms: a password "tgresq" is inside "postgresql://".)
    strata::ConnectionSpec withoutPassword = *spec;
    withoutPassword.password.clear();
    FUZZ_CHECK(withoutPassword.displayUrl() == shown, url + QStringLiteral(" -> ") + shown);
    return 0;
}
