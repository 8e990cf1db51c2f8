#ifndef BACKBONE_CCMARK_SHIM_H
#define BACKBONE_CCMARK_SHIM_H
#include <cmark.h>
#endif
