package dev.rampart.cli;

import java.util.List;

/**
 * Adds subcommands to the {@code rampart} command line. Implementations are found with
 * {@link java.util.ServiceLoader} (a {@code META-INF/services/dev.rampart.cli.CommandProvider}
 * entry) and need a public no-argument constructor; {@link Main} asks each once per run.
 */
public interface CommandProvider {
  /**
   * The commands to add: picocli {@code @Command}-annotated objects or classes, each with a name
   * not used by a built-in command.
   *
   * @return the commands, in the order they are listed in {@code rampart --help}
   */
  List<Object> commands();
}
