package dev.rampart.aggregation.coding;

import java.util.Arrays;

/**
 * What one worker computes in one round of a gradient code: the shards whose gradients it
 * evaluates and the coefficients with which it combines them into its coded vector
 * {@code c = Σ_k coefficients[k] · g(shards[k])}.
 *
 * <p>This is the payload a round plan carries per worker. LAD tasks (see {@link CyclicAssignment})
 * have d shards and uniform coefficients 1/d; Tandon tasks (see {@link TandonCode}) carry one row
 * of the encoding matrix B; DRACO tasks (see {@link RepetitionGroups}) carry the group's partition
 * with uniform coefficients. Arrays are copied in and out; immutable and thread-safe.
 *
 * @param worker the worker index, in [0, workerCount)
 * @param round the round (iteration) index, ≥ 0
 * @param shards distinct shard indices, each ≥ 0, at least one
 * @param coefficients one finite coefficient per shard, in the same order
 */
public record CodingTask(int worker, long round, int[] shards, double[] coefficients) {

  /** Validates and copies. */
  public CodingTask {
    if (worker < 0) {
      throw new IllegalArgumentException("worker must be ≥ 0, but was " + worker);
    }
    if (round < 0) {
      throw new IllegalArgumentException("round must be ≥ 0, but was " + round);
    }
    if (shards == null || coefficients == null) {
      throw new IllegalArgumentException("shards and coefficients must not be null");
    }
    if (shards.length == 0 || shards.length != coefficients.length) {
      throw new IllegalArgumentException("a task needs as many coefficients as shards (at least one), but had "
          + shards.length + " shards and " + coefficients.length + " coefficients");
    }
    shards = shards.clone();
    coefficients = coefficients.clone();
    int[] sorted = shards.clone();
    Arrays.sort(sorted);
    for (int k = 0; k < sorted.length; k++) {
      if (sorted[k] < 0 || (k > 0 && sorted[k] == sorted[k - 1])) {
        throw new IllegalArgumentException("shards must be distinct and ≥ 0, but were " + Arrays.toString(shards));
      }
    }
    for (int k = 0; k < coefficients.length; k++) {
      if (!Double.isFinite(coefficients[k])) {
        throw new IllegalArgumentException("coefficient " + k + " must be finite, but was " + coefficients[k]);
      }
    }
  }

  /** A copy of the shard indices, in combination order. */
  @Override
  public int[] shards() {
    return shards.clone();
  }

  /** A copy of the coefficients, aligned with {@link #shards()}. */
  @Override
  public double[] coefficients() {
    return coefficients.clone();
  }

  /** Number of shards this task evaluates (the computation load, d for LAD). */
  public int load() {
    return shards.length;
  }

  /** Shard at position {@code k} of the task, without copying. */
  public int shard(int k) {
    return shards[k];
  }

  /** Coefficient at position {@code k} of the task, without copying. */
  public double coefficient(int k) {
    return coefficients[k];
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof CodingTask t && worker == t.worker && round == t.round
        && Arrays.equals(shards, t.shards) && Arrays.equals(coefficients, t.coefficients);
  }

  @Override
  public int hashCode() {
    return ((31 * worker + Long.hashCode(round)) * 31 + Arrays.hashCode(shards)) * 31
        + Arrays.hashCode(coefficients);
  }

  @Override
  public String toString() {
    return "CodingTask[worker=" + worker + ", round=" + round + ", shards=" + Arrays.toString(shards)
        + ", coefficients=" + Arrays.toString(coefficients) + "]";
  }
}
