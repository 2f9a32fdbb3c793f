#include "diff/SchemaDiff.h"

namespace strata {

SchemaDiffResult SchemaDiff::compare(const Schema &, const Schema &, const DiffOptions &)
{
    return {};
}

} // namespace strata
