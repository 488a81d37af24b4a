package dev.rampart.crypto.secagg;

import dev.rampart.crypto.MessageSigning;
import dev.rampart.crypto.PublicKey;
import dev.rampart.crypto.internal.PartyIds;
import dev.rampart.crypto.secagg.internal.WireReader;
import dev.rampart.crypto.secagg.internal.WireWriter;
import dev.rampart.protocol.JobId;
import dev.rampart.protocol.RampartException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/** The wire format of {@link SecAggMessage} (layout in its interface comment). Stateless. */
final class MessageCodec {
  static final byte[] MAGIC = "RSAG".getBytes(StandardCharsets.US_ASCII);
  static final int VERSION = 1;
  private static final int MAX_JOB_BYTES = 64;
  private static final int MAX_NESTED_BYTES = 1 << 20;
  /** Fewest wire bytes of one list entry: a length-prefixed string or byte string. */
  private static final int MIN_BYTES_PREFIX = 4;
  /** Fewest wire bytes of an encrypted share: receiver and ciphertext prefixes. */
  private static final int MIN_BYTES_SHARE = 8;
  /** Fewest wire bytes of a revealed share: owner prefix, kind byte, share prefix. */
  private static final int MIN_BYTES_REVEALED = 9;

  private MessageCodec() {}

  static byte[] signedBody(SecAggMessage m) {
    return body(m, 0).toByteArray();
  }

  static byte[] encode(SecAggMessage m) {
    WireWriter w = body(m, 4 + m.signature().length());
    w.bytes(m.signature().raw());
    return w.toByteArray();
  }

  static boolean verify(SecAggMessage m, PublicKey key) {
    Objects.requireNonNull(key, "key");
    if (m.signature().isEmpty()) {
      return false;
    }
    MessageHeader h = m.header();
    return MessageSigning.verify(key, m.kind().signingType(), h.group().jobId().value(),
        h.group().round(), h.sender(), signedBody(m), m.signature().raw());
  }

  private static WireWriter body(SecAggMessage m, int extra) {
    int hint = 256 + extra + (m instanceof MaskedInput mi ? 4 * mi.dimension() : 0);
    WireWriter w = new WireWriter(hint);
    w.raw(MAGIC).u8(VERSION).u8(m.kind().code());
    MessageHeader h = m.header();
    w.string(h.group().jobId().value()).i64(h.group().round()).i32(h.group().groupId())
        .bytes(h.sessionId().raw()).string(h.sender());
    payload(w, m);
    return w;
  }

  private static void payload(WireWriter w, SecAggMessage m) {
    if (m instanceof AdvertiseKeys a) {
      w.bytes(a.encryptionKey().raw()).bytes(a.maskKey().raw()).bytes(a.modelDigest().raw());
    } else if (m instanceof KeyList k) {
      nested(w, k.entries());
    } else if (m instanceof ShareKeys s) {
      w.bytes(s.commitment().raw()).i32(s.shares().size());
      for (EncryptedShare e : s.shares()) {
        w.string(e.receiver()).bytes(e.ciphertext().raw());
      }
    } else if (m instanceof ShareKeysList l) {
      nested(w, l.entries());
    } else if (m instanceof MaskedInput mi) {
      w.ints(mi.vectorView());
    } else if (m instanceof SurvivorList s) {
      ids(w, s.survivors());
    } else if (m instanceof ConsistencyCheck c) {
      ids(w, c.survivors());
    } else if (m instanceof UnmaskRequest r) {
      ids(w, r.survivors());
      ids(w, r.dropped());
      nested(w, r.checks());
    } else if (m instanceof UnmaskResponse r) {
      w.i32(r.shares().size());
      for (RevealedShare s : r.shares()) {
        w.string(s.owner()).u8(s.kind().code()).bytes(s.share().raw());
      }
    } else {
      throw new AssertionError(m.getClass());
    }
  }

