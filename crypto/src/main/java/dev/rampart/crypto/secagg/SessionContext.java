package dev.rampart.crypto.secagg;

import dev.rampart.crypto.internal.PartyIds;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.TreeSet;

/**
 * The public facts of one group's session that client and coordinator agree on in advance (from
 * the signed round plan): the group, its planned members, the parameters, the vector dimension
 * and the digest of the model the round trains.
 *
 * <p>Immutable and thread-safe.
 *
 * @param group the group
 * @param members the planned members, stored sorted; distinct valid party ids, and
 *     {@code minSurvivors ≤ members.size() ≤ groupSize}
 * @param parameters the secure-aggregation parameters
 * @param dimension length of every input vector, at least 1
 * @param modelDigest 32-byte digest of the round's model; every member must advertise it
 */
public record SessionContext(GroupRef group, List<String> members, SecAggParameters parameters,
    int dimension, Octets modelDigest) {
  /** Length of a model digest in bytes. */
  public static final int MODEL_DIGEST_BYTES = 32;

  /** Validates the values; the message names the bad one. */
  public SessionContext {
    Objects.requireNonNull(group, "group");
    Objects.requireNonNull(parameters, "parameters");
    Objects.requireNonNull(modelDigest, "modelDigest");
    TreeSet<String> sorted = new TreeSet<>();
    for (String m : Objects.requireNonNull(members, "members")) {
      PartyIds.requireValid(m, "group member id");
      if (!sorted.add(m)) {
        throw new SecAggException("group member '" + m + "' is listed twice");
      }
    }
    parameters.requireGroupSize(sorted.size());
    members = List.copyOf(new ArrayList<>(sorted));
    if (dimension < 1) {
      throw new SecAggException("dimension must be >= 1, but was " + dimension);
    }
    if (modelDigest.length() != MODEL_DIGEST_BYTES) {
      throw new SecAggException("modelDigest must be " + MODEL_DIGEST_BYTES + " bytes, but has "
          + modelDigest.length());
    }
  }
}
