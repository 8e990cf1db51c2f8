#ifndef BACKBONE_CZSTD_SHIM_H
#define BACKBONE_CZSTD_SHIM_H
#include <zstd.h>
#endif
