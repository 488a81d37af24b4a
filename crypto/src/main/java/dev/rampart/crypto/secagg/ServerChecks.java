package dev.rampart.crypto.secagg;

import dev.rampart.crypto.AgreementPublicKey;
import dev.rampart.crypto.KeyFormatException;
import dev.rampart.protocol.RampartException;
import dev.rampart.protocol.RejectionReason;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * The coordinator's content checks of client messages: an advertisement names the round's model
 * and brings two valid, fresh X25519 keys; a ShareKeys carries one ciphertext per other U1 member;
 * a masked input comes from U2 with d coordinates; a consistency check comes from U3 and signs
 * that same U3; an unmask response reveals exactly one b share per survivor and one s^SK share per dropout, each
 * at the responder's Shamir index and 32 bytes long (whether the values are right is only known
 * after reconstruction, {@link Unmasking}). Stateless.
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

  static Optional<ServerReceipt> advertise(AdvertiseKeys a, SessionContext ctx,
      List<AdvertiseKeys> accepted) {
    String sender = a.header().sender();
    if (!a.modelDigest().equals(ctx.modelDigest())) {
      return reject(sender, RejectionReason.STALE_MODEL, "advertised model digest "
          + a.modelDigest().hex() + ", the round's is " + ctx.modelDigest().hex());
    }
    try {
      AgreementPublicKey.of(a.encryptionKey().raw());
      AgreementPublicKey.of(a.maskKey().raw());
    } catch (KeyFormatException e) {
      return reject(sender, RejectionReason.BAD_PAYLOAD, e.getMessage());
    }
    Set<Octets> keys = new HashSet<>();
    for (AdvertiseKeys o : accepted) {
      keys.add(o.encryptionKey());
      keys.add(o.maskKey());
    }
    if (a.encryptionKey().equals(a.maskKey()) || keys.contains(a.encryptionKey())
        || keys.contains(a.maskKey())) {
      return reject(sender, RejectionReason.BAD_PAYLOAD, "repeats a public key of this session");
    }
    return Optional.empty();
  }

  static Optional<ServerReceipt> shares(ShareKeys s, Set<String> u1) {
    String sender = s.header().sender();
    if (!u1.contains(sender)) {
      return reject(sender, RejectionReason.NOT_A_PARTICIPANT, "not in U1");
    }
    Set<String> receivers = new TreeSet<>();
    for (EncryptedShare e : s.shares()) {
      receivers.add(e.receiver());
    }
    Set<String> expected = new TreeSet<>(u1);
    expected.remove(sender);
    if (receivers.size() != s.shares().size() || !receivers.equals(expected)) {
      return reject(sender, RejectionReason.BAD_PAYLOAD,
          "ShareKeys must carry exactly one ciphertext for each other member of U1");
    }
    return Optional.empty();
  }

  static Optional<ServerReceipt> masked(MaskedInput y, List<String> u2, int dimension) {
    String sender = y.header().sender();
    if (!u2.contains(sender)) {
      return reject(sender, RejectionReason.NOT_A_PARTICIPANT, "not in U2");
    }
    return y.dimension() == dimension ? Optional.empty() : reject(sender,
        RejectionReason.WRONG_DIMENSION, "y has " + y.dimension() + " coordinates, expected "
            + dimension);
  }

  static Optional<ServerReceipt> consistency(ConsistencyCheck c, List<String> u3) {
    if (!u3.contains(c.header().sender()) || !c.survivors().equals(u3)) {
      return reject(c.header().sender(), RejectionReason.BAD_PAYLOAD,
          "consistency check from outside U3 or on another U3");
    }
    return Optional.empty();
  }

  private static Optional<ServerReceipt> reject(String sender, RejectionReason reason,
      String detail) {
    return Optional.of(ServerReceipt.rejected(sender, reason, detail));
  }
}
