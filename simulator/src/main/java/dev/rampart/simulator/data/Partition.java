package dev.rampart.simulator.data;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * How a training set is dealt out to clients, from IID to strongly non-IID. Spec syntax and
 * definitions (m samples, n clients, labels y):
 *
 * <ul>
 *   <li>{@code iid}: a seeded shuffle cut into n near-equal parts.
 *   <li>{@code dirichlet(alpha=α)}: for every class c, proportions p ~ Dir(α, …, α) over the n
 *       clients are drawn and the class's shuffled samples are cut in those proportions (Hsu, Qi,
 *       Brown 2019). Small α is very skewed; large α tends to IID.
 *   <li>{@code extreme(labels=k)}: samples sorted by label are cut into n·k equal shards and each
 *       client gets k seeded-random shards, so it sees about k labels (McMahan et al. 2017).
 *   <li>{@code gamma(similarity=γ)}: a share γ of the samples is dealt IID, the remaining 1 − γ is
 *       sorted by label and cut into n contiguous parts (Karimireddy et al., SCAFFOLD 2020). γ = 1
 *       is IID, γ = 0 fully sorted.
 * </ul>
 *
 * Every client receives at least one sample: an empty client takes one from the largest.
 *
 * @param kind iid, dirichlet, extreme or gamma
 * @param value α, k or γ (unused for iid)
 */
public record Partition(String kind, double value) {
  private static final Pattern SPEC = Pattern.compile("\\s*([a-z]+)\\s*(?:\\(\\s*(?:([a-z]+)\\s*=\\s*)?([^)\\s]+)\\s*\\))?\\s*");

  /** Checks the kind and the range of its value; messages name the bad value. */
  public Partition {
    switch (kind) {
      case "iid" -> { }
      case "dirichlet" -> require(value > 0 && Double.isFinite(value), "dirichlet alpha must be positive, but alpha=" + value);
      case "extreme" -> require(value >= 1 && value == Math.rint(value), "extreme labels must be a whole number >= 1, but labels=" + value);
      case "gamma" -> require(value >= 0 && value <= 1, "gamma similarity must be in [0, 1], but similarity=" + value);
      default -> throw new IllegalArgumentException("unknown split '" + kind + "'; valid: iid, dirichlet(alpha=A), extreme(labels=K), gamma(similarity=G)");
    }
  }

  /** Parses {@code iid}, {@code dirichlet(alpha=0.5)}, {@code extreme(labels=2)}, {@code gamma(similarity=0.5)}. */
  public static Partition parse(String spec) {
    Matcher m = SPEC.matcher(spec.toLowerCase(Locale.ROOT));
    if (!m.matches()) {
      throw new IllegalArgumentException("cannot parse split '" + spec + "'; valid: iid, dirichlet(alpha=A), extreme(labels=K), gamma(similarity=G)");
    }
    String kind = m.group(1);
    if (kind.equals("iid")) {
      return new Partition("iid", 0);
    }
    if (!Set.of("dirichlet", "extreme", "gamma").contains(kind)) {
      new Partition(kind, 0);
    }
    if (m.group(3) == null) {
      throw new IllegalArgumentException("split '" + spec + "' needs a value, e.g. dirichlet(alpha=0.5)");
    }
    try {
      return new Partition(kind, Double.parseDouble(m.group(3)));
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("split '" + spec + "': '" + m.group(3) + "' is not a number");
    }
  }

  /** The sample indices of each of {@code clients} clients. */
  public int[][] assign(int[] labels, int classes, int clients, long seed) {
    if (clients < 1 || clients > labels.length) {
      throw new IllegalArgumentException("clients must be in [1, " + labels.length + "], but clients=" + clients);
    }
    SplittableRandom random = new SplittableRandom(seed);
    List<List<Integer>> parts = switch (kind) {
      case "iid" -> cut(shuffled(range(labels.length), random), clients);
      case "dirichlet" -> dirichlet(labels, classes, clients, random);
      case "extreme" -> extreme(labels, clients, (int) value, random);
      default -> gamma(labels, clients, random);
    };
    fillEmpty(parts);
    int[][] out = new int[clients][];
    for (int i = 0; i < clients; i++) {
      out[i] = parts.get(i).stream().mapToInt(Integer::intValue).sorted().toArray();
    }
    return out;
  }

  @Override
  public String toString() {
    return switch (kind) {
      case "iid" -> "iid";
      case "dirichlet" -> "dirichlet(alpha=" + fmt(value) + ")";
      case "extreme" -> "extreme(labels=" + (int) value + ")";
      default -> "gamma(similarity=" + fmt(value) + ")";
    };
  }

