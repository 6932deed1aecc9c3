// The one way the store includes SOCI. Debian's SOCI is configured with Boost, which only adds
// template support for Boost.Fusion/Optional bindings in headers (no library ABI depends on it);
// leadscore does not use those and does not need the Boost headers, so the flags are cleared
// before SOCI's headers read them.
#pragma once

#include <soci/soci-config.h>
#undef SOCI_HAVE_BOOST
#undef SOCI_HAVE_BOOST_DATE_TIME
#include <soci/soci.h>
