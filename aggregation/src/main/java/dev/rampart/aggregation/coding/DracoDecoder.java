package dev.rampart.aggregation.coding;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * DRACO's majority-vote decoder for the repetition code (Chen, Wang, Charles and Papailiopoulos,
 * "DRACO: Byzantine-resilient Distributed Training via Redundant Gradients", ICML 2018): in each
 * group of {@link RepetitionGroups}, the value sent by a strict majority of the members is taken
 * as the group's partition gradient v_j, and the full gradient is Σ_j (|P_j|/K)·v_j.
 *
 * <p>Exactness: if every group has more honest members than Byzantine ones (guaranteed when the
 * minimum group size r ≥ 2f + 1), every v_j is the honest value bit for bit, so the output equals
 * the honest full gradient exactly, whatever the Byzantine workers send. A group without a strict
 * majority (more than m/2 of its m members, absent members counting against) makes {@link
 * #decode} throw {@link DecodingException} naming the group. Majority finding is Boyer–Moore's
 * vote followed by a count, O(m·D) per group for D coordinates in both {@link MajorityVote}
 * modes. Inputs are never modified. Immutable and thread-safe.
 */
public final class DracoDecoder {

  private final RepetitionGroups groups;
  private final MajorityVote vote;

  private DracoDecoder(RepetitionGroups groups, MajorityVote vote) {
    this.groups = groups;
    this.vote = vote;
  }

  /**
   * Creates the decoder.
   *
   * @param groups the repetition groups the tasks were assigned from
   * @param vote whole-vector or per-coordinate majority
   * @return the decoder
   */
  public static DracoDecoder create(RepetitionGroups groups, MajorityVote vote) {
    if (groups == null || vote == null) {
      throw new IllegalArgumentException("groups and vote must not be null");
    }
    return new DracoDecoder(groups, vote);
  }

  /** The groups this decoder votes over. */
  public RepetitionGroups groups() {
    return groups;
  }

  /** The voting mode. */
  public MajorityVote vote() {
    return vote;
  }

  /**
   * Decodes one round.
   *
   * @param received one entry per worker in worker order; null marks an absent worker; present
   *     entries share one dimension ≥ 1
   * @return the mean shard gradient and the outvoted workers
   * @throws IllegalArgumentException when the list does not have n entries, none is present, or
   *     dimensions differ
   * @throws DecodingException when a group has no strict majority
   */
  public DracoDecoding decode(List<float[]> received) {
    int dimension = requireShape(received);
    double[] sum = new double[dimension];
    List<Integer> outvoted = new ArrayList<>();
    for (int g = 0; g < groups.groupCount(); g++) {
      int[] members = groups.members(g);
      float[] value = vote == MajorityVote.VECTOR ? vectorMajority(g, members, received)
          : coordinateMajority(g, members, received, dimension);
      double weight = (double) groups.shards(g).length / groups.shardCount();
      for (int j = 0; j < dimension; j++) {
        sum[j] += weight * value[j];
      }
      for (int w : members) {
        float[] x = received.get(w);
        if (x == null || !Arrays.equals(x, value)) {
          outvoted.add(w);
        }
      }
    }
    float[] gradient = new float[dimension];
    for (int j = 0; j < dimension; j++) {
      gradient[j] = (float) sum[j];
    }
    return new DracoDecoding(gradient, outvoted.stream().mapToInt(Integer::intValue).toArray());
  }

  private static float[] vectorMajority(int group, int[] members, List<float[]> received) {
    float[] candidate = null;
    int balance = 0;
    for (int w : members) {
      float[] x = received.get(w);
      if (x == null) {
        continue;
      }
      if (balance == 0) {
        candidate = x;
        balance = 1;
      } else {
        balance += Arrays.equals(candidate, x) ? 1 : -1;
      }
    }
    int count = 0;
    for (int w : members) {
      float[] x = received.get(w);
      if (x != null && candidate != null && Arrays.equals(candidate, x)) {
        count++;
      }
    }
    if (2 * count <= members.length) {
      throw noMajority(group, members, count);
    }
    return candidate.clone();
  }

  private static float[] coordinateMajority(int group, int[] members, List<float[]> received, int dimension) {
    float[] out = new float[dimension];
    for (int j = 0; j < dimension; j++) {
      int candidate = 0;
      int balance = 0;
      for (int w : members) {
        float[] x = received.get(w);
        if (x == null) {
          continue;
        }
        int bits = Float.floatToIntBits(x[j]);
        if (balance == 0) {
          candidate = bits;
          balance = 1;
        } else {
          balance += bits == candidate ? 1 : -1;
        }
      }
      int count = 0;
      for (int w : members) {
        float[] x = received.get(w);
        if (x != null && Float.floatToIntBits(x[j]) == candidate) {
          count++;
        }
      }
      if (2 * count <= members.length) {
        throw noMajority(group, members, count);
      }
      out[j] = Float.intBitsToFloat(candidate);
    }
    return out;
  }

  private int requireShape(List<float[]> received) {
    if (received == null || received.size() != groups.workerCount()) {
      throw new IllegalArgumentException("expected one entry per worker (" + groups.workerCount() + "), but got "
          + (received == null ? "null" : received.size()));
    }
    int dimension = -1;
    for (int w = 0; w < received.size(); w++) {
      float[] x = received.get(w);
      if (x == null) {
        continue;
      }
      if (dimension < 0) {
        dimension = x.length;
      } else if (x.length != dimension) {
        throw new IllegalArgumentException("worker " + w + " sent dimension " + x.length + ", expected " + dimension);
      }
    }
    if (dimension < 1) {
      throw new IllegalArgumentException("no worker sent a non-empty vector");
    }
    return dimension;
  }

  private static DecodingException noMajority(int group, int[] members, int count) {
    return new DecodingException("DRACO group " + group + " (workers " + members[0] + ".."
        + members[members.length - 1] + ") has no strict majority: best value sent by " + count + " of "
        + members.length);
  }

  @Override
  public String toString() {
    return "DracoDecoder[" + groups + ", vote=" + vote + "]";
  }
}
