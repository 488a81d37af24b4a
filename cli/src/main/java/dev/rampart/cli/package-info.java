/**
 * The {@code rampart} command line: the deployed commands (coordinator, client, keys, registry,
 * data, audit, rollback), the run-directory files they share, and the {@link
 * dev.rampart.cli.CommandProvider} through which other modules add commands.
 */
package dev.rampart.cli;