  private static void nested(WireWriter w, List<? extends SecAggMessage> messages) {
    w.i32(messages.size());
    for (SecAggMessage m : messages) {
      w.bytes(encode(m));
    }
  }

  private static void ids(WireWriter w, List<String> ids) {
    w.i32(ids.size());
    for (String id : ids) {
      w.string(id);
    }
  }

  static SecAggMessage decode(byte[] bytes) {
    Objects.requireNonNull(bytes, "bytes");
    try {
      return decode(bytes, null);
    } catch (SecAggException e) {
      throw e;
    } catch (RampartException | IllegalArgumentException e) {
      throw new SecAggException("malformed secure-aggregation message: " + e.getMessage(), e);
    }
  }

  /**
   * Decodes one message; {@code expected} is null at the top level and, for an entry of a
   * container, the one kind that container holds. That kind is never a container itself, and the
   * entry's kind byte is checked before anything else of it is decoded, so nesting is one level
   * deep whatever the input says.
   */
  private static SecAggMessage decode(byte[] bytes, MessageKind expected) {
    WireReader r = new WireReader(bytes);
    byte[] magic = r.raw(MAGIC.length, "magic");
    if (!Arrays.equals(magic, MAGIC)) {
      throw new SecAggException("not a secure-aggregation message (bad magic)");
    }
    int version = r.u8("version");
    if (version != VERSION) {
      throw new SecAggException("unsupported secure-aggregation wire version " + version);
    }
    MessageKind kind = MessageKind.ofCode(r.u8("kind"));
    if (expected != null && kind != expected) {
      throw new SecAggException("a nested entry must be a " + expected + ", but is a " + kind);
    }
    MessageHeader header = header(r);
    SecAggMessage unsigned = payload(r, kind, header);
    Octets signature = Octets.wrap(kind == MessageKind.MASKED_INPUT ? signatureOrEmpty(r)
        : r.bytesExactly(PublicKey.SIGNATURE_BYTES, "signature"));
    r.expectEnd(kind + " message");
    return withSignature(unsigned, signature);
  }

  /** A masked input's signature field: empty (signed by its envelope alone) or 64 bytes. */
  private static byte[] signatureOrEmpty(WireReader r) {
    byte[] signature = r.bytes(PublicKey.SIGNATURE_BYTES, "signature");
    if (signature.length != 0 && signature.length != PublicKey.SIGNATURE_BYTES) {
      throw new SecAggException("signature must be empty or " + PublicKey.SIGNATURE_BYTES
          + " bytes, but is " + signature.length);
    }
    return signature;
  }

  private static MessageHeader header(WireReader r) {
    JobId job = JobId.of(r.string(MAX_JOB_BYTES, "jobId"));
    long round = r.i64("round");
    int group = r.i32("groupId");
    Octets session = Octets.wrap(r.bytes(SessionRef.SESSION_ID_BYTES, "sessionId"));
    String sender = r.string(PartyIds.MAX_LENGTH, "sender");
    return new MessageHeader(new SessionRef(new GroupRef(job, round, group), session), sender);
  }

  private static SecAggMessage payload(WireReader r, MessageKind kind, MessageHeader h) {
    return switch (kind) {
      case ADVERTISE_KEYS -> new AdvertiseKeys(h, key(r, "encryptionKey"), key(r, "maskKey"),
          key(r, "modelDigest"), Octets.EMPTY);
      case KEY_LIST -> new KeyList(h, nested(r, MessageKind.ADVERTISE_KEYS, AdvertiseKeys.class),
          Octets.EMPTY);
      case SHARE_KEYS -> new ShareKeys(h, key(r, "commitment"), encryptedShares(r), Octets.EMPTY);
      case SHARE_KEYS_LIST -> new ShareKeysList(h,
          nested(r, MessageKind.SHARE_KEYS, ShareKeys.class), Octets.EMPTY);
      case MASKED_INPUT -> new MaskedInput(h, r.ints(Integer.MAX_VALUE / 4, "vector"),
          Octets.EMPTY);
      case SURVIVOR_LIST -> new SurvivorList(h, ids(r, "survivors"), Octets.EMPTY);
      case CONSISTENCY_CHECK -> new ConsistencyCheck(h, ids(r, "survivors"), Octets.EMPTY);
      case UNMASK_REQUEST -> new UnmaskRequest(h, ids(r, "survivors"), ids(r, "dropped"),
          nested(r, MessageKind.CONSISTENCY_CHECK, ConsistencyCheck.class), Octets.EMPTY);
      case UNMASK_RESPONSE -> new UnmaskResponse(h, revealedShares(r), Octets.EMPTY);
    };
  }

