package dev.rampart.crypto.secagg;

import dev.rampart.crypto.Digests;
import dev.rampart.crypto.secagg.internal.WireWriter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;

/**
 * The session id of SECAGG.md, computed by every client itself from U1:
 *
 * <pre>
 * sessionId = SHA-256( lp("rampart/secagg/v1") ‖ lp(jobId) ‖ i64be(round) ‖ i32be(groupId)
 *                     ‖ u32be(m) ‖ for each member in id order: lp(id) ‖ c_pk(32) ‖ s_pk(32) )
 * </pre>
 *
 * <p>where {@code lp(x)} is a 4-byte big-endian length followed by the bytes of x (UTF-8 for
 * text) and ids are ordered by {@link String#compareTo} (byte order for the party-id alphabet).
 * Every later message carries it, every pairwise key uses it as HKDF salt, so nothing from one
 * session (or round, or group) is valid in another. Stateless and thread-safe.
 */
public final class SessionIds {
  /** The domain string that starts the hashed input. */
  public static final String DOMAIN = "rampart/secagg/v1";

  private SessionIds() {}

  /**
   * The session id for U1 = {@code entries} in {@code group}; the order of {@code entries} does not
   * matter.
   *
   * @throws SecAggException if two entries have the same sender
   */
  public static Octets compute(GroupRef group, List<AdvertiseKeys> entries) {
    Objects.requireNonNull(group, "group");
    List<AdvertiseKeys> sorted = new ArrayList<>(entries);
    sorted.sort(Comparator.comparing(a -> a.header().sender()));
    WireWriter w = new WireWriter(128 + 110 * sorted.size());
    w.string(DOMAIN).string(group.jobId().value()).i64(group.round()).i32(group.groupId())
        .i32(sorted.size());
    String previous = null;
    for (AdvertiseKeys a : sorted) {
      String id = a.header().sender();
      if (id.equals(previous)) {
        throw new SecAggException("U1 lists '" + id + "' twice; the session id needs distinct ids");
      }
      previous = id;
      w.string(id).raw(a.encryptionKey().raw()).raw(a.maskKey().raw());
    }
    return Octets.wrap(Digests.sha256(w.toByteArray()));
  }
}
