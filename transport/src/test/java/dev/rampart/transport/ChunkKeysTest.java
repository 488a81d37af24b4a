package dev.rampart.transport;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ChunkKeysTest {

  @Test
  void perChunk_suffixesTheIndexOnlyWhenChunked() {
    assertThat(ChunkKeys.PER_CHUNK.keyOf("v3", 1, 4)).isEqualTo("v3#1");
    assertThat(ChunkKeys.PER_CHUNK.keyOf("v3", 0, 1)).isEqualTo("v3");
  }

  @Test
  void shared_keepsTheKey() {
    assertThat(ChunkKeys.SHARED.keyOf("client-0", 2, 4)).isEqualTo("client-0");
  }
}
