package dev.rampart.crypto.secagg;

import dev.rampart.crypto.AgreementKeyPair;
import dev.rampart.crypto.PublicKey;
import dev.rampart.crypto.ShamirShare;
import dev.rampart.crypto.secagg.ClientState.Held;
import dev.rampart.crypto.secagg.ClientState.Shared;
import dev.rampart.protocol.RampartException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeMap;

/**
 * A client's validation of U2 (SECAGG.md cases 4, 5, 8): at least s_min entries, each from a
 * distinct U1 member, bound to this session, signed by its enrolled key, with exactly one
 * ciphertext per other U1 member; its own entry byte-identical to what it sent; and every
 * ciphertext addressed to it authenticates under K_vu with this session, sender and receiver,
 * carrying shares at its own index. Stateless.
 */
final class ShareListCheck {
  private ShareListCheck() {}

  /** The validated U2 (sorted, with self) and the shares this client now holds, by owner. */
  record Result(List<String> u2, TreeMap<String, Held> held) {}

  static Result validate(ShareKeysList list, Shared shared, SessionContext ctx,
      TrustAnchors trust, AgreementKeyPair c, String self) {
    int n = list.entries().size();
    if (n < ctx.parameters().requiredSurvivors()) {
      throw Refusal.abort("U2 has " + n + " members, below minSurvivors="
          + ctx.parameters().requiredSurvivors());
    }
    SessionRef session = new SessionRef(ctx.group(), shared.sessionId());
    ShareKeys own = (ShareKeys) SecAggMessage.decode(shared.shareKeys().raw());
    Member me = shared.member(self);
    TreeMap<String, Held> held = new TreeMap<>();
    Set<String> u2 = new HashSet<>();
    for (ShareKeys e : list.entries()) {
      String id = e.header().sender();
      Member sender = checkEntry(e, shared, session, trust, u2);
      if (id.equals(self)) {
        if (!e.equals(own)) {
          throw Refusal.abort("U2 carries a ShareKeys for this client that it did not send");
        }
        continue;
      }
      held.put(id, open(e, c, me, sender, shared.sessionId()));
    }
    if (!u2.contains(self)) {
      throw Refusal.abort("U2 does not list this client");
    }
    List<String> sorted = new ArrayList<>(u2);
    Collections.sort(sorted);
    return new Result(List.copyOf(sorted), held);
  }

  private static Member checkEntry(ShareKeys e, Shared shared, SessionRef session,
      TrustAnchors trust, Set<String> u2) {
    String id = e.header().sender();
    if (!e.header().session().equals(session)) {
      throw Refusal.abort("ShareKeys of '" + id + "' is bound to another session");
    }
    Member sender = shared.member(id);
    if (sender == null) {
      throw Refusal.abort("U2 lists '" + id + "', who is not in U1");
    }
    if (!u2.add(id)) {
      throw Refusal.abort("U2 lists '" + id + "' twice");
    }
    PublicKey key = trust.clientKey(id).orElseThrow(() -> Refusal.abort(
        "ShareKeys of '" + id + "' is not from an active enrolled client"));
    if (!e.verify(key)) {
      throw Refusal.abort("ShareKeys of '" + id + "' does not verify under its enrolled key");
    }
    Set<String> receivers = new HashSet<>();
    for (EncryptedShare s : e.shares()) {
      if (s.receiver().equals(id) || shared.member(s.receiver()) == null
          || !receivers.add(s.receiver())) {
        throw Refusal.abort("ShareKeys of '" + id + "' addresses '" + s.receiver()
            + "', which is itself, not in U1, or repeated");
      }
    }
    if (receivers.size() != shared.members().size() - 1) {
      throw Refusal.abort("ShareKeys of '" + id + "' has " + receivers.size()
          + " ciphertexts, expected one for each of the " + (shared.members().size() - 1)
          + " other U1 members");
    }
    return sender;
  }

  private static Held open(ShareKeys e, AgreementKeyPair c, Member me, Member sender,
      Octets sessionId) {
    Octets ciphertext = null;
    for (EncryptedShare s : e.shares()) {
      if (s.receiver().equals(me.id())) {
        ciphertext = s.ciphertext();
      }
    }
    try {
      ShamirShare[] pair = SessionCrypto.open(c, me, sender, sessionId, ciphertext);
      return new Held(pair[0], pair[1]);
    } catch (RampartException ex) {
      throw Refusal.abort("the share ciphertext from '" + sender.id() + "' does not open for "
          + "this client (forwarded, reflected or corrupted): " + ex.getMessage());
    }
  }
}
