package dev.rampart.cli.deploy;

/** The value types a {@link ConfigKey} may have, as they are written in YAML. Immutable and thread-safe. */
public enum ConfigType {
  /** Any scalar, read as text. */
  STRING("string"),
  /** A whole number. */
  INTEGER("integer"),
  /** A decimal number. */
  DECIMAL("number"),
  /** {@code true} or {@code false}. */
  BOOLEAN("boolean"),
  /** A positive duration: {@code 500ms}, {@code 30s}, {@code 2m}, {@code 1h} or ISO-8601 ({@code PT30S}). */
  DURATION("duration"),
  /** A file or folder; relative paths are resolved against the folder of the YAML file. */
  PATH("path"),
  /** One of a fixed set of words. */
  CHOICE("choice"),
  /** A map of property names to scalar values, passed on verbatim. */
  MAP("map");

  private final String label;

  ConfigType(String label) {
    this.label = label;
  }

  /** The name used in the configuration reference. */
  public String label() {
    return label;
  }
}
