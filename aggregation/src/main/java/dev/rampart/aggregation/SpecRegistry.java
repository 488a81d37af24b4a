package dev.rampart.aggregation;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * The names and parameters accepted in pipeline specs, and the factories they map to. Immutable
 * after class initialization; thread-safe.
 */
final class SpecRegistry {

  enum Type { INT, LONG, DOUBLE, VARIANT }

  /** One parameter: its name, type, default (null when optional without default) and meaning. */
  record Param(String name, Type type, String defaultValue, String meaning) {}

  /** Builds a rule from parsed parameter values and f. */
  @FunctionalInterface
  interface Factory {
    Object create(Map<String, Object> values, int maxByzantine);
  }

  record Entry(String name, boolean aggregator, List<Param> params, Factory factory) {}

  private static final Map<String, Entry> ENTRIES = new TreeMap<>();

  static {
    agg("average", List.of(), (v, f) -> Aggregators.average());
    agg("median", List.of(), (v, f) -> Aggregators.median());
    agg("trmean", List.of(), (v, f) -> Aggregators.trimmedMean(f));
    agg("meamed", List.of(), (v, f) -> Aggregators.meamed(f));
    agg("gm", List.of(new Param("nu", Type.DOUBLE, "0.1", "smoothing > 0"),
        new Param("iterations", Type.INT, "3", "Weiszfeld steps >= 1")),
        (v, f) -> Aggregators.geometricMedian((Double) v.get("nu"), (Integer) v.get("iterations")));
    Param variant = new Param("variant", Type.VARIANT, "byzfl", "byzfl or blanchard");
    agg("krum", List.of(variant), (v, f) -> Aggregators.krum(f, (KrumVariant) v.get("variant")));
    agg("multikrum", List.of(variant, new Param("m", Type.INT, null, "inputs averaged >= 1, default n-f")),
        (v, f) -> v.get("m") == null
            ? Aggregators.multiKrum(f, (KrumVariant) v.get("variant"))
            : Aggregators.multiKrum(f, (KrumVariant) v.get("variant"), (Integer) v.get("m")));
    Param limit = new Param("limit", Type.LONG, "1000000", "largest C(n, f) searched >= 1");
    agg("mda", List.of(limit), (v, f) -> Aggregators.mda(f, (Long) v.get("limit")));
    agg("smea", List.of(limit), (v, f) -> Aggregators.smea(f, (Long) v.get("limit")));
    agg("monna", List.of(new Param("idx", Type.INT, "0", "trusted input index >= 0")),
        (v, f) -> Aggregators.monna(f, (Integer) v.get("idx")));
    agg("cc", List.of(new Param("tau", Type.DOUBLE, "100.0", "clipping radius > 0"),
        new Param("iterations", Type.INT, "1", "clipping steps >= 1")),
        (v, f) -> Aggregators.centeredClipping((Double) v.get("tau"), (Integer) v.get("iterations")));
    agg("bulyan", List.of(), (v, f) -> Aggregators.bulyan(f));
    agg("caf", List.of(), (v, f) -> Aggregators.caf(f));
    pre("bucketing", List.of(new Param("s", Type.INT, "1", "bucket size >= 1")),
        (v, f) -> PreAggregators.bucketing((Integer) v.get("s")));
    pre("nnm", List.of(), (v, f) -> PreAggregators.nearestNeighborMixing(f));
    pre("clip", List.of(new Param("c", Type.DOUBLE, "2.0", "norm threshold > 0")),
        (v, f) -> PreAggregators.clipping((Double) v.get("c")));
    pre("arc", List.of(), (v, f) -> PreAggregators.adaptiveRobustClipping(f));
  }

  private SpecRegistry() {}

  static void agg(String name, List<Param> params, Factory factory) {
    ENTRIES.put(name, new Entry(name, true, params, factory));
  }

  static void pre(String name, List<Param> params, Factory factory) {
    ENTRIES.put(name, new Entry(name, false, params, factory));
  }

  static List<String> names(boolean aggregators) {
    List<String> names = new ArrayList<>();
    for (Entry e : ENTRIES.values()) {
      if (e.aggregator() == aggregators) {
        names.add(e.name());
      }
    }
    return names;
  }

  /**
   * Builds the rule for one stage.
   *
   * @param name stage name as written
   * @param raw parameter values as written, in order
   * @param maxByzantine f from the run
   * @param spec the whole spec, for messages
   * @return an {@link Aggregator} or a {@link PreAggregator}
   */
  static Object create(String name, Map<String, String> raw, int maxByzantine, String spec) {
    Entry entry = ENTRIES.get(name.toLowerCase(Locale.ROOT));
    if (entry == null) {
      throw new IllegalArgumentException("unknown rule '" + name + "' in pipeline spec '" + spec
          + "'; valid aggregators: " + String.join(", ", names(true)) + "; valid pre-aggregators: "
          + String.join(", ", names(false)));
    }
    Map<String, Param> params = new LinkedHashMap<>();
    for (Param p : entry.params()) {
      params.put(p.name(), p);
    }
    Map<String, Object> values = new LinkedHashMap<>();
    for (Param p : entry.params()) {
      values.put(p.name(), p.defaultValue() == null ? null : convert(entry, p, p.defaultValue()));
    }
    for (Map.Entry<String, String> e : raw.entrySet()) {
      Param p = params.get(e.getKey().toLowerCase(Locale.ROOT));
      if (p == null) {
        throw new IllegalArgumentException("unknown parameter '" + e.getKey() + "' for '" + entry.name()
            + "' in pipeline spec '" + spec + "'; valid parameters: " + describe(entry));
      }
      values.put(p.name(), convert(entry, p, e.getValue()));
    }
    try {
      return entry.factory().create(values, maxByzantine);
    } catch (IllegalArgumentException ex) {
      throw new IllegalArgumentException("bad parameters for '" + entry.name() + "' in pipeline spec '" + spec
          + "': " + ex.getMessage() + "; valid parameters: " + describe(entry), ex);
    }
  }

  static boolean isAggregator(String name) {
    Entry e = ENTRIES.get(name.toLowerCase(Locale.ROOT));
    return e != null && e.aggregator();
  }

  private static String describe(Entry entry) {
    if (entry.params().isEmpty()) {
      return "none";
    }
    List<String> parts = new ArrayList<>();
    for (Param p : entry.params()) {
      parts.add(p.name() + " (" + p.meaning() + (p.defaultValue() == null ? "" : ", default " + p.defaultValue()) + ")");
    }
    return String.join(", ", parts);
  }

  private static Object convert(Entry entry, Param p, String text) {
    String t = text.trim();
    try {
      return switch (p.type()) {
        case INT -> Integer.parseInt(t);
        case LONG -> Long.parseLong(t.replace("_", ""));
        case DOUBLE -> {
          double d = Double.parseDouble(t);
          if (!Double.isFinite(d)) {
            throw new NumberFormatException();
          }
          yield d;
        }
        case VARIANT -> {
          for (KrumVariant v : KrumVariant.values()) {
            if (v.specName().equalsIgnoreCase(t)) {
              yield v;
            }
          }
          throw new NumberFormatException();
        }
      };
    } catch (NumberFormatException ex) {
      throw new IllegalArgumentException("bad value '" + text + "' for parameter '" + p.name() + "' of '"
          + entry.name() + "': expected " + p.meaning(), ex);
    }
  }
}
