package dev.rampart.benchmarks.round;

import dev.rampart.testkit.EmbeddedKafkaBroker;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;

/**
 * The benchmark's broker JVM: testkit's {@link EmbeddedKafkaBroker} (one KRaft node, internal
 * topics with replication factor 1, loopback only, storage in a temporary folder deleted on exit).
 * It writes its bootstrap address to {@code --bootstrap-file} once it serves requests and runs until
 * the process is stopped.
 *
 * <pre>
 * java -cp … dev.rampart.benchmarks.round.BrokerMain --port 0 --bootstrap-file /tmp/bootstrap.txt
 * </pre>
 */
public final class BrokerMain {
  private static final int START_ATTEMPTS = 3;

  private BrokerMain() {}

  /**
   * Starts the broker and blocks until SIGTERM/SIGINT, which stops it and deletes its storage.
   *
   * @param args {@code --port P} (0: a free port) and {@code --bootstrap-file FILE}
   */
  public static void main(String[] args) throws IOException, InterruptedException {
    Options options = Options.parse(args);
    EmbeddedKafkaBroker broker = start(options.integer("port", 0));
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      broker.close();
      stopped.countDown();
    }, "broker-stop"));
    Path file = options.path("bootstrap-file");
    Path partial = file.resolveSibling(file.getFileName() + ".partial");
    Files.writeString(partial, broker.bootstrapServers());
    Files.move(partial, file);
    System.out.println("broker: " + broker.description());
    stopped.await();
  }

  /**
   * Starts the broker, trying again when start-up fails: free ports are picked one at a time, so
   * the client and controller listeners can now and then be given the same one.
   */
  private static EmbeddedKafkaBroker start(int port) {
    RuntimeException failure = null;
    for (int attempt = 0; attempt < START_ATTEMPTS; attempt++) {
      try {
        return EmbeddedKafkaBroker.builder().port(port).start();
      } catch (RuntimeException e) {
        System.err.println("broker: start-up attempt " + (attempt + 1) + " failed: " + e);
        failure = e;
      }
    }
    throw failure;
  }
}
