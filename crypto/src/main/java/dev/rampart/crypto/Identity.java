package dev.rampart.crypto;

import dev.rampart.crypto.internal.AtomicFiles;
import dev.rampart.crypto.internal.PartyIds;
import dev.rampart.protocol.RampartException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.bouncycastle.math.ec.rfc8032.Ed25519;

/**
 * The long-term Ed25519 signing identity of one party (client or coordinator).
 *
 * <p>Signatures are pure Ed25519 (RFC 8032, section 5.1.6) computed with BouncyCastle's
 * low-level implementation. The identity file is UTF-8 text:
 *
 * <pre>
 * # optional comments
 * format=rampart-identity/v1
 * id=&lt;party id, 1-64 of [A-Za-z0-9._-]&gt;
 * private=&lt;base64 of the 32-byte RFC 8032 private key (seed)&gt;
 * public=&lt;base64 of the 32-byte public key&gt;
 * </pre>
 *
 * <p>Immutable and thread-safe: {@link #sign} may be called concurrently. {@link #toString()}
 * prints the id and key fingerprint only, never key material.
 */
public final class Identity {
  /** Value of the {@code format} line of identity files this version reads and writes. */
  public static final String FORMAT = "rampart-identity/v1";
  /** Length of an Ed25519 private key (seed) in bytes. */
  public static final int PRIVATE_KEY_BYTES = Ed25519.SECRET_KEY_SIZE;

  private static final List<String> FIELDS = List.of("format", "id", "private", "public");

  private final String id;
  private final byte[] seed;
  private final byte[] publicRaw;
  private final PublicKey publicKey;

  private Identity(String id, byte[] seed) {
    this.id = id;
    this.seed = seed;
    this.publicRaw = new byte[PublicKey.BYTES];
    Ed25519.generatePublicKey(seed, 0, publicRaw, 0);
    this.publicKey = PublicKey.of(publicRaw);
  }

  /**
   * Creates a fresh identity.
   *
   * @param id the party id, 1-64 characters of {@code [A-Za-z0-9._-]}
   * @param random source of the 32-byte private key; pass a {@link SecureRandom} seeded by the
   *     platform in production
   * @throws RampartException if the id is malformed
   */
  public static Identity generate(String id, SecureRandom random) {
    PartyIds.requireValid(id, "identity id");
    Objects.requireNonNull(random, "random");
    byte[] seed = new byte[PRIVATE_KEY_BYTES];
    Ed25519.generatePrivateKey(random, seed);
    return new Identity(id, seed);
  }

  /**
   * Creates an identity from an existing 32-byte RFC 8032 private key (seed), e.g. a test vector.
   *
   * @param id the party id, 1-64 characters of {@code [A-Za-z0-9._-]}
   * @param privateKey the 32-byte private key; copied
   * @throws KeyFormatException if the key is not 32 bytes
   */
  public static Identity fromPrivateKey(String id, byte[] privateKey) {
    PartyIds.requireValid(id, "identity id");
    Objects.requireNonNull(privateKey, "privateKey");
    if (privateKey.length != PRIVATE_KEY_BYTES) {
      throw new KeyFormatException(
          "Ed25519 private key must be " + PRIVATE_KEY_BYTES + " bytes, but got "
              + privateKey.length + " bytes");
    }
    return new Identity(id, privateKey.clone());
  }

