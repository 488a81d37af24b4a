package dev.rampart.cli.deploy;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The keys one kind of deployment file may hold, and the strict binding of such a file: every key
 * in the file must be one of them, every value must parse and lie in range, and every required
 * key must be present; the first problem is reported with the key and the file named. Immutable
 * and thread-safe.
 */
public final class ConfigSchema {
  private static final Pattern SHORT_DURATION = Pattern.compile("(\\d+)(ms|s|m|h)");
  private static final YAMLMapper YAML = YAMLMapper.builder()
      .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION).build();

  private final String kind;
  private final Map<String, ConfigKey> keys = new LinkedHashMap<>();

  private ConfigSchema(String kind, List<ConfigKey> keys) {
    this.kind = kind;
    for (ConfigKey k : keys) {
      if (this.keys.put(k.name(), k) != null) {
        throw new IllegalArgumentException("key " + k.name() + " is defined twice in the " + kind + " schema");
      }
    }
  }

  /** A schema named {@code kind} (e.g. "coordinator") with these keys, in documentation order. */
  public static ConfigSchema of(String kind, List<ConfigKey> keys) {
    return new ConfigSchema(Objects.requireNonNull(kind, "kind"), keys);
  }

  /** The schema's name. */
  public String kind() {
    return kind;
  }

  /** The keys in documentation order. */
  public List<ConfigKey> keys() {
    return List.copyOf(keys.values());
  }

  /**
   * Reads and checks a YAML file.
   *
   * @throws ConfigException naming the key and the file on the first problem found
   */
  public ConfigValues bind(Path file) {
    if (!Files.isRegularFile(file)) {
      throw new ConfigException(kind + " configuration file " + file + " does not exist");
    }
    JsonNode root;
    try {
      root = YAML.readTree(file.toFile());
    } catch (IOException e) {
      throw new ConfigException(file + " is not valid YAML: " + firstLine(e.getMessage()), e);
    }
    if (root == null || root.isMissingNode() || root.isNull()) {
      root = YAML.createObjectNode();
    }
    if (!root.isObject()) {
      throw new ConfigException(file + " must hold a map of keys at the top level");
    }
    Path base = file.toAbsolutePath().getParent();
    Map<String, Object> values = new LinkedHashMap<>();
    walk(root, "", file, base, values);
    for (ConfigKey k : keys.values()) {
      if (!values.containsKey(k.name())) {
        if (k.isRequired()) {
          throw new ConfigException("missing required key '" + k.name() + "' in " + file + ": " + k.description());
        }
        if (k.hasDefault()) {
          values.put(k.name(), parseText(k, k.defaultValue(), file, base));
        }
      }
    }
    return new ConfigValues(file, values);
  }

  private void walk(JsonNode node, String prefix, Path file, Path base, Map<String, Object> values) {
    Iterator<Map.Entry<String, JsonNode>> fields = node.fields();
    while (fields.hasNext()) {
      Map.Entry<String, JsonNode> field = fields.next();
      String name = prefix + field.getKey();
      ConfigKey key = keys.get(name);
      if (key != null) {
        if (!field.getValue().isNull()) {
          values.put(name, parseNode(key, field.getValue(), file, base));
        } else if (key.isRequired()) {
          throw new ConfigException("key '" + name + "' in " + file + " has no value");
        }
      } else if (isSection(name)) {
        if (!field.getValue().isObject()) {
          throw new ConfigException("key '" + name + "' in " + file + " must be a map of keys");
        }
        walk(field.getValue(), name + ".", file, base, values);
      } else {
        throw new ConfigException("unknown key '" + name + "' in " + file + " (a " + kind
            + " file accepts: " + String.join(", ", keys.keySet()) + ")");
      }
    }
  }

  private boolean isSection(String name) {
    return keys.keySet().stream().anyMatch(k -> k.startsWith(name + "."));
  }

  private static Object parseNode(ConfigKey key, JsonNode node, Path file, Path base) {
    switch (key.type()) {
      case INTEGER -> {
        if (!node.isIntegralNumber() || !node.canConvertToLong()) {
          throw bad(key, file, node, "a whole number");
        }
        return checkRange(key, node.asLong(), file);
      }
      case DECIMAL -> {
        if (!node.isNumber()) {
          throw bad(key, file, node, "a number");
        }
        return checkRange(key, node.asDouble(), file);
      }
      case BOOLEAN -> {
        if (!node.isBoolean()) {
          throw bad(key, file, node, "true or false");
        }
        return node.asBoolean();
      }
      case MAP -> {
        if (!node.isObject()) {
          throw bad(key, file, node, "a map of property names to values");
        }
        Map<String, String> map = new LinkedHashMap<>();
        node.fields().forEachRemaining(e -> {
          if (!e.getValue().isValueNode() || e.getValue().isNull()) {
            throw new ConfigException("key '" + key.name() + "." + e.getKey() + "' in " + file + " must be a scalar value");
          }
          map.put(e.getKey(), e.getValue().asText());
        });
        return Map.copyOf(map);
      }
      default -> {
        if (!node.isValueNode()) {
          throw bad(key, file, node, "a single value");
        }
        return parseText(key, node.asText(), file, base);
      }
    }
  }

  private static Object parseText(ConfigKey key, String text, Path file, Path base) {
    return switch (key.type()) {
      case STRING -> {
        if (text.isBlank()) {
          throw new ConfigException("key '" + key.name() + "' in " + file + " must not be blank");
        }
        yield text;
      }
      case INTEGER -> checkRange(key, Long.parseLong(text), file);
      case DECIMAL -> checkRange(key, Double.parseDouble(text), file);
      case BOOLEAN -> Boolean.parseBoolean(text);
      case DURATION -> duration(key, text, file);
      case PATH -> {
        if (text.isBlank()) {
          throw new ConfigException("key '" + key.name() + "' in " + file + " must not be blank");
        }
        yield path(key, text, file, base);
      }
      case CHOICE -> {
        if (!key.choices().contains(text)) {
          throw new ConfigException("key '" + key.name() + "' in " + file + " must be one of " + key.choices()
              + ", but was '" + text + "'");
        }
        yield text;
      }
      case MAP -> Map.of();
    };
  }

  /** Resolves against the file's folder; text the platform cannot name a path with is refused. */
  private static Path path(ConfigKey key, String text, Path file, Path base) {
    try {
      return base.resolve(text).normalize();
    } catch (InvalidPathException e) {
      throw new ConfigException("key '" + key.name() + "' in " + file + " is not a valid path ("
          + e.getReason() + ")");
    }
  }

  private static Duration duration(ConfigKey key, String text, Path file) {
    Duration d;
    Matcher m = SHORT_DURATION.matcher(text.strip());
    try {
      if (m.matches()) {
        long n = Long.parseLong(m.group(1));
        d = switch (m.group(2)) {
          case "ms" -> Duration.ofMillis(n);
          case "s" -> Duration.ofSeconds(n);
          case "m" -> Duration.ofMinutes(n);
          default -> Duration.ofHours(n);
        };
      } else {
        d = Duration.parse(text.strip());
      }
    } catch (DateTimeParseException | ArithmeticException | NumberFormatException e) {
      throw new ConfigException("key '" + key.name() + "' in " + file
          + " must be a duration such as 500ms, 30s, 2m, 1h or PT30S, but was '" + text + "'");
    }
    if (d.isNegative() || d.isZero()) {
      throw new ConfigException("key '" + key.name() + "' in " + file + " must be a positive duration, but was '"
          + text + "'");
    }
    return d;
  }

  private static long checkRange(ConfigKey key, long value, Path file) {
    if (value < key.min() || value > key.max()) {
      throw new ConfigException("key '" + key.name() + "' in " + file + " must be in [" + (long) key.min() + ", "
          + (key.max() >= Long.MAX_VALUE ? "∞" : Long.toString((long) key.max())) + "], but was " + value);
    }
    return value;
  }

  private static double checkRange(ConfigKey key, double value, Path file) {
    if (!Double.isFinite(value) || value < key.min() || value > key.max()) {
      throw new ConfigException("key '" + key.name() + "' in " + file + " must be a finite number in [" + key.min()
          + ", " + key.max() + "], but was " + value);
    }
    return value;
  }

  private static ConfigException bad(ConfigKey key, Path file, JsonNode node, String expected) {
    return new ConfigException("key '" + key.name() + "' in " + file + " must be " + expected + ", but was "
        + (node.isValueNode() ? "'" + node.asText() + "'" : "a " + node.getNodeType().name().toLowerCase()));
  }

  private static String firstLine(String message) {
    if (message == null) {
      return "";
    }
    int nl = message.indexOf('\n');
    return nl < 0 ? message : message.substring(0, nl);
  }
}
