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

#endif
