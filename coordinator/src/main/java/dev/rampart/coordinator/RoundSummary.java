package dev.rampart.coordinator;

import dev.rampart.protocol.ClientId;
import dev.rampart.protocol.RejectionReason;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * What happened in one round: who contributed, what was refused, what the aggregation did and the
 * model it committed. Immutable and thread-safe; {@link #model()} returns a copy.
 *
 * @param round the round number, from 1
 * @param modelVersion the version committed by this round (unchanged when no aggregate was made)
 * @param modelDigestHex SHA-256 of the committed model, lowercase hex
 * @param participants how many clients the plan named
 * @param accepted the clients whose update was used, in client-id order
 * @param rejections the first messages refused while the round was open (at most 100, claimed
 *     senders and details escaped and cut; see {@link #rejectionsByReason()} for complete counts)
 * @param rejectionsByReason how many messages were refused while the round was open, per reason
 * @param meanTrainLoss mean of the accepted clients' reported training loss, weighted by their
 *     sample counts; NaN when unknown (see {@link #trainLossKnown()}): when no accepted update
 *     reported one, and always under secure aggregation
 * @param aggregation the rule's per-client evidence, empty when no aggregate was made
 * @param committed whether an aggregate was made and a new model version published
 * @param duration wall time from plan publication to commit
 * @param model the committed model parameters
 * @param metrics the evaluator's metrics of the committed model (empty when none)
 */
public record RoundSummary(
    long round,
    long modelVersion,
    String modelDigestHex,
    int participants,
    List<ClientId> accepted,
    List<Rejection> rejections,
    Map<RejectionReason, Long> rejectionsByReason,
    double meanTrainLoss,
    List<ClientEvidence> aggregation,
    boolean committed,
    Duration duration,
    float[] model,
    Map<String, Double> metrics) {

  /** Copies the lists and the model. */
  public RoundSummary {
    accepted = List.copyOf(accepted);
    rejections = List.copyOf(rejections);
    rejectionsByReason = Map.copyOf(rejectionsByReason);
    aggregation = List.copyOf(aggregation);
    Objects.requireNonNull(modelDigestHex, "modelDigestHex");
    Objects.requireNonNull(duration, "duration");
    model = model.clone();
    metrics = Map.copyOf(metrics);
  }

  /** A copy of the model parameters committed by this round. */
  @Override
  public float[] model() {
    return model.clone();
  }

  /**
   * Whether {@link #meanTrainLoss()} is known. Under secure aggregation it never is: the
   * coordinator receives one unmasked sum per group and no client's own message, so it has no
   * client's loss or sample count to average (a per-client loss would tell it how well the model
   * fits each client's data, which the masking exists to hide); the audit log records the metric
   * as null and the command line prints {@code n/a}.
   */
  public boolean trainLossKnown() {
    return !Double.isNaN(meanTrainLoss);
  }

  /** How many messages were refused while the round was open, over all reasons. */
  public long rejectedCount() {
    return rejectionsByReason.values().stream().mapToLong(Long::longValue).sum();
  }

  /** Clients the aggregation excluded or down-weighted in this round. */
  public List<ClientEvidence> suspected() {
    return aggregation.stream().filter(ClientEvidence::suspected).toList();
  }
}
