package dev.rampart.simulator.attack;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The shared view of colluding attackers inside one simulated job. Every client reports the
 * vector it is about to send, honestly computed (after worker momentum, so attackers see what
 * honest clients really send); Byzantine clients report their own honest computation too. An
 * omniscient attacker waits, bounded, for the honest clients' vectors of the round; a
 * non-omniscient one waits for its fellow attackers' own vectors and estimates from those.
 *
 * <p>Thread-safe: clients call it from their own threads. Rounds older than the newest reported
 * round minus two are forgotten.
 */
public final class Coalition {
  private final int honestClients;
  private final int byzantineClients;
  private final Duration wait;
  private final Map<Long, List<float[]>> honest = new TreeMap<>();
  private final Map<Long, List<float[]>> byzantine = new TreeMap<>();

  /**
   * @param honestClients clients that behave honestly, at least 1
   * @param byzantineClients attackers, at least 1
   * @param wait longest time an attacker waits for the vectors of a round
   */
  public Coalition(int honestClients, int byzantineClients, Duration wait) {
    if (honestClients < 1 || byzantineClients < 1) {
      throw new IllegalArgumentException("a coalition needs at least one honest and one Byzantine client, but honest="
          + honestClients + ", byzantine=" + byzantineClients);
    }
    if (wait == null || wait.isNegative()) {
      throw new IllegalArgumentException("wait must be a non-negative duration, but wait=" + wait);
    }
    this.honestClients = honestClients;
    this.byzantineClients = byzantineClients;
    this.wait = wait;
  }

  /** Records the vector an honest client sends in {@code round} (copied). */
  public synchronized void reportHonest(long round, float[] vector) {
    add(honest, round, vector);
  }

  /** Records a Byzantine client's own honestly computed vector of {@code round} (copied). */
  public synchronized void reportOwn(long round, float[] vector) {
    add(byzantine, round, vector);
  }

  /**
   * The vectors the attacker bases its forgery on: all honest clients' vectors of the round when
   * {@code omniscient}, else the attackers' own. Waits up to the configured time for all of them,
   * then returns what has arrived (at least the caller's own when nothing else has).
   */
  public synchronized List<float[]> view(long round, boolean omniscient, float[] own) {
    Map<Long, List<float[]>> source = omniscient ? honest : byzantine;
    int expected = omniscient ? honestClients : byzantineClients;
    long deadline = System.nanoTime() + wait.toNanos();
    while (source.getOrDefault(round, List.of()).size() < expected) {
      long left = deadline - System.nanoTime();
      if (left <= 0) {
        break;
      }
      try {
        wait(Math.max(1, left / 1_000_000));
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        break;
      }
    }
    List<float[]> seen = new ArrayList<>();
    for (float[] v : source.getOrDefault(round, List.of())) {
      seen.add(v.clone());
    }
    if (seen.isEmpty()) {
      seen.add(own.clone());
    }
    return seen;
  }

  private void add(Map<Long, List<float[]>> target, long round, float[] vector) {
    target.computeIfAbsent(round, r -> new ArrayList<>()).add(vector.clone());
    target.keySet().removeIf(r -> r < round - 2);
    notifyAll();
  }
}
