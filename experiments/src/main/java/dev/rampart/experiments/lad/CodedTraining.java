package dev.rampart.experiments.lad;

import dev.rampart.aggregation.AggregationContext;
import dev.rampart.aggregation.Pipeline;
import dev.rampart.aggregation.coding.CodingTask;
import dev.rampart.aggregation.coding.CyclicAssignment;
import dev.rampart.aggregation.coding.DracoDecoder;
import dev.rampart.aggregation.coding.LadEncoder;
import dev.rampart.aggregation.coding.MajorityVote;
import dev.rampart.aggregation.coding.RepetitionGroups;
import dev.rampart.aggregation.coding.WindowOrder;
import dev.rampart.compression.CompressedVector;
import dev.rampart.compression.CompressionContext;
import dev.rampart.compression.Compressor;
import dev.rampart.compression.Compressors;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Full-batch distributed gradient descent with n workers of which f are Byzantine, in memory:
 * w_{t+1} = w_t − η·â_t, w_0 = 0, where â_t combines the n vectors the workers send in round t
 * (robust aggregation of coded vectors for LAD schemes, majority-vote decoding for DRACO).
 *
 * <p>Round t: every subset gradient g_k(w_t) is evaluated once; honest worker i encodes its task
 * with {@link LadEncoder} (and compresses it for Com-LAD, the coordinator decompressing); the f
 * Byzantine workers, a seeded random subset fixed for the run, all send {@link Attack#craft} of
 * the honest vectors. LAD windows are re-permuted every round ({@link WindowOrder#PERMUTED}) from
 * the run seed, so which subsets Byzantine workers withhold changes from round to round.
 * Stateless and thread-safe; each call is independent.
 */
public final class CodedTraining {

  /**
   * Run settings.
   *
   * @param workers n ≥ 1
   * @param byzantine f in [0, n/2)
   * @param iterations T ≥ 1
   * @param stepSize η &gt; 0
   */
  public record Settings(int workers, int byzantine, int iterations, double stepSize) {
    /** Validates. */
    public Settings {
      if (workers < 1 || byzantine < 0 || 2 * byzantine >= workers) {
        throw new IllegalArgumentException("need workers ≥ 1 and 0 ≤ byzantine < workers/2, but workers=" + workers
            + " and byzantine=" + byzantine);
      }
      if (iterations < 1 || !(stepSize > 0)) {
        throw new IllegalArgumentException("need iterations ≥ 1 and stepSize > 0, but iterations=" + iterations
            + " and stepSize=" + stepSize);
      }
    }
  }

  private CodedTraining() {}

  /**
   * Trains once.
   *
   * @param problem the regression problem; its subset count is K
   * @param scheme the method
   * @param attack the Byzantine behaviour
   * @param settings n, f, T, η
   * @param seed Byzantine placement, window order and compression randomness
   * @return the error trajectory and costs
   */
  public static RunResult run(RegressionProblem problem, Scheme scheme, Attack attack, Settings settings, long seed) {
    int n = settings.workers();
    int f = settings.byzantine();
    int dim = problem.dimension();
    int shards = problem.subsets();
    boolean[] byzantine = byzantineWorkers(n, f, seed);
    Round round = scheme.kind() == Scheme.Kind.DRACO
        ? new DracoRound(RepetitionGroups.create(shards, n, 2 * f + 1))
        : new LadRound(scheme, shards, n, f, seed);
    double[] w = new double[dim];
    double[] errors = new double[settings.iterations() + 1];
    errors[0] = problem.relativeError(w);
    float[][] g = new float[shards][dim];
    double maxAggregationError = 0;
    long bytes = 0;
    long vectors = 0;
    for (int t = 0; t < settings.iterations(); t++) {
      for (int k = 0; k < shards; k++) {
        problem.gradient(k, w, g[k]);
      }
      List<float[]> sent = new ArrayList<>(n);
      List<float[]> honest = new ArrayList<>(n);
      for (int i = 0; i < n; i++) {
        float[] c = LadEncoder.encode(round.task(i, t), k -> g[k]);
        int size = 4 * dim;
        if (round.compressor() != null) {
          CompressedVector cv = round.compressor().compress(c, round.compressionContext(i, t));
          size = cv.encodedBytes();
          c = round.compressor().decompress(cv);
        }
        sent.add(c);
        if (!byzantine[i]) {
          honest.add(c);
          bytes += size;
          vectors++;
        }
      }
      if (attack != Attack.NONE && f > 0) {
        float[] b = attack.craft(honest, n, f);
        for (int i = 0; i < n; i++) {
          if (byzantine[i]) {
            sent.set(i, b.clone());
          }
        }
      }
      float[] combined = round.combine(sent);
      double[] exact = problem.fullGradient(w);
      maxAggregationError = Math.max(maxAggregationError, distance(combined, exact) / rms(g));
      for (int j = 0; j < dim; j++) {
        w[j] -= settings.stepSize() * combined[j];
      }
      errors[t + 1] = problem.relativeError(w);
    }
    return new RunResult(scheme, round.redundancy(), attack, seed, errors, maxAggregationError,
        (double) bytes / vectors, 4 * dim, round.task(0, 0).load());
  }

  private static boolean[] byzantineWorkers(int n, int f, long seed) {
    boolean[] b = new boolean[n];
    int[] chosen = new SplittableRandom(seed ^ 0x5DEECE66DL).ints(0, n).distinct().limit(f).toArray();
    for (int i : chosen) {
      b[i] = true;
    }
    return b;
  }

  private static double distance(float[] a, double[] exact) {
    double sum = 0;
    for (int j = 0; j < exact.length; j++) {
      sum += (a[j] - exact[j]) * (a[j] - exact[j]);
    }
    return Math.sqrt(sum);
  }

  // sqrt((1/K)·Σ_k ‖g_k‖²): the scale at which float32 rounding of the subset gradients acts.
  private static double rms(float[][] g) {
    double sum = 0;
    for (float[] gk : g) {
      for (float v : gk) {
        sum += v * (double) v;
      }
    }
    return Math.sqrt(sum / g.length);
  }

  /** What differs between LAD-style and DRACO rounds. */
  private interface Round {
    CodingTask task(int worker, long round);

    float[] combine(List<float[]> sent);

    int redundancy();

    default Compressor compressor() {
      return null;
    }

    default CompressionContext compressionContext(int worker, long round) {
      return null;
    }
  }

  private static final class LadRound implements Round {
    private final CyclicAssignment assignment;
    private final Pipeline pipeline;
    private final AggregationContext context;
    private final Compressor compressor;
    private final CompressionContext[] contexts;
    private final long seed;
    private List<CodingTask> tasks = List.of();
    private long tasksRound = -1;

    LadRound(Scheme scheme, int shards, int n, int f, long seed) {
      this.seed = seed;
      this.assignment = CyclicAssignment.create(shards, n, scheme.redundancy())
          .withOrder(WindowOrder.PERMUTED, seed);
      this.pipeline = Pipeline.parse(scheme.aggregator(), f);
      this.context = AggregationContext.of(new SplittableRandom(seed + 1)).withDistanceEvidence(false);
      this.compressor = scheme.compressor() == null ? null : Compressors.parse(scheme.compressor());
      this.contexts = new CompressionContext[n];
      for (int i = 0; i < n; i++) {
        contexts[i] = CompressionContext.seeded(new SplittableRandom(seed * 31 + i).nextLong());
      }
    }

    @Override
    public CodingTask task(int worker, long round) {
      if (round != tasksRound) {
        tasks = assignment.tasks(round);
        tasksRound = round;
      }
      return tasks.get(worker);
    }

    @Override
    public float[] combine(List<float[]> sent) {
      return pipeline.aggregate(sent, context).vector();
    }

    @Override
    public int redundancy() {
      return assignment.redundancy();
    }

    @Override
    public Compressor compressor() {
      return compressor;
    }

    @Override
    public CompressionContext compressionContext(int worker, long round) {
      return contexts[worker].withRoundSeed(new SplittableRandom(seed ^ (round * 0x9E3779B97F4A7C15L)).nextLong());
    }
  }

  private static final class DracoRound implements Round {
    private final RepetitionGroups groups;
    private final DracoDecoder decoder;

    DracoRound(RepetitionGroups groups) {
      this.groups = groups;
      this.decoder = DracoDecoder.create(groups, MajorityVote.VECTOR);
    }

    @Override
    public CodingTask task(int worker, long round) {
      return groups.task(worker, round);
    }

    @Override
    public float[] combine(List<float[]> sent) {
      return decoder.decode(sent).gradient();
    }

    @Override
    public int redundancy() {
      int smallest = Integer.MAX_VALUE;
      for (int j = 0; j < groups.groupCount(); j++) {
        smallest = Math.min(smallest, groups.members(j).length);
      }
      return smallest;
    }
  }
}
