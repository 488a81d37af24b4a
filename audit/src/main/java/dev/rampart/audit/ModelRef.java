package dev.rampart.audit;

import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * One model version in a {@link ModelStore}: its content address and where it came from.
 * Immutable and thread-safe.
 *
 * @param version the version number assigned by the store: 0 for the first model put, then 1, 2...
 *     in put order
 * @param digest lowercase hex model digest ({@code FloatVectors.digest}), the file name
 * @param parentDigest digest of the model it was computed from; empty for a root
 * @param parentVersion the stored version that digest resolved to when this version was put (the
 *     most recent one with that digest); empty for a root or a parent the store never held
 * @param round the round that produced it (0 for the initial model)
 * @param auditSequence the sequence number of the audit record that commits it
 * @param dimension number of parameters
 */
public record ModelRef(long version, String digest, Optional<String> parentDigest,
    OptionalLong parentVersion, long round, long auditSequence, int dimension) {

  /** Validates ranges and the digest form. */
  public ModelRef {
    if (version < 0 || round < 0 || auditSequence < 0 || dimension < 0) {
      throw new IllegalArgumentException("version, round, auditSequence and dimension must be "
          + ">= 0, but version=" + version + ", round=" + round + ", auditSequence="
          + auditSequence + ", dimension=" + dimension);
    }
    AggregateCommit.requireDigest("digest", digest);
    Objects.requireNonNull(parentDigest, "parentDigest");
    Objects.requireNonNull(parentVersion, "parentVersion");
    parentDigest.ifPresent(d -> AggregateCommit.requireDigest("parentDigest", d));
  }
}
