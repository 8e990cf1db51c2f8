#include "CRelabel.h"
#include <math.h>

/* The sums must round as Swift's `s += v; q += v * v` does: never fused
   into a multiply-add, on any target. */
#pragma STDC FP_CONTRACT OFF

static inline uint64_t rotate_left(uint64_t x, int k) { return (x << k) | (x >> (64 - k)); }

/// xoshiro256** on one generator whose words s0…s3 are `words[0]`,
/// `words[stride]`, `words[2*stride]`, `words[3*stride]` (stride 4: a lane
/// of the side-by-side state; stride 1: a test alone).
static inline uint64_t next_output(uint64_t *words, size_t stride) {
    uint64_t *s0 = words, *s1 = words + stride, *s2 = words + 2 * stride, *s3 = words + 3 * stride;
    uint64_t result = rotate_left(*s1 * 5, 7) * 9;
    uint64_t t = *s1 << 17;
    *s2 ^= *s0;
    *s3 ^= *s1;
    *s1 ^= *s2;
    *s0 ^= *s3;
    *s2 ^= t;
    *s3 = rotate_left(*s3, 45);
    return result;
}

/// Lemire's draw below `bound` once the first product's low word is known
/// to be below `bound`: redraw while it is below 2^64 mod bound.
static inline uint64_t finish_draw(uint64_t *words, size_t stride, uint64_t bound, uint64_t low, uint64_t high) {
    uint64_t threshold = (0 - bound) % bound;
    while (low < threshold) {
        unsigned __int128 product = (unsigned __int128)next_output(words, stride) * bound;
        low = (uint64_t)product;
        high = (uint64_t)(product >> 64);
    }
    return high;
}

/// The rare end of a vector step whose cheap test flagged a lane (see
/// `relabel_four_avx2`): with the step's `middles` (⌊output × bound / 2^32⌋),
/// the low products' `lows` and draws `highs`, and the lanes' state words
/// in memory (`lanes` to a word), each lane whose product's low word is
/// below `remaining` draws again on its own generator, as Lemire's method does.
static inline void redraw_rejected(uint64_t *state, size_t lanes, const uint64_t *middles, const uint64_t *lows,
                                   uint64_t *highs, uint64_t remaining) {
    for (size_t lane = 0; lane < lanes; lane++) {
        uint64_t low = (middles[lane] << 32) | (lows[lane] & 0xFFFFFFFFu);
        if (low < remaining) highs[lane] = finish_draw(state + lane, lanes, remaining, low, highs[lane]);
    }
}

/// One test's relabelling in plain C: its slot i is `a[spacing*i]`, its
/// generator's words `words[0]`, `words[stride]`, …. The words are held in
/// locals (registers) and go back to memory only around the rare redraw:
/// stepping the generator in memory put a store and a reload into every
/// draw's dependency chain, which made this loop half again slower.
static inline void relabel_one_test(double *a, size_t spacing, size_t n, size_t m, uint64_t *words, size_t stride,
                                    double *sum, double *square) {
    uint64_t s0 = words[0], s1 = words[stride], s2 = words[2 * stride], s3 = words[3 * stride];
    double s = 0, q = 0;
    uint64_t remaining = n;
    for (size_t i = 0; i < m; i++, remaining--) {
        uint64_t output = rotate_left(s1 * 5, 7) * 9;
        uint64_t t = s1 << 17;
        s2 ^= s0;
        s3 ^= s1;
        s1 ^= s2;
        s0 ^= s3;
        s2 ^= t;
        s3 = rotate_left(s3, 45);
        unsigned __int128 product = (unsigned __int128)output * remaining;
        uint64_t low = (uint64_t)product, high = (uint64_t)(product >> 64);
        if (__builtin_expect(low < remaining, 0)) {
            words[0] = s0; words[stride] = s1; words[2 * stride] = s2; words[3 * stride] = s3;
            high = finish_draw(words, stride, remaining, low, high);
            s0 = words[0]; s1 = words[stride]; s2 = words[2 * stride]; s3 = words[3 * stride];
        }
        size_t j = i + (size_t)high;
        double v = a[spacing * j];
        a[spacing * j] = a[spacing * i];
        a[spacing * i] = v;
        s += v;
        q += v * v;
    }
    words[0] = s0; words[stride] = s1; words[2 * stride] = s2; words[3 * stride] = s3;
    *sum = s;
    *square = q;
}