  private List<List<Integer>> dirichlet(int[] labels, int classes, int clients, SplittableRandom random) {
    List<List<Integer>> parts = empty(clients);
    for (int c = 0; c < classes; c++) {
      List<Integer> members = new ArrayList<>();
      for (int i = 0; i < labels.length; i++) {
        if (labels[i] == c) {
          members.add(i);
        }
      }
      members = shuffled(members, random);
      double[] p = new double[clients];
      double total = 0;
      for (int k = 0; k < clients; k++) {
        p[k] = Gamma.sample(value, random);
        total += p[k];
      }
      int from = 0;
      double cumulative = 0;
      for (int k = 0; k < clients; k++) {
        cumulative += p[k] / total;
        int to = k == clients - 1 ? members.size() : (int) Math.round(cumulative * members.size());
        parts.get(k).addAll(members.subList(from, Math.max(from, to)));
        from = Math.max(from, to);
      }
    }
    return parts;
  }

  private static List<List<Integer>> extreme(int[] labels, int clients, int perClient, SplittableRandom random) {
    List<Integer> sorted = sortedByLabel(labels, random);
    List<List<Integer>> shards = cut(sorted, clients * perClient);
    List<Integer> order = shuffled(range(shards.size()), random);
    List<List<Integer>> parts = empty(clients);
    for (int s = 0; s < order.size(); s++) {
      parts.get(s % clients).addAll(shards.get(order.get(s)));
    }
    return parts;
  }

  private List<List<Integer>> gamma(int[] labels, int clients, SplittableRandom random) {
    List<Integer> all = shuffled(range(labels.length), random);
    int iid = (int) Math.round(value * labels.length);
    List<List<Integer>> parts = cut(all.subList(0, iid), clients);
    List<Integer> rest = new ArrayList<>(all.subList(iid, all.size()));
    rest.sort((a, b) -> Integer.compare(labels[a], labels[b]));
    List<List<Integer>> sortedParts = cut(rest, clients);
    for (int k = 0; k < clients; k++) {
      parts.get(k).addAll(sortedParts.get(k));
    }
    return parts;
  }

  private static List<Integer> sortedByLabel(int[] labels, SplittableRandom random) {
    List<Integer> order = shuffled(range(labels.length), random);
    order.sort((a, b) -> Integer.compare(labels[a], labels[b]));
    return order;
  }

  private static void fillEmpty(List<List<Integer>> parts) {
    for (List<Integer> part : parts) {
      if (part.isEmpty()) {
        List<Integer> largest = parts.stream().max((a, b) -> Integer.compare(a.size(), b.size())).orElseThrow();
        part.add(largest.remove(largest.size() - 1));
      }
    }
  }

  private static List<List<Integer>> cut(List<Integer> items, int parts) {
    List<List<Integer>> out = empty(parts);
    for (int p = 0; p < parts; p++) {
      int from = (int) ((long) items.size() * p / parts);
      int to = (int) ((long) items.size() * (p + 1) / parts);
      out.get(p).addAll(items.subList(from, to));
    }
    return out;
  }

  private static List<List<Integer>> empty(int n) {
    List<List<Integer>> out = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      out.add(new ArrayList<>());
    }
    return out;
  }

  private static List<Integer> range(int n) {
    List<Integer> out = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      out.add(i);
    }
    return out;
  }

  private static List<Integer> shuffled(List<Integer> items, SplittableRandom random) {
    Integer[] a = items.toArray(new Integer[0]);
    for (int i = a.length - 1; i > 0; i--) {
      int j = random.nextInt(i + 1);
      Integer t = a[i];
      a[i] = a[j];
      a[j] = t;
    }
    return new ArrayList<>(Arrays.asList(a));
  }

  private static String fmt(double v) {
    return v == Math.rint(v) ? Long.toString((long) v) : Double.toString(v);
  }

  private static void require(boolean ok, String message) {
    if (!ok) {
      throw new IllegalArgumentException(message);
    }
  }

  /** Marsaglia–Tsang Gamma(shape, 1) sampler; shape < 1 uses the U^(1/shape) boost. */
  private static final class Gamma {
    static double sample(double shape, SplittableRandom random) {
      if (shape < 1) {
        return sample(shape + 1, random) * Math.pow(random.nextDouble(), 1 / shape);
      }
      double d = shape - 1.0 / 3;
      double c = 1 / Math.sqrt(9 * d);
      while (true) {
        double x = random.nextGaussian();
        double v = 1 + c * x;
        if (v <= 0) {
          continue;
        }
        v = v * v * v;
        double u = random.nextDouble();
        if (Math.log(u) < 0.5 * x * x + d - d * v + d * Math.log(v)) {
          return d * v;
        }
      }
    }
  }
}
