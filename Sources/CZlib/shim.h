// The system zlib, which Foundation on Linux already links (through libcurl for
// FoundationNetworking): bound as a system library, not a package dependency.
#include <zlib.h>
