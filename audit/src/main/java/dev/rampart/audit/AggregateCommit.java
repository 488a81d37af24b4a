package dev.rampart.audit;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * The facts of one committed aggregate, for {@link AuditEvents#aggregateCommitted}. Immutable
 * and thread-safe; the list and map are copied.
 *
 * @param round the round that produced the version, at least 0
 * @param rule the aggregation pipeline spec, e.g. {@code "nnm>krum"}
 * @param inputs ids of the clients whose updates were aggregated
 * @param modelVersion the new version, at least 0
 * @param modelDigest lowercase hex SHA-256 model digest of the new version (64 characters)
 * @param parentDigest digest of the version it was computed from, or null for a root
 * @param metrics named metrics such as {@link AuditEvents#METRIC_TRAIN_LOSS}; NaN values are
 *     written as null
 */
public record AggregateCommit(long round, String rule, List<String> inputs, long modelVersion,
    String modelDigest, String parentDigest, Map<String, Double> metrics) {
  private static final Pattern HEX64 = Pattern.compile("[0-9a-f]{64}");

  /** Validates ranges and digest forms; copies the collections. */
  public AggregateCommit {
    if (round < 0 || modelVersion < 0) {
      throw new IllegalArgumentException("round and modelVersion must be >= 0, but round=" + round
          + ", modelVersion=" + modelVersion);
    }
    Objects.requireNonNull(rule, "rule");
    inputs = List.copyOf(inputs);
    requireDigest("modelDigest", modelDigest);
    if (parentDigest != null) {
      requireDigest("parentDigest", parentDigest);
    }
    metrics = Collections.unmodifiableMap(new LinkedHashMap<>(metrics));
  }

  static void requireDigest(String name, String digest) {
    Objects.requireNonNull(digest, name);
    if (!HEX64.matcher(digest).matches()) {
      throw new IllegalArgumentException(name + " must be 64 lowercase hex characters, but "
          + name + " has length " + digest.length());
    }
  }
}
