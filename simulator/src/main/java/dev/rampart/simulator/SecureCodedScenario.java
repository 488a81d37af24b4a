package dev.rampart.simulator;

import dev.rampart.coordinator.SecureAggregation;
import java.util.OptionalInt;

/**
 * A {@link CodedScenario} under grouped secure aggregation with stride groups: the coordinator
 * forms d groups of n/d clients, each covering every shard once, so an honest group mean is the
 * full gradient and the robust rule runs over the d group means.
 *
 * <p>The {@code lad} scenario's own numbers (10 clients, d = 3, f = 2) do not fit stride groups:
 * 10 is not a multiple of 3, and 3 group means outvote only one spoiled group. Its secure variant
 * therefore runs 9 clients (= 9 shards), d = 3, one sign-flipping client and f = 1, with the same
 * pipeline, dense updates, fixed windows, rounds and step size. {@code com-lad} is refused: clients
 * cannot mask rand-k compressed vectors yet. Stateless.
 */
final class SecureCodedScenario {
  /** Clipping bound C of the fixed-point encoding; digits gradients stay within [−1, 1]. */
  static final double CLIP = 1.0;

  private SecureCodedScenario() {}

  /**
   * The secure variant of {@code base}.
   *
   * @param requestedGroupSize the {@code --group-size} the user gave, if any
   * @throws IllegalArgumentException for a scenario that cannot run under secure aggregation, or a
   *     requested group size other than n/d, naming the values
   */
  static CodedScenario of(CodedScenario base, OptionalInt requestedGroupSize) {
    if (!base.compression().equals("identity")) {
      throw new IllegalArgumentException("--scenario " + base.name() + " sends compression '" + base.compression()
          + "', which clients cannot mask under --secure-aggregation yet; use --scenario lad");
    }
    CodedScenario secure = new CodedScenario(base.name() + "-secagg", 9, 3, 1, base.attack(), base.aggregation(), 1,
        base.compression(), base.rounds(), base.serverLearningRate(), base.order());
    int groupSize = groupSize(secure);
    if (requestedGroupSize.isPresent() && requestedGroupSize.getAsInt() != groupSize) {
      throw new IllegalArgumentException("--group-size " + requestedGroupSize.getAsInt() + " conflicts with --scenario "
          + base.name() + " --secure-aggregation: stride groups have clients/redundancy = " + secure.clients() + "/"
          + secure.redundancy() + " = " + groupSize + " members; omit --group-size or pass " + groupSize);
    }
    return secure;
  }

  /** n/d, the members of every stride group. */
  static int groupSize(CodedScenario scenario) {
    return scenario.clients() / scenario.redundancy();
  }

  /** The coordinator's secure-aggregation settings for {@code scenario}: groups of n/d, C = {@value #CLIP}. */
  static SecureAggregation settings(CodedScenario scenario) {
    return SecureAggregation.builder().groupSize(groupSize(scenario)).clip(CLIP).build();
  }
}
