package dev.rampart.cli.deploy;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;

/**
 * The checked values of one deployment file, with defaults filled in. Immutable and thread-safe.
 *
 * @param file the file the values came from
 * @param values key name to parsed value ({@link String}, {@link Long}, {@link Double},
 *     {@link Boolean}, {@link Duration}, {@link Path} or {@code Map<String, String>})
 */
public record ConfigValues(Path file, Map<String, Object> values) {
  /** Copies the map. */
  public ConfigValues {
    values = Map.copyOf(values);
  }

  /** A text value that is set (required or defaulted). */
  public String string(String key) {
    return get(key, String.class);
  }

  /** A whole-number value that fits an {@code int} (schemas bound their ranges). */
  public int integer(String key) {
    return Math.toIntExact(get(key, Long.class));
  }

  /** A whole-number value. */
  public long longValue(String key) {
    return get(key, Long.class);
  }

  /** A decimal value. */
  public double decimal(String key) {
    return get(key, Double.class);
  }

  /** A boolean value. */
  public boolean bool(String key) {
    return get(key, Boolean.class);
  }

  /** A duration value. */
  public Duration duration(String key) {
    return get(key, Duration.class);
  }

  /** A path value, resolved against the file's folder. */
  public Path path(String key) {
    return get(key, Path.class);
  }

  /** A value that may be unset. */
  public <T> Optional<T> optional(String key, Class<T> type) {
    return Optional.ofNullable(values.get(key)).map(type::cast);
  }

  /** A map value, empty when unset. */
  @SuppressWarnings("unchecked")
  public Map<String, String> map(String key) {
    Object v = values.get(key);
    return v == null ? Map.of() : (Map<String, String>) v;
  }

  private <T> T get(String key, Class<T> type) {
    Object v = values.get(key);
    if (v == null) {
      throw new ConfigException("key '" + key + "' is not set in " + file);
    }
    return type.cast(v);
  }
}
