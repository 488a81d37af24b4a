package dev.rampart.protocol;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.protobuf.ByteString;
import dev.rampart.protocol.wire.ShardData;
import org.junit.jupiter.api.Test;

class DataShardTest {
  private static DataShard shard() {
    return new DataShard(2, 5, new float[][] {{1f, -2f, 0.5f}, {0f, 3f, -1.25f}}, new int[] {1, 0}, 3);
  }

  @Test
  void parse_serializedShard_returnsEqualShard() {
    DataShard s = shard();
    DataShard back = DataShard.parse(s.toWire().toByteArray());
    assertThat(back).isEqualTo(s);
    assertThat(back.features()[1]).containsExactly(0f, 3f, -1.25f);
    assertThat(back.labels()).containsExactly(1, 0);
  }

  @Test
  void sha256_oneLabelChanged_differs() {
    byte[] a = shard().toWire().toByteArray();
    byte[] b = new DataShard(2, 5, new float[][] {{1f, -2f, 0.5f}, {0f, 3f, -1.25f}}, new int[] {1, 2}, 3)
        .toWire().toByteArray();
    assertThat(DataShard.sha256(a)).hasSize(32).isEqualTo(DataShard.sha256(a.clone()));
    assertThat(DataShard.sha256(b)).isNotEqualTo(DataShard.sha256(a));
  }

  @Test
  void fromWire_featureBytesDisagreeWithLabels_namesShard() {
    ShardData wire = shard().toWire().toBuilder().setFeaturesF32Le(ByteString.copyFrom(new byte[7])).build();
    assertThatThrownBy(() -> DataShard.fromWire(wire)).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("shard 2").hasMessageContaining("7 feature bytes");
  }

  @Test
  void fromWire_pointer_isRefusedAsNotInline() {
    ShardData pointer = ShardData.newBuilder().setShardId(4).setUri("file:/tmp/s4").build();
    assertThatThrownBy(() -> DataShard.fromWire(pointer)).hasMessageContaining("shard 4 is a pointer");
  }

  @Test
  void constructor_labelOutOfRange_namesSampleAndLabel() {
    assertThatThrownBy(() -> new DataShard(0, 1, new float[][] {{1f}}, new int[] {3}, 3))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("label of sample 0 is 3");
    assertThatThrownBy(() -> new DataShard(5, 5, new float[][] {{1f}}, new int[] {0}, 3))
        .hasMessageContaining("shardId=5, shardCount=5");
  }

  @Test
  void features_returnedArrays_areCopies() {
    DataShard s = shard();
    s.features()[0][0] = 99f;
    s.labels()[0] = 2;
    assertThat(s.features()[0][0]).isEqualTo(1f);
    assertThat(s.labels()[0]).isEqualTo(1);
  }
}
