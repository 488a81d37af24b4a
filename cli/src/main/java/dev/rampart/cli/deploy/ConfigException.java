package dev.rampart.cli.deploy;

/**
 * A deployment configuration file that cannot be used: unreadable, not YAML, an unknown key, a
 * missing required key or a bad value. The message names the key and the file. Immutable.
 */
public final class ConfigException extends IllegalArgumentException {
  private static final long serialVersionUID = 1L;

  /** A problem described by {@code message}, which names the key and file. */
  public ConfigException(String message) {
    super(message);
  }

  /** A problem with an underlying cause (e.g. a YAML syntax error). */
  public ConfigException(String message, Throwable cause) {
    super(message, cause);
  }
}
