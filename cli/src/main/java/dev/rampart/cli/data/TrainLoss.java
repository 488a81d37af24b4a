package dev.rampart.cli.data;

import java.util.Locale;

/**
 * How the command line prints a round's mean training loss: four decimals, or {@code n/a} when it
 * is unknown ({@link dev.rampart.coordinator.RoundSummary#trainLossKnown()}), which is always the
 * case under secure aggregation. Stateless and thread-safe.
 */
public final class TrainLoss {
  /** Printed in place of a loss the coordinator does not know. */
  public static final String UNKNOWN = "n/a";

  private TrainLoss() {}

  /**
   * The loss as printed.
   *
   * @param meanTrainLoss a round's {@link dev.rampart.coordinator.RoundSummary#meanTrainLoss()};
   *     NaN means unknown
   * @return e.g. {@code 0.4213}, or {@value #UNKNOWN} for NaN
   */
  public static String format(double meanTrainLoss) {
    return Double.isNaN(meanTrainLoss) ? UNKNOWN : String.format(Locale.ROOT, "%.4f", meanTrainLoss);
  }
}
