package dev.rampart.crypto.secagg;

import dev.rampart.crypto.internal.AtomicFiles;
import dev.rampart.crypto.internal.PartyIds;
import dev.rampart.protocol.RampartException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;

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
