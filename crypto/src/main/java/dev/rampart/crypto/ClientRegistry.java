package dev.rampart.crypto;

import dev.rampart.crypto.internal.AtomicFiles;
import dev.rampart.crypto.internal.PartyIds;
import dev.rampart.protocol.RampartException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The coordinator's allow-list of clients: client id to Ed25519 public key and status.
 *
 * <p>Each id and each key appears at most once, revoked entries included, so one key cannot be
 * enrolled under two ids (the cross-silo sybil defence of DESIGN.md section 5) and a revoked
 * key cannot come back under a new name. File format, UTF-8 text:
 *
 * <pre>
 * # comment (a '#' anywhere starts a comment up to the end of the line)
 * &lt;client-id&gt; &lt;ACTIVE|REVOKED&gt; &lt;base64 32-byte Ed25519 public key&gt;
 * </pre>
 *
 * <p>Fields are separated by spaces or tabs; blank lines are ignored. {@link #save} writes entries
 * sorted by client id.
 *
 * <p>Immutable and thread-safe; "mutators" return a new registry.
 */
public final class ClientRegistry {
  private static final ClientRegistry EMPTY = new ClientRegistry(new TreeMap<>(), new HashMap<>());

  private final TreeMap<String, Enrollment> byId;
  private final Map<PublicKey, String> idByKey;

  private ClientRegistry(TreeMap<String, Enrollment> byId, Map<PublicKey, String> idByKey) {
    this.byId = byId;
    this.idByKey = idByKey;
  }

  /** A registry with no clients. */
  public static ClientRegistry empty() {
    return EMPTY;
  }

  /**
   * Reads an enrollment file.
   *
   * @throws KeyFormatException naming file and line for a malformed line, an invalid client id,
   *     an unknown status, an invalid key, a duplicate id or a key enrolled twice
   * @throws RampartException naming the file if it cannot be read
   */
  public static ClientRegistry load(Path file) {
    List<String> lines;
    try {
      lines = Files.readAllLines(file, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new RampartException("cannot read client registry " + file + ": " + e.getMessage(), e);
    }
    TreeMap<String, Enrollment> byId = new TreeMap<>();
    Map<PublicKey, String> idByKey = new HashMap<>();
    Map<String, Integer> lineOfId = new HashMap<>();
    for (int i = 0; i < lines.size(); i++) {
      Enrollment e = parseLine(file, i + 1, lines.get(i));
      if (e == null) {
        continue;
      }
      Integer first = lineOfId.putIfAbsent(e.clientId(), i + 1);
      if (first != null) {
        throw error(file, i + 1, "duplicate client id '" + e.clientId() + "' (first on line "
            + first + ")");
      }
      String other = idByKey.putIfAbsent(e.key(), e.clientId());
      if (other != null) {
        throw error(file, i + 1, "public key of '" + e.clientId() + "' (keyId="
            + e.key().keyId() + ") is already enrolled as '" + other + "' on line "
            + lineOfId.get(other));
      }
      byId.put(e.clientId(), e);
    }
    return new ClientRegistry(byId, idByKey);
  }

  private static Enrollment parseLine(Path file, int lineNo, String raw) {
    int hash = raw.indexOf('#');
    String line = (hash >= 0 ? raw.substring(0, hash) : raw).strip();
    if (line.isEmpty()) {
      return null;
    }
    String[] fields = line.split("[ \t]+");
    if (fields.length != 3) {
      throw error(file, lineNo, "expected '<client-id> <ACTIVE|REVOKED> <base64 public key>', "
          + "but found " + fields.length + " fields");
    }
    if (!PartyIds.isValid(fields[0])) {
      throw error(file, lineNo, "client id must be 1-64 characters of [A-Za-z0-9._-], but was '"
          + (fields[0].length() > 80 ? fields[0].substring(0, 80) + "..." : fields[0]) + "'");
    }
    Enrollment.Status status;
    try {
      status = Enrollment.Status.valueOf(fields[1]);
    } catch (IllegalArgumentException e) {
      throw error(file, lineNo, "status of '" + fields[0] + "' must be ACTIVE or REVOKED, but was '"
          + (fields[1].length() > 20 ? fields[1].substring(0, 20) + "..." : fields[1]) + "'");
    }
    PublicKey key;
    try {
      key = PublicKey.fromBase64(fields[2]);
    } catch (KeyFormatException e) {
      throw new KeyFormatException(file + ":" + lineNo + ": public key of '" + fields[0]
          + "': " + e.getMessage(), e);
    }
    return new Enrollment(fields[0], key, status);
  }

  private static KeyFormatException error(Path file, int lineNo, String what) {
    return new KeyFormatException(file + ":" + lineNo + ": " + what);
  }

  /**
   * Writes the registry atomically (temporary sibling, fsync, rename), one line per client,
   * sorted by id, readable by {@link #load}.
   *
   * @throws RampartException naming the file if writing fails; the previous file is then intact
   */
  public void save(Path file) {
    StringBuilder out = new StringBuilder(64 + 80 * byId.size());
    out.append("# Rampart client registry: <client-id> <ACTIVE|REVOKED> <base64 Ed25519 key>\n");
    for (Enrollment e : byId.values()) {
      out.append(e.clientId()).append(' ').append(e.status()).append(' ')
          .append(e.key().toBase64()).append('\n');
    }
    AtomicFiles.writeString(file, out.toString(), false);
  }

  /**
   * A registry with one more, active, client.
   *
   * @throws RampartException naming both ids if {@code clientId} is already enrolled (in any
   *     status) or {@code key} is already enrolled under another id (in any status)
   */
  public ClientRegistry withClient(String clientId, PublicKey key) {
    PartyIds.requireValid(clientId, "client id");
    Objects.requireNonNull(key, "key");
    if (byId.containsKey(clientId)) {
      throw new RampartException("client id '" + clientId + "' is already enrolled ("
          + byId.get(clientId).status() + ")");
    }
    String other = idByKey.get(key);
    if (other != null) {
      throw new RampartException("cannot enroll '" + clientId + "': its public key (keyId="
          + key.keyId() + ") is already enrolled as '" + other + "'");
    }
    TreeMap<String, Enrollment> ids = new TreeMap<>(byId);
    Map<PublicKey, String> keys = new HashMap<>(idByKey);
    ids.put(clientId, new Enrollment(clientId, key, Enrollment.Status.ACTIVE));
    keys.put(key, clientId);
    return new ClientRegistry(ids, keys);
  }

  /**
   * A registry in which {@code clientId} is revoked; its id and key stay reserved. Revoking an
   * already revoked client returns this registry.
   *
   * @throws RampartException naming the id if it is not enrolled
   */
  public ClientRegistry revoke(String clientId) {
    Enrollment current = byId.get(Objects.requireNonNull(clientId, "clientId"));
    if (current == null) {
      throw new RampartException("cannot revoke '" + clientId + "': not enrolled");
    }
    if (!current.isActive()) {
      return this;
    }
    TreeMap<String, Enrollment> ids = new TreeMap<>(byId);
    ids.put(clientId, new Enrollment(clientId, current.key(), Enrollment.Status.REVOKED));
    return new ClientRegistry(ids, idByKey);
  }

  /** The enrollment of {@code clientId} in any status, or empty if it was never enrolled. */
  public Optional<Enrollment> lookup(String clientId) {
    return Optional.ofNullable(byId.get(clientId));
  }

  /**
   * The key of {@code clientId} if the client is enrolled and {@link Enrollment.Status#ACTIVE};
   * empty for unknown or revoked clients. This is the check to apply before trusting a signature.
   */
  public Optional<PublicKey> activeKey(String clientId) {
    Enrollment e = byId.get(clientId);
    return e != null && e.isActive() ? Optional.of(e.key()) : Optional.empty();
  }

  /** All enrollments, active and revoked, sorted by client id; unmodifiable. */
  public List<Enrollment> enrollments() {
    return List.copyOf(byId.values());
  }

  /** Number of active clients. */
  public int activeCount() {
    int n = 0;
    for (Enrollment e : byId.values()) {
      if (e.isActive()) {
        n++;
      }
    }
    return n;
  }

  /** Number of enrollments, active and revoked. */
  public int size() {
    return byId.size();
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof ClientRegistry other && byId.equals(other.byId);
  }

  @Override
  public int hashCode() {
    return byId.hashCode();
  }

  /** {@code ClientRegistry[active=<n>, revoked=<m>]}. */
  @Override
  public String toString() {
    int active = activeCount();
    return "ClientRegistry[active=" + active + ", revoked=" + (byId.size() - active) + "]";
  }

}
