package dev.rampart.simulator;

import dev.rampart.client.UpdateTransform;
import dev.rampart.simulator.attack.Adversary;
import dev.rampart.simulator.attack.AttackSpec;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Byzantine client behaviours that act on the honest update right before it is signed and sent,
 * so they go through the real transport. Spec syntax: {@code sign-flip}, {@code scale(factor=-10)},
 * {@code noise(sigma=5)}.
 *
 * <ul>
 *   <li>{@code sign-flip}: sends −g instead of the honest update g.
 *   <li>{@code scale(factor=s)}: sends s·g (model replacement when |s| is large).
 *   <li>{@code noise(sigma=σ)}: sends g + N(0, σ²) per coordinate, seeded per client.
 * </ul>
 *
 * <p>Every name of the attack suite ({@link AttackSpec}) is accepted too, with all of its
 * parameters (e.g. {@code gaussian(mu=1, sigma=2)}, {@code optimal-ipm(evaluations=30, ratio=0.9)});
 * {@link #install} wires the colluding ones (ipm, alie, optimal-*, mimic) to a shared coalition so
 * they see the honest vectors of the round.
 *
 * <p>Thread-safe factory; each returned transform belongs to one client thread.
 */
public final class Attacks {
  private static final Pattern SPEC = Pattern.compile("\\s*([a-z-]+)\\s*(?:\\(\\s*(?:([a-z]+)\\s*=\\s*([^)\\s]+))?\\s*\\))?\\s*");
  /** Names accepted by {@link #parse}. */
  public static final List<String> NAMES = List.of("sign-flip", "scale(factor=…)", "noise(sigma=…)",
      "gaussian(mu=…, sigma=…)", "inf", "nan", "ipm(eps=…)", "alie(z=…)",
      "optimal-ipm(evaluations=…, start=…, delta=…, ratio=…)", "optimal-alie(evaluations=…, start=…, delta=…, ratio=…)",
      "mimic(target=…)");
  /** The attacks this class parses itself, with at most one parameter; the rest go to the suite. */
  private static final List<String> SINGLE_PARAMETER = List.of("sign-flip", "scale", "noise");

  private Attacks() {}

  /**
   * The behaviour named by {@code spec} for the client with the given seed.
   *
   * @throws IllegalArgumentException naming the spec and listing valid ones
   */
  public static UpdateTransform parse(String spec, long seed) {
    if (!SINGLE_PARAMETER.contains(baseName(spec))) {
      return suite(spec, seed);
    }
    Matcher m = SPEC.matcher(spec.toLowerCase(Locale.ROOT));
    if (!m.matches()) {
      throw unknown(spec);
    }
    String name = m.group(1);
    String key = m.group(2);
    String value = m.group(3);
    switch (name) {
      case "sign-flip":
        requireNoParameter(spec, key);
        return (g, round) -> scale(g, -1f);
      case "scale":
        float factor = (float) number(spec, key, value, "factor");
        return (g, round) -> scale(g, factor);
      case "noise":
        double sigma = number(spec, key, value, "sigma");
        SplittableRandom random = new SplittableRandom(seed);
        return (g, round) -> {
          for (int j = 0; j < g.length; j++) {
            g[j] += (float) (sigma * random.nextGaussian());
          }
          return g;
        };
      default:
        return suite(spec, seed);
    }
  }

  /**
   * Puts the transforms of a whole job into {@code behaviours} (without replacing entries already
   * there): the last {@code settings.byzantineClients()} clients attack, and for colluding attacks
   * the honest clients report their vectors to the attackers' shared coalition.
   *
   * @throws IllegalArgumentException for data-level attacks, which need the grid runner
   */
  public static void install(SimulationSettings settings, Map<Integer, UpdateTransform> behaviours) {
    int n = settings.clients();
    int f = settings.byzantineClients();
    if (f == 0) {
      return;
    }
    if (SINGLE_PARAMETER.contains(baseName(settings.attack()))) {
      for (int i = n - f; i < n; i++) {
        behaviours.putIfAbsent(i, parse(settings.attack(), settings.seed() + i));
      }
      return;
    }
    AttackSpec attack = AttackSpec.parse(settings.attack());
    if (attack.poisonsData()) {
      throw new IllegalArgumentException("attack '" + settings.attack() + "' poisons training data; run it with "
          + "'rampart grid <scenario.yaml>'");
    }
    Adversary adversary = Adversary.of(attack,
        new Adversary.Setting(n, f, settings.aggregation(), settings.maxByzantine(),
            settings.seed(), settings.roundTimeout().dividedBy(3)));
    for (int i = 0; i < n; i++) {
      behaviours.putIfAbsent(i, adversary.transform(i));
    }
  }

  /** The attack name of {@code spec}: lower case, without its parameter list. */
  private static String baseName(String spec) {
    return spec.toLowerCase(Locale.ROOT).replaceAll("\\(.*", "").trim();
  }

  /** A lone attacker of the suite: colluding attacks then estimate from its own vector only. */
  private static UpdateTransform suite(String spec, long seed) {
    AttackSpec attack = AttackSpec.parse(spec);
    return Adversary.of(attack,
        new Adversary.Setting(2, 1, "average", 0, seed - 1, Duration.ZERO))
        .transform(1);
  }

  private static float[] scale(float[] g, float factor) {
    for (int j = 0; j < g.length; j++) {
      g[j] *= factor;
    }
    return g;
  }

  private static void requireNoParameter(String spec, String key) {
    if (key != null) {
      throw new IllegalArgumentException("attack '" + spec + "' takes no parameter");
    }
  }

  private static double number(String spec, String key, String value, String expected) {
    if (!expected.equals(key)) {
      throw new IllegalArgumentException("attack '" + spec + "' needs the parameter " + expected + "=<number>");
    }
    try {
      double v = Double.parseDouble(value);
      if (!Double.isFinite(v)) {
        throw new NumberFormatException();
      }
      return v;
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("attack '" + spec + "': " + expected + "='" + value + "' is not a finite number");
    }
  }

  private static IllegalArgumentException unknown(String spec) {
    return new IllegalArgumentException("unknown attack '" + spec + "'; valid attacks: " + String.join(", ", NAMES));
  }
}