void backbone_relabel_lanes_portable(double *values, size_t lanes, size_t n, size_t m, uint64_t *state, double *sums, double *squares) {
    for (size_t lane = 0; lane < lanes; lane++)
        relabel_one_test(values + lane, lanes, n, m, state + lane, lanes, sums + lane, squares + lane);
}

void backbone_relabel_one(double *values, size_t n, size_t m, uint64_t state[4], double *sum, double *square) {
    relabel_one_test(values, 1, n, m, state, 1, sum, square);
}

/// Swift's `max(0, v)`: v when v ≥ 0 (−0 included), else 0 (NaN included).
static inline double at_least_zero(double v) { return v >= 0 ? v : 0; }

double backbone_welch_absolute_t(const double statistic[4], double sumA, double squaresA) {
    double totalSum = statistic[0], totalSquares = statistic[1], sizeA = statistic[2], sizeB = statistic[3];
    double sumB = totalSum - sumA;
    double squaresB = totalSquares - squaresA;
    double meanA = sumA / sizeA, meanB = sumB / sizeB;
    double varA = at_least_zero((squaresA - sumA * meanA) / (sizeA - 1));
    double varB = at_least_zero((squaresB - sumB * meanB) / (sizeB - 1));
    return fabs(meanA - meanB) / sqrt(varA / sizeA + varB / sizeB);
}

void backbone_count_extreme_portable(size_t lanes, const double *sums, const double *squares, const double *statistics, int64_t *extreme) {
    for (size_t lane = 0; lane < lanes; lane++) {
        double statistic[4] = {statistics[lane], statistics[lanes + lane], statistics[2 * lanes + lane], statistics[3 * lanes + lane]};
        if (backbone_welch_absolute_t(statistic, sums[lane], squares[lane]) >= statistics[4 * lanes + lane]) extreme[lane]++;
    }
}

#if defined(__x86_64__) && (defined(__GNUC__) || defined(__clang__))
#include <immintrin.h>

__attribute__((target("avx2")))
static inline __m256i rotate_left_lanes(__m256i x, int k) {
    return _mm256_or_si256(_mm256_slli_epi64(x, k), _mm256_srli_epi64(x, 64 - k));
}