  private static Octets key(WireReader r, String field) {
    return Octets.wrap(r.bytesExactly(Checks.KEY_BYTES, field));
  }

  private static List<String> ids(WireReader r, String field) {
    int n = r.count(SecAggMessage.MAX_ENTRIES, MIN_BYTES_PREFIX, field + " count");
    List<String> out = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      out.add(r.string(PartyIds.MAX_LENGTH, field));
    }
    return out;
  }

  private static List<EncryptedShare> encryptedShares(WireReader r) {
    int n = r.count(SecAggMessage.MAX_ENTRIES, MIN_BYTES_SHARE, "shares count");
    List<EncryptedShare> out = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      String receiver = r.string(PartyIds.MAX_LENGTH, "share receiver");
      out.add(new EncryptedShare(receiver,
          Octets.wrap(r.bytes(Checks.MAX_CIPHERTEXT_BYTES, "ciphertext"))));
    }
    return out;
  }

  private static List<RevealedShare> revealedShares(WireReader r) {
    int n = r.count(SecAggMessage.MAX_ENTRIES, MIN_BYTES_REVEALED, "revealed shares count");
    List<RevealedShare> out = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      String owner = r.string(PartyIds.MAX_LENGTH, "share owner");
      RevealedShare.Kind kind = RevealedShare.Kind.ofCode(r.u8("share kind"));
      out.add(new RevealedShare(owner, kind,
          Octets.wrap(r.bytes(Checks.MAX_SHARE_BYTES, "share"))));
    }
    return out;
  }

  private static <T extends SecAggMessage> List<T> nested(WireReader r, MessageKind kind,
      Class<T> type) {
    int n = r.count(SecAggMessage.MAX_ENTRIES, MIN_BYTES_PREFIX, "entries count");
    List<T> out = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      SecAggMessage m = decode(r.bytes(MAX_NESTED_BYTES, "entry"), kind);
      if (!type.isInstance(m)) {
        throw new SecAggException("entry " + i + " is a " + m.kind() + ", expected "
            + type.getSimpleName());
      }
      out.add(type.cast(m));
    }
    return out;
  }

  private static SecAggMessage withSignature(SecAggMessage m, Octets sig) {
    if (m instanceof AdvertiseKeys a) {
      return a.withSignature(sig);
    } else if (m instanceof KeyList k) {
      return new KeyList(k.header(), k.entries(), sig);
    } else if (m instanceof ShareKeys s) {
      return new ShareKeys(s.header(), s.commitment(), s.shares(), sig);
    } else if (m instanceof ShareKeysList l) {
      return new ShareKeysList(l.header(), l.entries(), sig);
    } else if (m instanceof MaskedInput mi) {
      return new MaskedInput(mi.header(), mi.vectorView(), sig);
    } else if (m instanceof SurvivorList s) {
      return new SurvivorList(s.header(), s.survivors(), sig);
    } else if (m instanceof ConsistencyCheck c) {
      return new ConsistencyCheck(c.header(), c.survivors(), sig);
    } else if (m instanceof UnmaskRequest q) {
      return new UnmaskRequest(q.header(), q.survivors(), q.dropped(), q.checks(), sig);
    } else if (m instanceof UnmaskResponse p) {
      return new UnmaskResponse(p.header(), p.shares(), sig);
    }
    throw new AssertionError(m.getClass());
  }
}
