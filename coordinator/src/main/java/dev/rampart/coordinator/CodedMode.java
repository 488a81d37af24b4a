package dev.rampart.coordinator;

import dev.rampart.aggregation.coding.CyclicAssignment;
import dev.rampart.aggregation.coding.WindowOrder;
import dev.rampart.protocol.DataShard;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;

/**
 * Coded mode (LAD, Li, Allouah, Guerraoui, Skoglund and Xiao, arXiv:2603.28780): the coordinator
 * splits the job's training data into K shards, publishes them on the job's compacted shards
 * topic before the first round, and each round gives participant i (in client-id order) the
 * cyclic window S_i = {(w + k) mod K : k &lt; d} with w = i, or a seeded per-round rotation or
 * permutation of the windows ({@link WindowOrder}). Tasks carry uniform coefficients 1/d, so an
 * honest client's update is the mean of its d shard gradients.
 *
 * <p>Immutable and thread-safe; the shard list is copied.
 *
 * @param shards the K shards; shard k must have {@code shardId() == k} and {@code shardCount() == K}
 * @param redundancy d, shards per task, in [1, K]
 * @param order how participants map to windows each round
 * @param shiftSeed seed of the per-round window order (ignored for {@link WindowOrder#FIXED});
 *     recorded in the audit trail
 * @param pointerDirectory when non-null, each shard's serialized bytes are written to a file there
 *     and the shards topic carries a pointer ({@code file:} URI) instead of the data; clients must
 *     be able to read that path (shared storage). The plan's SHA-256 covers the file's bytes.
 */
public record CodedMode(List<DataShard> shards, int redundancy, WindowOrder order, long shiftSeed,
    Path pointerDirectory) {
  /** Validates; messages name the bad value. */
  public CodedMode {
    Objects.requireNonNull(shards, "shards");
    Objects.requireNonNull(order, "order");
    shards = List.copyOf(shards);
    if (shards.isEmpty()) {
      throw new IllegalArgumentException("coded mode needs at least one shard, but shards=0");
    }
    for (int k = 0; k < shards.size(); k++) {
      DataShard s = shards.get(k);
      if (s.shardId() != k || s.shardCount() != shards.size()) {
        throw new IllegalArgumentException("shard at position " + k + " has shardId=" + s.shardId() + ", shardCount="
            + s.shardCount() + "; expected shardId=" + k + ", shardCount=" + shards.size());
      }
    }
    if (redundancy < 1 || redundancy > shards.size()) {
      throw new IllegalArgumentException("redundancy must be in [1, shardCount=" + shards.size() + "], but redundancy="
          + redundancy);
    }
  }

  /** LAD with a fixed cyclic assignment (participant i always computes window i). */
  public static CodedMode lad(List<DataShard> shards, int redundancy) {
    return new CodedMode(shards, redundancy, WindowOrder.FIXED, 0L, null);
  }

  /** The same mode with a seeded per-round window order. */
  public CodedMode withOrder(WindowOrder windowOrder, long seed) {
    return new CodedMode(shards, redundancy, windowOrder, seed, pointerDirectory);
  }

  /** The same mode publishing pointers to files in {@code directory} instead of inline shards. */
  public CodedMode withPointers(Path directory) {
    return new CodedMode(shards, redundancy, order, shiftSeed, Objects.requireNonNull(directory, "directory"));
  }

  /** K, the number of shards. */
  public int shardCount() {
    return shards.size();
  }

  /**
   * Checks that the cyclic assignment of this mode's shards over {@code activeClients} clients covers
   * every shard equally; the message names the counts.
   */
  void requireUniformCover(int activeClients) {
    if (!CyclicAssignment.create(shardCount(), Math.max(activeClients, 1), redundancy()).isUniform()) {
      throw new IllegalArgumentException("coded mode with shardCount=" + shardCount() + " and redundancy="
          + redundancy() + " does not cover every shard equally with " + activeClients
          + " active clients; use a multiple of shardCount clients");
    }
  }
}