/// The four generators step together. Per draw, output × bound (bound
/// < 2^32) comes from two 32 × 32 → 64-bit multiplies: with output =
/// hi·2^32 + lo, middle = hi·bound + ⌊lo·bound / 2^32⌋ is ⌊output × bound /
/// 2^32⌋, so the draw is middle's upper half, and the product's low word is
/// middle's lower half above lo·bound's lower half. That low word can fall
/// below the bound (Lemire's rejection) only if middle's lower half is 0:
/// one compare tests that (about once in 2^32 draws it passes), and only
/// then is the low word formed and the lane finished in scalar code on its
/// own state, as Swift's loop would.
///
/// The values are interleaved (slot i of lane k at `4*i + k`), so the four
/// lanes' current slots are one load and one store; the drawn slots are
/// read and written one lane at a time (a gather was slower here).
__attribute__((target("avx2")))
static void relabel_four_avx2(double *values, size_t n, size_t m, uint64_t state[16], double sums[4], double squares[4]) {
    __m256i s0 = _mm256_loadu_si256((const __m256i *)(state + 0));
    __m256i s1 = _mm256_loadu_si256((const __m256i *)(state + 4));
    __m256i s2 = _mm256_loadu_si256((const __m256i *)(state + 8));
    __m256i s3 = _mm256_loadu_si256((const __m256i *)(state + 12));
    const __m256i one = _mm256_set1_epi64x(1);
    const __m256i lowWords = _mm256_set1_epi64x(0xFFFFFFFF);
    __m256i bound = _mm256_set1_epi64x((long long)n);
    /* Byte offset of lane k's slot i: 32·i + 8·k. */
    __m256i slotOffsets = _mm256_set_epi64x(24, 16, 8, 0);
    const __m256i slotStep = _mm256_set1_epi64x(32);
    __m256d sum = _mm256_setzero_pd(), square = _mm256_setzero_pd();
    const char *bytes = (const char *)values;
    for (size_t i = 0; i < m; i++) {
        __m256i times5 = _mm256_add_epi64(_mm256_slli_epi64(s1, 2), s1);
        __m256i rotated = rotate_left_lanes(times5, 7);
        __m256i output = _mm256_add_epi64(_mm256_slli_epi64(rotated, 3), rotated);
        __m256i t = _mm256_slli_epi64(s1, 17);
        s2 = _mm256_xor_si256(s2, s0);
        s3 = _mm256_xor_si256(s3, s1);
        s1 = _mm256_xor_si256(s1, s2);
        s0 = _mm256_xor_si256(s0, s3);
        s2 = _mm256_xor_si256(s2, t);
        s3 = rotate_left_lanes(s3, 45);

        __m256i lowProduct = _mm256_mul_epu32(output, bound);
        __m256i highProduct = _mm256_mul_epu32(_mm256_srli_epi64(output, 32), bound);
        /* < 2^64: hi·bound ≤ (2^32 − 1)², and the carry is below 2^32. */
        __m256i middle = _mm256_add_epi64(highProduct, _mm256_srli_epi64(lowProduct, 32));
        __m256i high = _mm256_srli_epi64(middle, 32);
        /* lowWords keeps each lane's lower half of the 32-bit compare. */
        __m256i zeroWords = _mm256_cmpeq_epi32(middle, _mm256_setzero_si256());
        if (__builtin_expect(!_mm256_testz_si256(zeroWords, lowWords), 0)) {
            uint64_t middles[4], lows[4], highs[4], remaining = n - i;
            _mm256_storeu_si256((__m256i *)middles, middle);
            _mm256_storeu_si256((__m256i *)lows, lowProduct);
            _mm256_storeu_si256((__m256i *)highs, high);
            _mm256_storeu_si256((__m256i *)(state + 0), s0);
            _mm256_storeu_si256((__m256i *)(state + 4), s1);
            _mm256_storeu_si256((__m256i *)(state + 8), s2);
            _mm256_storeu_si256((__m256i *)(state + 12), s3);
            redraw_rejected(state, 4, middles, lows, highs, remaining);
            high = _mm256_loadu_si256((const __m256i *)highs);
            s0 = _mm256_loadu_si256((const __m256i *)(state + 0));
            s1 = _mm256_loadu_si256((const __m256i *)(state + 4));
            s2 = _mm256_loadu_si256((const __m256i *)(state + 8));
            s3 = _mm256_loadu_si256((const __m256i *)(state + 12));
        }
        bound = _mm256_sub_epi64(bound, one);

        /* Lane k swaps its slot i with its slot i + drawn: byte offset 32·drawn further. */
        __m256i drawnOffsets = _mm256_add_epi64(slotOffsets, _mm256_slli_epi64(high, 5));
        __m128i lower = _mm256_castsi256_si128(drawnOffsets), upper = _mm256_extracti128_si256(drawnOffsets, 1);
        double *d0 = (double *)(bytes + _mm_cvtsi128_si64(lower));
        double *d1 = (double *)(bytes + _mm_extract_epi64(lower, 1));
        double *d2 = (double *)(bytes + _mm_cvtsi128_si64(upper));
        double *d3 = (double *)(bytes + _mm_extract_epi64(upper, 1));
        double *slots = values + 4 * i;
        __m256d current = _mm256_loadu_pd(slots);
        __m256d drawn = _mm256_setr_pd(*d0, *d1, *d2, *d3);
        __m128d currentLower = _mm256_castpd256_pd128(current), currentUpper = _mm256_extractf128_pd(current, 1);
        _mm_storel_pd(d0, currentLower);
        _mm_storeh_pd(d1, currentLower);
        _mm_storel_pd(d2, currentUpper);
        _mm_storeh_pd(d3, currentUpper);
        _mm256_storeu_pd(slots, drawn);
        sum = _mm256_add_pd(sum, drawn);
        square = _mm256_add_pd(square, _mm256_mul_pd(drawn, drawn));
        slotOffsets = _mm256_add_epi64(slotOffsets, slotStep);
    }
    _mm256_storeu_si256((__m256i *)(state + 0), s0);
    _mm256_storeu_si256((__m256i *)(state + 4), s1);
    _mm256_storeu_si256((__m256i *)(state + 8), s2);
    _mm256_storeu_si256((__m256i *)(state + 12), s3);
    _mm256_storeu_pd(sums, sum);
    _mm256_storeu_pd(squares, square);
}

