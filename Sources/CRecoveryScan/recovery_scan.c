#include "CRecoveryScan.h"
#include <math.h>

/* The same rounding as the Swift expressions these tests replace: never a
   fused multiply-add, on any target. */
#pragma STDC FP_CONTRACT OFF

static const double log2e = 1.4426950408889634;

double backbone_recovery_exp_ceiling(double a) {
    double t = floor(a * log2e);
    if (!(t < 1020)) return INFINITY;
    if (!(t >= -1076)) return 0;
    return ldexp(1.0, (int)t + 2);
}

/* Swift's `max(x, y)`: y when y ≥ x, else x (x when either is NaN). */
static inline double swift_max(double x, double y) { return y >= x ? y : x; }

static inline int candidate(double x, double y, double p, const double *t, double widen) {
    double llr = x == y ? 0 : x - y;
    double lr20 = x == y ? 0 : swift_max(x, -20) - swift_max(y, -20);
    double lr10 = x == y ? 0 : swift_max(x, -10) - swift_max(y, -10);
    if (llr > t[0] || lr20 > t[1] || lr10 > t[2]) return 1;
    double difference = fabs(x - y);
    double ceiling = backbone_recovery_exp_ceiling(x);
    double larger = swift_max(ceiling, p) * difference;
    return !(ceiling * difference * widen <= t[3]) || !(p * difference * widen <= t[4])
        || !(larger * widen <= t[5]) || !(larger * widen <= t[6])
        || !((ceiling + p) * M_LN2 * widen <= t[7]);
}

static size_t next_candidate_portable(const double *a, const double *b, const double *pb, size_t i, size_t count,
                                      const double *t, double widen) {
    for (; i < count; i++) if (candidate(a[i], b[i], pb[i], t, widen)) return i;
    return count;
}

#if defined(__x86_64__) && (defined(__GNUC__) || defined(__clang__))
#include <immintrin.h>

/// Eight tokens a step. `scalef(1, t + 2)` is 2^(t + 2) exactly, subnormal
/// powers included (what `ldexp` gives).
__attribute__((target("avx512f")))
static size_t next_candidate_avx512(const double *a, const double *b, const double *pb, size_t i, size_t count,
                                    const double *t, double widen) {
    const __m512d zero = _mm512_setzero_pd(), one = _mm512_set1_pd(1), two = _mm512_set1_pd(2);
    const __m512d minus20 = _mm512_set1_pd(-20), minus10 = _mm512_set1_pd(-10), infinity = _mm512_set1_pd(INFINITY);
    const __m512d toLog2 = _mm512_set1_pd(log2e), ln2 = _mm512_set1_pd(M_LN2), w = _mm512_set1_pd(widen);
    const __m512d top = _mm512_set1_pd(1020), bottom = _mm512_set1_pd(-1076);
    const __m512d t0 = _mm512_set1_pd(t[0]), t1 = _mm512_set1_pd(t[1]), t2 = _mm512_set1_pd(t[2]), t3 = _mm512_set1_pd(t[3]);
    const __m512d t4 = _mm512_set1_pd(t[4]), t5 = _mm512_set1_pd(t[5]), t6 = _mm512_set1_pd(t[6]), t7 = _mm512_set1_pd(t[7]);
    for (; i + 8 <= count; i += 8) {
        __m512d x = _mm512_loadu_pd(a + i), y = _mm512_loadu_pd(b + i), p = _mm512_loadu_pd(pb + i);
        __mmask8 same = _mm512_cmp_pd_mask(x, y, _CMP_EQ_OQ);
        /* swift_max(v, c) = c ≥ v ? c : v */
        __m512d x20 = _mm512_mask_blend_pd(_mm512_cmp_pd_mask(minus20, x, _CMP_GE_OQ), x, minus20);
        __m512d y20 = _mm512_mask_blend_pd(_mm512_cmp_pd_mask(minus20, y, _CMP_GE_OQ), y, minus20);
        __m512d x10 = _mm512_mask_blend_pd(_mm512_cmp_pd_mask(minus10, x, _CMP_GE_OQ), x, minus10);
        __m512d y10 = _mm512_mask_blend_pd(_mm512_cmp_pd_mask(minus10, y, _CMP_GE_OQ), y, minus10);
        __m512d llr = _mm512_mask_blend_pd(same, _mm512_sub_pd(x, y), zero);
        __m512d lr20 = _mm512_mask_blend_pd(same, _mm512_sub_pd(x20, y20), zero);
        __m512d lr10 = _mm512_mask_blend_pd(same, _mm512_sub_pd(x10, y10), zero);
        __mmask8 hit = _mm512_cmp_pd_mask(llr, t0, _CMP_GT_OQ) | _mm512_cmp_pd_mask(lr20, t1, _CMP_GT_OQ)
                     | _mm512_cmp_pd_mask(lr10, t2, _CMP_GT_OQ);
        __m512d difference = _mm512_abs_pd(_mm512_sub_pd(x, y));
        __m512d e = _mm512_roundscale_pd(_mm512_mul_pd(x, toLog2), _MM_FROUND_TO_NEG_INF | _MM_FROUND_NO_EXC);
        __m512d ceiling = _mm512_scalef_pd(one, _mm512_add_pd(e, two));
        ceiling = _mm512_mask_blend_pd(_mm512_cmp_pd_mask(e, bottom, _CMP_GE_OQ), zero, ceiling);    /* !(e ≥ −1076): 0 */
        ceiling = _mm512_mask_blend_pd(_mm512_cmp_pd_mask(e, top, _CMP_LT_OQ), infinity, ceiling);   /* !(e < 1020): +∞ */
        __m512d larger = _mm512_mask_blend_pd(_mm512_cmp_pd_mask(p, ceiling, _CMP_GE_OQ), ceiling, p);
        larger = _mm512_mul_pd(larger, difference);
        __m512d largerWide = _mm512_mul_pd(larger, w);
        hit |= _mm512_cmp_pd_mask(_mm512_mul_pd(_mm512_mul_pd(ceiling, difference), w), t3, _CMP_NLE_UQ)
             | _mm512_cmp_pd_mask(_mm512_mul_pd(_mm512_mul_pd(p, difference), w), t4, _CMP_NLE_UQ)
             | _mm512_cmp_pd_mask(largerWide, t5, _CMP_NLE_UQ) | _mm512_cmp_pd_mask(largerWide, t6, _CMP_NLE_UQ)
             | _mm512_cmp_pd_mask(_mm512_mul_pd(_mm512_mul_pd(_mm512_add_pd(ceiling, p), ln2), w), t7, _CMP_NLE_UQ);
        if (hit) return i + (size_t)__builtin_ctz(hit);
    }
    return next_candidate_portable(a, b, pb, i, count, t, widen);
}