  /**
   * Reads an identity file written by {@link #save}.
   *
   * @param file the identity file
   * @return the identity
   * @throws KeyFormatException naming the file and line if the file is malformed, a field is
   *     missing, repeated or unknown, a key does not decode, or the public key does not derive
   *     from the private key
   * @throws RampartException naming the file if it cannot be read
   */
  public static Identity load(Path file) {
    List<String> lines;
    try {
      lines = Files.readAllLines(file, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new RampartException("cannot read identity file " + file + ": " + e.getMessage(), e);
    }
    Map<String, Integer> lineOf = new HashMap<>();
    Map<String, String> values = new HashMap<>();
    for (int i = 0; i < lines.size(); i++) {
      parseLine(file, i + 1, lines.get(i), lineOf, values);
    }
    for (String field : FIELDS) {
      if (!values.containsKey(field)) {
        throw new KeyFormatException("identity file " + file + ": missing '" + field + "=' line");
      }
    }
    if (!FORMAT.equals(values.get("format"))) {
      throw error(file, lineOf.get("format"), "unsupported format '" + values.get("format")
          + "', expected '" + FORMAT + "'");
    }
    String id = values.get("id");
    if (!PartyIds.isValid(id)) {
      throw error(file, lineOf.get("id"), "id must be 1-64 characters of [A-Za-z0-9._-]");
    }
    byte[] seed = decode(file, lineOf.get("private"), values.get("private"), "private");
    if (seed.length != PRIVATE_KEY_BYTES) {
      throw error(file, lineOf.get("private"),
          "private key must be " + PRIVATE_KEY_BYTES + " bytes, but got " + seed.length);
    }
    byte[] storedPublic = decode(file, lineOf.get("public"), values.get("public"), "public");
    Identity identity = new Identity(id, seed);
    if (!MessageDigest.isEqual(storedPublic, identity.publicRaw)) {
      throw error(file, lineOf.get("public"),
          "public key does not derive from the private key on line " + lineOf.get("private"));
    }
    return identity;
  }

  private static void parseLine(
      Path file, int lineNo, String raw, Map<String, Integer> lineOf, Map<String, String> values) {
    String line = raw.strip();
    if (line.isEmpty() || line.startsWith("#")) {
      return;
    }
    int eq = line.indexOf('=');
    if (eq <= 0) {
      throw error(file, lineNo, "expected 'name=value'");
    }
    String name = line.substring(0, eq).strip();
    if (!FIELDS.contains(name)) {
      throw error(file, lineNo, "unknown field '" + (name.length() > 40 ? name.substring(0, 40) : name) + "'");
    }
    Integer previous = lineOf.putIfAbsent(name, lineNo);
    if (previous != null) {
      throw error(file, lineNo, "field '" + name + "' repeated (first on line " + previous + ")");
    }
    values.put(name, line.substring(eq + 1).strip());
  }

  private static byte[] decode(Path file, int lineNo, String text, String field) {
    try {
      return Base64.getDecoder().decode(text);
    } catch (IllegalArgumentException e) {
      throw error(file, lineNo, field + " key is not valid base64");
    }
  }

  private static KeyFormatException error(Path file, int lineNo, String what) {
    return new KeyFormatException("identity file " + file + ":" + lineNo + ": " + what);
  }

  /**
   * Writes this identity to {@code file} atomically (temporary sibling, fsync, rename). On file
   * systems with POSIX permissions the file is created with mode 0600.
   *
   * @throws RampartException naming the file if writing fails; the previous file is then intact
   */
  public void save(Path file) {
    Base64.Encoder b64 = Base64.getEncoder();
    String content = "# Rampart Ed25519 identity. Keep this file private.\n"
        + "format=" + FORMAT + "\n"
        + "id=" + id + "\n"
        + "private=" + b64.encodeToString(seed) + "\n"
        + "public=" + b64.encodeToString(publicRaw) + "\n";
    AtomicFiles.writeString(file, content, true);
  }

  /** The party id this identity signs as. */
  public String id() {
    return id;
  }

  /** The public half, to be enrolled in a {@link ClientRegistry} or pinned by peers. */
  public PublicKey publicKey() {
    return publicKey;
  }

  /**
   * Signs {@code message} with pure Ed25519 (deterministic: equal input, equal signature).
   *
   * @param message any bytes, not null
   * @return a new 64-byte signature
   */
  public byte[] sign(byte[] message) {
    Objects.requireNonNull(message, "message");
    byte[] signature = new byte[PublicKey.SIGNATURE_BYTES];
    Ed25519.sign(seed, 0, publicRaw, 0, message, 0, message.length, signature, 0);
    return signature;
  }

  /** {@code Identity[id=<id>, keyId=<fingerprint>]}; never key material. */
  @Override
  public String toString() {
    return "Identity[id=" + id + ", keyId=" + publicKey.keyId() + "]";
  }
}
