package dev.rampart.audit.internal;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import dev.rampart.crypto.Digests;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.DateTimeException;
import java.time.Instant;
import java.util.Base64;
import java.util.Iterator;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Byte-level codec of one audit record line:
 *
 * <pre>
 * line    = payload TAB base64(signature) LF
 * payload = {"seq":N,"time":"ISO-8601Z","type":"T","prev":"64 hex","signer":"key id","body":{..}}
 * </pre>
 *
 * <p>The payload keys appear in exactly that order; the body is {@link CanonicalJson}. The
 * signature is Ed25519 over {@code SHA-256("rampart/v1/audit-record" || 0x00 || payload)}; a
 * record's hash is SHA-256 over the whole line including its LF. Base64 is RFC 4648 with padding
 * and must be canonical (re-encoding the decoded bytes gives the same text), so no two distinct
 * lines carry the same signature.
 *
 * <p>Stateless and thread-safe.
 */
public final class RecordCodec {
  /** Domain separation prefix of the signed digest. */
  public static final String SIGNING_DOMAIN = "rampart/v1/audit-record";
  /** The {@code prev} of the first record: 64 zeros. */
  public static final String GENESIS_HASH = "0".repeat(64);
  /** Ed25519 signature length in bytes. */
  public static final int SIGNATURE_BYTES = 64;
  /** Longest line a reader accepts, in bytes (16 MiB); longer lines are malformed. */
  public static final int MAX_LINE_BYTES = 16 << 20;

  private static final List<String> KEYS = List.of("seq", "time", "type", "prev", "signer", "body");
  private static final Pattern HASH = Pattern.compile("[0-9a-f]{64}");
  private static final Pattern KEY_ID = Pattern.compile("[0-9a-f]{16,64}");
  private static final Pattern TYPE = Pattern.compile("[A-Z][A-Z0-9_]{0,63}");
  private static final byte TAB = '\t';
  private static final byte LF = '\n';
  private static final JsonFactory FACTORY = CanonicalJson.mapper().getFactory();

  private RecordCodec() {}

  /** The fields of a parsed payload; {@code body} is a JSON object. */
  public record Fields(long seq, Instant time, String type, String prev, String signer,
      JsonNode body) {}

  /** A line split into its payload and decoded signature. */
  public record Split(byte[] payload, byte[] signature) {}

