#ifndef BACKBONE_PREFETCH_H
#define BACKBONE_PREFETCH_H

/* A hint that `address` will be read soon, so its cache line is fetched
   while other work goes on. Swift has no prefetch of its own; a static
   inline function in a header is compiled into the Swift caller and
   inlined there, so this costs one instruction, not a call. A hint only:
   it never faults and never changes what a program computes. */
static inline void backbone_prefetch(const void *address) {
#if defined(__GNUC__) || defined(__clang__)
    __builtin_prefetch(address, 0, 3);
#else
    (void)address;
#endif
}

#endif
