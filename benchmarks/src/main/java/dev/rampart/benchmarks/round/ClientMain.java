package dev.rampart.benchmarks.round;

import dev.rampart.client.ClientConfig;
import dev.rampart.client.ClientRunSummary;
import dev.rampart.client.FederatedClient;
import dev.rampart.protocol.JobId;
import dev.rampart.protocol.TopicNames;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.apache.kafka.clients.admin.Admin;

/**
 * A client JVM of the benchmark: one {@link FederatedClient} per index in {@code --clients}
 * (normally one; several run on threads of their own), each with a {@link FixedTrainer} of
 * {@code --dimension} floats and {@link PhaseInterceptor} on its Kafka clients. It writes the file
 * {@code --ready} just before the clients start reading (they then wait for the job's topics), and
 * {@code client-<first index>.events.csv} to {@code --out} when they have handled the final round.
 */
public final class ClientMain {
  private static final Duration TOPIC_WAIT = Duration.ofMinutes(10);
  private static final long TOPIC_POLL_MS = 200;

  private ClientMain() {}

  /**
   * Runs the clients and exits with 0 when every one saw the final round and answered every plan.
   *
   * @param args {@code --bootstrap B --job J --dimension D --clients I[,I…] --out DIR --ready FILE}
   */
  public static void main(String[] args) throws IOException, InterruptedException, ExecutionException {
    Options options = Options.parse(args);
    Path out = options.path("out");
    Files.createDirectories(out);
    List<Integer> indices = new ArrayList<>();
    for (String index : options.text("clients").split(",")) {
      indices.add(Integer.parseInt(index.trim()));
    }
    List<ClientRun> clients = new ArrayList<>();
    for (int index : indices) {
      clients.add(client(options, index));
    }
    ExecutorService threads = Executors.newFixedThreadPool(clients.size());
    boolean complete = true;
    try {
      Files.writeString(options.path("ready"), "ready\n");
      awaitTopics(options.text("bootstrap"), clients.get(0).topics());
      List<Future<ClientRunSummary>> runs = new ArrayList<>();
      clients.forEach(c -> runs.add(threads.submit(c.client()::run)));
      for (int i = 0; i < runs.size(); i++) {
        ClientRunSummary summary = runs.get(i).get();
        complete &= summary.finished() && summary.roundsSkipped() == 0;
        System.out.println("client " + indices.get(i) + ": " + summary);
      }
    } finally {
      threads.shutdownNow();
      clients.forEach(c -> c.client().close());
    }
    EventLog.writeTo(out.resolve("client-" + RoundKeys.clientId(indices.get(0)) + ".events.csv"));
    System.exit(complete ? 0 : 1);
  }

  /**
   * Waits until the coordinator has created the job's topics. The client itself waits only a minute
   * for them, which ten client JVMs and a coordinator JVM starting at once on a busy two-core
   * machine can exceed.
   */
  private static void awaitTopics(String bootstrap, TopicNames topics) throws InterruptedException, ExecutionException {
    Set<String> wanted = Set.of(topics.plans(), topics.models(), topics.shards(), topics.updates());
    long deadline = System.nanoTime() + TOPIC_WAIT.toNanos();
    try (Admin admin = Admin.create(Map.of("bootstrap.servers", bootstrap))) {
      while (!admin.listTopics().names().get().containsAll(wanted)) {
        if (System.nanoTime() > deadline) {
          throw new IllegalStateException("the job's topics " + wanted + " did not appear within " + TOPIC_WAIT);
        }
        Thread.sleep(TOPIC_POLL_MS);
      }
    }
  }

  /** A client and the topics it reads. */
  private record ClientRun(FederatedClient client, TopicNames topics) {}

  private static ClientRun client(Options options, int index) {
    String id = RoundKeys.clientId(index);
    ClientConfig config = ClientConfig.builder()
        .identity(RoundKeys.identity(id))
        .coordinatorKey(RoundKeys.identity(RoundKeys.COORDINATOR).publicKey())
        .job(JobId.of(options.text("job")))
        .bootstrapServers(options.text("bootstrap"))
        .kafkaProperty("interceptor.classes", PhaseInterceptor.class.getName())
        .build();
    return new ClientRun(FederatedClient.create(config, new FixedTrainer(id, options.integer("dimension"))), config.topics());
  }
}
