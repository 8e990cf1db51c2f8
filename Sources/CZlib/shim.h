#ifndef BACKBONE_CZLIB_SHIM_H
#define BACKBONE_CZLIB_SHIM_H
#include <zlib.h>
#endif
