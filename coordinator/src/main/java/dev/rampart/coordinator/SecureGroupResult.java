package dev.rampart.coordinator;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The outcome of one secure-aggregation group in one round: the survivors and the unmasked
 * modular sum of their fixed-point inputs, or the reason the group was dropped. This is all the
 * coordinator learns about the group's members. Immutable and thread-safe; the sum is copied.
 *
 * @param round the round
 * @param groupId the group's index in the round plan
 * @param members the planned members, sorted
 * @param survivors U3, the members whose masked input entered the sum (empty when failed)
 * @param failure why the group was dropped, empty on success
 * @param sum Σ_{u∈U3} q(x_u) mod 2^32 per coordinate (empty array when failed)
 * @param mean the decoded group mean that entered the robust step (empty array when failed)
 */
public record SecureGroupResult(long round, int groupId, List<String> members, List<String> survivors,
    Optional<String> failure, int[] sum, float[] mean) {
  /** Copies the lists and arrays. */
  public SecureGroupResult {
    members = List.copyOf(members);
    survivors = List.copyOf(survivors);
    Objects.requireNonNull(failure, "failure");
    sum = sum.clone();
    mean = mean.clone();
  }

  /** Whether the group was unmasked. */
  public boolean succeeded() {
    return failure.isEmpty();
  }

  /** A copy of the modular sum. */
  @Override
  public int[] sum() {
    return sum.clone();
  }

  /** A copy of the decoded mean. */
  @Override
  public float[] mean() {
    return mean.clone();
  }

  /** The id under which the group's mean enters the robust pipeline and the audit log. */
  public static String inputId(int groupId) {
    return "group-" + groupId;
  }
}
