package dev.rampart.crypto.secagg;

import dev.rampart.protocol.JobId;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Durable storage for a {@link SecAggClient}'s session state. The client saves its new state
 * (including its masked input) before it hands a message to the transport, so a client restarted
 * from the store resends byte-identical messages and answers the unmask request at most once
 * (SECAGG.md case 12).
 *
 * <p>The state contains session secrets (X25519 private keys and the self-mask seed until the
 * masked input is sent, then the shares held for peers); implementations must keep it private.
 * Implementations must be thread-safe.
 */
public interface ClientStateStore {
  /**
   * Atomically replaces the state of one client's session: after a crash, {@link #load} returns
   * either the previous or the new bytes, never a mixture. Durable when it returns.
   *
   * @throws dev.rampart.protocol.RampartException if the state cannot be stored; the client then
   *     does not send
   */
  void save(GroupRef group, String clientId, byte[] state);

  /** The last saved state of that session, or empty. */
  Optional<byte[]> load(GroupRef group, String clientId);

  /** Forgets that session's state; idempotent. */
  void delete(GroupRef group, String clientId);

  /**
   * Forgets every session state of {@code clientId} in {@code job} from a round before
   * {@code round}: a client that has moved on to {@code round} will never resume those sessions
   * (the coordinator does not go back), and a restarted client would otherwise keep their
   * secrets until the job ends. Idempotent.
   *
   * @return how many sessions were forgotten
   * @throws dev.rampart.protocol.RampartException if stored state cannot be deleted
   */
  int forgetRoundsBefore(JobId job, long round, String clientId);

  /**
   * A store keeping one file per session in {@code directory} (which must exist), written
   * atomically (temporary sibling, fsync, rename) with owner-only permissions where the file system
   * supports POSIX permissions. File name: {@code secagg-<job>-r<round>-g<group>-<client>.state}.
   */
  static ClientStateStore inDirectory(Path directory) {
    return new FileClientStateStore(directory);
  }

  /** A store in this JVM's memory, for tests and for clients that accept losing state. */
  static ClientStateStore inMemory() {
    return new MemoryClientStateStore();
  }
}