/// Eight generators step together in one 512-bit vector: the arithmetic
/// of `relabel_four_avx2` (the draw from two 32 × 32-bit multiplies, the
/// rare redraw finished in scalar code on the lane's own state), with the
/// rotations one instruction each, and the drawn slots read and written by
/// one gather and one scatter: the eight lanes' slots never share an
/// address (slot i of lane k is element 8·i + k), so the scatter's order
/// among lanes does not matter. With AVX-512 this is about half the time
/// per test of two four-lane AVX2 runs (Benchmarks/speed/permutation-floor.swift).
///
/// Its vector instructions all issue on the two ports that 512-bit
/// arithmetic may use, so each one saved shows: three-input XORs
/// (`vpternlogq`) take the generator's five XORs in four instructions, and
/// the drawn slot's index relative to slot i, 8·drawn + k, is `middle >> 29`
/// with its low three bits replaced by k (one shift and one bit-select; the
/// draw `middle >> 32` itself is formed only for the rare redraw), so no
/// running slot index is kept. The same numbers, in 7–12 % less time per
/// step (permutation-floor.swift, lanes 8).
__attribute__((target("avx512f")))
static void relabel_eight_avx512(double *values, size_t n, size_t m, uint64_t state[32], double sums[8], double squares[8]) {
    __m512i s0 = _mm512_loadu_si512(state + 0), s1 = _mm512_loadu_si512(state + 8);
    __m512i s2 = _mm512_loadu_si512(state + 16), s3 = _mm512_loadu_si512(state + 24);
    const __m512i one = _mm512_set1_epi64(1), lowWords = _mm512_set1_epi64(0xFFFFFFFF);
    /* Lane k's element in a row of eight slots, and the bits above it. */
    const __m512i lane = _mm512_set_epi64(7, 6, 5, 4, 3, 2, 1, 0), aboveLane = _mm512_set1_epi64(~(long long)7);
    __m512i bound = _mm512_set1_epi64((long long)n);
    __m512d sum = _mm512_setzero_pd(), square = _mm512_setzero_pd();
    for (size_t i = 0; i < m; i++) {
        __m512i times5 = _mm512_add_epi64(_mm512_slli_epi64(s1, 2), s1);
        __m512i rotated = _mm512_rol_epi64(times5, 7);
        __m512i output = _mm512_add_epi64(_mm512_slli_epi64(rotated, 3), rotated);
        /* xoshiro256**'s step, 0x96 being a ^ b ^ c:
           s2 ^= s0; s3 ^= s1; s1 ^= s2; s0 ^= s3; s2 ^= s1 << 17; s3 = rotl(s3, 45). */
        __m512i t = _mm512_slli_epi64(s1, 17);
        __m512i s3x = _mm512_xor_si512(s3, s1);
        __m512i s1x = _mm512_ternarylogic_epi64(s1, s2, s0, 0x96);
        s2 = _mm512_ternarylogic_epi64(s2, s0, t, 0x96);
        s0 = _mm512_xor_si512(s0, s3x);
        s1 = s1x;
        s3 = _mm512_rol_epi64(s3x, 45);

        __m512i lowProduct = _mm512_mul_epu32(output, bound);
        __m512i highProduct = _mm512_mul_epu32(_mm512_srli_epi64(output, 32), bound);
        __m512i middle = _mm512_add_epi64(highProduct, _mm512_srli_epi64(lowProduct, 32));
        /* 8·(middle >> 32) + k, 0xE2 being b ? a : c. */
        __m512i drawnIndex = _mm512_ternarylogic_epi64(_mm512_srli_epi64(middle, 29), aboveLane, lane, 0xE2);
        /* Bit k set where lane k's middle has a lower half of 0 (see relabel_four_avx2). */
        __mmask8 zeroWords = _mm512_testn_epi64_mask(middle, lowWords);
        if (__builtin_expect(zeroWords != 0, 0)) {
            uint64_t middles[8], lows[8], highs[8], remaining = n - i;
            _mm512_storeu_si512(middles, middle);
            _mm512_storeu_si512(lows, lowProduct);
            _mm512_storeu_si512(highs, _mm512_srli_epi64(middle, 32));
            _mm512_storeu_si512(state + 0, s0);
            _mm512_storeu_si512(state + 8, s1);
            _mm512_storeu_si512(state + 16, s2);
            _mm512_storeu_si512(state + 24, s3);
            redraw_rejected(state, 8, middles, lows, highs, remaining);
            drawnIndex = _mm512_add_epi64(_mm512_slli_epi64(_mm512_loadu_si512(highs), 3), lane);
            s0 = _mm512_loadu_si512(state + 0);
            s1 = _mm512_loadu_si512(state + 8);
            s2 = _mm512_loadu_si512(state + 16);
            s3 = _mm512_loadu_si512(state + 24);
        }
        bound = _mm512_sub_epi64(bound, one);

        /* Lane k swaps its slot i with its slot i + drawn: element 8·drawn + k from the row of slot i. */
        double *slots = values + 8 * i;
        __m512d current = _mm512_loadu_pd(slots);
        __m512d drawn = _mm512_i64gather_pd(drawnIndex, slots, 8);
        _mm512_i64scatter_pd(slots, drawnIndex, current, 8);
        _mm512_storeu_pd(slots, drawn);
        sum = _mm512_add_pd(sum, drawn);
        square = _mm512_add_pd(square, _mm512_mul_pd(drawn, drawn));
    }
    _mm512_storeu_si512(state + 0, s0);
    _mm512_storeu_si512(state + 8, s1);
    _mm512_storeu_si512(state + 16, s2);
    _mm512_storeu_si512(state + 24, s3);
    _mm512_storeu_pd(sums, sum);
    _mm512_storeu_pd(squares, square);
}