/// Four tokens a step. AVX2 has no `scalef`: 2^k for the integer k = t + 2
/// is built from its bits — exponent field k + 1023 where that is at least 1,
/// else the subnormal 2^(k + 1074)·2^−1074, a single bit. k comes out of the
/// double t through the 2^52 + 2^51 trick (exact for |t| < 2^31; lanes
/// outside [−1076, 1020) are replaced by 0 or +∞ after).
__attribute__((target("avx2")))
static size_t next_candidate_avx2(const double *a, const double *b, const double *pb, size_t i, size_t count,
                                  const double *t, double widen) {
    const __m256d zero = _mm256_setzero_pd(), signBit = _mm256_set1_pd(-0.0);
    const __m256d minus20 = _mm256_set1_pd(-20), minus10 = _mm256_set1_pd(-10), infinity = _mm256_set1_pd(INFINITY);
    const __m256d toLog2 = _mm256_set1_pd(log2e), ln2 = _mm256_set1_pd(M_LN2), w = _mm256_set1_pd(widen);
    const __m256d top = _mm256_set1_pd(1020), bottom = _mm256_set1_pd(-1076), magic = _mm256_set1_pd(6755399441055744.0);
    const __m256i magicBits = _mm256_castpd_si256(magic), bias = _mm256_set1_epi64x(2 + 1023);
    const __m256i fiftyOne = _mm256_set1_epi64x(51), oneBit = _mm256_set1_epi64x(1), zeroInt = _mm256_setzero_si256();
    const __m256d t0 = _mm256_set1_pd(t[0]), t1 = _mm256_set1_pd(t[1]), t2 = _mm256_set1_pd(t[2]), t3 = _mm256_set1_pd(t[3]);
    const __m256d t4 = _mm256_set1_pd(t[4]), t5 = _mm256_set1_pd(t[5]), t6 = _mm256_set1_pd(t[6]), t7 = _mm256_set1_pd(t[7]);
    for (; i + 4 <= count; i += 4) {
        __m256d x = _mm256_loadu_pd(a + i), y = _mm256_loadu_pd(b + i), p = _mm256_loadu_pd(pb + i);
        __m256d same = _mm256_cmp_pd(x, y, _CMP_EQ_OQ);
        __m256d x20 = _mm256_blendv_pd(x, minus20, _mm256_cmp_pd(minus20, x, _CMP_GE_OQ));
        __m256d y20 = _mm256_blendv_pd(y, minus20, _mm256_cmp_pd(minus20, y, _CMP_GE_OQ));
        __m256d x10 = _mm256_blendv_pd(x, minus10, _mm256_cmp_pd(minus10, x, _CMP_GE_OQ));
        __m256d y10 = _mm256_blendv_pd(y, minus10, _mm256_cmp_pd(minus10, y, _CMP_GE_OQ));
        __m256d llr = _mm256_blendv_pd(_mm256_sub_pd(x, y), zero, same);
        __m256d lr20 = _mm256_blendv_pd(_mm256_sub_pd(x20, y20), zero, same);
        __m256d lr10 = _mm256_blendv_pd(_mm256_sub_pd(x10, y10), zero, same);
        __m256d hit = _mm256_or_pd(_mm256_or_pd(_mm256_cmp_pd(llr, t0, _CMP_GT_OQ), _mm256_cmp_pd(lr20, t1, _CMP_GT_OQ)),
                                   _mm256_cmp_pd(lr10, t2, _CMP_GT_OQ));
        __m256d difference = _mm256_andnot_pd(signBit, _mm256_sub_pd(x, y));
        __m256d e = _mm256_round_pd(_mm256_mul_pd(x, toLog2), _MM_FROUND_TO_NEG_INF | _MM_FROUND_NO_EXC);
        __m256i k = _mm256_sub_epi64(_mm256_castpd_si256(_mm256_add_pd(e, magic)), magicBits);   /* ⌊…⌋ as an integer */
        __m256i biased = _mm256_add_epi64(k, bias);                                              /* exponent field of 2^(k + 2) */
        __m256i normal = _mm256_slli_epi64(biased, 52);
        __m256i subnormal = _mm256_sllv_epi64(oneBit, _mm256_add_epi64(biased, fiftyOne));
        __m256i bits = _mm256_blendv_epi8(subnormal, normal, _mm256_cmpgt_epi64(biased, zeroInt));
        __m256d ceiling = _mm256_castsi256_pd(bits);
        ceiling = _mm256_blendv_pd(zero, ceiling, _mm256_cmp_pd(e, bottom, _CMP_GE_OQ));
        ceiling = _mm256_blendv_pd(infinity, ceiling, _mm256_cmp_pd(e, top, _CMP_LT_OQ));
        __m256d larger = _mm256_blendv_pd(ceiling, p, _mm256_cmp_pd(p, ceiling, _CMP_GE_OQ));
        __m256d largerWide = _mm256_mul_pd(_mm256_mul_pd(larger, difference), w);
        hit = _mm256_or_pd(hit, _mm256_cmp_pd(_mm256_mul_pd(_mm256_mul_pd(ceiling, difference), w), t3, _CMP_NLE_UQ));
        hit = _mm256_or_pd(hit, _mm256_cmp_pd(_mm256_mul_pd(_mm256_mul_pd(p, difference), w), t4, _CMP_NLE_UQ));
        hit = _mm256_or_pd(hit, _mm256_or_pd(_mm256_cmp_pd(largerWide, t5, _CMP_NLE_UQ), _mm256_cmp_pd(largerWide, t6, _CMP_NLE_UQ)));
        hit = _mm256_or_pd(hit, _mm256_cmp_pd(_mm256_mul_pd(_mm256_mul_pd(_mm256_add_pd(ceiling, p), ln2), w), t7, _CMP_NLE_UQ));
        int mask = _mm256_movemask_pd(hit);
        if (mask) return i + (size_t)__builtin_ctz((unsigned)mask);
    }
    return next_candidate_portable(a, b, pb, i, count, t, widen);
}

