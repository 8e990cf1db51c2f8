#include "CScan.h"

/// The last bytes of a field skip, one at a time (and the whole skip on
/// machines without SSE2): from scan state `i`, `passed`, `field_start` to
/// the `limit`-th comma, a quote, CR or LF, or `end`.
static inline void finish_bytes(const uint8_t *p, size_t i, size_t end, size_t limit, size_t passed, size_t field_start,
                                backbone_skip_stop *stop) {
    while (i < end) {
        uint8_t c = p[i];
        if (c == ',') {
            passed++; i++; field_start = i;
            if (passed == limit) break;
            continue;
        }
        if (c == '\n' || c == '\r' || c == '"') break;
        i++;
    }
    stop->position = i; stop->commas = passed; stop->field_start = field_start;
}

#if defined(__x86_64__) && (defined(__GNUC__) || defined(__clang__))
#include <immintrin.h>
#define BACKBONE_HAS_AVX2_PATH 1

/// Whether the 64 bytes `a`, `b` may hold a quote, CR or LF (where a scan
/// must stop: the caller reads that field the careful way). Tested as "a
/// byte below '#'" — '"' (0x22), CR and LF are all below it, and the
/// numbers these blocks pass over (digits, '-', '.', ',', 'e') never are —
/// with one min, one max and one compare instead of six compares: a block
/// that stops falsely (a space, '!', a control) is left to the exact scan.
__attribute__((target("avx2")))
static inline int has_stop(__m256i a, __m256i b) {
    const __m256i below = _mm256_set1_epi8(0x23);
    __m256i smallest = _mm256_min_epu8(a, b);
    __m256i atLeast = _mm256_cmpeq_epi8(_mm256_max_epu8(smallest, below), smallest);   /* 0xFF where ≥ '#' */
    return (unsigned int)_mm256_movemask_epi8(atLeast) != 0xFFFFFFFFu;
}

/// Commas are counted per byte lane (a match is 0xFF, so subtracting it
/// adds 1) and the lanes summed before they can wrap: each 64-byte step adds
/// at most 2 to a lane, so 127 steps stay below 256.
///
/// Each step also asks for the line one page (4 KB) ahead. This loop runs
/// over most of a table's bytes, which come from the page cache through a
/// mapping: the hardware prefetcher follows a stream only within a 4 KB
/// page, so without the hint every page began with a wait for memory. With
/// it, a 12-table build takes about 6 % less CPU time (Benchmarks/README.md,
/// session 17). A prefetch never faults, so the address may lie past `end`.
__attribute__((target("avx2")))
static size_t skip_avx2(const uint8_t *p, size_t i, size_t end, size_t *commas) {
    const __m256i comma = _mm256_set1_epi8(',');
    const __m256i zero = _mm256_setzero_si256();
    __m256i lanes = zero, totals = zero;
    int steps = 0;
    while (i <= end && end - i >= 64) {
        _mm_prefetch((const char *)((uintptr_t)(p + i) + 4096), _MM_HINT_T0);   /* as an integer: may lie past the mapping */
        __m256i a = _mm256_loadu_si256((const __m256i *)(p + i));
        __m256i b = _mm256_loadu_si256((const __m256i *)(p + i + 32));
        if (has_stop(a, b)) break;
        lanes = _mm256_sub_epi8(lanes, _mm256_cmpeq_epi8(a, comma));
        lanes = _mm256_sub_epi8(lanes, _mm256_cmpeq_epi8(b, comma));
        i += 64;
        if (++steps == 127) {
            totals = _mm256_add_epi64(totals, _mm256_sad_epu8(lanes, zero));
            lanes = zero;
            steps = 0;
        }
    }
    totals = _mm256_add_epi64(totals, _mm256_sad_epu8(lanes, zero));
    uint64_t sums[4];
    _mm256_storeu_si256((__m256i *)sums, totals);
    *commas = (size_t)(sums[0] + sums[1] + sums[2] + sums[3]);
    return i;
}

