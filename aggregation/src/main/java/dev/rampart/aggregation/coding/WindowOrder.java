package dev.rampart.aggregation.coding;

/**
 * How a {@link CyclicAssignment} maps workers to the cyclic windows in each round. The set of
 * windows never changes (window p is shards {(p + k) mod K : k < d} for p in [0, n)), so the
 * coverage of every shard is the same in every round; only which worker computes which window
 * changes. Per-round choices are a pure function of (seed, round), so any round can be replayed.
 * Immutable and thread-safe.
 */
public enum WindowOrder {
  /** Worker i always computes window i. */
  FIXED,
  /** Worker i computes window (i + o_t) mod n, with o_t uniform in [0, n) drawn from (seed, t). */
  ROTATED,
  /** Worker i computes window π_t(i), with π_t a uniform permutation of [0, n) drawn from (seed, t). */
  PERMUTED
}
