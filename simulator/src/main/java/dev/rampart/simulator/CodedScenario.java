package dev.rampart.simulator;

import dev.rampart.aggregation.coding.WindowOrder;
import java.util.List;
import java.util.Objects;

/**
 * A named coded-mode (LAD / Com-LAD) job on the digits data: the training split is cut into
 * {@code clients} shards (n = K, the LAD setting), each round client i computes the gradients of
 * its cyclic window of {@code redundancy} shards and sends their mean, the last {@code byzantine}
 * clients run {@code attack} on their coded vector, and the coordinator takes a gradient step
 * with the robust pipeline's output. Immutable; validated on construction.
 *
 * @param name the scenario name given to {@code --scenario}
 * @param clients n = K, at least 1
 * @param redundancy d in [1, clients]
 * @param byzantine Byzantine clients, in [0, clients)
 * @param attack the Byzantine behaviour (see {@link Attacks})
 * @param aggregation the robust pipeline spec
 * @param maxByzantine f assumed by the pipeline
 * @param compression what clients send (a compression spec; {@code identity} is dense)
 * @param rounds rounds to run, at least 1
 * @param serverLearningRate step size of {@code w ← w − η·aggregate}, positive
 * @param order how clients map to windows each round
 */
record CodedScenario(String name, int clients, int redundancy, int byzantine, String attack, String aggregation,
    int maxByzantine, String compression, int rounds, double serverLearningRate, WindowOrder order) {
  /** The scenario names {@link #named} knows. */
  static final List<String> NAMES = List.of("lad", "com-lad");

  CodedScenario {
    Objects.requireNonNull(name, "name");
    if (clients < 1 || redundancy < 1 || redundancy > clients) {
      throw new IllegalArgumentException("need clients ≥ 1 and redundancy in [1, clients], but clients=" + clients
          + ", redundancy=" + redundancy);
    }
    if (byzantine < 0 || byzantine >= clients) {
      throw new IllegalArgumentException("byzantine must be in [0, clients), but byzantine=" + byzantine);
    }
    if (rounds < 1 || !(serverLearningRate > 0)) {
      throw new IllegalArgumentException("need rounds ≥ 1 and a positive serverLearningRate, but rounds=" + rounds
          + ", serverLearningRate=" + serverLearningRate);
    }
    Attacks.parse(attack, 0);
  }

  /**
   * {@code lad}: 10 clients, d = 3, 2 sign-flipping clients, {@code nnm | trmean} with f = 2,
   * dense updates, fixed windows, 40 rounds at η = 1. {@code com-lad}: the same with shared-seed
   * rand-k at 10 % and windows rotated per round.
   *
   * @throws IllegalArgumentException for another name, listing the valid ones
   */
  static CodedScenario named(String name) {
    return switch (name) {
      case "lad" -> new CodedScenario("lad", 10, 3, 2, "sign-flip", "nnm | trmean", 2, "identity", 40, 1.0,
          WindowOrder.FIXED);
      case "com-lad" -> new CodedScenario("com-lad", 10, 3, 2, "sign-flip", "nnm | trmean", 2,
          "randk(ratio=0.1,seed=shared)", 40, 1.0, WindowOrder.ROTATED);
      default -> throw new IllegalArgumentException("unknown scenario '" + name + "'; valid scenarios: "
          + String.join(", ", NAMES));
    };
  }
}
