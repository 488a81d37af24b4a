package dev.rampart.benchmarks.round;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/**
 * Command-line options of the benchmark's main classes, given as {@code --name value} pairs.
 * Immutable.
 */
final class Options {
  private final Map<String, String> values;

  private Options(Map<String, String> values) {
    this.values = Map.copyOf(values);
  }

  /** Parses {@code --name value} pairs; anything else is refused with the offending argument. */
  static Options parse(String[] args) {
    Map<String, String> values = new HashMap<>();
    for (int i = 0; i < args.length; i += 2) {
      if (!args[i].startsWith("--") || i + 1 >= args.length) {
        throw new IllegalArgumentException("expected --name value pairs, but got '" + args[i] + "' at position " + i);
      }
      values.put(args[i].substring(2), args[i + 1]);
    }
    return new Options(values);
  }

  String text(String name) {
    String value = values.get(name);
    if (value == null) {
      throw new IllegalArgumentException("option --" + name + " is required; given: " + values.keySet());
    }
    return value;
  }

  String text(String name, String fallback) {
    return values.getOrDefault(name, fallback);
  }

  int integer(String name) {
    return Integer.parseInt(text(name));
  }

  int integer(String name, int fallback) {
    return values.containsKey(name) ? integer(name) : fallback;
  }

  Path path(String name) {
    return Path.of(text(name));
  }
}
