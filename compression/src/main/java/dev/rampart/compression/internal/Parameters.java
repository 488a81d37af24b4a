package dev.rampart.compression.internal;

import dev.rampart.compression.Sparsity;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Typed access to a codec's textual parameters, with messages that name the codec, the key and
 * the bad value.
 *
 * <p>Immutable and thread-safe.
 */
final class Parameters {
  private final String codec;
  private final Map<String, String> values;

  Parameters(String codec, Map<String, String> values) {
    this.codec = codec;
    this.values = Map.copyOf(values);
  }

  void requireKnown(Set<String> known, String usage) {
    for (String key : new TreeSet<>(values.keySet())) {
      if (!known.contains(key)) {
        throw fail("unknown parameter " + Messages.quote(key) + "; usage: " + usage
            + (known.isEmpty() ? " (no parameters)" : ""));
      }
    }
  }

  /** Exactly one of {@code ratio} or {@code k}. */
  Sparsity sparsity() {
    String ratio = values.get("ratio");
    String k = values.get("k");
    if ((ratio == null) == (k == null)) {
      throw fail("give exactly one of ratio=(0,1] or k=integer ≥ 1");
    }
    try {
      return ratio != null ? Sparsity.ofRatio(parseDouble("ratio", ratio))
          : Sparsity.ofCount(parseInt("k", k));
    } catch (IllegalArgumentException e) {
      throw fail(e.getMessage());
    }
  }

  /** {@code seed=shared} → true, {@code seed=client} or absent → false. */
  boolean sharedSeed() {
    String seed = values.getOrDefault("seed", "client");
    return switch (seed) {
      case "client" -> false;
      case "shared" -> true;
      default -> throw fail("seed=" + Messages.quote(seed) + " must be client or shared");
    };
  }

  int levels() {
    String levels = values.get("levels");
    if (levels == null) {
      throw fail("missing parameter levels=s (an integer in [1, " + QsgdCodec.MAX_LEVELS + "])");
    }
    int s = parseInt("levels", levels);
    try {
      QsgdCodec.requireLevels(s);
    } catch (IllegalArgumentException e) {
      throw fail(e.getMessage());
    }
    return s;
  }

  private int parseInt(String key, String text) {
    try {
      return Integer.parseInt(text.trim());
    } catch (NumberFormatException e) {
      throw fail(key + "=" + Messages.quote(text) + " is not an integer");
    }
  }

  private double parseDouble(String key, String text) {
    try {
      return Double.parseDouble(text.trim());
    } catch (NumberFormatException e) {
      throw fail(key + "=" + Messages.quote(text) + " is not a number");
    }
  }

  private IllegalArgumentException fail(String problem) {
    return new IllegalArgumentException("codec " + codec + ": " + problem);
  }
}
