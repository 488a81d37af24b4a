package dev.rampart.protocol;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;

/**
 * Fuzz target: shard bytes from the shards topic decoded by {@link DataShard#parse}. Only
 * {@link IllegalArgumentException} (the documented refusal) may escape; a decoded shard respects
 * its own bounds and survives a wire round trip unchanged.
 */
class DataShardFuzzTest {

  @FuzzTest(maxDuration = "10s")
  void parse(byte[] serialized) {
    DataShard shard;
    try {
      shard = DataShard.parse(serialized);
    } catch (IllegalArgumentException expected) {
      return;
    }
    assertThat((long) shard.sampleCount() * shard.featureCount()).isBetween(1L, DataShard.MAX_VALUES);
    assertThat(shard.shardId()).isNotNegative().isLessThan(shard.shardCount());
    assertThat(DataShard.parse(shard.toWire().toByteArray())).isEqualTo(shard);
  }
}
