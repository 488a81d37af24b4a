package dev.rampart.crypto.secagg;

import dev.rampart.protocol.JobId;
import java.util.Objects;

/**
 * Names one secure-aggregation group: a job, a round of that job and a group of that round.
 * Every message of the group is bound to these three values by its signature.
 *
 * <p>Immutable and thread-safe.
 *
 * @param jobId the job
 * @param round the round number, at least 0
 * @param groupId the group number within the round, at least 0
 */
public record GroupRef(JobId jobId, long round, int groupId) {
  /** Validates the values; messages name the bad value. */
  public GroupRef {
    Objects.requireNonNull(jobId, "jobId");
    if (round < 0) {
      throw new SecAggException("round must be >= 0, but was " + round);
    }
    if (groupId < 0) {
      throw new SecAggException("groupId must be >= 0, but was " + groupId);
    }
  }

  /** Shorthand for {@code new GroupRef(JobId.of(jobId), round, groupId)}. */
  public static GroupRef of(String jobId, long round, int groupId) {
    return new GroupRef(JobId.of(jobId), round, groupId);
  }

  /** {@code <job>/r<round>/g<group>}. */
  @Override
  public String toString() {
    return jobId + "/r" + round + "/g" + groupId;
  }
}
