package dev.rampart.crypto.secagg;

import dev.rampart.crypto.Digests;
import dev.rampart.crypto.MaskPrg;
import dev.rampart.crypto.secagg.internal.WireWriter;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Partitions a round's participants into secure-aggregation groups of at least a minimum size.
 *
 * <p><b>Random partition</b> ({@link #partition}): participants are sorted, then shuffled by
 * Fisher-Yates driven by the ChaCha20 stream ({@link MaskPrg}) keyed with
 * {@code SHA-256(lp("rampart/secagg/groups/v1") ‖ i64be(seed) ‖ i32be(attempt))}, with unbiased
 * rejection sampling of each index; the shuffled order is cut into g = ⌊n / min⌋ groups whose
 * sizes differ by at most one (the first n mod g groups get one more). Equal inputs give equal
 * plans on every platform.
 *
 * <p><b>Disaggregation rule</b> (SECAGG.md case 19): two groups G (previous round) and H (this
 * round) {@linkplain #differByOneMember differ by exactly one member} if one is the other plus one
 * client (then sum(H) − sum(G) is that client's update) or the other with one client swapped (it
 * reveals the difference of two updates). A random candidate that forms such a pair with any group
 * of the previous plan is discarded and attempt + 1 is tried, deterministically, up to
 * {@value #MAX_ATTEMPTS} attempts. The rule concerns planned groups; survivor sets shrunk by
 * dropouts are outside it.
 *
 * <p><b>Stride groups</b> ({@link #stride}) for coded mode: with stride d, G_j = {w_j, w_{j+d},
 * w_{j+2d}, …} for j = 0..d−1 over the workers in their given (task) order, so with LAD's cyclic
 * assignment each group covers every shard exactly once. They are fixed, so a stride plan that
 * breaks the rule is refused rather than adjusted.
 *
 * <p>Cost O(n) per attempt plus O(g²·s) for the rule. Immutable and thread-safe.
 */
public final class GroupPlanner {
  /** Most candidate partitions tried before giving up. */
  public static final int MAX_ATTEMPTS = 10_000;
  private static final String DOMAIN = "rampart/secagg/groups/v1";

  private final int minGroupSize;

  private GroupPlanner(int minGroupSize) {
    this.minGroupSize = minGroupSize;
  }

  /**
   * A planner whose groups have at least {@code minGroupSize} members.
   *
   * @param minGroupSize at least 2
   * @throws SecAggException naming the value otherwise
   */
  public static GroupPlanner withMinimumGroupSize(int minGroupSize) {
    if (minGroupSize < 2) {
      throw new SecAggException("minGroupSize must be >= 2, but was " + minGroupSize);
    }
    return new GroupPlanner(minGroupSize);
  }

  /** The minimum group size. */
  public int minGroupSize() {
    return minGroupSize;
  }

  /**
   * A seeded random partition (see the class comment).
   *
   * @param participants distinct party ids, at least {@code minGroupSize}
   * @param seed the round's grouping seed; record it (it is also in the returned plan)
   * @param previous the previous round's plan, if any, for the disaggregation rule
   * @throws SecAggException naming n and the minimum if there are too few participants, or if
   *     {@value #MAX_ATTEMPTS} candidates all break the rule
   */
  public GroupPlan partition(List<String> participants, long seed, Optional<GroupPlan> previous) {
    List<String> sorted = distinctSorted(participants);
    int n = sorted.size();
    if (n < minGroupSize) {
      throw new SecAggException("need at least minGroupSize=" + minGroupSize
          + " participants, but got " + n);
    }
    for (int attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
      GroupPlan candidate = new GroupPlan(GroupPlan.Mode.RANDOM, seed, attempt,
          cut(shuffle(sorted, seed, attempt)));
      if (previous.isEmpty() || violations(previous.get(), candidate).isEmpty()) {
        return candidate;
      }
    }
    throw new SecAggException("no partition of " + n + " participants into groups of >= "
        + minGroupSize + " avoids groups differing by one member from the previous round within "
        + MAX_ATTEMPTS + " attempts (seed=" + seed + ")");
  }

  /**
   * Stride groups G_j = {w_j, w_{j+d}, …}, j = 0..d−1.
   *
   * @param workers distinct worker ids in task order; their count must be a multiple of
   *     {@code stride}
   * @param stride d, the number of groups, at least 1
   * @param previous the previous round's plan, if any
   * @throws SecAggException naming the values if n is not a multiple of d, a group would be below
   *     the minimum size, or a group differs by one member from a previous group
   */
  public GroupPlan stride(List<String> workers, int stride, Optional<GroupPlan> previous) {
    int n = workers.size();
    if (distinctSorted(workers).size() != n) {
      throw new SecAggException("workers must be distinct");
    }
    if (stride < 1 || n % stride != 0) {
      throw new SecAggException("stride groups need workers (" + n + ") to be a multiple of "
          + "stride (" + stride + ")");
    }
    if (n / stride < minGroupSize) {
      throw new SecAggException("stride=" + stride + " over " + n + " workers gives groups of "
          + n / stride + ", below minGroupSize=" + minGroupSize);
    }
    List<List<String>> groups = new ArrayList<>();
    for (int j = 0; j < stride; j++) {
      List<String> g = new ArrayList<>();
      for (int i = j; i < n; i += stride) {
        g.add(workers.get(i));
      }
      groups.add(g);
    }
    GroupPlan plan = new GroupPlan(GroupPlan.Mode.STRIDE, 0, 0, groups);
    List<String> bad = previous.map(p -> violations(p, plan)).orElse(List.of());
    if (!bad.isEmpty()) {
      throw new SecAggException("stride groups break the disaggregation rule: " + bad);
    }
    return plan;
  }

  /**
   * Whether {@code a} and {@code b} differ by exactly one member: one is the other plus one
   * element, or the other with one element replaced.
   */
  public static boolean differByOneMember(Collection<String> a, Collection<String> b) {
    Set<String> onlyA = new HashSet<>(a);
    onlyA.removeAll(b);
    Set<String> onlyB = new HashSet<>(b);
    onlyB.removeAll(a);
    int da = onlyA.size();
    int db = onlyB.size();
    return da + db == 1 || (da == 1 && db == 1);
  }

  /**
   * Every pair of a previous group and a current group that differ by exactly one member, as
   * {@code "previous group i ~ current group j"}; empty if the plans satisfy the rule.
   */
  public static List<String> violations(GroupPlan previous, GroupPlan current) {
    List<String> out = new ArrayList<>();
    for (int i = 0; i < previous.groupCount(); i++) {
      for (int j = 0; j < current.groupCount(); j++) {
        if (differByOneMember(previous.groups().get(i), current.groups().get(j))) {
          out.add("previous group " + i + " ~ current group " + j);
        }
      }
    }
    return out;
  }

  private List<List<String>> cut(List<String> order) {
    int n = order.size();
    int g = n / minGroupSize;
    int base = n / g;
    int extra = n % g;
    List<List<String>> groups = new ArrayList<>(g);
    int from = 0;
    for (int i = 0; i < g; i++) {
      int size = base + (i < extra ? 1 : 0);
      groups.add(order.subList(from, from + size));
      from += size;
    }
    return groups;
  }

  static List<String> shuffle(List<String> sorted, long seed, int attempt) {
    byte[] key = Digests.sha256(new WireWriter(48).string(DOMAIN).i64(seed).i32(attempt)
        .toByteArray());
    WordStream words = new WordStream(key);
    List<String> out = new ArrayList<>(sorted);
    for (int i = out.size() - 1; i > 0; i--) {
      int j = words.below(i + 1);
      String tmp = out.get(i);
      out.set(i, out.get(j));
      out.set(j, tmp);
    }
    return out;
  }

  private static List<String> distinctSorted(List<String> ids) {
    List<String> sorted = new ArrayList<>(new java.util.TreeSet<>(ids));
    if (sorted.size() != ids.size()) {
      throw new SecAggException("participants must be distinct; " + (ids.size() - sorted.size())
          + " duplicates");
    }
    return sorted;
  }

  /** Unsigned 32-bit words from the ChaCha20 stream of one key, with unbiased bounded draws. */
  private static final class WordStream {
    private final byte[] key;
    private final int[] buffer = new int[64];
    private long next;
    private int position = buffer.length;

    WordStream(byte[] key) {
      this.key = key;
    }

    int below(int bound) {
      long range = 1L << 32;
      long limit = range - range % bound;
      while (true) {
        long word = Integer.toUnsignedLong(nextWord());
        if (word < limit) {
          return (int) (word % bound);
        }
      }
    }

    private int nextWord() {
      if (position == buffer.length) {
        java.util.Arrays.fill(buffer, 0);
        MaskPrg.applySlice(key, next, buffer, 0, buffer.length, false);
        next += buffer.length;
        position = 0;
      }
      return buffer[position++];
    }
  }
}
