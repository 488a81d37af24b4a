package dev.rampart.audit;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.OptionalDouble;
import java.util.OptionalLong;

/**
 * The assumptions a job's robustness rests on, stated once in {@link RecordType#JOB_STARTED}:
 * how many Byzantine clients are assumed, the aggregation pipeline, how clients authenticate,
 * secure aggregation and its group size, compression, and the bounds every update must meet.
 *
 * <p>It also records whether the robustness bound holds: the robust rule sees
 * {@code groupCount} inputs (the client count without secure aggregation, the number of groups
 * {@code ceil(clientCount / groupSize)} with it), and one Byzantine client can spoil one input,
 * so the rule needs {@code groupCount >= 2 * assumedByzantine + 1}. A configuration that breaks
 * the bound is recorded, not refused: the audit states what ran.
 *
 * <p>Immutable and thread-safe.
 */
public final class ThreatModel {
  private final int assumedByzantine;
  private final int clientCount;
  private final String aggregation;
  private final String clientAuthentication;
  private final boolean secureAggregation;
  private final int groupSize;
  private final String compression;
  private final Double maxUpdateNorm;
  private final Long maxUpdateBytes;

  private ThreatModel(Builder b) {
    this.assumedByzantine = b.assumedByzantine;
    this.clientCount = b.clientCount;
    this.aggregation = b.aggregation;
    this.clientAuthentication = b.clientAuthentication;
    this.secureAggregation = b.secureAggregation;
    this.groupSize = b.groupSize;
    this.compression = b.compression;
    this.maxUpdateNorm = b.maxUpdateNorm;
    this.maxUpdateBytes = b.maxUpdateBytes;
  }

  /** A builder; {@code assumedByzantine}, {@code clientCount} and {@code aggregation} are required. */
  public static Builder builder() {
    return new Builder();
  }

  /** Number of inputs the robust rule sees: groups with secure aggregation, else clients. */
  public int groupCount() {
    return secureAggregation ? (clientCount + groupSize - 1) / groupSize : clientCount;
  }

  /** Whether {@code groupCount() >= 2 * assumedByzantine + 1}. */
  public boolean boundHolds() {
    return groupCount() >= 2L * assumedByzantine + 1;
  }

  /** The maximum number of Byzantine clients assumed. */
  public int assumedByzantine() {
    return assumedByzantine;
  }

  /** Number of enrolled clients. */
  public int clientCount() {
    return clientCount;
  }

  /** The update norm bound, empty when unbounded. */
  public OptionalDouble maxUpdateNorm() {
    return maxUpdateNorm == null ? OptionalDouble.empty() : OptionalDouble.of(maxUpdateNorm);
  }

  /** The update size bound in bytes, empty when unbounded. */
  public OptionalLong maxUpdateBytes() {
    return maxUpdateBytes == null ? OptionalLong.empty() : OptionalLong.of(maxUpdateBytes);
  }

  /** The {@code threatModel} object of a JOB_STARTED body (field names on {@link RecordType}). */
  public Map<String, Object> toBody() {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("assumedByzantine", assumedByzantine);
    body.put("clientCount", clientCount);
    body.put("aggregation", aggregation);
    body.put("clientAuthentication", clientAuthentication);
    body.put("secureAggregation", secureAggregation);
    body.put("groupSize", groupSize);
    body.put("groupCount", groupCount());
    body.put("boundHolds", boundHolds());
    body.put("compression", compression);
    body.put("maxUpdateNorm", maxUpdateNorm);
    body.put("maxUpdateBytes", maxUpdateBytes);
    return body;
  }

  /** {@code ThreatModel{...}} with every field. */
  @Override
  public String toString() {
    return "ThreatModel" + toBody();
  }

  /** Builds a {@link ThreatModel}; setters validate, {@link #build()} checks across fields. Not thread-safe. */
  public static final class Builder {
    private int assumedByzantine = -1;
    private int clientCount = -1;
    private String aggregation;
    private String clientAuthentication = "ed25519-registry";
    private boolean secureAggregation;
    private int groupSize = 1;
    private String compression = "identity";
    private Double maxUpdateNorm;
    private Long maxUpdateBytes;

    private Builder() {}

    /** Sets the assumed maximum number of Byzantine clients, at least 0 (required). */
    public Builder assumedByzantine(int f) {
      if (f < 0) {
        throw new IllegalArgumentException("assumedByzantine must be >= 0, but assumedByzantine=" + f);
      }
      this.assumedByzantine = f;
      return this;
    }

    /** Sets the number of enrolled clients, at least 1 (required). */
    public Builder clientCount(int n) {
      if (n < 1) {
        throw new IllegalArgumentException("clientCount must be >= 1, but clientCount=" + n);
      }
      this.clientCount = n;
      return this;
    }

    /** Sets the aggregation pipeline spec, e.g. {@code "nnm>krum"} (required, not blank). */
    public Builder aggregation(String spec) {
      this.aggregation = nonBlank("aggregation", spec);
      return this;
    }

    /** Sets how clients authenticate (default {@code "ed25519-registry"}). */
    public Builder clientAuthentication(String scheme) {
      this.clientAuthentication = nonBlank("clientAuthentication", scheme);
      return this;
    }

    /**
     * Enables grouped secure aggregation with groups of {@code groupSize} clients (at least 2).
     */
    public Builder secureAggregation(int groupSize) {
      if (groupSize < 2) {
        throw new IllegalArgumentException("secure aggregation groupSize must be >= 2, but "
            + "groupSize=" + groupSize);
      }
      this.secureAggregation = true;
      this.groupSize = groupSize;
      return this;
    }

    /** Sets the compression spec (default {@code "identity"}). */
    public Builder compression(String spec) {
      this.compression = nonBlank("compression", spec);
      return this;
    }

    /** Sets the L2 norm bound updates must meet, positive and finite (default unbounded). */
    public Builder maxUpdateNorm(double norm) {
      if (!(norm > 0 && Double.isFinite(norm))) {
        throw new IllegalArgumentException("maxUpdateNorm must be positive and finite, but "
            + "maxUpdateNorm=" + norm);
      }
      this.maxUpdateNorm = norm;
      return this;
    }

    /** Sets the largest accepted update in bytes, at least 1 (default unbounded). */
    public Builder maxUpdateBytes(long bytes) {
      if (bytes < 1) {
        throw new IllegalArgumentException("maxUpdateBytes must be >= 1, but maxUpdateBytes="
            + bytes);
      }
      this.maxUpdateBytes = bytes;
      return this;
    }

    /**
     * The threat model.
     *
     * @throws IllegalStateException when a required field is missing, or the assumed Byzantine
     *     count or group size exceeds the client count
     */
    public ThreatModel build() {
      if (assumedByzantine < 0 || clientCount < 1 || aggregation == null) {
        throw new IllegalStateException("assumedByzantine, clientCount and aggregation are "
            + "required, but assumedByzantine=" + assumedByzantine + ", clientCount="
            + clientCount + ", aggregation=" + aggregation);
      }
      if (assumedByzantine > clientCount) {
        throw new IllegalStateException("assumedByzantine=" + assumedByzantine
            + " exceeds clientCount=" + clientCount);
      }
      if (groupSize > clientCount) {
        throw new IllegalStateException("groupSize=" + groupSize + " exceeds clientCount="
            + clientCount);
      }
      return new ThreatModel(this);
    }

    private static String nonBlank(String name, String value) {
      Objects.requireNonNull(value, name);
      if (value.isBlank()) {
        throw new IllegalArgumentException(name + " must not be blank");
      }
      return value;
    }
  }
}
