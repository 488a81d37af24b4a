package dev.rampart.audit;

import dev.rampart.audit.internal.CanonicalJson;
import dev.rampart.audit.internal.RecordCodec;
import dev.rampart.audit.internal.RecordFormatException;
import java.time.Instant;
import java.util.Arrays;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Objects;
import java.util.OptionalLong;
import java.util.Set;

/**
 * One audit record as read from a segment file or the mirror: the parsed fields and the exact
 * line bytes they came from. Parsing does not check the signature or the chain; use
 * {@link AuditVerifier} for that.
 *
 * <p>Immutable and thread-safe; byte arrays are copied out, the body is a deep unmodifiable view.
 */
public final class AuditRecord {
  private final long sequence;
  private final Instant time;
  private final RecordType type;
  private final String previousHash;
  private final String signerKeyId;
  private final Map<String, Object> body;
  private final byte[] line;
  private final int payloadLength;
  private final String hash;

  private AuditRecord(RecordCodec.Fields fields, RecordType type, byte[] line, int payloadLength) {
    this.sequence = fields.seq();
    this.time = fields.time();
    this.type = type;
    this.previousHash = fields.prev();
    this.signerKeyId = fields.signer();
    @SuppressWarnings("unchecked")
    Map<String, Object> map = (Map<String, Object>) CanonicalJson.toJava(fields.body());
    this.body = map;
    this.line = line;
    this.payloadLength = payloadLength;
    this.hash = RecordCodec.hash(line);
  }

  /**
   * Parses one record line ({@code payload TAB signature LF}) without checking its signature.
   *
   * @param line the exact bytes, LF included; copied
   * @return the record
   * @throws AuditException when the bytes are not a well-formed record line
   */
  public static AuditRecord parse(byte[] line) {
    Objects.requireNonNull(line, "line");
    try {
      return decode(line.clone());
    } catch (RecordFormatException e) {
      throw new AuditException("not an audit record line: " + e.getMessage());
    }
  }

  static AuditRecord decode(byte[] line) throws RecordFormatException {
    RecordCodec.Split split = RecordCodec.split(line);
    RecordCodec.Fields fields = RecordCodec.parse(split.payload());
    RecordType type;
    try {
      type = RecordType.valueOf(fields.type());
    } catch (IllegalArgumentException e) {
      throw new RecordFormatException("unknown record type " + fields.type());
    }
    return new AuditRecord(fields, type, line, split.payload().length);
  }

  /** The sequence number, from 1. */
  public long sequence() {
    return sequence;
  }

  /** When the coordinator wrote the record (UTC, from its injected clock). */
  public Instant time() {
    return time;
  }

  /** The record type. */
  public RecordType type() {
    return type;
  }

  /** Lowercase hex SHA-256 of the previous record's line; 64 zeros for the first record. */
  public String previousHash() {
    return previousHash;
  }

  /** The key id ({@code PublicKey.keyId()}) the record claims to be signed with. */
  public String signerKeyId() {
    return signerKeyId;
  }

  /** The body: a deep unmodifiable map as documented on {@link RecordType}. */
  public Map<String, Object> body() {
    return body;
  }

  /** Lowercase hex SHA-256 of {@link #bytes()}: the {@code prev} of the next record. */
  public String hash() {
    return hash;
  }

  /** A copy of the exact line bytes, LF included: what was hashed, written and mirrored. */
  public byte[] bytes() {
    return line.clone();
  }

  /** A copy of the signed JSON payload (the line up to the TAB). */
  public byte[] payload() {
    return Arrays.copyOf(line, payloadLength);
  }

  /** The {@link ChainHead} that points at this record. */
  public ChainHead head() {
    return new ChainHead(sequence, hash);
  }

  /** The body's integer {@code round}, when present. */
  public OptionalLong round() {
    Object round = body.get("round");
    if (round instanceof Integer || round instanceof Long) {
      return OptionalLong.of(((Number) round).longValue());
    }
    return OptionalLong.empty();
  }

  /**
   * Every client id the body names: {@code client}, {@code participants}, {@code inputs},
   * {@code suspected}, {@code clients[].client} and {@code groups}, in order of appearance.
   */
  public Set<String> clients() {
    Set<String> ids = new LinkedHashSet<>();
    addText(ids, body.get("client"));
    addAll(ids, body.get("participants"));
    addAll(ids, body.get("inputs"));
    addAll(ids, body.get("suspected"));
    if (body.get("clients") instanceof Collection<?> entries) {
      for (Object entry : entries) {
        if (entry instanceof Map<?, ?> m) {
          addText(ids, m.get("client"));
        }
      }
    }
    if (body.get("groups") instanceof Collection<?> groups) {
      groups.forEach(g -> addAll(ids, g));
    }
    return Collections.unmodifiableSet(ids);
  }

  private static void addAll(Set<String> ids, Object list) {
    if (list instanceof Collection<?> c) {
      c.forEach(v -> addText(ids, v));
    }
  }

  private static void addText(Set<String> ids, Object value) {
    if (value instanceof String s) {
      ids.add(s);
    }
  }

  /** Equal when the line bytes are equal. */
  @Override
  public boolean equals(Object o) {
    return o instanceof AuditRecord other && Arrays.equals(line, other.line);
  }

  @Override
  public int hashCode() {
    return hash.hashCode();
  }

  /** {@code AuditRecord[seq=5, type=ANOMALY, hash=3fa1b2c3...]}; the body is not printed. */
  @Override
  public String toString() {
    return "AuditRecord[seq=" + sequence + ", type=" + type + ", hash=" + hash.substring(0, 8)
        + "...]";
  }
}
