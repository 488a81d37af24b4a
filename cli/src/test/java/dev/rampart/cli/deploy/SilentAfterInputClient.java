package dev.rampart.cli.deploy;

import dev.rampart.client.SecureSessionHook;
import dev.rampart.crypto.secagg.ClientPhase;
import java.nio.file.Path;

/**
 * {@code rampart client --config <file>} whose secure sessions stop answering once this client's
 * masked input (P2) is sent: it stays alive but silent, so a test that sees the masked input on
 * the secagg topic and SIGKILLs the process kills it between P2 and P3, never later. Started as a
 * separate JVM by {@link ProcessJob#startClient(int, Class)}. The system property
 * {@value #PHASE_PROPERTY} names another phase to fall silent after (e.g. {@code SHARES_SENT}: the
 * member never sends its masked input, so its group's P2 stays open until the phase timeout).
 */
final class SilentAfterInputClient {
  /** System property naming the {@link ClientPhase} after which the sessions go silent. */
  static final String PHASE_PROPERTY = "rampart.test.silentAfter";

  private SilentAfterInputClient() {}

  public static void main(String[] args) {
    if (args.length != 3 || !args[0].equals("client") || !args[1].equals("--config")) {
      System.err.println("usage: SilentAfterInputClient client --config <client.yaml>");
      System.exit(ExitCodes.CONFIG);
    }
    int code = DeployCommands.guarded(System.err, () -> ClientProcess.fromFile(Path.of(args[2]), System.out)
        .run(StopSignal.none(), SecureSessionHook.silentAfter(
        ClientPhase.valueOf(System.getProperty(PHASE_PROPERTY, ClientPhase.INPUT_SENT.name())))));
    System.exit(code);
  }
}