/// `backbone_welch_absolute_t` and the comparison for eight lanes at once:
/// the same IEEE operations in the same order (division and square root are
/// correctly rounded in vector form too; nothing is fused), so the same
/// verdicts. Five divisions and a square root per lane were the scalar
/// loop's cost: the divider, not the adds, set its pace.
__attribute__((target("avx512f")))
static void count_extreme_avx512(const double *sums, const double *squares, const double *statistics, int64_t *extreme) {
    const __m512d zero = _mm512_setzero_pd(), one = _mm512_set1_pd(1);
    __m512d sumA = _mm512_loadu_pd(sums), squaresA = _mm512_loadu_pd(squares);
    __m512d totalSum = _mm512_loadu_pd(statistics), totalSquares = _mm512_loadu_pd(statistics + 8);
    __m512d sizeA = _mm512_loadu_pd(statistics + 16), sizeB = _mm512_loadu_pd(statistics + 24);
    __m512d threshold = _mm512_loadu_pd(statistics + 32);
    __m512d sumB = _mm512_sub_pd(totalSum, sumA);
    __m512d squaresB = _mm512_sub_pd(totalSquares, squaresA);
    __m512d meanA = _mm512_div_pd(sumA, sizeA), meanB = _mm512_div_pd(sumB, sizeB);
    __m512d varA = _mm512_div_pd(_mm512_sub_pd(squaresA, _mm512_mul_pd(sumA, meanA)), _mm512_sub_pd(sizeA, one));
    __m512d varB = _mm512_div_pd(_mm512_sub_pd(squaresB, _mm512_mul_pd(sumB, meanB)), _mm512_sub_pd(sizeB, one));
    /* at_least_zero: keep v where v >= 0 (ordered), else 0. */
    varA = _mm512_mask_blend_pd(_mm512_cmp_pd_mask(varA, zero, _CMP_GE_OQ), zero, varA);
    varB = _mm512_mask_blend_pd(_mm512_cmp_pd_mask(varB, zero, _CMP_GE_OQ), zero, varB);
    __m512d spread = _mm512_sqrt_pd(_mm512_add_pd(_mm512_div_pd(varA, sizeA), _mm512_div_pd(varB, sizeB)));
    __m512d t = _mm512_div_pd(_mm512_abs_pd(_mm512_sub_pd(meanA, meanB)), spread);
    __mmask8 hits = _mm512_cmp_pd_mask(t, threshold, _CMP_GE_OQ);
    __m512i counts = _mm512_loadu_si512(extreme);
    _mm512_storeu_si512(extreme, _mm512_mask_add_epi64(counts, hits, counts, _mm512_set1_epi64(1)));
}

