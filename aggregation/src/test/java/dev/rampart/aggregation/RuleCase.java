package dev.rampart.aggregation;

import java.util.function.IntFunction;

/**
 * One rule as the contract suite sees it: how to build it, which properties hold for it, and its
 * non-finite policy.
 */
record RuleCase(String label, IntFunction<Aggregator> factory, Properties properties) {

  enum NonFinite { REJECT, DROP_INFINITE_ROWS }

  /** Contract flags; {@code minInputs} maps f to the smallest n the rule accepts. */
  record Properties(boolean permutationInvariant, boolean translationEquivariant,
      boolean identicalGivesInput, boolean requiresHonestMajority, IntFunction<Integer> minInputs,
      NonFinite nonFinite) {

    static Properties robust() {
      return new Properties(true, true, true, true, f -> 2 * f + 1, NonFinite.REJECT);
    }

    Properties permutation(boolean v) {
      return new Properties(v, translationEquivariant, identicalGivesInput, requiresHonestMajority, minInputs, nonFinite);
    }

    Properties translation(boolean v) {
      return new Properties(permutationInvariant, v, identicalGivesInput, requiresHonestMajority, minInputs, nonFinite);
    }

    Properties identical(boolean v) {
      return new Properties(permutationInvariant, translationEquivariant, v, requiresHonestMajority, minInputs, nonFinite);
    }

    Properties honestMajority(boolean v) {
      return new Properties(permutationInvariant, translationEquivariant, identicalGivesInput, v,
          v ? minInputs : f -> 1, nonFinite);
    }

    Properties minInputs(IntFunction<Integer> m) {
      return new Properties(permutationInvariant, translationEquivariant, identicalGivesInput, requiresHonestMajority, m, nonFinite);
    }

    Properties nonFinite(NonFinite p) {
      return new Properties(permutationInvariant, translationEquivariant, identicalGivesInput, requiresHonestMajority, minInputs, p);
    }
  }

  @Override
  public String toString() {
    return label;
  }
}
