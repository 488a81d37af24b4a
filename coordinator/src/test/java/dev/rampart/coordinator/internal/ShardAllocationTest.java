package dev.rampart.coordinator.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rampart.coordinator.CodedMode;
import dev.rampart.protocol.DataShard;
import dev.rampart.protocol.wire.ShardData;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ShardAllocationTest {
  private static final List<DataShard> SHARDS = List.of(
      new DataShard(0, 2, new float[][] {{1f, 2f}}, new int[] {1}, 2),
      new DataShard(1, 2, new float[][] {{3f, 4f}}, new int[] {0}, 2));

  @Test
  void recordBody_inline_isTheSerializedShardItsDigestNames() throws Exception {
    ShardAllocation a = new ShardAllocation(CodedMode.lad(SHARDS, 1));
    byte[] body = a.recordBody("job", 1);
    assertThat(DataShard.parse(body)).isEqualTo(SHARDS.get(1));
    assertThat(a.digest(1).getSha256().toByteArray()).isEqualTo(DataShard.sha256(body));
  }

  @Test
  void recordBody_pointer_namesAFileWhoseBytesMatchTheDigest(@TempDir Path dir) throws Exception {
    ShardAllocation a = new ShardAllocation(CodedMode.lad(SHARDS, 1).withPointers(dir));
    ShardData pointer = ShardData.parseFrom(a.recordBody("job", 0));
    assertThat(pointer.getShardId()).isZero();
    assertThat(pointer.getFeaturesF32Le().isEmpty()).isTrue();
    byte[] file = Files.readAllBytes(Path.of(URI.create(pointer.getUri())));
    assertThat(DataShard.sha256(file)).isEqualTo(a.digest(0).getSha256().toByteArray());
    assertThat(DataShard.parse(file)).isEqualTo(SHARDS.get(0));
  }
}