/// Per block, the commas of each half are counted from a byte mask
/// (movemask + popcount): the limit must be checked before a block is passed.
__attribute__((target("avx2,popcnt")))
static size_t skip_commas_avx2(const uint8_t *p, size_t i, size_t end, size_t limit, size_t *commas) {
    const __m256i comma = _mm256_set1_epi8(',');
    size_t passed = 0;
    while (i <= end && end - i >= 64) {
        __m256i a = _mm256_loadu_si256((const __m256i *)(p + i));
        __m256i b = _mm256_loadu_si256((const __m256i *)(p + i + 32));
        if (has_stop(a, b)) break;
        unsigned int maskA = (unsigned int)_mm256_movemask_epi8(_mm256_cmpeq_epi8(a, comma));
        unsigned int maskB = (unsigned int)_mm256_movemask_epi8(_mm256_cmpeq_epi8(b, comma));
        size_t found = (size_t)__builtin_popcount(maskA) + (size_t)__builtin_popcount(maskB);
        if (passed + found >= limit) break;
        passed += found;
        i += 64;
    }
    *commas = passed;
    return i;
}
#endif

#if defined(__x86_64__) && (defined(__GNUC__) || defined(__clang__))
#include <emmintrin.h>

/// One block of a field skip at `i`, from its masks (bit k: byte i + k is a
/// comma / a quote, CR or LF): passes its commas before the first stop, or
/// fills `stop` and returns 1 where the `limit`-th comma or a stop is in it.
__attribute__((always_inline))
static inline int take_block(unsigned int commas, unsigned int stops, size_t i, size_t limit, size_t *passed, size_t *field_start,
                             backbone_skip_stop *stop) {
    if (stops) commas &= (stops & (0u - stops)) - 1u;              /* only commas before the first stop */
    size_t found = (size_t)__builtin_popcount(commas);
    if (*passed + found >= limit) {
        for (size_t rest = limit - *passed; rest > 1; rest--) commas &= commas - 1u;
        size_t at = i + (size_t)__builtin_ctz(commas);
        stop->position = at + 1; stop->commas = limit; stop->field_start = at + 1;
        return 1;
    }
    if (found) { *passed += found; *field_start = i + (size_t)(31 - __builtin_clz(commas)) + 1; }
    if (stops) {
        stop->position = i + (size_t)__builtin_ctz(stops); stop->commas = *passed; stop->field_start = *field_start;
        return 1;
    }
    return 0;
}

/// The end of a field skip, 16 bytes a step (SSE2, in every x86-64) then
/// byte by byte, from a scan state `i`, `passed`, `field_start`. Inlined
/// into both entry points below, so in the AVX2 one `__builtin_popcount`
/// is the POPCNT instruction.
__attribute__((always_inline))
static inline void finish_fields(const uint8_t *p, size_t i, size_t end, size_t limit, size_t passed, size_t field_start,
                                 backbone_skip_stop *stop) {
    const __m128i comma = _mm_set1_epi8(','), quote = _mm_set1_epi8('"'), lf = _mm_set1_epi8('\n'), cr = _mm_set1_epi8('\r');
    while (i <= end && end - i >= 16) {
        __m128i v = _mm_loadu_si128((const __m128i *)(p + i));
        unsigned int commas = (unsigned int)_mm_movemask_epi8(_mm_cmpeq_epi8(v, comma));
        unsigned int stops = (unsigned int)_mm_movemask_epi8(
            _mm_or_si128(_mm_or_si128(_mm_cmpeq_epi8(v, lf), _mm_cmpeq_epi8(v, quote)), _mm_cmpeq_epi8(v, cr)));
        if (take_block(commas, stops, i, limit, &passed, &field_start, stop)) return;
        i += 16;
    }
    finish_bytes(p, i, end, limit, passed, field_start, stop);
}

