#ifndef BACKBONE_CRELABEL_H
#define BACKBONE_CRELABEL_H

#include <stddef.h>
#include <stdint.h>

/// One random relabelling in each of `lanes` permutation tests at once
/// (`lanes` is 4 or 8, see `backbone_relabel_widest`): the inner loop of
/// Stats' `PermutationTest.welch(sideBySide:)`.
///
/// Lane k's pooled values are interleaved with the others': its slot i is
/// `values[lanes*i + k]` (`lanes*n` values in all). Its xoshiro256** state
/// is `state[k]`, `state[lanes+k]`, `state[2*lanes+k]`, `state[3*lanes+k]`
/// (the four words s0…s3, each word's lanes side by side, so one vector
/// load holds a word of every lane). Each lane gets a partial Fisher–Yates
/// shuffle of its first `m` slots (`m` < `n`), each draw Lemire's
/// multiply-and-reject bound `n − i` on its own generator — exactly the
/// draws, swaps and sums of `SeededGenerator.nextInt(belowPositive:)` in one
/// test's loop — and `sums[k]`, `squares[k]` receive the sum and sum of
/// squares of lane k's drawn values, added in draw order.
///
/// Chosen at run time: four lanes step in one AVX2 vector, eight in one
/// AVX-512 vector (the drawn slots then one gather and one scatter); any
/// other case — no such vector unit, another lane count, `n` ≥ 2^32 — runs
/// the lanes one after another in plain C (`backbone_relabel_lanes_portable`).
void backbone_relabel_lanes(double *values, size_t lanes, size_t n, size_t m, uint64_t *state, double *sums, double *squares);

/// The most lanes `backbone_relabel_lanes` steps in one vector on this
/// machine: 8 with AVX-512, otherwise 4 (AVX2, or plain C where neither is).
size_t backbone_relabel_widest(void);

/// One test alone, in plain C: its pooled values `values[0 ..< n]`, its
/// generator's words s0…s3 in `state[0 ..< 4]`; the same draws, swaps and
/// sums as a lane of `backbone_relabel_lanes`. For one or two tests of a
/// shape: a vector step costs the same however many of its lanes are
/// used, and two tests one after the other take less than one step of four.
void backbone_relabel_one(double *values, size_t n, size_t m, uint64_t state[4], double *sum, double *square);

/// The plain-C lanes alone, whatever the machine has: what the vector paths
/// must equal (the tests hold them to the same draws and sums).
void backbone_relabel_lanes_portable(double *values, size_t lanes, size_t n, size_t m, uint64_t *state, double *sums, double *squares);

/// |t| of a relabelling from its drawn group's sum and sum of squares:
/// `statistic` is {total sum, total sum of squares, size of the drawn group,
/// size of the rest} of the pooled sample. Welch's t through the one-pass
/// variance, operation for operation as Stats' `RelabelledWelchT`
/// documents; the one place this arithmetic is written, so the observed
/// labelling and every relabelling are measured alike.
double backbone_welch_absolute_t(const double statistic[4], double sumA, double squaresA);

/// After one `backbone_relabel_lanes` step: adds 1 to `extreme[k]` for each
/// lane k whose |t| (`backbone_welch_absolute_t` of `sums[k]`, `squares[k]`)
/// is at least its threshold. `statistics` holds five rows of `lanes`
/// values: the four of `backbone_welch_absolute_t`'s `statistic`, then the
/// thresholds (lane k's value of row r at `statistics[r*lanes + k]`). Eight
/// lanes in one vector with AVX-512, four with AVX2: the same verdicts as
/// the plain-C loop (`backbone_count_extreme_portable`).
void backbone_count_extreme(size_t lanes, const double *sums, const double *squares, const double *statistics, int64_t *extreme);

/// The plain-C loop of `backbone_count_extreme`, whatever the machine has.
void backbone_count_extreme_portable(size_t lanes, const double *sums, const double *squares, const double *statistics, int64_t *extreme);

#endif
