package dev.rampart.cli;

import dev.rampart.crypto.ClientRegistry;
import dev.rampart.crypto.Enrollment;
import dev.rampart.crypto.Identity;
import dev.rampart.crypto.PublicKey;
import dev.rampart.protocol.ClientId;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** Enrollment commands: {@code rampart keys generate} and {@code rampart registry add|revoke|list}. */
final class KeyCommands {
  private KeyCommands() {}

  /** Reads a public key file written by {@code keys generate}: comment lines, then one base64 line. */
  static PublicKey readPublicKey(Path file) {
    try {
      for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
        String t = line.strip();
        if (!t.isEmpty() && !t.startsWith("#")) {
          return PublicKey.fromBase64(t);
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read public key file " + file, e);
    }
    throw new IllegalArgumentException("public key file " + file + " holds no key");
  }

  @Command(name = "keys", mixinStandardHelpOptions = true, description = "Manage Ed25519 identities.",
      subcommands = Generate.class)
  static final class Keys implements Runnable {
    @Override
    public void run() {
      new picocli.CommandLine(this).usage(System.out);
    }
  }

  @Command(name = "generate", mixinStandardHelpOptions = true,
      description = "Write <dir>/<id>.key (private, mode 0600) and <dir>/<id>.pub (public) for each --id.")
  static final class Generate implements Callable<Integer> {
    @Option(names = "--id", required = true, description = "Party id (client id or 'coordinator'); repeatable.")
    List<String> ids;

    @Option(names = "--dir", defaultValue = "keys", description = "Output folder (default: ${DEFAULT-VALUE}).")
    Path dir;

    @Option(names = "--force", description = "Overwrite existing key files.")
    boolean force;

    @Override
    public Integer call() throws IOException {
      ids.forEach(ClientId::of);
      for (String id : ids) {
        generate(id);
      }
      return 0;
    }

    private void generate(String id) throws IOException {
      Files.createDirectories(dir);
      Path privateFile = dir.resolve(id + ".key");
      Path publicFile = dir.resolve(id + ".pub");
      if (!force && (Files.exists(privateFile) || Files.exists(publicFile))) {
        throw new IllegalArgumentException(privateFile + " or " + publicFile + " exists; use --force to replace it");
      }
      Identity identity = Identity.generate(id, new SecureRandom());
      identity.save(privateFile);
      Files.writeString(publicFile, "# rampart Ed25519 public key of " + id + " (keyId=" + identity.publicKey().keyId()
          + ")\n" + identity.publicKey().toBase64() + "\n", StandardCharsets.UTF_8);
      System.out.printf("wrote %s and %s (keyId=%s)%n", privateFile, publicFile, identity.publicKey().keyId());
    }
  }

  @Command(name = "registry", mixinStandardHelpOptions = true,
      description = "Maintain the coordinator's client registry (allow-list).",
      subcommands = {Add.class, Revoke.class, ListCommand.class})
  static final class Registry implements Runnable {
    @Override
    public void run() {
      new picocli.CommandLine(this).usage(System.out);
    }
  }

  abstract static class RegistryOption {
    @Option(names = "--registry", defaultValue = "registry.txt", description = "Registry file (default: ${DEFAULT-VALUE}).")
    Path file;

    ClientRegistry load() {
      return Files.exists(file) ? ClientRegistry.load(file) : ClientRegistry.empty();
    }
  }

  @Command(name = "add", mixinStandardHelpOptions = true,
      description = "Enroll clients with their public key files (--key for one client, --key-dir for several).")
  static final class Add extends RegistryOption implements Callable<Integer> {
    @Parameters(index = "0..*", arity = "1..*", paramLabel = "CLIENT_ID")
    List<String> clientIds;

    @Option(names = "--key", description = "The client's .pub file (one CLIENT_ID only).")
    Path key;

    @Option(names = "--key-dir", description = "Folder holding <CLIENT_ID>.pub for every CLIENT_ID.")
    Path keyDir;

    @Override
    public Integer call() {
      if ((key == null) == (keyDir == null) || key != null && clientIds.size() != 1) {
        throw new IllegalArgumentException("give --key with exactly one CLIENT_ID, or --key-dir; got "
            + clientIds.size() + " ids, --key=" + key + ", --key-dir=" + keyDir);
      }
      ClientRegistry updated = load();
      for (String clientId : clientIds) {
        Path pub = key != null ? key : keyDir.resolve(clientId + ".pub");
        updated = updated.withClient(ClientId.of(clientId).value(), readPublicKey(pub));
      }
      updated.save(file);
      System.out.printf("enrolled %s in %s (%d active)%n", String.join(", ", clientIds), file, updated.activeCount());
      return 0;
    }
  }

  @Command(name = "revoke", mixinStandardHelpOptions = true,
      description = "Revoke a client: its next update is rejected and audited.")
  static final class Revoke extends RegistryOption implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "CLIENT_ID")
    String clientId;

    @Override
    public Integer call() {
      ClientRegistry updated = load().revoke(clientId);
      updated.save(file);
      System.out.printf("revoked %s in %s (%d active)%n", clientId, file, updated.activeCount());
      return 0;
    }
  }

  @Command(name = "list", mixinStandardHelpOptions = true, description = "List enrolled clients.")
  static final class ListCommand extends RegistryOption implements Callable<Integer> {
    @Override
    public Integer call() {
      System.out.printf("%-24s %-8s %s%n", "CLIENT", "STATUS", "KEY ID");
      for (Enrollment e : load().enrollments()) {
        System.out.printf("%-24s %-8s %s%n", e.clientId(), e.status(), e.key().keyId());
      }
      return 0;
    }
  }
}
