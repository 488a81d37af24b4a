package dev.rampart.coordinator;

import dev.rampart.protocol.ClientId;
import java.util.Objects;

/**
 * What the robust aggregation did with one client's update in one round. Immutable.
 *
 * @param client the client
 * @param excluded whether the rule left the update out entirely
 * @param weight the update's weight in the aggregate (1/n for a plain mean; NaN when the rule has no
 *     weights, such as a coordinate-wise median)
 * @param trimmedShare fraction of coordinates where the update was trimmed, in [0, 1]
 * @param clipScale factor the update was scaled by before aggregation (1 = untouched)
 * @param score the rule's score where one exists (e.g. Krum), otherwise NaN
 * @param distanceToAggregate Euclidean distance between the update and the aggregate
 * @param suspected whether the evidence marks the client as outvoted: excluded, clipped, trimmed
 *     on most coordinates, or down-weighted well below an equal share
 */
public record ClientEvidence(
    ClientId client,
    boolean excluded,
    double weight,
    double trimmedShare,
    double clipScale,
    double score,
    double distanceToAggregate,
    boolean suspected) {
  /** Checks the client is present. */
  public ClientEvidence {
    Objects.requireNonNull(client, "client");
  }
}
