package dev.rampart.crypto.secagg;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.rampart.crypto.PublicKey;

/**
 * Fuzz target: secure-aggregation wire bytes decoded by {@link SecAggMessage#decode}. Only
 * {@link SecAggException} may escape; a decoded message re-encodes to exactly the input bytes
 * (the codec is canonical), and checking its signature never throws.
 *
 * <p>The codec is called through {@link #decodeMessage} only, so this target follows API changes to it
 * in that one method.
 */
class SecAggMessageFuzzTest {
  private static final PublicKey KEY = TestGroup.identity("c1").publicKey();

  @FuzzTest(maxDuration = "10s")
  void decode(byte[] wire) {
    SecAggMessage message;
    try {
      message = decodeMessage(wire);
    } catch (SecAggException expected) {
      return;
    }
    assertThat(message.encode()).isEqualTo(wire);
    assertThat(message.kind()).isNotNull();
    message.verify(KEY);
  }

  private static SecAggMessage decodeMessage(byte[] wire) {
    return SecAggMessage.decode(wire);
  }
}
