package dev.rampart.coordinator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.rampart.aggregation.coding.WindowOrder;
import dev.rampart.crypto.ClientRegistry;
import dev.rampart.crypto.Digests;
import dev.rampart.crypto.Identity;
import dev.rampart.protocol.DataShard;
import dev.rampart.protocol.JobId;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Coded mode together with secure aggregation: the configuration checks of stride groups. */
class CodedSecureAggregationTest {
  private static Identity identity(String id) {
    return Identity.fromPrivateKey(id, Digests.sha256(id.getBytes(StandardCharsets.UTF_8)));
  }

  private static List<DataShard> shards(int k) {
    List<DataShard> out = new ArrayList<>();
    for (int i = 0; i < k; i++) {
      out.add(new DataShard(i, k, new float[][] {{1f}}, new int[] {0}, 2));
    }
    return out;
  }

  private static CoordinatorConfig.Builder job(int clients, int maxByzantine, CodedMode mode, int groupSize) {
    ClientRegistry registry = ClientRegistry.empty();
    for (int i = 0; i < clients; i++) {
      registry = registry.withClient("client-" + i, identity("client-" + i).publicKey());
    }
    return CoordinatorConfig.builder().job(JobId.of("job")).bootstrapServers("localhost:9092")
        .identity(identity("coordinator")).registry(registry).initialModel(new float[3])
        .aggregation("median").maxByzantine(maxByzantine).codedMode(mode)
        .secureAggregation(SecureAggregation.builder().groupSize(groupSize).build());
  }

  @Test
  void build_nineClientsNineShardsRedundancyThreeGroupsOfThree_accepted() {
    CoordinatorConfig config = job(9, 1, CodedMode.lad(shards(9), 3), 3).build();
    assertThat(config.codedMode()).isPresent();
    assertThat(config.secureAggregation()).hasValueSatisfying(s -> assertThat(s.groupSize()).isEqualTo(3));
  }

  @Test
  void build_participantsNotAMultipleOfRedundancy_refusedNamingBoth() {
    assertThatThrownBy(() -> job(10, 0, CodedMode.lad(shards(10), 3), 3).build())
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("participants=10").hasMessageContaining("redundancy=3")
        .hasMessageContaining("multiple of redundancy");
  }

  @Test
  void build_groupSizeOtherThanParticipantsOverRedundancy_refusedNamingBoth() {
    assertThatThrownBy(() -> job(9, 0, CodedMode.lad(shards(9), 3), 4).build())
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("9/3 = 3").hasMessageContaining("set groupSize=3").hasMessageContaining("groupSize=4");
  }

  @Test
  void build_tooFewStrideGroupsForMaxByzantine_refusedStatingTheGroupRule() {
    assertThatThrownBy(() -> job(8, 1, CodedMode.lad(shards(8), 2), 4).build())
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("maxByzantine < groups/2").hasMessageContaining("2 group means")
        .hasMessageContaining("maxByzantine <= 0").hasMessageContaining("maxByzantine=1")
        .hasMessageContaining("redundancy >= 3");
  }

  @Test
  void build_permutedWindowOrder_refusedNamingTheOrder() {
    CodedMode permuted = CodedMode.lad(shards(9), 3).withOrder(WindowOrder.PERMUTED, 7);
    assertThatThrownBy(() -> job(9, 1, permuted, 3).build())
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("PERMUTED");
  }

  @Test
  void build_rotatedWindowOrder_accepted() {
    CodedMode rotated = CodedMode.lad(shards(9), 3).withOrder(WindowOrder.ROTATED, 7);
    assertThat(job(9, 1, rotated, 3).build().codedMode()).contains(rotated);
  }

  @Test
  void build_topKWithCodedSecureAggregation_stillRefusedNamingTheSpec() {
    CoordinatorConfig.Builder builder = job(9, 1, CodedMode.lad(shards(9), 3), 3).compression("topk(ratio=0.1)");
    assertThatThrownBy(builder::build).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("secure aggregation").hasMessageContaining("topk(ratio=0.1)");
  }

  @Test
  void build_sharedRandKWithCodedSecureAggregation_refusedUntilClientsMaskCompressedVectors() {
    CoordinatorConfig.Builder builder = job(9, 1, CodedMode.lad(shards(9), 3), 3)
        .compression("randk(ratio=0.1,seed=shared)");
    assertThatThrownBy(builder::build).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("randk").hasMessageContaining("not supported yet");
  }
}
