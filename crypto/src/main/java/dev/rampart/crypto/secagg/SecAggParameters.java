package dev.rampart.crypto.secagg;

import dev.rampart.crypto.FixedPointCodec;
import dev.rampart.crypto.ShamirShare;
import java.util.Locale;

/**
 * The numeric settings of grouped secure aggregation (SECAGG.md "Parameters").
 *
 * <ul>
 *   <li>{@code groupSize} s: the largest group the protocol runs, 2 to 255 (Shamir indices are
 *       one byte). The fixed-point bit width is sized for it.
 *   <li>{@code threshold} t: shares needed to reconstruct a secret; 2 ≤ t ≤ s and t &gt; s/2, so
 *       that two disjoint sets of t clients cannot exist in one group (two different survivor
 *       lists can never both collect t consistency signatures).
 *   <li>{@code minSurvivors} s_min: t ≤ s_min ≤ s; below it clients refuse to unmask and the
 *       coordinator refuses the group.
 *   <li>{@code clip} C and {@code bits} b: coordinates are clipped to [−C, C] and encoded to b bits
 *       ({@link FixedPointCodec}); s·2^b ≤ 2^32 so a group sum cannot wrap.
 * </ul>
 *
 * <p>A group with m members also needs t ≤ m ≤ s (see {@link #requireGroupSize}); since t &gt; s/2
 * ≥ m/2, the majority property holds in every group. Immutable and thread-safe.
 *
 * @param groupSize s, largest group size
 * @param threshold t
 * @param minSurvivors s_min
 * @param clip C, finite and positive
 * @param bits b, 1 to 32
 */
