package dev.rampart.crypto.secagg;

import dev.rampart.crypto.AgreementPublicKey;
import dev.rampart.crypto.ShamirShare;
import dev.rampart.crypto.internal.PartyIds;
import dev.rampart.crypto.secagg.ClientState.Answered;
import dev.rampart.crypto.secagg.ClientState.Checked;
import dev.rampart.crypto.secagg.ClientState.Held;
import dev.rampart.crypto.secagg.ClientState.Masked;
import dev.rampart.crypto.secagg.ClientState.Secrets;
import dev.rampart.crypto.secagg.ClientState.Shared;
import dev.rampart.crypto.secagg.internal.WireReader;
import dev.rampart.crypto.secagg.internal.WireWriter;
import dev.rampart.protocol.JobId;
import dev.rampart.protocol.RampartException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The persisted form of {@link ClientState}: {@code "RSCS" ‖ u8 version ‖ group ‖ client id ‖
 * phase ‖ reason ‖ optional sections}, each optional section preceded by a presence byte, all
 * fields in {@link WireWriter} framing. Stateless.
 */
final class ClientStateCodec {
  private static final byte[] MAGIC = "RSCS".getBytes(StandardCharsets.US_ASCII);
  private static final int VERSION = 1;
  private static final int MAX = SecAggMessage.MAX_ENTRIES;
  private static final int BIG = Integer.MAX_VALUE - 64;

  private ClientStateCodec() {}

  static byte[] encode(ClientState s) {
    int hint = 4096 + (s.masked() == null ? 0 : s.masked().maskedInput().length());
    WireWriter w = new WireWriter(hint);
    w.raw(MAGIC).u8(VERSION).string(s.group().jobId().value()).i64(s.group().round())
        .i32(s.group().groupId()).string(s.clientId()).u8(s.phase().ordinal())
        .string(s.abortReason());
    if (present(w, s.secrets())) {
      w.bytes(s.secrets().encryption().raw()).bytes(s.secrets().mask().raw())
          .bytes(s.secrets().seed().raw());
    }
    if (present(w, s.advertise())) {
      w.bytes(s.advertise().raw());
    }
    if (present(w, s.shared())) {
      shared(w, s.shared());
    }
    if (present(w, s.masked())) {
      masked(w, s.masked());
    }
    if (present(w, s.checked())) {
      w.bytes(s.checked().survivorListDigest().raw());
      strings(w, s.checked().survivors());
      w.bytes(s.checked().check().raw());
    }
    if (present(w, s.answered())) {
      w.bytes(s.answered().requestDigest().raw()).bytes(s.answered().response().raw());
    }
    return w.toByteArray();
  }

  private static boolean present(WireWriter w, Object section) {
    w.u8(section == null ? 0 : 1);
    return section != null;
  }

  private static void shared(WireWriter w, Shared s) {
    w.bytes(s.keyListDigest().raw()).i32(s.members().size());
    for (Member m : s.members()) {
      w.string(m.id()).bytes(m.encryptionKey().bytes()).bytes(m.maskKey().bytes());
    }
    w.bytes(s.sessionId().raw()).bytes(s.shareKeys().raw()).bytes(s.ownSeedShare().encode());
  }

  private static void masked(WireWriter w, Masked m) {
    w.bytes(m.shareListDigest().raw());
    strings(w, m.u2());
    w.i32(m.held().size());
    for (Map.Entry<String, Held> e : m.held().entrySet()) {
      w.string(e.getKey()).bytes(e.getValue().seedShare().encode())
          .bytes(e.getValue().keyShare().encode());
    }
    w.bytes(m.maskedInput().raw());
  }

  private static void strings(WireWriter w, List<String> values) {
    w.i32(values.size());
    values.forEach(w::string);
  }