/// The same for four lanes with AVX2 (the four-lane kernel's machines).
__attribute__((target("avx2")))
static void count_extreme_avx2(const double *sums, const double *squares, const double *statistics, int64_t *extreme) {
    const __m256d zero = _mm256_setzero_pd(), one = _mm256_set1_pd(1);
    const __m256d signBit = _mm256_set1_pd(-0.0);
    __m256d sumA = _mm256_loadu_pd(sums), squaresA = _mm256_loadu_pd(squares);
    __m256d totalSum = _mm256_loadu_pd(statistics), totalSquares = _mm256_loadu_pd(statistics + 4);
    __m256d sizeA = _mm256_loadu_pd(statistics + 8), sizeB = _mm256_loadu_pd(statistics + 12);
    __m256d threshold = _mm256_loadu_pd(statistics + 16);
    __m256d sumB = _mm256_sub_pd(totalSum, sumA);
    __m256d squaresB = _mm256_sub_pd(totalSquares, squaresA);
    __m256d meanA = _mm256_div_pd(sumA, sizeA), meanB = _mm256_div_pd(sumB, sizeB);
    __m256d varA = _mm256_div_pd(_mm256_sub_pd(squaresA, _mm256_mul_pd(sumA, meanA)), _mm256_sub_pd(sizeA, one));
    __m256d varB = _mm256_div_pd(_mm256_sub_pd(squaresB, _mm256_mul_pd(sumB, meanB)), _mm256_sub_pd(sizeB, one));
    /* at_least_zero: keep v where v >= 0 (ordered), else 0. */
    varA = _mm256_blendv_pd(zero, varA, _mm256_cmp_pd(varA, zero, _CMP_GE_OQ));
    varB = _mm256_blendv_pd(zero, varB, _mm256_cmp_pd(varB, zero, _CMP_GE_OQ));
    __m256d spread = _mm256_sqrt_pd(_mm256_add_pd(_mm256_div_pd(varA, sizeA), _mm256_div_pd(varB, sizeB)));
    __m256d t = _mm256_div_pd(_mm256_andnot_pd(signBit, _mm256_sub_pd(meanA, meanB)), spread);
    /* All ones (−1) in each lane at or above its threshold: subtracting adds 1. */
    __m256i hits = _mm256_castpd_si256(_mm256_cmp_pd(t, threshold, _CMP_GE_OQ));
    __m256i counts = _mm256_loadu_si256((const __m256i *)extreme);
    _mm256_storeu_si256((__m256i *)extreme, _mm256_sub_epi64(counts, hits));
}

void backbone_count_extreme(size_t lanes, const double *sums, const double *squares, const double *statistics, int64_t *extreme) {
    if (lanes == 8 && __builtin_cpu_supports("avx512f")) count_extreme_avx512(sums, squares, statistics, extreme);
    else if (lanes == 4 && __builtin_cpu_supports("avx2")) count_extreme_avx2(sums, squares, statistics, extreme);
    else backbone_count_extreme_portable(lanes, sums, squares, statistics, extreme);
}

size_t backbone_relabel_widest(void) {
    return __builtin_cpu_supports("avx512f") ? 8 : 4;
}

void backbone_relabel_lanes(double *values, size_t lanes, size_t n, size_t m, uint64_t *state, double *sums, double *squares) {
    if (n < ((uint64_t)1 << 32)) {
        if (lanes == 8 && __builtin_cpu_supports("avx512f")) { relabel_eight_avx512(values, n, m, state, sums, squares); return; }
        if (lanes == 4 && __builtin_cpu_supports("avx2")) { relabel_four_avx2(values, n, m, state, sums, squares); return; }
    }
    backbone_relabel_lanes_portable(values, lanes, n, m, state, sums, squares);
}

#else

void backbone_count_extreme(size_t lanes, const double *sums, const double *squares, const double *statistics, int64_t *extreme) {
    backbone_count_extreme_portable(lanes, sums, squares, statistics, extreme);
}

size_t backbone_relabel_widest(void) { return 4; }

void backbone_relabel_lanes(double *values, size_t lanes, size_t n, size_t m, uint64_t *state, double *sums, double *squares) {
    backbone_relabel_lanes_portable(values, lanes, n, m, state, sums, squares);
}

#endif
