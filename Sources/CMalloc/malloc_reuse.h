#ifndef BACKBONE_MALLOC_REUSE_H
#define BACKBONE_MALLOC_REUSE_H

/* glibc's allocator settings, which Swift's Glibc module does not expose
   (mallopt and its constants live in <malloc.h>). Header-only: a static
   inline function compiled into its one caller, the command line tool. */
#if defined(__GLIBC__) || defined(__linux__)
#include <malloc.h>
#endif

/* Blocks up to 32 MB come from the heap (not a mapping of their own), and
   freed memory up to 512 MB stays in the heap for the next allocation
   instead of going back to the system. A no-op elsewhere. */
static inline void backbone_keep_freed_memory_for_reuse(void) {
#if defined(M_MMAP_THRESHOLD) && defined(M_TRIM_THRESHOLD)
    mallopt(M_MMAP_THRESHOLD, 32 << 20);
    mallopt(M_TRIM_THRESHOLD, 512 << 20);
#endif
}

#endif
