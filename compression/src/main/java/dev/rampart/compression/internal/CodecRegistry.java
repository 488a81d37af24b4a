package dev.rampart.compression.internal;

import dev.rampart.compression.CompressedVector;
import dev.rampart.compression.Compressor;
import dev.rampart.compression.Decompressor;
import dev.rampart.compression.Sparsity;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.OptionalLong;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The codecs by name: construction from parameters, decoders by wire name. The entry point from
 * the public {@code Compressors} facade into this package; not meant for direct use.
 *
 * <p>Stateless and thread-safe.
 */
public final class CodecRegistry {
  private record Entry(String usage, Set<String> parameters,
      Function<Parameters, Compressor> factory, Decompressor decoder) {}

  private static final Map<String, Entry> CODECS = new LinkedHashMap<>();

  static {
    CODECS.put(IdentityCodec.NAME, new Entry("identity", Set.of(), p -> new IdentityCodec(),
        IdentityCodec::decode));
    CODECS.put(Fp16Codec.NAME, new Entry("fp16", Set.of(), p -> new Fp16Codec(),
        Fp16Codec::decode));
    CODECS.put(RandKCodec.NAME, new Entry("randk(ratio=r|k=n[,seed=client|shared])",
        Set.of("ratio", "k", "seed"),
        p -> new RandKCodec(p.sparsity(), p.sharedSeed()), RandKCodec::decode));
    CODECS.put(QsgdCodec.NAME, new Entry("qsgd(levels=s)", Set.of("levels"),
        p -> new QsgdCodec(p.levels()), QsgdCodec::decode));
    CODECS.put(TopKCodec.NAME, new Entry("topk(ratio=r|k=n)", Set.of("ratio", "k"),
        p -> new TopKCodec(p.sparsity()), TopKCodec::decode));
    CODECS.put(ScaledSignCodec.NAME, new Entry("sign", Set.of(), p -> new ScaledSignCodec(),
        ScaledSignCodec::decode));
  }

  private CodecRegistry() {}

  /** Codec names in a stable order. */
  public static List<String> names() {
    return List.copyOf(CODECS.keySet());
  }

  /** One line listing every codec and its parameters, for error messages. */
  static String usage() {
    return CODECS.values().stream().map(Entry::usage).collect(Collectors.joining(", "));
  }

  /** See {@code Compressors.identity()}. */
  public static Compressor identity() {
    return new IdentityCodec();
  }

  /** See {@code Compressors.fp16()}. */
  public static Compressor fp16() {
    return new Fp16Codec();
  }

  /** See {@code Compressors.randK} and {@code Compressors.sharedRandK}. */
  public static Compressor randK(Sparsity sparsity, boolean sharedSeed) {
    return new RandKCodec(Objects.requireNonNull(sparsity, "sparsity"), sharedSeed);
  }

  /** See {@code Compressors.qsgd}. */
  public static Compressor qsgd(int levels) {
    return new QsgdCodec(levels);
  }

  /** See {@code Compressors.topK}. */
  public static Compressor topK(Sparsity sparsity) {
    return new TopKCodec(Objects.requireNonNull(sparsity, "sparsity"));
  }

  /** See {@code Compressors.scaledSign()}. */
  public static Compressor scaledSign() {
    return new ScaledSignCodec();
  }

  /** Parses {@code name} or {@code name(key=value,...)}. */
  public static Compressor parse(String spec) {
    SpecParser.Parsed parsed = SpecParser.parse(spec, usage());
    return create(parsed.name(), parsed.parameters());
  }

  /** Builds a codec from its name and parameters (the wire's {@code CompressionSpec}). */
  public static Compressor create(String codec, Map<String, String> parameters) {
    Entry entry = codec == null ? null : CODECS.get(codec);
    if (entry == null) {
      throw new IllegalArgumentException("unknown codec " + Messages.quote(codec)
          + "; valid codecs: " + usage());
    }
    Parameters p = new Parameters(codec, parameters == null ? Map.of() : parameters);
    p.requireKnown(entry.parameters(), entry.usage());
    return entry.factory().apply(p);
  }

  /** The decoder of the codec named on the wire. */
  public static Decompressor decoderFor(String codec) {
    Entry entry = codec == null ? null : CODECS.get(codec);
    if (entry == null) {
      throw new IllegalArgumentException("unknown codec " + Messages.quote(codec)
          + "; valid codecs: " + String.join(", ", CODECS.keySet()));
    }
    return entry.decoder();
  }

  /** See {@code Compressors.sharedRoundSeedOf}. */
  public static OptionalLong sharedRoundSeed(CompressedVector vector) {
    return RandKCodec.sharedRoundSeed(vector);
  }

  /** See {@code Compressors.sharedCoordinates}. */
  public static int[] sharedCoordinates(int dimension, int k, long roundSeed) {
    return RandKCodec.sharedCoordinates(dimension, k, roundSeed);
  }
}
