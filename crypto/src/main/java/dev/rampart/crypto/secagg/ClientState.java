package dev.rampart.crypto.secagg;

import dev.rampart.crypto.ShamirShare;
import java.util.List;
import java.util.Map;

/**
 * One client's persisted session state, one immutable snapshot per phase. Each sub-record is
 * present from the phase that creates it on; {@code secrets} is dropped once the masked input is
 * sent (nothing after P2 needs them), and an aborted state keeps only the reason.
 */
record ClientState(GroupRef group, String clientId, ClientPhase phase, String abortReason,
    Secrets secrets, Octets advertise, Shared shared, Masked masked, Checked checked,
    Answered answered) {

  /** X25519 private keys c and s and the self-mask seed b_u, 32 bytes each. */
  record Secrets(Octets encryption, Octets mask, Octets seed) {}

  /** After P1: digest of the KeyList, validated U1, session id, sent ShareKeys, own b share. */
  record Shared(Octets keyListDigest, List<Member> members, Octets sessionId, Octets shareKeys,
      ShamirShare ownSeedShare) {
    Member member(String id) {
      for (Member m : members) {
        if (m.id().equals(id)) {
          return m;
        }
      }
      return null;
    }
  }

  /** Shares held for one peer: of its b and of its s^SK. */
  record Held(ShamirShare seedShare, ShamirShare keyShare) {}

  /** After P2: digest of the ShareKeysList, U2 (sorted, with self), held shares, sent y_u. */
  record Masked(Octets shareListDigest, List<String> u2, Map<String, Held> held,
      Octets maskedInput) {}

  /** After P3: digest of the SurvivorList, the signed U3, the sent ConsistencyCheck. */
  record Checked(Octets survivorListDigest, List<String> survivors, Octets check) {}

  /** After P4: digest of the answered UnmaskRequest and the sent UnmaskResponse. */
  record Answered(Octets requestDigest, Octets response) {}

  static ClientState advertised(GroupRef group, String clientId, Secrets secrets,
      Octets advertise) {
    return new ClientState(group, clientId, ClientPhase.ADVERTISED, "", secrets, advertise, null,
        null, null, null);
  }

  ClientState withShared(Shared s) {
    return new ClientState(group, clientId, ClientPhase.SHARES_SENT, "", secrets, advertise, s,
        null, null, null);
  }

  ClientState withMasked(Masked m) {
    return new ClientState(group, clientId, ClientPhase.INPUT_SENT, "", null, advertise, shared,
        m, null, null);
  }

  ClientState withChecked(Checked c) {
    return new ClientState(group, clientId, ClientPhase.CHECK_SENT, "", null, advertise, shared,
        masked, c, null);
  }

  ClientState withAnswered(Answered a) {
    return new ClientState(group, clientId, ClientPhase.UNMASK_SENT, "", null, advertise, shared,
        masked, checked, a);
  }

  ClientState aborted(String reason) {
    return new ClientState(group, clientId, ClientPhase.ABORTED, reason, null, null, null, null,
        null, null);
  }

  Octets sessionId() {
    return shared == null ? Octets.EMPTY : shared.sessionId();
  }
}
