package dev.rampart.coordinator.internal;

import dev.rampart.compression.CompressedVector;
import dev.rampart.compression.Compressor;
import dev.rampart.compression.Compressors;
import dev.rampart.protocol.RejectionReason;
import dev.rampart.protocol.wire.ClientUpdate;
import dev.rampart.protocol.wire.CompressionSpec;
import dev.rampart.protocol.wire.RoundPlan;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.OptionalLong;

/**
 * The job's compression: what each round plan asks clients to send ({@code CompressionSpec}:
 * codec, parameters, round seed) and the coordinator's check-then-decode of what they sent.
 *
 * <p>The round seed of round t is a SplitMix64 mix of (job seed, t), so it is fixed by the
 * recorded job seed. Checks, in order: the codec is the plan's ({@code WRONG_CODEC}); the declared
 * dimension is the model's ({@code WRONG_DIMENSION}), before any decoding, since decoders allocate
 * what the header declares; for {@code seed=shared} rand-k the embedded round seed is the plan's
 * ({@code WRONG_ROUND_SEED}); then the bytes decode ({@code BAD_PAYLOAD} otherwise).
 *
 * <p>Immutable; thread-safe.
 */
public final class CompressionPlan {
  private final Compressor compressor;
  private final long seed;

  private CompressionPlan(Compressor compressor, long seed) {
    this.compressor = compressor;
    this.seed = seed;
  }

  /** Dense updates only. */
  public static CompressionPlan none() {
    return new CompressionPlan(null, 0);
  }

  /** Clients compress with {@code spec} (see {@link Compressors#parse}); round seeds derive from {@code seed}. */
  public static CompressionPlan of(String spec, long seed) {
    Compressor c = Compressors.parse(spec);
    return new CompressionPlan(c.name().equals("identity") ? null : c, seed);
  }

  /** Whether clients send dense updates (no compressor). */
  public boolean dense() {
    return compressor == null;
  }

  /** The canonical spec, or "identity". */
  public String spec() {
    return compressor == null ? "identity" : compressor.spec();
  }

  /** The round seed published in round {@code round}'s plan. */
  public long roundSeed(long round) {
    long z = seed + (round + 1) * 0x9E3779B97F4A7C15L;
    z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
    z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
    return z ^ (z >>> 31);
  }

  /** Adds the round's compression spec to {@code plan} (nothing for dense updates). */
  public RoundPlan.Builder addSpec(RoundPlan.Builder plan, long round) {
    if (compressor == null) {
      return plan;
    }
    return plan.setCompression(CompressionSpec.newBuilder().setCodec(compressor.name())
        .putAllParameters(parameters(compressor.spec())).setRoundSeed(roundSeed(round)));
  }

  /**
   * Checks and decodes the payload of a signed update.
   *
   * @param dimension the model dimension
   */
  public Decoded decode(ClientUpdate update, long round, int dimension) {
    String expected = compressor == null ? "dense" : compressor.name();
    if (update.getPayloadCase() == ClientUpdate.PayloadCase.DENSE) {
      return compressor == null ? Decoded.dense()
          : Decoded.refused(RejectionReason.WRONG_CODEC, "dense payload, but round " + round + " asks for " + compressor.spec());
    }
    if (update.getPayloadCase() != ClientUpdate.PayloadCase.COMPRESSED) {
      return Decoded.refused(RejectionReason.BAD_PAYLOAD, "no payload");
    }
    var wire = update.getCompressed();
    if (compressor == null || !compressor.name().equals(wire.getCodec())) {
      return Decoded.refused(RejectionReason.WRONG_CODEC, "codec '" + shorten(wire.getCodec()) + "', but round " + round
          + " asks for " + expected);
    }
    if (wire.getDimension() != dimension) {
      return Decoded.refused(RejectionReason.WRONG_DIMENSION, "compressed vector declares dimension="
          + Integer.toUnsignedString(wire.getDimension()) + ", model has " + dimension);
    }
    try {
      CompressedVector vector = new CompressedVector(wire.getCodec(), wire.getDimension(), wire.getEncoded().toByteArray());
      if (compressor.sharesCoordinatesAcrossClients() && compressor.name().equals("randk")) {
        OptionalLong sent = Compressors.sharedRoundSeedOf(vector);
        if (sent.isEmpty() || sent.getAsLong() != roundSeed(round)) {
          return Decoded.refused(RejectionReason.WRONG_ROUND_SEED, "rand-k round seed "
              + (sent.isEmpty() ? "absent (per-client seed)" : Long.toUnsignedString(sent.getAsLong()))
              + ", but round " + round + " published " + Long.toUnsignedString(roundSeed(round)));
        }
      }
      return new Decoded(Compressors.decoderFor(wire.getCodec()).decompress(vector), null, null, vector.encodedBytes());
    } catch (IllegalArgumentException e) {
      return Decoded.refused(RejectionReason.BAD_PAYLOAD, wire.getCodec() + " payload does not decode: " + e.getMessage());
    }
  }

  private static String shorten(String s) {
    return s.length() > 64 ? s.substring(0, 64) + "…" : s;
  }

  /** Parameters of a canonical spec {@code name(k=v,…)}. */
  static Map<String, String> parameters(String spec) {
    Map<String, String> out = new LinkedHashMap<>();
    int open = spec.indexOf('(');
    if (open < 0) {
      return out;
    }
    for (String part : spec.substring(open + 1, spec.lastIndexOf(')')).split(",")) {
      int eq = part.indexOf('=');
      if (eq > 0) {
        out.put(part.substring(0, eq).trim(), part.substring(eq + 1).trim());
      }
    }
    return out;
  }

  /**
   * The outcome of {@link #decode}: a decoded vector (null for a dense payload, which the caller
   * reads itself) or a rejection.
   *
   * @param encodedBytes size of the compressed encoding, 0 for dense or refused
   */
  public record Decoded(float[] vector, RejectionReason reason, String detail, int encodedBytes) {
    static Decoded dense() {
      return new Decoded(null, null, null, 0);
    }

    static Decoded refused(RejectionReason reason, String detail) {
      return new Decoded(null, reason, detail, 0);
    }

    /** Whether the payload was refused. */
    public boolean refused() {
      return reason != null;
    }
  }
}
