package dev.rampart.benchmarks.round;

import dev.rampart.coordinator.Coordinator;
import dev.rampart.coordinator.CoordinatorConfig;
import dev.rampart.coordinator.JobSummary;
import dev.rampart.coordinator.RoundSummary;
import dev.rampart.protocol.JobId;
import dev.rampart.protocol.ReassemblyLimits;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

/**
 * The benchmark's coordinator JVM: {@link Coordinator#create} with the registry of the
 * benchmark's clients, the default pipeline ({@value CoordinatorConfig#DEFAULT_AGGREGATION}), no
 * run directory (so no audit log and no model store), an initial model of {@code --dimension} zeros
 * and {@code --rounds} rounds. It writes {@code coordinator.events.csv} (every round's commit time
 * and {@link RoundSummary#duration()}, the Kafka events of {@link PhaseInterceptor}) and
 * {@code coordinator.heap.csv} (its peak heap, see {@link HeapPeak}) to {@code --out}.
 */
public final class CoordinatorMain {
  /** Default time a round waits for its updates: long enough for d = 10^7 on a loaded machine. */
  static final Duration ROUND_TIMEOUT = Duration.ofMinutes(5);

  private CoordinatorMain() {}

  /**
   * Runs the job and exits with 0 when every round committed with every client's update, else 1.
   *
   * @param args {@code --bootstrap B --job J --dimension D --rounds R --clients N --out DIR}
   */
  public static void main(String[] args) throws IOException {
    Options options = Options.parse(args);
    int clients = options.integer("clients");
    Path out = options.path("out");
    Files.createDirectories(out);
    int dimension = options.integer("dimension");
    // Clients send at once, so a whole round of chunk sets is incomplete together: let the
    // reassembler hold one round (10 % over its update bytes) when the heap-based default is
    // smaller, as an operator sets reassembly.max-pending-bytes for a small heap.
    ReassemblyLimits defaults = ReassemblyLimits.defaults();
    long roundBytes = (long) clients * Float.BYTES * dimension * 11 / 10;
    CoordinatorConfig config = CoordinatorConfig.builder()
        .reassemblyLimits(defaults.withMaxPendingBytes(Math.max(defaults.maxPendingBytes(), roundBytes)))
        .job(JobId.of(options.text("job")))
        .bootstrapServers(options.text("bootstrap"))
        .kafkaProperty("interceptor.classes", PhaseInterceptor.class.getName())
        .identity(RoundKeys.identity(RoundKeys.COORDINATOR))
        .registry(RoundKeys.registry(clients))
        .initialModel(new float[dimension])
        .rounds(options.integer("rounds"))
        .roundTimeout(ROUND_TIMEOUT)
        .build();
    boolean complete;
    try (HeapPeak heap = new HeapPeak(); Coordinator coordinator = Coordinator.create(config)) {
      JobSummary job = coordinator.run(round -> onRound(round, clients));
      complete = job.committedRounds() == config.rounds() && job.acceptedUpdates() == (long) clients * config.rounds();
      System.out.println("coordinator: " + job.rounds() + " rounds, " + job.committedRounds() + " committed, "
          + job.acceptedUpdates() + " updates accepted, " + job.rejectedUpdates() + " rejected, " + job.duration());
      Files.writeString(out.resolve("coordinator.heap.csv"), "pool_peak_sum_bytes,sampled_max_bytes,max_heap_bytes\n"
          + HeapPeak.poolPeakSumBytes() + "," + heap.sampledMaxBytes() + "," + Runtime.getRuntime().maxMemory() + "\n");
    }
    EventLog.writeTo(out.resolve("coordinator.events.csv"));
    System.exit(complete ? 0 : 1);
  }

  private static void onRound(RoundSummary round, int clients) {
    long now = EventLog.nowMicros();
    EventLog.record("round", "coordinator", "", round.round(), now, round.duration().toNanos() / 1_000);
    if (!round.committed() || round.accepted().size() != clients) {
      System.out.println("coordinator: round " + round.round() + " committed=" + round.committed() + " with "
          + round.accepted().size() + " of " + clients + " updates; rejections " + round.rejectionsByReason());
    }
    if (round.round() == 1) {
      float[] model = round.model();
      System.out.println("coordinator: after round 1 model[0]=" + model[0] + ", model[d-1]=" + model[model.length - 1]
          + " (expected " + (-FixedTrainer.VALUE) + ")");
    }
  }
}
