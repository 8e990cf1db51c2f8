#ifndef BACKBONE_CRELABEL_H
#define BACKBONE_CRELABEL_H

#include <stddef.h>
#include <stdint.h>

/// One random relabelling in each of four permutation tests at once: the
/// inner loop of Stats' `PermutationTest.welchSideBySide`.
///
/// Lane k's pooled values are interleaved with the others': its slot i is
/// `values[4*i + k]` (`4*n` values in all). Its xoshiro256** state is
/// `state[k]`, `state[4+k]`, `state[8+k]`, `state[12+k]` (the four words
/// s0…s3, each word's four lanes side by side, so one 256-bit load holds a
/// word of every lane). Each lane gets a partial Fisher–Yates shuffle of
/// its first `m` slots (`m` < `n`), each draw Lemire's multiply-and-reject
/// bound `n − i` on its own generator — exactly the draws, swaps and sums
/// of `SeededGenerator.nextInt(belowPositive:)` in one test's loop — and
/// `sums[k]`, `squares[k]` receive the sum and sum of squares of lane k's
/// drawn values, added in draw order.
///
/// With AVX2 (chosen at run time) the four generators step in one vector
/// and the bounded draws are vector multiplies; the current slots are one
/// load and one store, the drawn ones a lane at a time (a gather was
/// slower on this project's machines). Elsewhere, and
/// for `n` ≥ 2^32, the lanes run one after another in plain C.
void backbone_relabel_four(double *values, size_t n, size_t m, uint64_t state[16], double sums[4], double squares[4]);

/// One test alone, in plain C: its pooled values `values[0 ..< n]`, its
/// generator's words s0…s3 in `state[0 ..< 4]`; the same draws, swaps and
/// sums as a lane of `backbone_relabel_four`. For one or two tests of a
/// shape: a vector step costs the same however many of its four lanes are
/// used, and two tests one after the other take less than one step of four.
void backbone_relabel_one(double *values, size_t n, size_t m, uint64_t state[4], double *sum, double *square);

/// The plain-C lanes alone, whatever the machine has: what the vector path
/// must equal (the tests hold the two to the same draws and sums).
void backbone_relabel_four_portable(double *values, size_t n, size_t m, uint64_t state[16], double sums[4], double squares[4]);

#endif
