#ifndef BACKBONE_CSCAN_H
#define BACKBONE_CSCAN_H

#include <stddef.h>
#include <stdint.h>

/// Moves from `start` over whole 64-byte blocks of `bytes[start ..< end]`
/// that hold no byte below '#' (so no quote, CR or LF), and returns where
/// it stopped (`start` plus a multiple of 64; the first block with such a
/// byte, or the last whole block, is not passed). `*commas` receives the
/// number of commas passed.
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

/// Where `backbone_skip_fields` stopped: `position` is just after the
/// `limit`-th comma, or on the first quote/CR/LF, or `end`; `commas` the
/// commas passed; `field_start` the start of the field the scan ended in
/// (after the last comma passed, or `start`).
typedef struct {
    size_t position;
    size_t commas;
    size_t field_start;
} backbone_skip_stop;

/// Moves from `start` (the beginning of a field) past at most `limit`
/// commas (`limit` ≥ 1), stopping early at a quote, CR or LF, never
/// reading at or past `end`: all of `CommaScanner.skip`. 32 bytes a step
/// with AVX2 where the machine has it, else 16 with SSE2, the last bytes
/// one at a time; commas are counted from byte masks (movemask, popcount).
void backbone_skip_fields(const uint8_t *bytes, size_t start, size_t end, size_t limit, backbone_skip_stop *stop);

/// The first comma, CR or LF in `bytes[start ..< end]`, or `end`: where an
/// unquoted field ends (16 bytes a step, SSE2).
size_t backbone_field_end(const uint8_t *bytes, size_t start, size_t end);

/// `backbone_skip_fields` as machines without AVX2 run it (16 bytes a
/// step): tests check it too on machines that would never take it.
void backbone_skip_fields_baseline(const uint8_t *bytes, size_t start, size_t end, size_t limit, backbone_skip_stop *stop);

/// Whether `backbone_skip_plain_blocks` and `backbone_skip_comma_blocks` use AVX2 on this machine (tests
/// check that the fast path is the one they exercise).
int backbone_skip_plain_blocks_is_wide(void);

#endif