/// 32 bytes a step, the same mask logic as `finish_fields` on 32-bit masks.
__attribute__((target("avx2,popcnt")))
static void skip_fields_avx2(const uint8_t *p, size_t i, size_t end, size_t limit, backbone_skip_stop *stop) {
    const __m256i comma = _mm256_set1_epi8(','), quote = _mm256_set1_epi8('"'), lf = _mm256_set1_epi8('\n'), cr = _mm256_set1_epi8('\r');
    size_t passed = 0, field_start = i;
    while (i <= end && end - i >= 32) {
        __m256i v = _mm256_loadu_si256((const __m256i *)(p + i));
        unsigned int commas = (unsigned int)_mm256_movemask_epi8(_mm256_cmpeq_epi8(v, comma));
        unsigned int stops = (unsigned int)_mm256_movemask_epi8(
            _mm256_or_si256(_mm256_or_si256(_mm256_cmpeq_epi8(v, lf), _mm256_cmpeq_epi8(v, quote)), _mm256_cmpeq_epi8(v, cr)));
        if (take_block(commas, stops, i, limit, &passed, &field_start, stop)) return;
        i += 32;
    }
    finish_fields(p, i, end, limit, passed, field_start, stop);
}

size_t backbone_field_end(const uint8_t *bytes, size_t start, size_t end) {
    const __m128i comma = _mm_set1_epi8(','), lf = _mm_set1_epi8('\n'), cr = _mm_set1_epi8('\r');
    size_t i = start;
    while (i <= end && end - i >= 16) {
        __m128i v = _mm_loadu_si128((const __m128i *)(bytes + i));
        unsigned int found = (unsigned int)_mm_movemask_epi8(
            _mm_or_si128(_mm_or_si128(_mm_cmpeq_epi8(v, comma), _mm_cmpeq_epi8(v, lf)), _mm_cmpeq_epi8(v, cr)));
        if (found) return i + (size_t)__builtin_ctz(found);
        i += 16;
    }
    while (i < end && bytes[i] != ',' && bytes[i] != '\n' && bytes[i] != '\r') i++;
    return i;
}

void backbone_skip_fields_baseline(const uint8_t *bytes, size_t start, size_t end, size_t limit, backbone_skip_stop *stop) {
    finish_fields(bytes, start, end, limit, 0, start, stop);
}

void backbone_skip_fields(const uint8_t *bytes, size_t start, size_t end, size_t limit, backbone_skip_stop *stop) {
    if (__builtin_cpu_supports("avx2") && __builtin_cpu_supports("popcnt")) skip_fields_avx2(bytes, start, end, limit, stop);
    else backbone_skip_fields_baseline(bytes, start, end, limit, stop);
}
#else
size_t backbone_field_end(const uint8_t *bytes, size_t start, size_t end) {
    size_t i = start;
    while (i < end && bytes[i] != ',' && bytes[i] != '\n' && bytes[i] != '\r') i++;
    return i;
}

void backbone_skip_fields(const uint8_t *bytes, size_t start, size_t end, size_t limit, backbone_skip_stop *stop) {
    backbone_skip_fields_baseline(bytes, start, end, limit, stop);
}

/// Other machines: the same scan, byte by byte.
void backbone_skip_fields_baseline(const uint8_t *bytes, size_t start, size_t end, size_t limit, backbone_skip_stop *stop) {
    finish_bytes(bytes, start, end, limit, 0, start, stop);
}
#endif

size_t backbone_skip_comma_blocks(const uint8_t *bytes, size_t start, size_t end, size_t limit, size_t *commas) {
#ifdef BACKBONE_HAS_AVX2_PATH
    if (__builtin_cpu_supports("avx2") && __builtin_cpu_supports("popcnt")) return skip_commas_avx2(bytes, start, end, limit, commas);
#endif
    (void)bytes; (void)end; (void)limit;
    *commas = 0;
    return start;
}

size_t backbone_skip_plain_blocks(const uint8_t *bytes, size_t start, size_t end, size_t *commas) {
#ifdef BACKBONE_HAS_AVX2_PATH
    if (__builtin_cpu_supports("avx2")) return skip_avx2(bytes, start, end, commas);
#endif
    (void)bytes; (void)end;
    *commas = 0;
    return start;
}

int backbone_skip_plain_blocks_is_wide(void) {
#ifdef BACKBONE_HAS_AVX2_PATH
    return __builtin_cpu_supports("avx2") && __builtin_cpu_supports("popcnt") ? 1 : 0;
#else
    return 0;
#endif
}
