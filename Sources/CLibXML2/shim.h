// libxml2's HTML parser (Debian: libxml2-dev, a prerequisite of the Swift toolchain itself).
#include <libxml/xmlversion.h>
// With ICU enabled, libxml2's encoding.h includes the system's ICU headers, whose enums clash
// with the ICU module Foundation ships. Only the layout of xmlCharEncodingHandler depends on it,
// and the importer never touches that struct, only pointers the library hands back.
#undef LIBXML_ICU_ENABLED
#include <libxml/HTMLparser.h>
#include <libxml/parserInternals.h>
#include <libxml/tree.h>