size_t backbone_recovery_next_candidate_lanes(size_t lanes, const double *a, const double *b, const double *pb, size_t start,
                                              size_t count, const double thresholds[8], double widen) {
    if (lanes == 8 && __builtin_cpu_supports("avx512f")) return next_candidate_avx512(a, b, pb, start, count, thresholds, widen);
    if (lanes == 4 && __builtin_cpu_supports("avx2")) return next_candidate_avx2(a, b, pb, start, count, thresholds, widen);
    return next_candidate_portable(a, b, pb, start, count, thresholds, widen);
}

size_t backbone_recovery_next_candidate(const double *a, const double *b, const double *pb, size_t start, size_t count,
                                        const double thresholds[8], double widen) {
    size_t lanes = __builtin_cpu_supports("avx512f") ? 8 : 4;
    return backbone_recovery_next_candidate_lanes(lanes, a, b, pb, start, count, thresholds, widen);
}

#else

size_t backbone_recovery_next_candidate_lanes(size_t lanes, const double *a, const double *b, const double *pb, size_t start,
                                              size_t count, const double thresholds[8], double widen) {
    (void)lanes;
    return next_candidate_portable(a, b, pb, start, count, thresholds, widen);
}

size_t backbone_recovery_next_candidate(const double *a, const double *b, const double *pb, size_t start, size_t count,
                                        const double thresholds[8], double widen) {
    return next_candidate_portable(a, b, pb, start, count, thresholds, widen);
}

#endif
