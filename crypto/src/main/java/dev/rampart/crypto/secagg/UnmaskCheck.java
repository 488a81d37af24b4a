package dev.rampart.crypto.secagg;

import dev.rampart.crypto.PublicKey;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * A client's validation of U3 and of the unmask request (SECAGG.md cases 1-4). U3 must be sorted,
 * within U2, list this client and reach s_min. In the request, the survivor list is exactly
 * the U3 this client signed; the dropped list is exactly U2 \ U3, without repeats, unknown ids,
 * overlap with U3 or this client; and at least t valid consistency signatures from distinct U3
 * members on that same U3 and session. Stateless.
 */
final class UnmaskCheck {
  private UnmaskCheck() {}

  /** P3: U3 strictly sorted, within U2, listing this client, at least s_min long. */
  static void validateSurvivors(List<String> u3, List<String> u2List, String self,
      SecAggParameters p) {
    Set<String> u2 = new HashSet<>(u2List);
    for (int i = 0; i < u3.size(); i++) {
      if (i > 0 && u3.get(i - 1).compareTo(u3.get(i)) >= 0) {
        throw Refusal.abort("U3 is not sorted or repeats '" + u3.get(i) + "'");
      }
      if (!u2.contains(u3.get(i))) {
        throw Refusal.abort("U3 lists '" + u3.get(i) + "', who is not in U2");
      }
    }
    if (!u3.contains(self)) {
      throw Refusal.abort("U3 does not list this client");
    }
    if (u3.size() < p.requiredSurvivors()) {
      throw Refusal.abort("U3 has " + u3.size() + " survivors, below minSurvivors="
          + p.requiredSurvivors() + "; refusing to unmask");
    }
  }

  static void validate(UnmaskRequest r, ClientState s, SessionContext ctx, TrustAnchors trust) {
    List<String> signed = s.checked().survivors();
    if (!r.survivors().equals(signed)) {
      throw Refusal.abort("the unmask request's survivor list " + r.survivors()
          + " differs from the U3 this client signed " + signed);
    }
    if (signed.size() < ctx.parameters().requiredSurvivors()) {
      throw Refusal.abort("only " + signed.size() + " survivors, below minSurvivors="
          + ctx.parameters().requiredSurvivors());
    }
    checkDropped(r.dropped(), s, signed);
    int valid = countChecks(r.checks(), s, signed, trust);
    int t = ctx.parameters().threshold();
    if (valid < t) {
      throw Refusal.abort("the unmask request carries " + valid
          + " consistency signatures on this U3, below threshold=" + t);
    }
  }

  private static void checkDropped(List<String> dropped, ClientState s, List<String> survivors) {
    String self = s.clientId();
    Set<String> u2 = new HashSet<>(s.masked().u2());
    Set<String> seen = new HashSet<>();
    for (String id : dropped) {
      if (id.equals(self)) {
        throw Refusal.abort("the unmask request names this client as dropped");
      }
      if (!seen.add(id)) {
        throw Refusal.abort("the unmask request lists '" + id + "' as dropped twice");
      }
      if (survivors.contains(id)) {
        throw Refusal.abort("the unmask request lists '" + id + "' as both alive and dropped");
      }
      if (!u2.contains(id)) {
        throw Refusal.abort("the unmask request drops '" + id + "', who is not in U2");
      }
    }
    Set<String> expected = new HashSet<>(u2);
    survivors.forEach(expected::remove);
    if (!seen.equals(expected)) {
      expected.removeAll(seen);
      throw Refusal.abort("the unmask request omits dropped members " + expected);
    }
  }

  private static int countChecks(List<ConsistencyCheck> checks, ClientState s,
      List<String> survivors, TrustAnchors trust) {
    SessionRef session = new SessionRef(s.group(), s.sessionId());
    Set<String> signers = new HashSet<>();
    for (ConsistencyCheck c : checks) {
      String id = c.header().sender();
      if (!c.header().session().equals(session) || !survivors.contains(id)
          || !signers.add(id)) {
        throw Refusal.abort("consistency signature of '" + id
            + "' is for another session, from outside U3, or repeated");
      }
      PublicKey key = trust.clientKey(id).orElseThrow(() -> Refusal.abort(
          "consistency signature of '" + id + "' is not from an active enrolled client"));
      if (!c.survivors().equals(survivors) || !c.verify(key)) {
        throw Refusal.abort("consistency signature of '" + id
            + "' does not verify on this client's U3");
      }
    }
    return signers.size();
  }
}
