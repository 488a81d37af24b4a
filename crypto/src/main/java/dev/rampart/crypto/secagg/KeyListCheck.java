package dev.rampart.crypto.secagg;

import dev.rampart.crypto.AgreementPublicKey;
import dev.rampart.crypto.KeyFormatException;
import dev.rampart.crypto.PublicKey;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeMap;

/**
 * A client's validation of U1 (SECAGG.md cases 4-7 and 18): size within [s_min, s], every entry
 * a planned member, enrolled, signed by its enrolled key, bound to this group, advertising the same
 * model digest and valid, pairwise distinct X25519 keys; this client's own entry present once and
 * byte-identical to what it sent. Stateless.
 */
final class KeyListCheck {
  private KeyListCheck() {}

  static List<Member> validate(KeyList list, SessionContext ctx, TrustAnchors trust,
      AdvertiseKeys own) {
    SecAggParameters p = ctx.parameters();
    int m = list.entries().size();
    if (m < p.requiredSurvivors() || m > p.groupSize()) {
      throw Refusal.abort("U1 has " + m + " members; this session needs minSurvivors="
          + p.requiredSurvivors() + " to groupSize=" + p.groupSize());
    }
    TreeMap<String, AdvertiseKeys> byId = new TreeMap<>();
    Set<PublicKey> identities = new HashSet<>();
    Set<Octets> agreementKeys = new HashSet<>();
    for (AdvertiseKeys a : list.entries()) {
      String id = a.header().sender();
      if (byId.put(id, a) != null) {
        throw Refusal.abort("U1 lists '" + id + "' twice");
      }
      checkEntry(a, ctx, trust, identities);
      if (!agreementKeys.add(a.encryptionKey()) || !agreementKeys.add(a.maskKey())) {
        throw Refusal.abort("U1 entry of '" + id + "' repeats a public key already in U1");
      }
      if (id.equals(own.header().sender()) && !a.equals(own)) {
        throw Refusal.abort("U1 carries keys for this client that it did not advertise");
      }
    }
    if (!byId.containsKey(own.header().sender())) {
      throw Refusal.abort("U1 does not list this client's own keys");
    }
    List<Member> members = new ArrayList<>(m);
    for (AdvertiseKeys a : byId.values()) {
      members.add(new Member(a.header().sender(), members.size() + 1,
          point(a, a.encryptionKey()), point(a, a.maskKey())));
    }
    return List.copyOf(members);
  }

  private static void checkEntry(AdvertiseKeys a, SessionContext ctx, TrustAnchors trust,
      Set<PublicKey> identities) {
    String id = a.header().sender();
    if (!a.header().group().equals(ctx.group())) {
      throw Refusal.abort("U1 entry of '" + id + "' is bound to " + a.header().group()
          + ", not " + ctx.group());
    }
    if (!ctx.members().contains(id)) {
      throw Refusal.abort("U1 lists '" + id + "', who is not a planned member of " + ctx.group());
    }
    PublicKey key = trust.clientKey(id).orElseThrow(() -> Refusal.abort(
        "U1 entry '" + id + "' is not signed by an active enrolled client"));
    if (!identities.add(key)) {
      throw Refusal.abort("U1 entry '" + id + "' uses an identity key already used in U1");
    }
    if (!a.verify(key)) {
      throw Refusal.abort("U1 entry of '" + id + "' does not verify under its enrolled key");
    }
    if (!a.modelDigest().equals(ctx.modelDigest())) {
      throw Refusal.abort("'" + id + "' advertises model digest " + a.modelDigest().hex()
          + ", but this client trained on " + ctx.modelDigest().hex());
    }
    point(a, a.encryptionKey());
    point(a, a.maskKey());
  }

  private static AgreementPublicKey point(AdvertiseKeys a, Octets key) {
    try {
      return AgreementPublicKey.of(key.raw());
    } catch (KeyFormatException e) {
      throw Refusal.abort("U1 entry of '" + a.header().sender() + "' carries an unusable X25519 "
          + "key: " + e.getMessage());
    }
  }
}
