package dev.rampart.compression.internal;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * Parses textual compression specs: {@code name} or {@code name(key=value,key=value)}. Names,
 * keys and values are trimmed and lower-cased; a key may appear once.
 *
 * <p>Stateless and thread-safe.
 */
final class SpecParser {
  record Parsed(String name, Map<String, String> parameters) {}

  private SpecParser() {}

  static Parsed parse(String spec, String usage) {
    if (spec == null || spec.isBlank()) {
      throw new IllegalArgumentException("compression spec must not be blank; valid codecs: "
          + usage);
    }
    String text = spec.trim().toLowerCase(Locale.ROOT);
    int open = text.indexOf('(');
    if (open < 0) {
      return new Parsed(requireName(text, spec, usage), Map.of());
    }
    if (!text.endsWith(")") || text.indexOf(')') != text.length() - 1
        || text.indexOf('(', open + 1) >= 0) {
      throw malformed(spec, usage);
    }
    String name = requireName(text.substring(0, open).trim(), spec, usage);
    String body = text.substring(open + 1, text.length() - 1).trim();
    Map<String, String> parameters = new LinkedHashMap<>();
    if (!body.isEmpty()) {
      for (String pair : body.split(",", -1)) {
        int eq = pair.indexOf('=');
        if (eq < 0) {
          throw malformed(spec, usage);
        }
        String key = pair.substring(0, eq).trim();
        String value = pair.substring(eq + 1).trim();
        if (key.isEmpty() || value.isEmpty()) {
          throw malformed(spec, usage);
        }
        if (parameters.put(key, value) != null) {
          throw new IllegalArgumentException("compression spec " + Messages.quote(spec)
              + " gives parameter " + Messages.quote(key) + " twice");
        }
      }
    }
    return new Parsed(name, parameters);
  }

  private static String requireName(String name, String spec, String usage) {
    if (name.isEmpty() || !name.chars().allMatch(c -> (c >= 'a' && c <= 'z') || (c >= '0'
        && c <= '9'))) {
      throw new IllegalArgumentException("unknown codec " + Messages.quote(name) + " in spec "
          + Messages.quote(spec) + "; valid codecs: " + usage);
    }
    return name;
  }

  private static IllegalArgumentException malformed(String spec, String usage) {
    return new IllegalArgumentException("malformed compression spec " + Messages.quote(spec)
        + ": expected name or name(key=value,...); valid codecs: " + usage);
  }
}
