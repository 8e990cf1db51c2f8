#ifndef BACKBONE_CSCAN_H
#define BACKBONE_CSCAN_H

#include <stddef.h>
#include <stdint.h>

/// Moves from `start` over whole 64-byte blocks of `bytes[start ..< end]`
/// that hold no quote, CR or LF, and returns where it stopped (`start` plus
/// a multiple of 64; the first block with such a byte, or the last whole
/// block, is not passed). `*commas` receives the number of commas passed.
///
/// This is the bulk of `CommaScanner.skipToLineEnd` with AVX2 (32 bytes a
/// compare) on machines that have it; elsewhere it passes nothing and the
/// Swift loop (SSE2, 16 bytes a compare) does all the work. Swift cannot
/// compile one function for AVX2 while the rest stays baseline x86-64, C can
/// (a target attribute, chosen at run time).
size_t backbone_skip_plain_blocks(const uint8_t *bytes, size_t start, size_t end, size_t *commas);

/// The same, but stops before the block that would take the number of
/// commas passed to `limit` or beyond (so the `limit`-th comma is never
/// passed): the bulk of `CommaScanner.skip` on the way to a column far
/// to the right.
size_t backbone_skip_comma_blocks(const uint8_t *bytes, size_t start, size_t end, size_t limit, size_t *commas);

/// Whether `backbone_skip_plain_blocks` and `backbone_skip_comma_blocks` use AVX2 on this machine (tests
/// check that the fast path is the one they exercise).
int backbone_skip_plain_blocks_is_wide(void);

#endif
