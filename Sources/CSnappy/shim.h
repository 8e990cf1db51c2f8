#ifndef BACKBONE_CSNAPPY_SHIM_H
#define BACKBONE_CSNAPPY_SHIM_H
#include <snappy-c.h>
#endif
