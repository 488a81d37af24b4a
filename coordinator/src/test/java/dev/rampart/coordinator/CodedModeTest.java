package dev.rampart.coordinator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.rampart.crypto.ClientRegistry;
import dev.rampart.crypto.Identity;
import dev.rampart.protocol.DataShard;
import dev.rampart.protocol.JobId;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class CodedModeTest {
  private static List<DataShard> shards(int k) {
    List<DataShard> out = new ArrayList<>();
    for (int i = 0; i < k; i++) {
      out.add(new DataShard(i, k, new float[][] {{1f}}, new int[] {0}, 2));
    }
    return out;
  }

  private static CoordinatorConfig.Builder config(int clients) {
    ClientRegistry registry = ClientRegistry.empty();
    for (int i = 0; i < clients; i++) {
      registry = registry.withClient("c" + i, Identity.generate("c" + i, new SecureRandom()).publicKey());
    }
    return CoordinatorConfig.builder().job(JobId.of("j")).bootstrapServers("localhost:9092")
        .identity(Identity.generate("coordinator", new SecureRandom())).registry(registry).initialModel(new float[3]);
  }

  @Test
  void constructor_redundancyAboveShardCount_namesBoth() {
    assertThatThrownBy(() -> CodedMode.lad(shards(3), 4)).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("shardCount=3").hasMessageContaining("redundancy=4");
  }

  @Test
  void constructor_shardsOutOfOrder_namesPosition() {
    List<DataShard> swapped = new ArrayList<>(shards(3));
    swapped.set(0, shards(3).get(1));
    assertThatThrownBy(() -> CodedMode.lad(swapped, 1)).hasMessageContaining("position 0 has shardId=1");
  }

  @Test
  void build_clientsDoNotTileShards_failsNamingCounts() {
    assertThatThrownBy(() -> config(3).codedMode(CodedMode.lad(shards(4), 3)).build())
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("shardCount=4")
        .hasMessageContaining("3 active clients");
  }

  @Test
  void build_nEqualsKWithCompression_keepsCanonicalSpec() {
    CoordinatorConfig c = config(4).codedMode(CodedMode.lad(shards(4), 3))
        .compression("RandK( ratio = 0.1 , seed = shared )").compressionSeed(9).build();
    assertThat(c.codedMode()).isPresent();
    assertThat(c.compression()).isEqualTo("randk(ratio=0.1,seed=shared)");
    assertThat(c.compressionSeed()).isEqualTo(9);
  }

  @Test
  void compression_unknownCodec_namesSpec() {
    assertThatThrownBy(() -> config(1).compression("zip")).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("compression 'zip' is invalid");
  }
}
