package dev.rampart.coordinator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.rampart.crypto.ClientRegistry;
import dev.rampart.crypto.Digests;
import dev.rampart.crypto.Identity;
import dev.rampart.protocol.JobId;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class SecureAggregationTest {
  private static Identity identity(String id) {
    return Identity.fromPrivateKey(id, Digests.sha256(id.getBytes(StandardCharsets.UTF_8)));
  }

  private static CoordinatorConfig.Builder job(int clients, int maxByzantine) {
    ClientRegistry registry = ClientRegistry.empty();
    for (int i = 0; i < clients; i++) {
      registry = registry.withClient("client-" + i, identity("client-" + i).publicKey());
    }
    return CoordinatorConfig.builder().job(JobId.of("job")).bootstrapServers("localhost:9092")
        .identity(identity("coordinator")).registry(registry).initialModel(new float[3])
        .aggregation("median").maxByzantine(maxByzantine);
  }

  @Test
  void build_groupSizeOnly_defaultsToMajorityThresholdAndWidestBits() {
    SecureAggregation s = SecureAggregation.builder().groupSize(4).build();
    assertThat(s.parameters().threshold()).isEqualTo(3);
    assertThat(s.parameters().minSurvivors()).isEqualTo(3);
    assertThat(s.parameters().bits()).isEqualTo(30);
  }

  @Test
  void config_givenPhaseTimeoutsOutlastingTheRound_refusedNamingBothValues() {
    SecureAggregation slow = SecureAggregation.builder().groupSize(2).phaseTimeout(Duration.ofSeconds(13)).build();
    assertThatThrownBy(() -> job(8, 1).roundTimeout(Duration.ofSeconds(60)).secureAggregation(slow).build())
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("phaseTimeout=PT13S").hasMessageContaining("roundTimeout=PT1M")
        .hasMessageContaining("PT1M5S");
    SecureAggregation fits = SecureAggregation.builder().groupSize(2).phaseTimeout(Duration.ofSeconds(12)).build();
    assertThat(job(8, 1).roundTimeout(Duration.ofSeconds(60)).secureAggregation(fits).build()
        .secureAggregation().orElseThrow().phaseTimeout()).isEqualTo(Duration.ofSeconds(12));
  }

  @Test
  void config_defaultPhaseTimeout_isAFifthOfAShortRound() {
    SecureAggregation unset = SecureAggregation.builder().groupSize(2).build();
    assertThat(job(8, 1).roundTimeout(Duration.ofSeconds(30)).secureAggregation(unset).build()
        .secureAggregation().orElseThrow().phaseTimeout()).isEqualTo(Duration.ofSeconds(6));
    assertThat(job(8, 1).roundTimeout(Duration.ofSeconds(300)).secureAggregation(unset).build()
        .secureAggregation().orElseThrow().phaseTimeout()).isEqualTo(SecureAggregation.DEFAULT_PHASE_TIMEOUT);
    assertThat(unset.phaseTimeout()).isEqualTo(SecureAggregation.DEFAULT_PHASE_TIMEOUT);
  }

  @Test
  void build_overflowingBits_refusedNamingTheValues() {
    assertThatThrownBy(() -> SecureAggregation.builder().groupSize(10).bits(30).build())
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("groupSize=10").hasMessageContaining("bits=30").hasMessageContaining("2^32");
  }

  @Test
  void build_thresholdAtHalfTheGroup_refusedNamingTheValues() {
    assertThatThrownBy(() -> SecureAggregation.builder().groupSize(6).threshold(3).build())
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("threshold=3").hasMessageContaining("groupSize=6");
  }

  @Test
  void build_minSurvivorsBelowThreshold_refusedNamingTheValues() {
    assertThatThrownBy(() -> SecureAggregation.builder().groupSize(5).threshold(4).minSurvivors(3).build())
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("minSurvivors=3").hasMessageContaining("threshold=4");
  }

  @Test
  void requireCompatibleCompression_topK_refusedNamingTheSpec() {
    assertThatThrownBy(() -> SecureAggregation.requireCompatibleCompression("topk(ratio=0.1)"))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("topk(ratio=0.1)");
    assertThat(SecureAggregation.requireCompatibleCompression("identity")).isEqualTo("identity");
  }

  @Test
  void coordinatorBuild_groupSizeAboveClientsOverTwoFPlusOne_refusedNamingTheValues() {
    SecureAggregation s = SecureAggregation.builder().groupSize(5).build();
    assertThatThrownBy(() -> job(20, 2).secureAggregation(s).build())
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("groupSize=5").hasMessageContaining("20/5 = 4").hasMessageContaining("maxByzantine=2");
  }

  @Test
  void coordinatorBuild_groupsSmallerThanMinSurvivors_refusedNamingTheValues() {
    SecureAggregation s = SecureAggregation.builder().groupSize(4).build();
    assertThatThrownBy(() -> job(5, 0).secureAggregation(s).build())
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("5 clients").hasMessageContaining("minSurvivors=3");
  }

  @Test
  void coordinatorBuild_twentyClientsGroupsOfFourTwoByzantine_accepted() {
    SecureAggregation s = SecureAggregation.builder().groupSize(4).build();
    assertThat(job(20, 2).secureAggregation(s).build().secureAggregation()).contains(s);
  }

  @Test
  void toleratedGroups_fiveGroups_isTwo() {
    assertThat(SecureAggregation.toleratedGroups(5)).isEqualTo(2);
    assertThat(SecureAggregation.toleratedGroups(4)).isEqualTo(1);
  }

  @Test
  void coordinatorBuild_topKWithSecureAggregation_refusedNamingTheSpec() {
    CoordinatorConfig.Builder builder = job(12, 1).compression("topk(ratio=0.1)")
        .secureAggregation(SecureAggregation.builder().groupSize(4).build());
    assertThatThrownBy(builder::build).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("secure aggregation").hasMessageContaining("topk(ratio=0.1)");
  }

  @Test
  void coordinatorBuild_randKWithSecureAggregation_refusedUntilClientsMaskCompressedVectors() {
    CoordinatorConfig.Builder builder = job(12, 1).compression("randk(ratio=0.1,seed=shared)")
        .secureAggregation(SecureAggregation.builder().groupSize(4).build());
    assertThatThrownBy(builder::build).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("randk").hasMessageContaining("not supported yet");
  }

  @Test
  void coordinatorBuild_secureAggregationWithDenseUpdates_accepted() {
    CoordinatorConfig config = job(12, 1).secureAggregation(SecureAggregation.builder().groupSize(4).build()).build();
    assertThat(config.secureAggregation()).isPresent();
  }
}
