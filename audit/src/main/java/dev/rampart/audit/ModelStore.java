package dev.rampart.audit;

import com.fasterxml.jackson.databind.JsonNode;
import dev.rampart.audit.internal.CanonicalJson;
import dev.rampart.audit.internal.DurableFiles;
import dev.rampart.audit.internal.ModelFiles;
import dev.rampart.protocol.FloatVectors;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.regex.Pattern;

/**
 * Content-addressed store of model versions, with their lineage.
 *
 * <p>Layout of the store directory (e.g. {@code <run>/models}):
 * <ul>
 *   <li>{@code <digest>.bin}: the parameters, named by their model digest
 *       ({@code FloatVectors.digest}: SHA-256 over the 4-byte big-endian dimension and the float32
 *       little-endian values). Format: 8-byte magic {@code "RMODEL\0\1"}, 4-byte big-endian
 *       dimension, float32 little-endian values with raw bits. Identical parameters share one
 *       file. Written to a temporary file, forced, renamed.
 *   <li>{@code lineage.jsonl}: one JSON object per version, appended and forced per put:
 *       {@code version}, {@code digest}, {@code parentDigest}, {@code parentVersion} (null for a
 *       root), {@code round}, {@code auditSequence}, {@code dimension}.
 * </ul>
 *
 * <p><b>Versions are assigned by the store</b>: 0 for the first model put (normally the initial
 * model of round 0), then 1, 2, ... in put order, never reused. A rollback does not add a version:
 * the coordinator republishes an earlier one ({@link #get}), and the next version it puts names
 * that earlier one as its parent, so the lineage shows a branch. The parent digest is resolved to
 * the most recent version holding it.
 *
 * <p>Suggested order in a coordinator: put the model first, with the sequence number the commit
 * record is about to get ({@code log.lastSequence() + 1}), then append the
 * {@link RecordType#AGGREGATE_COMMITTED} record naming {@code ref.version()} and
 * {@code ref.digest()}; a crash in between leaves a stored version no record names, never a record
 * naming a missing model.
 *
 * <p>Every read checks the digest, so a flipped bit is reported, never returned. The lineage file
 * is not signed: the audit log's signed commit records are the authority, and the governance
 * report cross-checks the two.
 *
 * <p>Thread-safe: methods are synchronised; one process per directory.
 */
public final class ModelStore {
  /** Name of the lineage file inside the store directory. */
  public static final String LINEAGE_FILE = "lineage.jsonl";
  private static final Pattern HEX64 = Pattern.compile("[0-9a-f]{64}");

  private final Path directory;
  private final List<ModelRef> lineage;

  private ModelStore(Path directory, List<ModelRef> lineage) {
    this.directory = directory;
    this.lineage = lineage;
  }

  /**
   * Opens (creating if needed) the store in {@code directory} and reads its lineage.
   *
   * @throws CorruptModelException when the lineage file does not parse, ends without LF, or its
   *     versions are not 0, 1, 2, ...
   * @throws AuditException when the directory cannot be created or read
   */
  public static ModelStore open(Path directory) {
    Objects.requireNonNull(directory, "directory");
    try {
      Files.createDirectories(directory);
      return new ModelStore(directory, readLineage(directory.resolve(LINEAGE_FILE)));
    } catch (IOException e) {
      throw new AuditException("cannot open model store " + directory + ": " + e.getMessage(), e);
    }
  }

  /**
   * Stores a model version whose parent is named by digest.
   *
   * @param params the parameters; copied, stored bit-exactly
   * @param parentDigestHex digest of the model it was computed from, or null for a root
   * @param round the round that produced it, at least 0
   * @param auditSequence sequence number of the audit record that commits it, at least 0
   * @return the new version
   * @throws CorruptModelException when a file already stored under the same digest is corrupt
   * @throws AuditException when writing fails
   */
  public synchronized ModelRef put(float[] params, String parentDigestHex, long round,
      long auditSequence) {
    Objects.requireNonNull(params, "params");
    if (parentDigestHex != null && !HEX64.matcher(parentDigestHex).matches()) {
      throw new IllegalArgumentException("parentDigestHex must be 64 lowercase hex characters, "
          + "but has length " + parentDigestHex.length());
    }
    OptionalLong parentVersion = OptionalLong.empty();
    for (int i = lineage.size() - 1; i >= 0 && parentDigestHex != null; i--) {
      if (lineage.get(i).digest().equals(parentDigestHex)) {
        parentVersion = OptionalLong.of(lineage.get(i).version());
        break;
      }
    }
    // the file's bytes after the magic are what FloatVectors.digest hashes: encode once, hash once
    byte[] encoded = ModelFiles.encode(params);
    String digest = ModelFiles.digestHex(encoded);
    ModelRef ref = new ModelRef(lineage.size(), digest, Optional.ofNullable(parentDigestHex),
        parentVersion, round, auditSequence, params.length);
    try {
      writeModel(digest, encoded);
      appendLineage(ref);
    } catch (IOException e) {
      throw new AuditException("cannot store model version " + ref.version() + " in " + directory
          + ": " + e.getMessage(), e);
    }
    lineage.add(ref);
    return ref;
  }

  private void writeModel(String digest, byte[] encoded) throws IOException {
    Path file = file(digest);
    if (Files.exists(file)) {
      get(digest);
      return;
    }
    DurableFiles.writeAtomically(file, encoded);
  }

