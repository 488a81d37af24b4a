package dev.rampart.compression;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;

/**
 * Generates the seed corpus of {@link DecompressorFuzzTest}: one real encoding per codec
 * configuration, from seeded Gaussian vectors. Regenerate with {@code mvn -B -q -o -pl compression
 * test -Dtest=FuzzSeedsTest -Drampart.writeSeeds=true}.
 */
class FuzzSeedsTest {
  private static final List<String> SPECS = List.of("identity", "fp16", "randk(ratio=0.3)",
      "randk(k=2,seed=shared)", "qsgd(levels=1)", "qsgd(levels=5)", "qsgd(levels=300)",
      "topk(ratio=0.3)", "topk(k=1)", "sign");

  @Test
  void seedCorpus_oneEncodingPerCodecConfiguration_isCommitted() throws Exception {
    SeedCorpus corpus = new SeedCorpus();
    int dimension = 9;
    for (String spec : SPECS) {
      Compressor c = Compressors.parse(spec);
      CompressedVector v = c.compress(TestVectors.gaussian(dimension, 5, 3.0),
          TestVectors.fullContext(dimension, 5));
      assertThat(DecompressorFuzzTest.CODECS).contains(v.codec());
      corpus.add(DecompressorFuzzTest.class, "decompress",
          spec.replaceAll("[^A-Za-z0-9]+", "-").replaceAll("-$", "").toLowerCase(Locale.ROOT),
          DecompressorFuzzTest.input(v));
    }
    corpus.writeIfRequestedAndCheck();
  }
}
