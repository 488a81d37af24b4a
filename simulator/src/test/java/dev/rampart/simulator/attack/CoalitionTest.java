package dev.rampart.simulator.attack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class CoalitionTest {
  @Test
  void view_omniscientAfterAllHonestReports_returnsThem() {
    Coalition c = new Coalition(2, 1, Duration.ofSeconds(5));
    c.reportHonest(3, new float[] {1});
    c.reportHonest(3, new float[] {2});
    List<float[]> seen = c.view(3, true, new float[] {9});
    assertThat(seen).hasSize(2);
    assertThat(seen.get(1)[0]).isCloseTo(2f, within(0f));
  }

  @Test
  void view_honestVectorArrivesLater_waitsForIt() throws Exception {
    Coalition c = new Coalition(1, 1, Duration.ofSeconds(20));
    CompletableFuture<List<float[]>> waiting = CompletableFuture.supplyAsync(() -> c.view(1, true, new float[] {9}));
    c.reportHonest(1, new float[] {5});
    List<float[]> seen = waiting.get(10, TimeUnit.SECONDS);
    assertThat(seen).hasSize(1);
    assertThat(seen.get(0)[0]).isCloseTo(5f, within(0f));
  }

  @Test
  void view_nothingArrivesInTime_fallsBackToOwnVector() {
    Coalition c = new Coalition(3, 1, Duration.ofMillis(20));
    List<float[]> seen = c.view(1, true, new float[] {9});
    assertThat(seen).hasSize(1);
    assertThat(seen.get(0)[0]).isCloseTo(9f, within(0f));
  }

  @Test
  void view_notOmniscient_seesOnlyAttackersOwnVectors() {
    Coalition c = new Coalition(1, 2, Duration.ofSeconds(5));
    c.reportHonest(1, new float[] {100});
    c.reportOwn(1, new float[] {1});
    c.reportOwn(1, new float[] {3});
    List<float[]> seen = c.view(1, false, new float[] {1});
    assertThat(seen).extracting(v -> v[0]).containsExactly(1f, 3f);
  }
}
