package dev.rampart.coordinator;

import dev.rampart.compression.Compressors;
import java.util.Objects;

/**
 * The compression part of a {@link CoordinatorConfig}: the spec every client must compress its
 * update with and the seed of the per-round compression seeds. Immutable and thread-safe.
 */
public final class CompressionSettings {
  /** Default compression: none, clients send dense float32 vectors. */
  public static final String DEFAULT_SPEC = "identity";
  /** Default seed of the per-round compression seeds. */
  public static final long DEFAULT_SEED = 0xc0de;
  private static final CompressionSettings DEFAULTS = new CompressionSettings(DEFAULT_SPEC, DEFAULT_SEED);

  private final String spec;
  private final long seed;

  private CompressionSettings(String spec, long seed) {
    this.spec = spec;
    this.seed = seed;
  }

  /** Dense vectors ({@value #DEFAULT_SPEC}) with the default seed. */
  public static CompressionSettings defaults() {
    return DEFAULTS;
  }

  /**
   * A copy with the {@code Compressors.parse} spec {@code compressionSpec}, such as
   * {@code randk(ratio=0.1,seed=shared)}, kept in its canonical form.
   *
   * @throws IllegalArgumentException naming the spec when it does not parse
   */
  public CompressionSettings withSpec(String compressionSpec) {
    try {
      return new CompressionSettings(Compressors.parse(Objects.requireNonNull(compressionSpec, "compression")).spec(),
          seed);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("compression '" + compressionSpec + "' is invalid: " + e.getMessage(), e);
    }
  }

  /** A copy deriving each round's compression seed (shared rand-k coordinates) from {@code roundSeeds}. */
  public CompressionSettings withSeed(long roundSeeds) {
    return new CompressionSettings(spec, roundSeeds);
  }

  /** The canonical compression spec; {@value #DEFAULT_SPEC} sends dense vectors. */
  public String spec() {
    return spec;
  }

  /** Seed from which each round's compression round seed is derived; recorded in the audit trail. */
  public long seed() {
    return seed;
  }

  @Override
  public String toString() {
    return "CompressionSettings[spec=" + spec + ", seed=" + seed + "]";
  }
}
