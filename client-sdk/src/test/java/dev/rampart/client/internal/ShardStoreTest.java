package dev.rampart.client.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rampart.crypto.Envelopes;
import dev.rampart.crypto.Identity;
import dev.rampart.protocol.DataShard;
import dev.rampart.protocol.wire.Envelope;
import dev.rampart.protocol.wire.MessageType;
import dev.rampart.protocol.wire.ShardData;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ShardStoreTest {
  private static final Identity COORDINATOR = Identity.generate("coordinator", new SecureRandom());

  private static DataShard shard(int id, int label) {
    return new DataShard(id, 4, new float[][] {{0.5f, 1f}, {2f, -1f}}, new int[] {label, 0}, 3);
  }

  private static Envelope record(int id, byte[] body) {
    return Envelopes.seal(COORDINATOR, MessageType.SHARD, "job", id, body, 0);
  }

  @Test
  void find_genuineRecordAmongForged_returnsGenuineAndRefusesForged() {
    byte[] genuine = shard(1, 2).toWire().toByteArray();
    byte[] forged = shard(1, 1).toWire().toByteArray();
    ShardStore store = new ShardStore();
    store.accept(record(1, forged));
    store.accept(record(1, genuine));
    assertThat(store.find(1, DataShard.sha256(genuine))).contains(shard(1, 2));
    assertThat(store.refused()).isEqualTo(1);
    assertThat(store.find(1, DataShard.sha256(genuine))).contains(shard(1, 2));
    assertThat(store.refused()).isEqualTo(1);
  }

  @Test
  void find_onlyTamperedRecord_isEmptyAndCounted() {
    ShardStore store = new ShardStore();
    store.accept(record(2, shard(2, 1).toWire().toByteArray()));
    assertThat(store.find(2, DataShard.sha256(shard(2, 2).toWire().toByteArray()))).isEmpty();
    assertThat(store.refused()).isEqualTo(1);
  }

  @Test
  void find_missingShard_isEmptyWithoutRefusal() {
    ShardStore store = new ShardStore();
    assertThat(store.find(3, new byte[32])).isEmpty();
    assertThat(store.refused()).isZero();
  }

  @Test
  void accept_bodyForAnotherShardThanItsKey_isRefused() {
    ShardStore store = new ShardStore();
    byte[] body = shard(1, 2).toWire().toByteArray();
    store.accept(record(0, body));
    assertThat(store.refused()).isEqualTo(1);
    assertThat(store.find(1, DataShard.sha256(body))).isEmpty();
  }

  @Test
  void find_pointerToFile_verifiesTheFileBytes(@TempDir Path dir) throws Exception {
    byte[] bytes = shard(0, 2).toWire().toByteArray();
    Path file = dir.resolve("shard-0.bin");
    Files.write(file, bytes);
    ShardStore store = new ShardStore();
    store.accept(record(0, ShardData.newBuilder().setShardId(0).setUri(file.toUri().toString()).build().toByteArray()));
    assertThat(store.find(0, DataShard.sha256(bytes))).contains(shard(0, 2));

    Files.write(file, shard(0, 1).toWire().toByteArray());
    ShardStore other = new ShardStore();
    other.accept(record(0, ShardData.newBuilder().setShardId(0).setUri(file.toUri().toString()).build().toByteArray()));
    assertThat(other.find(0, DataShard.sha256(bytes))).isEmpty();
    assertThat(other.refused()).isEqualTo(1);
  }

  @Test
  void find_pointerWithUnsupportedScheme_isRefused() {
    ShardStore store = new ShardStore();
    store.accept(record(0, ShardData.newBuilder().setShardId(0).setUri("ftp://example.invalid/s0").build().toByteArray()));
    assertThat(store.find(0, new byte[32])).isEmpty();
    assertThat(store.refused()).isEqualTo(1);
  }
}
