package dev.rampart.crypto.secagg;

import dev.rampart.crypto.FixedPointCodec;
import dev.rampart.crypto.MessageSigning;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.stream.IntStream;

/**
 * Measures one client's secure-aggregation cost per round (and the coordinator's unmasking cost)
 * by running a whole in-memory group and timing the calls of member {@code c00} per phase, next to
 * the plain update path (fixed-point encoding plus signing of the same vector, no masks).
 *
 * <p>A measurement hook for the JMH benchmark in {@code benchmarks/}, runnable by hand:
 * {@code java -cp <test classpath> dev.rampart.crypto.secagg.ClientCostProbe [threads]}. Not
 * thread-safe; wall-clock figures depend on the machine.
 */
public final class ClientCostProbe {
  private ClientCostProbe() {}

  /**
   * Nanoseconds per phase for member c00 and for the coordinator's final step.
   *
   * @param openNanos P0: session keys, signature, state save
   * @param sharesNanos P1: U1 checks, Shamir splits, share encryption
   * @param maskNanos P2: U2 checks, share decryption, mask expansion, signing and saving y_u
   * @param checkNanos P3 plus P4 together
   * @param unmaskNanos coordinator: reconstruction, checks and mask removal
   * @param plainNanos the same client without secure aggregation: encode and sign the vector
   */
  public record Result(int dimension, int groupSize, int dropped, int maskThreads,
      long openNanos, long sharesNanos, long maskNanos, long checkNanos, long unmaskNanos,
      long plainNanos) {
    /** Client total P0-P4 in milliseconds. */
    public double clientMillis() {
      return (openNanos + sharesNanos + maskNanos + checkNanos) / 1e6;
    }
  }

  /**
   * Runs one group of {@code groupSize} clients over {@code dimension} coordinates, with
   * {@code dropped} members going silent after P1, and times it.
   */
  public static Result measure(int dimension, int groupSize, int dropped, int maskThreads) {
    List<String> ids = IntStream.range(0, groupSize).mapToObj(i -> String.format("c%02d", i))
        .toList();
    int t = groupSize / 2 + 1;
    SecAggParameters p = SecAggParameters.of(groupSize, t, t, 1.0);
    TestGroup g = TestGroup.create(GroupRef.of("bench", 1, 0), ids, p, dimension);
    Set<String> silent = Set.copyOf(ids.subList(groupSize - dropped, groupSize));
    long[] phase = new long[5];
    for (String id : ids) {
      long start = System.nanoTime();
      SecAggClient c = SecAggClient.open(ClientSetup.builder().context(g.ctx)
          .identity(TestGroup.identity(id)).trust(g.trust).store(ClientStateStore.inMemory())
          .maskThreads(maskThreads).build(), g.inputs.get(id));
      if (id.equals("c00")) {
        phase[0] = System.nanoTime() - start;
      }
      g.clients.put(id, c);
      g.server.accept(c.advertisement().encode());
    }
    for (int k = 1; k <= 4; k++) {
      boolean dropsNow = k >= 2;
      ServerStep step = g.server.advance();
      byte[] wire = step.broadcast().orElseThrow().encode();
      Map<String, byte[]> replies = new TreeMap<>();
      for (String id : step.recipients()) {
        long start = System.nanoTime();
        ClientStep s = g.clients.get(id).receive(wire);
        if (id.equals("c00")) {
          phase[k] += System.nanoTime() - start;
        }
        replies.put(id, s.message().orElseThrow().encode());
      }
      replies.forEach((id, bytes) -> {
        if (!(dropsNow && silent.contains(id))) {
          g.server.acceptAuthenticated(SecAggMessage.decode(bytes));
        }
      });
    }
    long start = System.nanoTime();
    GroupOutcome outcome = g.server.advance().outcome().orElseThrow();
    long unmask = System.nanoTime() - start;
    if (!outcome.isSuccess()) {
      throw new IllegalStateException(outcome.toString());
    }
    return new Result(dimension, groupSize, dropped, maskThreads, phase[0], phase[1], phase[2],
        phase[3] + phase[4], unmask, plainPath(g.floats.get("c00"), p.codec()));
  }

  private static long plainPath(float[] x, FixedPointCodec codec) {
    long start = System.nanoTime();
    ByteBuffer body = ByteBuffer.allocate(4 * x.length);
    body.asFloatBuffer().put(x);
    MessageSigning.sign(TestGroup.identity("c00"), "UPDATE", "bench", 1, body.array());
    return System.nanoTime() - start;
  }

  /** Prints a table for d ∈ {10^5, 10^6}, s ∈ {5, 10, 20}, 0 % and 20 % dropouts. */
  public static void main(String[] args) {
    int threads = args.length > 0 ? Integer.parseInt(args[0]) : 1;
    int repeats = args.length > 1 ? Integer.parseInt(args[1]) : 3;
    System.out.printf("%-8s %-3s %-4s %-3s %8s %8s %8s %8s %9s %9s %8s%n", "d", "s", "drop",
        "thr", "P0 ms", "P1 ms", "P2 ms", "P3+4 ms", "client ms", "coord ms", "plain ms");
    measure(100_000, 5, 1, threads); // warm-up
    for (int d : new int[] {100_000, 1_000_000}) {
      for (int s : new int[] {5, 10, 20}) {
        for (int dropped : new int[] {0, s / 5}) {
          Result best = null;
          for (int r = 0; r < repeats; r++) {
            Result res = measure(d, s, dropped, threads);
            best = best == null || res.clientMillis() < best.clientMillis() ? res : best;
          }
          System.out.printf("%-8d %-3d %-4d %-3d %8.2f %8.2f %8.2f %8.2f %9.2f %9.2f %8.2f%n",
              d, s, dropped, threads, best.openNanos() / 1e6, best.sharesNanos() / 1e6,
              best.maskNanos() / 1e6, best.checkNanos() / 1e6, best.clientMillis(),
              best.unmaskNanos() / 1e6, best.plainNanos() / 1e6);
        }
      }
    }
  }
}
