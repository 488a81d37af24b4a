package dev.rampart.cli.deploy;

import dev.rampart.client.SecureSessionHook;
import dev.rampart.crypto.secagg.ClientPhase;
import java.nio.file.Path;

/**
 * {@code rampart client --config <file>} whose secure sessions stop answering once this client's
 * masked input (P2) is sent: it stays alive but silent, so a test that sees the masked input on
 * the secagg topic and SIGKILLs the process kills it between P2 and P3, never later. Started as a
 * separate JVM by {@link ProcessJob#startClient(int, Class)}.
 */
final class SilentAfterInputClient {
  private SilentAfterInputClient() {}

  public static void main(String[] args) {
    if (args.length != 3 || !args[0].equals("client") || !args[1].equals("--config")) {
      System.err.println("usage: SilentAfterInputClient client --config <client.yaml>");
      System.exit(ExitCodes.CONFIG);
    }
    int code = DeployCommands.guarded(System.err, () -> ClientProcess.fromFile(Path.of(args[2]), System.out)
        .run(StopSignal.none(), SecureSessionHook.silentAfter(ClientPhase.INPUT_SENT)));
    System.exit(code);
  }
}
