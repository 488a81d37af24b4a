package dev.rampart.client.internal;

import dev.rampart.protocol.RampartException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Which attempt at a round this client's secure session belongs to: the deadline of the plan it
 * was opened for and its group. A coordinator restarted inside a secure round plans the round
 * again with a later deadline; the client must then open a fresh session (new keys, new masks)
 * instead of resuming the stored one, which still serves a client restarted inside the same
 * attempt. Kept as one small file per job, round and client next to the session states (written
 * to a temporary file and moved into place), or in memory when the client keeps no state
 * directory. Not thread-safe.
 */
public final class SessionAttempts {
  /** File names are {@code secagg-<job>-r<round>-<client>.attempt}, beside the session states. */
  private static final String PREFIX = "secagg-";
  private static final String SUFFIX = ".attempt";
  /**
   * The attempt a stored session belongs to.
   *
   * @param deadlineMs the deadline of the plan the session was opened for
   * @param groupId its group
   */
  public record Mark(long deadlineMs, int groupId) {}

  private final Optional<Path> directory;
  private final Map<String, Mark> memory = new HashMap<>();

  private SessionAttempts(Optional<Path> directory) {
    this.directory = directory;
  }

  /** Marks kept in {@code directory} when present, else in memory. */
  public static SessionAttempts in(Optional<Path> directory) {
    return new SessionAttempts(directory);
  }

  /** The mark of this client's session for {@code round} of {@code job}, if any. */
  public Optional<Mark> load(String job, long round, String clientId) {
    if (directory.isEmpty()) {
      return Optional.ofNullable(memory.get(name(job, round, clientId)));
    }
    Path file = directory.get().resolve(name(job, round, clientId));
    try {
      String[] f = Files.readString(file, StandardCharsets.US_ASCII).strip().split(" ");
      return Optional.of(new Mark(Long.parseLong(f[0]), Integer.parseInt(f[1])));
    } catch (NoSuchFileException e) {
      return Optional.empty();
    } catch (IOException | RuntimeException e) {
      throw new RampartException("cannot read secure-session attempt file " + file + ": " + e.getMessage(), e);
    }
  }

  /** Records that this client's session for {@code round} serves the plan with {@code mark}'s deadline. */
  public void save(String job, long round, String clientId, Mark mark) {
    if (directory.isEmpty()) {
      memory.put(name(job, round, clientId), mark);
      return;
    }
    Path file = directory.get().resolve(name(job, round, clientId));
    Path tmp = directory.get().resolve(name(job, round, clientId) + ".tmp");
    try {
      Files.writeString(tmp, mark.deadlineMs() + " " + mark.groupId() + "\n", StandardCharsets.US_ASCII);
      Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    } catch (IOException e) {
      throw new RampartException("cannot write secure-session attempt file " + file + ": " + e.getMessage(), e);
    }
  }

  /** Deletes this client's marks of {@code job}'s rounds before {@code round}; returns how many. */
  public int forgetRoundsBefore(String job, long round, String clientId) {
    Pattern ours = Pattern.compile(Pattern.quote(PREFIX + job + "-r") + "(\\d+)" + Pattern.quote("-" + clientId + SUFFIX));
    if (directory.isEmpty()) {
      int before = memory.size();
      memory.keySet().removeIf(n -> earlier(ours.matcher(n), round));
      return before - memory.size();
    }
    int removed = 0;
    try (Stream<Path> files = Files.list(directory.get())) {
      for (Path f : files.filter(f -> earlier(ours.matcher(f.getFileName().toString()), round)).toList()) {
        removed += Files.deleteIfExists(f) ? 1 : 0;
      }
    } catch (IOException e) {
      throw new RampartException("cannot delete secure-session attempt files in " + directory.get() + ": "
          + e.getMessage(), e);
    }
    return removed;
  }

  private static boolean earlier(Matcher m, long round) {
    return m.matches() && Long.parseLong(m.group(1)) < round;
  }

  private static String name(String job, long round, String clientId) {
    return PREFIX + job + "-r" + round + "-" + clientId + SUFFIX;
  }
}
