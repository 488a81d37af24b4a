package dev.rampart.audit;

import java.util.Objects;

/**
 * What the robust aggregation did to one client's update in one round: the evidence an
 * {@link RecordType#ANOMALY} record carries per client. Mirrors the aggregation module's
 * per-input evidence, keyed by client id. Immutable and thread-safe.
 *
 * @param client the client id
 * @param excluded the update's values did not enter the aggregate
 * @param weight the update's coefficient in the aggregate, NaN when the rule has no weights
 *     (written as null)
 * @param trimmedShare fraction of coordinates where the update was trimmed, in [0, 1]
 * @param clipScale factor clipping scaled the update by, in [0, 1]; 1 when untouched
 * @param score the rule's own score for the update, NaN when it has none (written as null)
 * @param distanceToAggregate Euclidean distance from the update to the aggregate, NaN when not
 *     computed (written as null)
 * @param suspected whether the coordinator flags the client (excluded, clipped, trimmed or
 *     down-weighted)
 */
public record ClientAnomaly(String client, boolean excluded, double weight, double trimmedShare,
    double clipScale, double score, double distanceToAggregate, boolean suspected) {

  /** Checks the client id is present and the shares are in range. */
  public ClientAnomaly {
    Objects.requireNonNull(client, "client");
    if (!(trimmedShare >= 0.0 && trimmedShare <= 1.0)) {
      throw new IllegalArgumentException("trimmedShare must be in [0, 1], but trimmedShare="
          + trimmedShare + " for client " + client);
    }
    if (!(clipScale >= 0.0 && clipScale <= 1.0)) {
      throw new IllegalArgumentException("clipScale must be in [0, 1], but clipScale=" + clipScale
          + " for client " + client);
    }
  }
}
