package dev.rampart.crypto.secagg;

import dev.rampart.protocol.RampartException;
import dev.rampart.protocol.RejectionReason;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The coordinator's syntax check of an unmask response: exactly one b share per survivor and one
 * s^SK share per dropout, each at the responder's Shamir index and 32 bytes long. Whether the
 * values are right is only known after reconstruction ({@link Unmasking}). Stateless.
 */
final class ServerChecks {
  private ServerChecks() {}

  static Optional<ServerReceipt> response(UnmaskResponse r, Map<String, Member> members,
      List<String> survivors, List<String> dropped) {
    String sender = r.header().sender();
    if (!survivors.contains(sender)) {
      return reject(sender, RejectionReason.NOT_A_PARTICIPANT, "not in U3");
    }
    int index = members.get(sender).index();
    Set<String> owners = new HashSet<>();
    for (RevealedShare s : r.shares()) {
      List<String> allowed = s.kind() == RevealedShare.Kind.SELF_MASK_SEED ? survivors : dropped;
      if (!allowed.contains(s.owner()) || !owners.add(s.owner())) {
        return reject(sender, RejectionReason.BAD_PAYLOAD, "reveals a " + s.kind()
            + " share of '" + s.owner() + "', which it must not (or twice)");
      }
      try {
        SessionCrypto.share(s.share().raw(), index);
      } catch (RampartException e) {
        return reject(sender, RejectionReason.BAD_PAYLOAD, e.getMessage());
      }
    }
    if (owners.size() != survivors.size() + dropped.size()) {
      return reject(sender, RejectionReason.BAD_PAYLOAD, "reveals " + owners.size()
          + " shares, expected " + (survivors.size() + dropped.size()));
    }
    return Optional.empty();
  }

  private static Optional<ServerReceipt> reject(String sender, RejectionReason reason,
      String detail) {
    return Optional.of(ServerReceipt.rejected(sender, reason, detail));
  }
}
