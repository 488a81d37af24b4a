package dev.rampart.cli;

import dev.rampart.crypto.Identity;
import dev.rampart.crypto.PublicKey;
import dev.rampart.protocol.JobId;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Files a run directory holds besides the audit trail and model store: the coordinator's key pair
 * under {@code keys/} (private key mode 0600) and the job id in {@code job.txt}. Stateless.
 */
public final class RunFiles {
  /** The folder of the coordinator's key pair, relative to the run directory. */
  public static final String KEYS_DIR = "keys";
  /** The coordinator's private key file name under {@link #KEYS_DIR}. */
  public static final String COORDINATOR_KEY = "coordinator.key";
  /** The coordinator's public key file name under {@link #KEYS_DIR}. */
  public static final String COORDINATOR_PUB = "coordinator.pub";
  /** The file holding the job id, relative to the run directory. */
  public static final String JOB_FILE = "job.txt";

  private RunFiles() {}

  /** Writes the coordinator's key pair under {@code runDir/keys} (private key mode 0600). */
  public static void saveCoordinatorKey(Path runDir, Identity identity) {
    try {
      Path keys = Files.createDirectories(runDir.resolve(KEYS_DIR));
      identity.save(keys.resolve(COORDINATOR_KEY));
      Files.writeString(keys.resolve(COORDINATOR_PUB), "# rampart Ed25519 public key of " + identity.id()
          + " (keyId=" + identity.publicKey().keyId() + ")\n" + identity.publicKey().toBase64() + "\n",
          StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write the coordinator key under " + runDir, e);
    }
  }

  /** Loads the coordinator's key pair saved by {@link #saveCoordinatorKey}. */
  public static Identity coordinatorIdentity(Path runDir) {
    Path file = runDir.resolve(KEYS_DIR).resolve(COORDINATOR_KEY);
    if (!Files.exists(file)) {
      throw new IllegalArgumentException("run directory " + runDir + " has no " + KEYS_DIR + "/" + COORDINATOR_KEY);
    }
    return Identity.load(file);
  }

  /** Loads the coordinator's public key saved by {@link #saveCoordinatorKey}. */
  public static PublicKey coordinatorKey(Path runDir) {
    Path file = runDir.resolve(KEYS_DIR).resolve(COORDINATOR_PUB);
    if (!Files.exists(file)) {
      throw new IllegalArgumentException("run directory " + runDir + " has no " + KEYS_DIR + "/" + COORDINATOR_PUB
          + "; pass --key with the coordinator's public key file");
    }
    return KeyCommands.readPublicKey(file);
  }

  /** Writes the job id to {@code runDir/job.txt}. */
  public static void saveJob(Path runDir, JobId job) {
    try {
      Files.writeString(runDir.resolve(JOB_FILE), job.value() + "\n", StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + runDir.resolve(JOB_FILE), e);
    }
  }

  /** Reads the job id written by {@link #saveJob}. */
  public static JobId job(Path runDir) {
    try {
      return JobId.of(Files.readString(runDir.resolve(JOB_FILE), StandardCharsets.UTF_8).strip());
    } catch (IOException e) {
      throw new IllegalArgumentException("run directory " + runDir + " has no readable " + JOB_FILE);
    }
  }
}
