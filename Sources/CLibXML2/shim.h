#ifndef BACKBONE_CLIBXML2_SHIM_H
#define BACKBONE_CLIBXML2_SHIM_H
// Debian's libxml2 is built with ICU, so its encoding header includes the
// system's ICU headers, whose declarations clash with the ICU copy inside
// Swift's Foundation in any target that imports both. Backbone uses none of
// libxml2's ICU converters (only SAX2 parsing of UTF-8) and never looks inside
// the converter struct that option changes, so the include is turned off.
#include <libxml/xmlversion.h>
#undef LIBXML_ICU_ENABLED
#include <libxml/parser.h>
#include <libxml/xmlerror.h>
#endif
