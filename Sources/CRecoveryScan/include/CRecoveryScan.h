#ifndef BACKBONE_CRECOVERYSCAN_H
#define BACKBONE_CRECOVERYSCAN_H

#include <stddef.h>

/// The recovery simulation's skip over tokens no measure's top list can take
/// (Analyses' `MeasureRecoverySimulation.topScoresOfEveryMeasure`): the first
/// token `i` in `start ..< count` for which some test below holds, or `count`.
///
/// Token i has source log-prob `a[i]`, target log-prob `b[i]` and target
/// probability `pb[i]`. With d = |a − b|, c = `backbone_recovery_exp_ceiling(a)`
/// (an upper bound of exp(a)) and w = `widen`, the tests, each against its
/// own entry of `thresholds` (the eight measures in `ImplicitRewardMeasure`
/// order: LLR, LR20, LR10, p1LR, p2LR, MWLR, GMLR, JSLR), are
///   LLR score > t0, LR20 score > t1, LR10 score > t2 (each 0 where a == b;
///   otherwise a − b, max(a, −20) − max(b, −20), max(a, −10) − max(b, −10)),
///   !(c·d·w ≤ t3), !(pb·d·w ≤ t4), !(max(c, pb)·d·w ≤ t5), !(… ≤ t6),
///   !((c + pb)·ln 2·w ≤ t7),
/// with max(x, y) = (y ≥ x ? y : x) (Swift's `max`), products left to right,
/// nothing fused: the same IEEE operations as the Swift loop they replace,
/// so the same verdict for every token, NaN and infinities included.
///
/// Eight tokens a step in one AVX-512 vector, four with AVX2, one at a time
/// in plain C elsewhere; chosen at run time.
size_t backbone_recovery_next_candidate(const double *a, const double *b, const double *pb, size_t start, size_t count,
                                        const double thresholds[8], double widen);

/// The same with `lanes` tokens a step: 8 (AVX-512), 4 (AVX2) or 1 (plain C);
/// a width the machine lacks runs in plain C. For the tests, which hold every
/// width to the plain-C one.
size_t backbone_recovery_next_candidate_lanes(size_t lanes, const double *a, const double *b, const double *pb, size_t start,
                                              size_t count, const double thresholds[8], double widen);

/// 2^(⌊a·log₂e⌋ + 2), at least exp(a) (see Analyses' `expCeiling`): +∞ from
/// ⌊a·log₂e⌋ = 1020 up or for NaN, 0 below −1076.
double backbone_recovery_exp_ceiling(double a);

#endif
