package dev.rampart.compression;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class CompressorsTest {
  @ParameterizedTest
  @CsvSource(delimiter = ';', value = {
      "identity; identity; identity",
      "fp16; fp16; fp16",
      "randk(ratio=0.1); randk; randk(ratio=0.1,seed=client)",
      "randk(k=1000); randk; randk(k=1000,seed=client)",
      "randk(ratio=0.1, seed=shared); randk; randk(ratio=0.1,seed=shared)",
      "qsgd(levels=16); qsgd; qsgd(levels=16)",
      "topk(ratio=0.01); topk; topk(ratio=0.01)",
      "sign; sign; sign",
      "  RandK ( K = 7 , Seed = Shared )  ; randk; randk(k=7,seed=shared)",
      "identity(); identity; identity"})
  void parse_validSpecs_giveNamedCompressorWithCanonicalSpec(String spec, String name,
      String canonical) {
    Compressor c = Compressors.parse(spec);
    assertThat(c.name()).isEqualTo(name);
    assertThat(c.spec()).isEqualTo(canonical);
  }

  @Test
  void parse_equalsFactories() {
    assertThat(Compressors.parse("randk(ratio=0.1)"))
        .isEqualTo(Compressors.randK(Sparsity.ofRatio(0.1)));
    assertThat(Compressors.parse("randk(k=5,seed=shared)"))
        .isEqualTo(Compressors.sharedRandK(Sparsity.ofCount(5)));
    assertThat(Compressors.parse("qsgd(levels=3)")).isEqualTo(Compressors.qsgd(3));
    assertThat(Compressors.parse("topk(k=2)")).isEqualTo(Compressors.topK(Sparsity.ofCount(2)));
    assertThat(Compressors.parse("sign")).isEqualTo(Compressors.scaledSign());
    assertThat(Compressors.parse("fp16")).isEqualTo(Compressors.fp16());
    assertThat(Compressors.parse("identity")).isEqualTo(Compressors.identity());
  }

  @Test
  void create_fromWireNameAndParameters_equalsParse() {
    assertThat(Compressors.create("randk", Map.of("ratio", "0.1", "seed", "shared")))
        .isEqualTo(Compressors.parse("randk(ratio=0.1,seed=shared)"));
    assertThat(Compressors.create("identity", Map.of())).isEqualTo(Compressors.identity());
    assertThatThrownBy(() -> Compressors.create("qsgd", Map.of()))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("levels");
  }

  @ParameterizedTest
  @CsvSource(delimiter = ';', value = {
      "gzip; 'gzip'",
      "gzip(level=9); 'gzip'",
      "randk(ratio=0.1; malformed",
      "randk ratio=0.1; 'randk ratio=0.1'",
      "randk(ratio); malformed",
      "randk(=3); malformed",
      "randk(ratio=0.1)(k=1); malformed",
      "randk(ratio=0.1,,k=2); malformed",
      "randk(ratio=0.1,foo=2); 'foo'",
      "randk(ratio=0.1,k=2); exactly one of ratio",
      "randk(seed=shared); exactly one of ratio",
      "randk(ratio=0); 'ratio must be in (0, 1], but was 0.0'",
      "randk(ratio=1.5); 1.5",
      "randk(ratio=nan); '''nan'' is not a number'",
      "randk(ratio=abc); 'abc'",
      "randk(k=0); 'k must be ≥ 1, but was 0'",
      "randk(k=1.5); '1.5'",
      "randk(k=1,seed=global); 'global'",
      "randk(k=1,k=2); twice",
      "qsgd; levels",
      "qsgd(levels=0); 0",
      "qsgd(levels=70000); 70000",
      "topk(ratio=0.1,seed=shared); 'seed'",
      "identity(x=1); no parameters",
      "sign(ratio=0.5); 'ratio'"})
  void parse_badSpec_isRejectedNamingTheProblem(String spec, String expected) {
    assertThatThrownBy(() -> Compressors.parse(spec))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining(expected);
  }

  @Test
  void parse_unknownCodec_listsValidCodecsWithParameters() {
    assertThatThrownBy(() -> Compressors.parse("zstd"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("unknown codec 'zstd'")
        .hasMessageContaining("identity, fp16, randk(ratio=r|k=n[,seed=client|shared]), "
            + "qsgd(levels=s), topk(ratio=r|k=n), sign");
    assertThatThrownBy(() -> Compressors.parse(" "))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("blank");
    assertThatThrownBy(() -> Compressors.parse(null))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void decoderFor_everyCodecName_existsAndUnknownIsRejected() {
    assertThat(Compressors.codecNames())
        .containsExactly("identity", "fp16", "randk", "qsgd", "topk", "sign");
    for (String name : Compressors.codecNames()) {
      assertThat(Compressors.decoderFor(name)).isNotNull();
    }
    assertThatThrownBy(() -> Compressors.decoderFor("RandK"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("'RandK'").hasMessageContaining("identity, fp16, randk");
    assertThatThrownBy(() -> Compressors.decoderFor("bad\nname"))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("\\u000a");
  }

  @Test
  void sharedCoordinates_badArguments_areRejected() {
    assertThatThrownBy(() -> Compressors.sharedCoordinates(10, 11, 1))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("k=11");
    assertThatThrownBy(() -> Compressors.sharedCoordinates(10, 0, 1))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> Compressors.sharedRoundSeedOf(
        Compressors.identity().compress(new float[] {1}, CompressionContext.seeded(1))))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("identity");
  }
}
