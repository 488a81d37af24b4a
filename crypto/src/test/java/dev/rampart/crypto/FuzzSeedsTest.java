package dev.rampart.crypto;

import dev.rampart.protocol.wire.Envelope;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Generates the seed corpus of {@link EnvelopesFuzzTest} from genuinely sealed envelopes.
 * Regenerate with {@code mvn -B -q -o -pl crypto -am test -Dtest='FuzzSeedsTest'
 * -Dsurefire.failIfNoSpecifiedTests=false -Drampart.writeSeeds=true}.
 */
class FuzzSeedsTest {

  @Test
  void seedCorpus_generatedFromSealedEnvelopes_isCommitted() throws Exception {
    SeedCorpus corpus = new SeedCorpus();
    List<Envelope> sealed = EnvelopesFuzzTest.sealed();
    for (int i = 0; i < sealed.size(); i++) {
      corpus.add(EnvelopesFuzzTest.class, "verify", "sealed-" + i, prefixed(sealed.get(i).toByteArray(), 0));
    }
    corpus.add(EnvelopesFuzzTest.class, "verify", "round-replaced", prefixed(new byte[8], 1, 0, 2));
    corpus.add(EnvelopesFuzzTest.class, "verify", "sender-replaced", prefixed("client-8".getBytes(StandardCharsets.UTF_8), 1, 1, 3));
    corpus.writeIfRequestedAndCheck();
  }

  private static byte[] prefixed(byte[] rest, int... prefix) {
    byte[] out = new byte[prefix.length + rest.length];
    for (int i = 0; i < prefix.length; i++) {
      out[i] = (byte) prefix[i];
    }
    System.arraycopy(rest, 0, out, prefix.length, rest.length);
    return out;
  }
}