  static ClientState decode(byte[] bytes) {
    try {
      WireReader r = new WireReader(bytes);
      if (!Arrays.equals(r.raw(MAGIC.length, "magic"), MAGIC)) {
        throw new SecAggException("not a secure-aggregation client state (bad magic)");
      }
      int version = r.u8("version");
      if (version != VERSION) {
        throw new SecAggException("unsupported client state version " + version);
      }
      GroupRef group = new GroupRef(JobId.of(r.string(64, "jobId")), r.i64("round"),
          r.i32("groupId"));
      String clientId = PartyIds.requireValid(r.string(64, "clientId"), "client id");
      ClientPhase phase = phase(r.u8("phase"));
      String reason = r.string(BIG, "abortReason");
      Secrets secrets = r.u8("secrets") == 0 ? null : new Secrets(secret(r), secret(r),
          secret(r));
      Octets advertise = r.u8("advertise") == 0 ? null : Octets.wrap(r.bytes(BIG, "advertise"));
      Shared shared = r.u8("shared") == 0 ? null : shared(r);
      Masked masked = r.u8("masked") == 0 ? null : masked(r);
      Checked checked = r.u8("checked") == 0 ? null : new Checked(digest(r), strings(r),
          Octets.wrap(r.bytes(BIG, "check")));
      Answered answered = r.u8("answered") == 0 ? null : new Answered(digest(r),
          Octets.wrap(r.bytes(BIG, "response")));
      r.expectEnd("client state");
      return new ClientState(group, clientId, phase, reason, secrets, advertise, shared, masked,
          checked, answered);
    } catch (SecAggException e) {
      throw e;
    } catch (RampartException | IllegalArgumentException e) {
      throw new SecAggException("corrupt secure-aggregation client state: " + e.getMessage(), e);
    }
  }

  private static ClientPhase phase(int ordinal) {
    if (ordinal >= ClientPhase.values().length) {
      throw new SecAggException("unknown client phase " + ordinal);
    }
    return ClientPhase.values()[ordinal];
  }

  private static Octets secret(WireReader r) {
    return Octets.wrap(r.bytesExactly(SessionCrypto.SECRET_BYTES, "secret"));
  }

  private static Octets digest(WireReader r) {
    return Octets.wrap(r.bytesExactly(32, "digest"));
  }

  private static Shared shared(WireReader r) {
    Octets digest = digest(r);
    int n = r.count(MAX, "members");
    List<Member> members = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      String id = PartyIds.requireValid(r.string(64, "member id"), "member id");
      members.add(new Member(id, i + 1, AgreementPublicKey.of(r.bytesExactly(32, "c_pk")),
          AgreementPublicKey.of(r.bytesExactly(32, "s_pk"))));
    }
    Octets sessionId = digest(r);
    Octets shareKeys = Octets.wrap(r.bytes(BIG, "shareKeys"));
    ShamirShare own = ShamirShare.decode(r.bytes(SessionCrypto.SHARE_BYTES, "own share"));
    return new Shared(digest, List.copyOf(members), sessionId, shareKeys, own);
  }

  private static Masked masked(WireReader r) {
    Octets digest = digest(r);
    List<String> u2 = strings(r);
    int n = r.count(MAX, "held");
    TreeMap<String, Held> held = new TreeMap<>();
    for (int i = 0; i < n; i++) {
      String id = r.string(64, "held owner");
      held.put(id, new Held(ShamirShare.decode(r.bytes(SessionCrypto.SHARE_BYTES, "seed share")),
          ShamirShare.decode(r.bytes(SessionCrypto.SHARE_BYTES, "key share"))));
    }
    Octets maskedInput = Octets.wrap(r.bytes(BIG, "maskedInput"));
    return new Masked(digest, u2, Collections.unmodifiableSortedMap(held), maskedInput);
  }

  private static List<String> strings(WireReader r) {
    int n = r.count(MAX, "ids");
    List<String> out = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      out.add(r.string(64, "id"));
    }
    return List.copyOf(out);
  }
}
