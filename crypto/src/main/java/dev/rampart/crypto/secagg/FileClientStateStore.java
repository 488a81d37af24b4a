package dev.rampart.crypto.secagg;

import dev.rampart.crypto.internal.AtomicFiles;
import dev.rampart.crypto.internal.PartyIds;
import dev.rampart.protocol.JobId;
import dev.rampart.protocol.RampartException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/** {@link ClientStateStore#inDirectory}: one atomically replaced file per session. */
final class FileClientStateStore implements ClientStateStore {
  private final Path directory;

  FileClientStateStore(Path directory) {
    this.directory = Objects.requireNonNull(directory, "directory");
    if (!Files.isDirectory(directory)) {
      throw new SecAggException("client state directory " + directory + " does not exist");
    }
  }

  @Override
  public void save(GroupRef group, String clientId, byte[] state) {
    AtomicFiles.writeBytes(file(group, clientId), state, true);
  }

  @Override
  public Optional<byte[]> load(GroupRef group, String clientId) {
    Path file = file(group, clientId);
    try {
      return Optional.of(Files.readAllBytes(file));
    } catch (NoSuchFileException e) {
      return Optional.empty();
    } catch (IOException e) {
      throw new RampartException("cannot read client state " + file + ": " + e.getMessage(), e);
    }
  }

  @Override
  public void delete(GroupRef group, String clientId) {
    Path file = file(group, clientId);
    try {
      Files.deleteIfExists(file);
    } catch (IOException e) {
      throw new RampartException("cannot delete client state " + file + ": " + e.getMessage(), e);
    }
  }

  @Override
  public int forgetRoundsBefore(JobId job, long round, String clientId) {
    PartyIds.requireValid(clientId, "client id");
    Pattern name = Pattern.compile("secagg-" + Pattern.quote(job.value()) + "-r(\\d+)-g\\d+-"
        + Pattern.quote(clientId) + "\\.state");
    List<Path> old;
    try (Stream<Path> files = Files.list(directory)) {
      old = files.filter(f -> {
        Matcher m = name.matcher(f.getFileName().toString());
        return m.matches() && m.group(1).length() < 19 && Long.parseLong(m.group(1)) < round;
      }).toList();
    } catch (IOException e) {
      throw new RampartException("cannot list client state in " + directory + ": " + e.getMessage(), e);
    }
    for (Path f : old) {
      try {
        Files.deleteIfExists(f);
      } catch (IOException e) {
        throw new RampartException("cannot delete client state " + f + ": " + e.getMessage(), e);
      }
    }
    return old.size();
  }

  Path file(GroupRef group, String clientId) {
    PartyIds.requireValid(clientId, "client id");
    return directory.resolve("secagg-" + group.jobId().value() + "-r" + group.round() + "-g"
        + group.groupId() + "-" + clientId + ".state");
  }

  @Override
  public String toString() {
    return "ClientStateStore[" + directory + "]";
  }
}
