package dev.rampart.benchmarks.round;

import dev.rampart.protocol.Framing;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;

/**
 * The floor: plain kafka-clients moving a round's bytes with Rampart's fan-out and nothing else.
 * One producer sends the model ({@code 4·d} bytes in records of {@link Framing#DEFAULT_MAX_FRAME_BYTES},
 * the size of Rampart's frames) to a topic that {@code --clients} consumers read; each consumer,
 * once it has the whole model, has its own producer send an update of the same size to a second
 * topic, which one consumer reads. A round is timed from the first model send to the last update
 * record received; the next round starts then. Producers use Rampart's settings (acks=all,
 * idempotence, linger 0), consumers Kafka's defaults, as Rampart's do. All parties run on threads of
 * this one JVM. Writes {@code floor.csv} to {@code --out}; with {@code --delete-topics true} it then
 * deletes every non-internal topic of the broker (the run's own broker), freeing its disk between
 * repetitions.
 */
public final class FloorMain {
  private FloorMain() {}

  /**
   * Runs the floor's rounds.
   *
   * @param args {@code --bootstrap B --tag T --dimension D --rounds R --clients N --out DIR
   *     [--delete-topics true]}
   */
  public static void main(String[] args) throws Exception {
    Options options = Options.parse(args);
    String bootstrap = options.text("bootstrap");
    String tag = options.text("tag");
    int clients = options.integer("clients");
    int rounds = options.integer("rounds");
    FloorTopics topics = new FloorTopics("floor." + tag + ".models", "floor." + tag + ".updates");
    Map<String, Object> kafka = Map.of("bootstrap.servers", bootstrap);
    try (Admin admin = Admin.create(kafka)) {
      admin.createTopics(List.of(new NewTopic(topics.models(), 1, (short) 1), new NewTopic(topics.updates(), 1, (short) 1)))
          .all().get(60, TimeUnit.SECONDS);
    }
    List<byte[]> records = payload(4L * options.integer("dimension"), Framing.DEFAULT_MAX_FRAME_BYTES);
    CountDownLatch ready = new CountDownLatch(clients + 1);
    FloorParties parties = new FloorParties(kafka, topics, records, rounds, ready);
    ExecutorService threads = Executors.newFixedThreadPool(clients);
    List<Future<long[]>> received = new ArrayList<>();
    for (int i = 0; i < clients; i++) {
      String id = RoundKeys.clientId(i);
      received.add(threads.submit(() -> parties.client(id)));
    }
    long[][] rows = parties.coordinator(clients);
    for (int i = 0; i < clients; i++) {
      long[] modelReceived = received.get(i).get();
      for (int r = 0; r < rounds; r++) {
        rows[r][1] = Math.max(rows[r][1], modelReceived[r]);
      }
    }
    threads.shutdownNow();
    write(options.path("out"), rows);
    if (Boolean.parseBoolean(options.text("delete-topics", "false"))) {
      deleteTopics(kafka);
    }
  }

  /** {@code bytes} bytes of seeded noise in records of at most {@code recordBytes}. */
  static List<byte[]> payload(long bytes, int recordBytes) {
    SplittableRandom random = new SplittableRandom(42);
    List<byte[]> records = new ArrayList<>();
    for (long left = bytes; left > 0; left -= recordBytes) {
      byte[] record = new byte[(int) Math.min(left, recordBytes)];
      for (int i = 0; i < record.length; i += 8) {
        long v = random.nextLong();
        for (int k = 0; k < 8 && i + k < record.length; k++) {
          record[i + k] = (byte) (v >>> (8 * k));
        }
      }
      records.add(record);
    }
    return records;
  }

  private static void write(Path out, long[][] rows) throws IOException {
    Files.createDirectories(out);
    StringBuilder csv = new StringBuilder("round,start_micros,models_received_micros,end_micros\n");
    for (int r = 0; r < rows.length; r++) {
      csv.append(r + 1).append(',').append(rows[r][0]).append(',').append(rows[r][1]).append(',').append(rows[r][2]).append('\n');
    }
    Files.writeString(out.resolve("floor.csv"), csv);
    System.out.println("floor: " + rows.length + " rounds, last " + (rows[rows.length - 1][2] - rows[rows.length - 1][0]) / 1000 + " ms");
  }

  private static void deleteTopics(Map<String, Object> kafka) throws Exception {
    try (Admin admin = Admin.create(kafka)) {
      List<String> names = admin.listTopics().names().get(60, TimeUnit.SECONDS).stream()
          .filter(n -> !n.startsWith("__")).toList();
      admin.deleteTopics(names).all().get(60, TimeUnit.SECONDS);
      System.out.println("floor: deleted " + names.size() + " topics");
    }
  }
}