public record SecAggParameters(int groupSize, int threshold, int minSurvivors, double clip,
    int bits) {

  /** Validates every value and the cross-field rules; the message names the values. */
  public SecAggParameters {
    if (groupSize < 2 || groupSize > ShamirShare.MAX_INDEX) {
      throw new SecAggException("groupSize must be 2-" + ShamirShare.MAX_INDEX + ", but was "
          + groupSize);
    }
    if (threshold < 2 || threshold > groupSize || 2 * threshold <= groupSize) {
      throw new SecAggException("threshold must satisfy 2 <= threshold <= groupSize and "
          + "threshold > groupSize/2, but threshold=" + threshold + ", groupSize=" + groupSize);
    }
    if (minSurvivors < threshold || minSurvivors > groupSize) {
      throw new SecAggException("minSurvivors must satisfy threshold <= minSurvivors <= groupSize,"
          + " but minSurvivors=" + minSurvivors + ", threshold=" + threshold + ", groupSize="
          + groupSize);
    }
    if (!(clip > 0) || !Double.isFinite(clip)) {
      throw new SecAggException("clip must be finite and > 0, but was " + clip);
    }
    if (bits < 1 || bits > 32) {
      throw new SecAggException("bits must be 1-32, but was " + bits);
    }
    if ((double) groupSize * Math.pow(2, bits) > Math.pow(2, 32)) {
      throw new SecAggException("groupSize=" + groupSize + " with bits=" + bits
          + " can overflow the modular sum: " + groupSize + "*2^" + bits + " > 2^32; use bits <= "
          + FixedPointCodec.bitsFor(groupSize));
    }
  }

  /**
   * Parameters with the largest overflow-free bit width, b = 32 − ⌈log2(s)⌉.
   *
   * @throws SecAggException naming the values if a rule of the class comment is broken
   */
  public static SecAggParameters of(int groupSize, int threshold, int minSurvivors, double clip) {
    if (groupSize < 1) {
      throw new SecAggException("groupSize must be 2-" + ShamirShare.MAX_INDEX + ", but was "
          + groupSize);
    }
    return new SecAggParameters(groupSize, threshold, minSurvivors, clip,
        FixedPointCodec.bitsFor(groupSize));
  }

  /** The fixed-point codec for these parameters (clip C, b bits, up to s summands). */
  public FixedPointCodec codec() {
    return FixedPointCodec.of(clip, bits, groupSize);
  }

  /** The fewest survivors a group may unmask with: max(t, s_min) = s_min. */
  public int requiredSurvivors() {
    return Math.max(threshold, minSurvivors);
  }

  /** Largest encoded value, 2^b − 1, as an unsigned {@code int}. */
  public long maxEncodedValue() {
    return (1L << bits) - 1;
  }

  /**
   * Refuses a group of {@code members} clients that these parameters cannot protect.
   *
   * @throws SecAggException naming the values unless minSurvivors ≤ members ≤ groupSize
   */
  public void requireGroupSize(int members) {
    if (members < minSurvivors || members > groupSize) {
      throw new SecAggException("a group of " + members + " members needs minSurvivors="
          + minSurvivors + " <= members <= groupSize=" + groupSize);
    }
  }

  /**
   * Refuses a group size too large for the robust step over group means: with n clients of which
   * up to f are Byzantine, one bad client spoils at most its own group, so the robust rule over the
   * ⌊n/s⌋ group means needs s ≤ n/(2f+1) (DESIGN.md section 3).
   *
   * @param clientCount n, at least 1
   * @param maxByzantine f, at least 0
   * @throws SecAggException naming n, f and s if s &gt; ⌊n/(2f+1)⌋
   */
  public void requireRobustGroupCount(int clientCount, int maxByzantine) {
    if (clientCount < 1 || maxByzantine < 0) {
      throw new SecAggException("need clientCount >= 1 and maxByzantine >= 0, but clientCount="
          + clientCount + ", maxByzantine=" + maxByzantine);
    }
    long limit = clientCount / (2L * maxByzantine + 1);
    if (groupSize > limit) {
      throw new SecAggException("groupSize=" + groupSize + " exceeds clientCount/(2*maxByzantine+1)"
          + " = " + clientCount + "/" + (2L * maxByzantine + 1) + " = " + limit
          + ": too few groups for the robust step to outvote maxByzantine=" + maxByzantine
          + " spoiled groups");
    }
  }

  /**
   * Refuses a compression spec whose clients would send different coordinates, which masks
   * cannot sum (SECAGG.md case 20): {@code topk(...)} and {@code randk(...)} without
   * {@code seed=shared}. Accepts {@code identity}, {@code fp16}, {@code qsgd(...)}, {@code sign}
   * and {@code randk(...,seed=shared)}; names are case-insensitive and whitespace is ignored, as
   * in the compression module's spec syntax.
   *
   * @param compressionSpec the job's compression spec, e.g. {@code "randk(ratio=0.1,seed=shared)"}
   * @return the spec, for chaining
   * @throws SecAggException naming the spec and the compatible alternatives
   */
  public static String requireCompatible(String compressionSpec) {
    if (compressionSpec == null || compressionSpec.isBlank()) {
      throw new SecAggException("compression spec must not be empty; use identity for none");
    }
    String spec = compressionSpec.replaceAll("\\s+", "").toLowerCase(Locale.ROOT);
    int paren = spec.indexOf('(');
    String codec = paren < 0 ? spec : spec.substring(0, paren);
    String args = paren < 0 ? "" : spec.substring(paren);
    String alternatives = "; use identity, fp16, qsgd(levels=s), sign, or "
        + "randk(...,seed=shared) with the coordinator's round seed";
    switch (codec) {
      case "identity", "fp16", "qsgd", "sign" -> {
        return compressionSpec;
      }
      case "topk" -> throw new SecAggException("compression '" + compressionSpec
          + "' cannot run under secure aggregation: top-k lets each client choose its own "
          + "coordinates, so masked vectors would not line up and masks would not cancel"
          + alternatives);
      case "randk" -> {
        if (args.matches(".*[(,]seed=shared[,)].*")) {
          return compressionSpec;
        }
        throw new SecAggException("compression '" + compressionSpec + "' cannot run under secure "
            + "aggregation: rand-k with a per-client seed keeps different coordinates per client"
            + alternatives);
      }
      default -> throw new SecAggException("compression '" + compressionSpec
          + "' is unknown to the secure-aggregation check" + alternatives);
    }
  }
}
