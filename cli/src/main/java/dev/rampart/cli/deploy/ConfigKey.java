package dev.rampart.cli.deploy;

import java.util.List;
import java.util.Objects;

/**
 * One documented key of a deployment YAML file: its dotted name ({@code kafka.bootstrap-servers}),
 * its type, its default (or none when required) and what it means. The key catalogs in
 * {@link DeploySchemas} are the single source of the configuration reference. Immutable.
 *
 * @param name dotted path of the key inside the file
 * @param type how the value is parsed and checked
 * @param defaultValue the default as written in YAML; {@code null} when the key is required,
 *     empty when the key is optional and has no default
 * @param min smallest accepted value for numeric types (inclusive)
 * @param max largest accepted value for numeric types (inclusive)
 * @param choices accepted values for {@link ConfigType#CHOICE}, empty otherwise
 * @param description one sentence for the reference
 */
public record ConfigKey(String name, ConfigType type, String defaultValue, double min, double max,
    List<String> choices, String description) {
  /** Validates the definition. */
  public ConfigKey {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(type, "type");
    Objects.requireNonNull(description, "description");
    choices = List.copyOf(choices);
    if (type == ConfigType.CHOICE && choices.isEmpty()) {
      throw new IllegalArgumentException("key " + name + " of type CHOICE needs choices");
    }
  }

  /** A required key of the given type. */
  public static ConfigKey required(String name, ConfigType type, String description) {
    return new ConfigKey(name, type, null, Double.NEGATIVE_INFINITY, Double.POSITIVE_INFINITY, List.of(), description);
  }

  /** An optional key; {@code defaultValue} empty means "not set". */
  public static ConfigKey optional(String name, ConfigType type, String defaultValue, String description) {
    return new ConfigKey(name, type, defaultValue, Double.NEGATIVE_INFINITY, Double.POSITIVE_INFINITY, List.of(),
        description);
  }

  /** An optional integer key in {@code [min, max]}. */
  public static ConfigKey integer(String name, long defaultValue, long min, long max, String description) {
    return new ConfigKey(name, ConfigType.INTEGER, Long.toString(defaultValue), min, max, List.of(), description);
  }

  /**
   * An optional integer key in {@code [min, max]} with no default value: unset means the consumer
   * derives the value (the description says how).
   */
  public static ConfigKey optionalInteger(String name, long min, long max, String description) {
    return new ConfigKey(name, ConfigType.INTEGER, "", min, max, List.of(), description);
  }

  /** An optional decimal key in {@code [min, max]}. */
  public static ConfigKey decimal(String name, double defaultValue, double min, double max, String description) {
    return new ConfigKey(name, ConfigType.DECIMAL, Double.toString(defaultValue), min, max, List.of(), description);
  }

  /** An optional key whose value is one of {@code choices}. */
  public static ConfigKey choice(String name, String defaultValue, List<String> choices, String description) {
    return new ConfigKey(name, ConfigType.CHOICE, defaultValue, Double.NEGATIVE_INFINITY, Double.POSITIVE_INFINITY,
        choices, description);
  }

  /** Whether the file must set this key. */
  public boolean isRequired() {
    return defaultValue == null;
  }

  /** Whether the key has a default value (optional keys may have none). */
  public boolean hasDefault() {
    return defaultValue != null && !defaultValue.isEmpty();
  }
}