  /** Encodes a payload; the caller has validated every field. */
  public static byte[] payload(long seq, Instant time, String type, String prev, String signer,
      JsonNode body) {
    ByteArrayOutputStream out = new ByteArrayOutputStream(256);
    try (JsonGenerator g = FACTORY.createGenerator(out)) {
      g.writeStartObject();
      g.writeNumberField("seq", seq);
      g.writeStringField("time", time.toString());
      g.writeStringField("type", type);
      g.writeStringField("prev", prev);
      g.writeStringField("signer", signer);
      g.writeFieldName("body");
      CanonicalJson.write(g, body);
      g.writeEndObject();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toByteArray();
  }

  /** The 32 bytes that are signed for {@code payload}. */
  public static byte[] signedDigest(byte[] payload) {
    return Digests.sha256(SIGNING_DOMAIN.getBytes(StandardCharsets.US_ASCII), new byte[] {0},
        payload);
  }

  /** {@code payload TAB base64(signature) LF}. */
  public static byte[] line(byte[] payload, byte[] signature) {
    byte[] sig = Base64.getEncoder().encode(signature);
    byte[] line = new byte[payload.length + 1 + sig.length + 1];
    System.arraycopy(payload, 0, line, 0, payload.length);
    line[payload.length] = TAB;
    System.arraycopy(sig, 0, line, payload.length + 1, sig.length);
    line[line.length - 1] = LF;
    return line;
  }

  /** Lowercase hex SHA-256 of the full line bytes (LF included). */
  public static String hash(byte[] line) {
    return Digests.hex(Digests.sha256(line));
  }

  /**
   * Splits a complete line (ending in LF) into payload and signature.
   *
   * @throws RecordFormatException when the LF is missing, the line holds other than exactly one
   *     TAB, or the signature is not canonical base64 of 64 bytes
   */
  public static Split split(byte[] line) throws RecordFormatException {
    if (line.length == 0 || line[line.length - 1] != LF) {
      throw new RecordFormatException("line does not end with LF");
    }
    int tab = -1;
    for (int i = 0; i < line.length - 1; i++) {
      if (line[i] == TAB) {
        if (tab >= 0) {
          throw new RecordFormatException("line holds more than one TAB (at bytes " + tab + " and "
              + i + ")");
        }
        tab = i;
      } else if (line[i] == LF) {
        throw new RecordFormatException("LF inside the line at byte " + i);
      }
    }
    if (tab < 0) {
      throw new RecordFormatException("line has no TAB between payload and signature");
    }
    byte[] payload = java.util.Arrays.copyOfRange(line, 0, tab);
    String sigText = new String(line, tab + 1, line.length - tab - 2, StandardCharsets.ISO_8859_1);
    byte[] signature;
    try {
      signature = Base64.getDecoder().decode(sigText);
    } catch (IllegalArgumentException e) {
      throw new RecordFormatException("signature is not base64");
    }
    if (signature.length != SIGNATURE_BYTES) {
      throw new RecordFormatException("signature has " + signature.length + " bytes, expected "
          + SIGNATURE_BYTES);
    }
    if (!Base64.getEncoder().encodeToString(signature).equals(sigText)) {
      throw new RecordFormatException("signature base64 is not canonical");
    }
    return new Split(payload, signature);
  }

  /**
   * Parses and checks a payload: exactly the six keys in order, {@code seq} a positive integer,
   * {@code time} an ISO-8601 instant ending in Z, {@code type} an upper-case token, {@code prev}
   * 64 lowercase hex, {@code signer} a lowercase hex key id, {@code body} an object.
   *
   * @throws RecordFormatException naming the first defect
   */
  public static Fields parse(byte[] payload) throws RecordFormatException {
    JsonNode root;
    try {
      root = CanonicalJson.parse(payload);
    } catch (IOException e) {
      throw new RecordFormatException("payload is not valid JSON: " + firstLine(e.getMessage()));
    }
    if (root == null || !root.isObject()) {
      throw new RecordFormatException("payload is not a JSON object");
    }
    Iterator<String> names = root.fieldNames();
    for (String key : KEYS) {
      if (!names.hasNext() || !key.equals(names.next())) {
        throw new RecordFormatException("payload keys must be exactly " + KEYS + " in this order");
      }
    }
    if (names.hasNext()) {
      throw new RecordFormatException("payload keys must be exactly " + KEYS + " in this order");
    }
    JsonNode seq = root.get("seq");
    if (!seq.isIntegralNumber() || !seq.canConvertToLong() || seq.longValue() < 1) {
      throw new RecordFormatException("seq must be an integer >= 1");
    }
    String type = text(root, "type", TYPE);
    String prev = text(root, "prev", HASH);
    String signer = text(root, "signer", KEY_ID);
    Instant time = time(root.get("time"));
    JsonNode body = root.get("body");
    if (!body.isObject()) {
      throw new RecordFormatException("body must be a JSON object");
    }
    return new Fields(seq.longValue(), time, type, prev, signer, body);
  }

  private static String text(JsonNode root, String key, Pattern pattern)
      throws RecordFormatException {
    JsonNode node = root.get(key);
    if (!node.isTextual() || !pattern.matcher(node.textValue()).matches()) {
      throw new RecordFormatException(key + " must be a string matching " + pattern.pattern());
    }
    return node.textValue();
  }

  private static Instant time(JsonNode node) throws RecordFormatException {
    if (!node.isTextual() || !node.textValue().endsWith("Z")) {
      throw new RecordFormatException("time must be an ISO-8601 UTC instant ending in Z");
    }
    try {
      return Instant.parse(node.textValue());
    } catch (DateTimeException e) {
      throw new RecordFormatException("time must be an ISO-8601 UTC instant ending in Z");
    }
  }

  private static String firstLine(String message) {
    if (message == null) {
      return "unknown error";
    }
    int nl = message.indexOf('\n');
    String first = nl < 0 ? message : message.substring(0, nl);
    return first.length() > 160 ? first.substring(0, 160) + "..." : first;
  }
}