  private void appendLineage(ModelRef ref) throws IOException {
    Map<String, Object> line = new LinkedHashMap<>();
    line.put("version", ref.version());
    line.put("digest", ref.digest());
    line.put("parentDigest", ref.parentDigest().orElse(null));
    line.put("parentVersion", ref.parentVersion().isPresent()
        ? ref.parentVersion().getAsLong() : null);
    line.put("round", ref.round());
    line.put("auditSequence", ref.auditSequence());
    line.put("dimension", ref.dimension());
    byte[] json = CanonicalJson.bytes(CanonicalJson.toTree(line));
    byte[] bytes = new byte[json.length + 1];
    System.arraycopy(json, 0, bytes, 0, json.length);
    bytes[json.length] = '\n';
    Path path = directory.resolve(LINEAGE_FILE);
    boolean created = !Files.exists(path);
    try (FileChannel channel = FileChannel.open(path, StandardOpenOption.CREATE,
        StandardOpenOption.WRITE, StandardOpenOption.APPEND)) {
      DurableFiles.writeFully(channel, bytes);
      channel.force(false);
    }
    if (created) {
      DurableFiles.forceDirectory(directory);
    }
  }

  /**
   * Reads a stored model and checks it against its digest.
   *
   * @param digestHex lowercase hex model digest
   * @return a fresh copy of the parameters, bit-identical to what was put
   * @throws CorruptModelException when the file's header or length is wrong or its content does
   *     not hash to {@code digestHex}
   * @throws AuditException when no model has that digest, or the file cannot be read
   */
  public synchronized float[] get(String digestHex) {
    Objects.requireNonNull(digestHex, "digestHex");
    if (!HEX64.matcher(digestHex).matches()) {
      throw new IllegalArgumentException("digestHex must be 64 lowercase hex characters, but has "
          + "length " + digestHex.length());
    }
    Path file = file(digestHex);
    byte[] bytes;
    try {
      bytes = Files.readAllBytes(file);
    } catch (NoSuchFileException e) {
      throw new AuditException("no model with digest " + digestHex + " in " + directory, e);
    } catch (IOException e) {
      throw new AuditException("cannot read model file " + file + ": " + e.getMessage(), e);
    }
    float[] values;
    try {
      values = ModelFiles.decode(bytes);
    } catch (IllegalArgumentException e) {
      throw new CorruptModelException("model file " + file + " is corrupt: " + e.getMessage());
    }
    String actual = ModelFiles.digestHex(bytes);
    if (!actual.equals(digestHex)) {
      throw new CorruptModelException("model file " + file + " is corrupt: its content hashes to "
          + actual);
    }
    return values;
  }

  /** Whether a model file with this digest exists (its content is not checked). */
  public synchronized boolean contains(String digestHex) {
    return HEX64.matcher(digestHex).matches() && Files.isRegularFile(file(digestHex));
  }

  /** Every version in put order (version 0 first), with parent links. */
  public synchronized List<ModelRef> lineage() {
    return List.copyOf(lineage);
  }

  /** The version numbered {@code version}, if stored. */
  public synchronized Optional<ModelRef> byVersion(long version) {
    return version >= 0 && version < lineage.size()
        ? Optional.of(lineage.get((int) version)) : Optional.empty();
  }

  /**
   * The most recent version produced by {@code round} (after a rollback a round number may repeat
   * on the new branch; the latest wins).
   */
  public synchronized Optional<ModelRef> byRound(long round) {
    for (int i = lineage.size() - 1; i >= 0; i--) {
      if (lineage.get(i).round() == round) {
        return Optional.of(lineage.get(i));
      }
    }
    return Optional.empty();
  }

  /** The version put last, empty when the store is empty. */
  public synchronized Optional<ModelRef> latest() {
    return lineage.isEmpty() ? Optional.empty() : Optional.of(lineage.get(lineage.size() - 1));
  }

  /** The version number the next {@code put} will assign. */
  public synchronized long nextVersion() {
    return lineage.size();
  }

  /** The store directory. */
  public Path directory() {
    return directory;
  }

  private Path file(String digest) {
    return directory.resolve(digest + ".bin");
  }

  private static List<ModelRef> readLineage(Path path) throws IOException {
    List<ModelRef> refs = new ArrayList<>();
    if (!Files.exists(path)) {
      return refs;
    }
    byte[] all = Files.readAllBytes(path);
    int start = 0;
    for (int i = 0; i < all.length; i++) {
      if (all[i] == '\n') {
        refs.add(parseLineage(path, refs.size(), new String(all, start, i - start,
            StandardCharsets.UTF_8)));
        start = i + 1;
      }
    }
    if (start < all.length) {
      throw new CorruptModelException("lineage file " + path + " ends with " + (all.length - start)
          + " bytes without LF at byte " + start + " (an interrupted write)");
    }
    return refs;
  }

  private static ModelRef parseLineage(Path path, int expectedVersion, String line) {
    try {
      JsonNode n = CanonicalJson.parse(line.getBytes(StandardCharsets.UTF_8));
      ModelRef ref = new ModelRef(n.get("version").asLong(-1), n.get("digest").textValue(),
          Optional.ofNullable(n.get("parentDigest").textValue()),
          n.get("parentVersion").isNull() ? OptionalLong.empty()
              : OptionalLong.of(n.get("parentVersion").asLong()),
          n.get("round").asLong(-1), n.get("auditSequence").asLong(-1),
          n.get("dimension").asInt(-1));
      if (ref.version() != expectedVersion) {
        throw new IllegalArgumentException("expected version " + expectedVersion + ", found "
            + ref.version());
      }
      return ref;
    } catch (IOException | RuntimeException e) {
      throw new CorruptModelException("lineage file " + path + " line " + (expectedVersion + 1)
          + " is not a lineage entry: " + e.getMessage());
    }
  }
}
