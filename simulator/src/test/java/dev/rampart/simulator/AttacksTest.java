package dev.rampart.simulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.rampart.client.UpdateTransform;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class AttacksTest {
  private static SimulationSettings settings(String attack, int byzantine) {
    return new SimulationSettings(5, 3, 1, null, Path.of("runs"), "trmean", 1, 0.5, 1, 16, Duration.ofSeconds(6), 0.2,
        byzantine, attack);
  }

  @Test
  void parse_suiteName_returnsItsTransform() {
    // a lone ALIE attacker sees only its own vector: σ = 0, so it sends that vector
    float[] out = Attacks.parse("alie(z=2)", 3).apply(new float[] {1, 2}, 1);
    assertThat(out).containsExactly(new float[] {1, 2}, within(0f));
    assertThat(Attacks.parse("inf", 3).apply(new float[] {1}, 1)[0]).isEqualTo(Float.POSITIVE_INFINITY);
  }

  @Test
  void parse_optimalIpmWithoutParameters_searchesWithByzflDefaults() {
    // a lone attacker against the plain mean of its own vector g = 1 and −τ·g: the distance to μ,
    // (1 + τ)/2, grows with τ, so every proposal of the search improves and ByzFL's defaults
    // (20 evaluations from 0, δ = 10, doubling) end at τ = 10·(2^19 − 1) = 5 242 870
    float[] out = Attacks.parse("optimal-ipm", 3).apply(new float[] {1}, 1);
    assertThat(out[0]).isCloseTo(-5_242_870f, within(0f));
  }

  @Test
  void parse_optimalIpmWithParameters_searchesWithThem() {
    // 3 evaluations from 0 with δ = 1: τ = 0, 1, 3 (each better), so the forgery is −3·g
    float[] out = Attacks.parse("optimal-ipm(evaluations=3, delta=1)", 3).apply(new float[] {2}, 1);
    assertThat(out[0]).isCloseTo(-6f, within(0f));
    assertThatThrownBy(() -> Attacks.parse("optimal-alie(ratio=2)", 3)).hasMessageContaining("ratio=2.0");
  }

  @Test
  void parse_gaussianWithMean_drawsAroundIt() {
    // σ = 0 leaves only the mean
    float[] out = Attacks.parse("gaussian(mu=4, sigma=0)", 3).apply(new float[] {1, 2, 3}, 1);
    assertThat(out).containsExactly(new float[] {4, 4, 4}, within(0f));
  }

  @Test
  void install_colludingAttack_wiresEveryClientToTheCoalition() {
    Map<Integer, UpdateTransform> behaviours = new HashMap<>();
    Attacks.install(settings("ipm(eps=2)", 1), behaviours);
    assertThat(behaviours).hasSize(5);
    for (int i = 0; i < 4; i++) {
      behaviours.get(i).apply(new float[] {i + 1f}, 7);
    }
    // honest vectors 1, 2, 3, 4: μ = 2.5, −2·μ = −5
    assertThat(behaviours.get(4).apply(new float[] {100f}, 7)[0]).isCloseTo(-5f, within(1e-6f));
  }

  @Test
  void install_legacyAttack_onlyTheAttackers() {
    Map<Integer, UpdateTransform> behaviours = new HashMap<>();
    Attacks.install(settings("sign-flip", 2), behaviours);
    assertThat(behaviours).containsOnlyKeys(3, 4);
  }

  @Test
  void install_dataPoisoning_pointsToTheGrid() {
    assertThatThrownBy(() -> Attacks.install(settings("label-flip", 1), new HashMap<>()))
        .hasMessageContaining("rampart grid");
  }

  @Test
  void install_optimalIpmNotOmniscient_forgesAgainstAPipelineThatNeedsMoreInputs() {
    // n=5, f=2, trimmed mean with f=2 needs n > 4 inputs; the two attackers see only their own two
    // vectors, which the line search must pad to the three honest clients it expects
    SimulationSettings s = new SimulationSettings(5, 3, 1, null, Path.of("runs"), "trmean", 2, 0.5, 1, 16,
        Duration.ofSeconds(6), 0.2, 2, "optimal-ipm(omniscient=false)");
    Map<Integer, UpdateTransform> behaviours = new HashMap<>();
    Attacks.install(s, behaviours);
    java.util.concurrent.CompletableFuture<float[]> other =
        java.util.concurrent.CompletableFuture.supplyAsync(() -> behaviours.get(3).apply(new float[] {1f}, 1));
    float[] forged = behaviours.get(4).apply(new float[] {1f}, 1);
    // both see [1, 1]: μ = 1, and the forgery is −ε·μ with the searched ε ≥ 0
    assertThat(forged[0]).isLessThanOrEqualTo(0f);
    assertThat(other.join()[0]).isCloseTo(forged[0], within(1e-6f));
  }
}
