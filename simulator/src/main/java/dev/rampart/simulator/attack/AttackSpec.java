package dev.rampart.simulator.attack;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A named attack with its parameters, parsed from {@code name} or {@code name(key=value, …)}.
 * Names (parameters and defaults in brackets):
 *
 * <ul>
 *   <li>{@code none}: every client is honest (the f = 0 baseline).
 *   <li>{@code sign-flip}: −g of the attacker's own honest update.
 *   <li>{@code scale(factor=-10)}: factor·g, the scaled update / model replacement.
 *   <li>{@code noise(sigma=1)}: g + N(0, σ²) per coordinate.
 *   <li>{@code gaussian(mu=0, sigma=1)}: a pure N(μ, σ²) vector, independent per coordinate
 *       (ByzFL's {@code Gaussian(mu, sigma)}).
 *   <li>{@code inf}, {@code nan}: every coordinate +∞ or NaN (the coordinator must reject them).
 *   <li>{@code ipm(eps=0.1)}: inner-product manipulation −ε·μ.
 *   <li>{@code alie(z=…)}: μ + z·σ; without z, {@link AttackMath#alieZ(int, int)}.
 *   <li>{@code optimal-ipm(evaluations=20, start=0, delta=10, ratio=0.8)}, {@code optimal-alie(…)}
 *       with the same parameters: the factor is searched each round with {@link LineMaximizer}
 *       (ByzFL's procedure; the defaults are {@link LineMaximizer#DEFAULT}) to push the configured
 *       pipeline's output farthest from μ. {@code evaluations} must be a whole number ≥ 1,
 *       {@code delta} non-zero, {@code ratio} in (0.5, 1).
 *   <li>{@code mimic(target=0)}: a copy of honest vector number {@code target}.
 *   <li>{@code label-flip}: the attacker trains honestly on labels 9 − y (data poisoning).
 *   <li>{@code backdoor(target=0, boost=1)}: the attacker trains on its data with a pixel trigger
 *       stamped on every sample relabelled {@code target}, then sends boost·update.
 * </ul>
 *
 * <p>Vector attacks that need the honest vectors (ipm, alie, optimal-*, mimic) take
 * {@code omniscient=true} (default: they see the honest clients' vectors of the round) or
 * {@code omniscient=false} (they estimate μ and σ from the attackers' own honest computations).
 *
 * @param name the attack name, lower case
 * @param parameters numeric parameters by name (the omniscient flag is kept separately)
 * @param omniscient whether colluders see the honest vectors
 */
public record AttackSpec(String name, Map<String, Double> parameters, boolean omniscient) {
  private static final Pattern SPEC = Pattern.compile("\\s*([a-z-]+)\\s*(?:\\((.*)\\))?\\s*");
  /** Attacks whose factor is line-searched, and the parameters of that search. */
  private static final Set<String> SEARCHED = Set.of("optimal-ipm", "optimal-alie");
  private static final Set<String> SEARCH_PARAMETERS = Set.of("evaluations", "start", "delta", "ratio");
  private static final Map<String, Set<String>> KNOWN = known();
  /** Attacks that need the vectors of other clients. */
  private static final Set<String> COLLUDING = Set.of("ipm", "alie", "optimal-ipm", "optimal-alie", "mimic");

  /**
   * Copies the parameters and checks the name and, for the optimal attacks, the search parameters.
   *
   * @throws IllegalArgumentException naming the unknown attack or the bad value
   */
  public AttackSpec {
    if (!KNOWN.containsKey(name)) {
      throw unknown(name);
    }
    parameters = Map.copyOf(parameters);
    if (SEARCHED.contains(name)) {
      lineMaximizer(parameters);
    }
  }

  /** All accepted attack names. */
  public static List<String> names() {
    return List.copyOf(KNOWN.keySet());
  }

  /**
   * Parses {@code spec}.
   *
   * @throws IllegalArgumentException naming the spec and the accepted names or parameters
   */
  public static AttackSpec parse(String spec) {
    Matcher m = SPEC.matcher(spec.toLowerCase(Locale.ROOT));
    if (!m.matches()) {
      throw unknown(spec);
    }
    String name = m.group(1);
    if (!KNOWN.containsKey(name)) {
      throw unknown(spec);
    }
    Map<String, Double> params = new LinkedHashMap<>();
    boolean omniscient = true;
    String body = m.group(2);
    if (body != null && !body.isBlank()) {
      for (String part : body.split(",")) {
        String[] kv = part.split("=", 2);
        String key = kv[0].trim();
        String value = kv.length == 2 ? kv[1].trim() : "";
        if (key.equals("omniscient") && COLLUDING.contains(name)) {
          if (!value.equals("true") && !value.equals("false")) {
            throw new IllegalArgumentException("attack '" + spec + "': omniscient must be true or false, but was '"
                + value + "'");
          }
          omniscient = Boolean.parseBoolean(value);
          continue;
        }
        if (!KNOWN.get(name).contains(key)) {
          throw new IllegalArgumentException("attack '" + spec + "' has no parameter '" + key + "'; it takes "
              + KNOWN.get(name) + (COLLUDING.contains(name) ? " and omniscient" : ""));
        }
        params.put(key, number(spec, key, value));
      }
    }
    try {
      return new AttackSpec(name, params, omniscient);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("attack '" + spec + "': " + e.getMessage(), e);
    }
  }

  /** The parameter {@code key}, or {@code fallback} when it was not given. */
  public double parameter(String key, double fallback) {
    return parameters.getOrDefault(key, fallback);
  }

  /**
   * The line search of an optimal attack: each of {@code evaluations}, {@code start},
   * {@code delta} and {@code ratio} as given, else ByzFL's default from {@link LineMaximizer#DEFAULT}.
   *
   * @throws IllegalStateException when this is not {@code optimal-ipm} or {@code optimal-alie}
   */
  public LineMaximizer lineMaximizer() {
    if (!SEARCHED.contains(name)) {
      throw new IllegalStateException("attack '" + name + "' has no line search; only " + SEARCHED + " do");
    }
    return lineMaximizer(parameters);
  }

  /** Whether the attack needs other clients' vectors (ipm, alie, optimal-*, mimic). */
  public boolean colluding() {
    return COLLUDING.contains(name);
  }

  /** Whether the attack changes the attacker's training data (label-flip, backdoor). */
  public boolean poisonsData() {
    return name.equals("label-flip") || name.equals("backdoor");
  }

  /** Whether this is the honest baseline {@code none}. */
  public boolean isNone() {
    return name.equals("none");
  }

  private static LineMaximizer lineMaximizer(Map<String, Double> parameters) {
    LineMaximizer d = LineMaximizer.DEFAULT;
    double evaluations = parameters.getOrDefault("evaluations", (double) d.evaluations());
    if (evaluations != Math.rint(evaluations) || evaluations < 1 || evaluations > Integer.MAX_VALUE) {
      throw new IllegalArgumentException("evaluations must be a whole number in [1, " + Integer.MAX_VALUE
          + "], but evaluations=" + evaluations);
    }
    return new LineMaximizer((int) evaluations, parameters.getOrDefault("start", d.start()),
        parameters.getOrDefault("delta", d.delta()), parameters.getOrDefault("ratio", d.ratio()));
  }

  private static double number(String spec, String key, String value) {
    try {
      double v = Double.parseDouble(value);
      if (Double.isFinite(v)) {
        return v;
      }
    } catch (NumberFormatException e) {
      // reported below with the spec
    }
    throw new IllegalArgumentException("attack '" + spec + "': " + key + "='" + value + "' is not a finite number");
  }

  private static IllegalArgumentException unknown(String spec) {
    return new IllegalArgumentException("unknown attack '" + spec + "'; valid attacks: " + String.join(", ", KNOWN.keySet()));
  }

  private static Map<String, Set<String>> known() {
    Map<String, Set<String>> k = new LinkedHashMap<>();
    k.put("none", Set.of());
    k.put("sign-flip", Set.of());
    k.put("scale", Set.of("factor"));
    k.put("noise", Set.of("sigma"));
    k.put("gaussian", Set.of("mu", "sigma"));
    k.put("inf", Set.of());
    k.put("nan", Set.of());
    k.put("ipm", Set.of("eps"));
    k.put("alie", Set.of("z"));
    k.put("optimal-ipm", SEARCH_PARAMETERS);
    k.put("optimal-alie", SEARCH_PARAMETERS);
    k.put("mimic", Set.of("target"));
    k.put("label-flip", Set.of());
    k.put("backdoor", Set.of("target", "boost"));
    return Collections.unmodifiableMap(k);
  }
}
