package dev.rampart.aggregation;

import java.util.ArrayList;
import java.util.List;
import java.util.function.IntFunction;

/** Every built-in rule, once through its factory and once through its pipeline spec. */
final class RuleCases {

  private RuleCases() {}

  static List<RuleCase> all() {
    List<RuleCase> cases = new ArrayList<>();
    RuleCase.Properties robust = RuleCase.Properties.robust();
    RuleCase.Properties plain = robust.honestMajority(false);
    both(cases, "average", f -> Aggregators.average(), plain);
    both(cases, "median", f -> Aggregators.median(), plain);
    both(cases, "trmean", Aggregators::trimmedMean, robust);
    both(cases, "meamed", Aggregators::meamed, robust);
    both(cases, "gm(nu=0.1, iterations=3)", f -> Aggregators.geometricMedian(),
        plain.translation(false).nonFinite(RuleCase.NonFinite.DROP_INFINITE_ROWS));
    both(cases, "krum", Aggregators::krum, robust);
    both(cases, "krum(variant=blanchard)", f -> Aggregators.krum(f, KrumVariant.BLANCHARD),
        robust.minInputs(f -> 2 * f + 3));
    both(cases, "multikrum", Aggregators::multiKrum, robust);
    both(cases, "mda", Aggregators::mda, robust);
    both(cases, "monna(idx=0)", f -> Aggregators.monna(f, 0), robust.permutation(false));
    both(cases, "cc(tau=100.0, iterations=1)", f -> Aggregators.centeredClipping(), plain.translation(false));
    both(cases, "bulyan", Aggregators::bulyan, robust.minInputs(f -> 4 * f + 3));
    both(cases, "caf", Aggregators::caf, robust);
    both(cases, "smea(limit=1000000)", Aggregators::smea, robust);
    spec(cases, "bucketing(s=2) | krum", robust.permutation(false).minInputs(f -> 4 * f + 1));
    spec(cases, "bucketing(s=3) | median", plain.permutation(false));
    spec(cases, "nnm | cc(tau=1.0, iterations=3)", robust.translation(false).identical(true));
    spec(cases, "nnm | average", robust);
    spec(cases, "nnm | trmean", robust);
    spec(cases, "clip(c=2.0) | median", plain.translation(false).identical(false));
    spec(cases, "arc | krum", robust.translation(false).identical(true));
    return cases;
  }

  private static void both(List<RuleCase> cases, String spec, IntFunction<Aggregator> factory,
      RuleCase.Properties p) {
    cases.add(new RuleCase("factory " + spec, factory, p));
    spec(cases, spec, p);
  }

  private static void spec(List<RuleCase> cases, String spec, RuleCase.Properties p) {
    cases.add(new RuleCase("spec " + spec, f -> Pipeline.parse(spec, f), p));
  }
}
