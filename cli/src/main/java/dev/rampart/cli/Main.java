package dev.rampart.cli;

import dev.rampart.cli.deploy.DeployCommands;
import dev.rampart.cli.deploy.ModelCommands;
import dev.rampart.protocol.RampartException;
import java.util.ServiceLoader;
import picocli.CommandLine.Command;
import picocli.CommandLine;

/**
 * The {@code rampart} command line. Exit codes: 0 success, 1 the job failed, 2 bad usage.
 *
 * <p>The deployed commands (coordinator, client, keys, registry, data, audit, rollback) are built
 * in. Further commands, such as the simulator's {@code demo}, {@code simulate} and {@code grid},
 * are added by every {@link CommandProvider} found on the class path, so a deployment that ships
 * only this module carries no simulation code.
 */
@Command(name = "rampart", mixinStandardHelpOptions = true, version = "rampart 0.1.0",
    description = "Byzantine-robust federated training over Kafka.",
    subcommands = {AuditCommands.Audit.class, AuditCommands.RollbackCommand.class,
        KeyCommands.Keys.class, KeyCommands.Registry.class,
        DeployCommands.CoordinatorCommand.class, DeployCommands.ClientCommand.class, DeployCommands.Data.class,
        ModelCommands.Model.class})
public final class Main implements Runnable {
  /** Exit code when the job ran but failed. */
  public static final int EXIT_FAILED = 1;
  /** Exit code for bad flags or values. */
  public static final int EXIT_USAGE = 2;

  @CommandLine.Spec
  CommandLine.Model.CommandSpec spec;

  /** Entry point. */
  public static void main(String[] args) {
    System.exit(execute(args));
  }

  /** Runs the command line and returns the exit code (for tests and embedding). */
  public static int execute(String... args) {
    CommandLine cli = new CommandLine(new Main());
    for (CommandProvider provider : ServiceLoader.load(CommandProvider.class)) {
      for (Object command : provider.commands()) {
        cli.addSubcommand(command);
      }
    }
    cli.setExecutionExceptionHandler((e, command, parsed) -> {
      if (e instanceof IllegalArgumentException || e instanceof RampartException) {
        command.getErr().println("error: " + e.getMessage());
        return EXIT_USAGE;
      }
      command.getErr().println("error: " + e);
      e.printStackTrace(command.getErr());
      return EXIT_FAILED;
    });
    return cli.execute(args);
  }

  @Override
  public void run() {
    spec.commandLine().usage(System.out);
  }
}
