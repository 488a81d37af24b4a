package dev.rampart.simulator;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;

/**
 * Settings of one simulated job: an in-process coordinator and {@code clients} client threads on
 * a real broker. Immutable; validated on construction, messages name the bad value.
 *
 * @param clients number of clients, at least 1
 * @param rounds number of rounds, at least 1
 * @param seed seed of the data split, the client shuffles and the run id suffix
 * @param bootstrapServers an external Kafka cluster, or null to start the embedded broker
 * @param runsDirectory parent folder of the run directory
 * @param aggregation aggregation pipeline spec
 * @param maxByzantine f, the number of Byzantine clients the pipeline tolerates
 * @param learningRate local SGD step size
 * @param localEpochs local passes over each client's data per round
 * @param batchSize local mini-batch size
 * @param roundTimeout how long each round waits for updates
 * @param testFraction share of the data held out for the test accuracy, in (0, 1)
 * @param byzantineClients how many clients (the last ones) run {@code attack}
 * @param attack the Byzantine behaviour spec (see {@link Attacks}), used when byzantineClients > 0
 */
public record SimulationSettings(
    int clients,
    int rounds,
    long seed,
    String bootstrapServers,
    Path runsDirectory,
    String aggregation,
    int maxByzantine,
    double learningRate,
    int localEpochs,
    int batchSize,
    Duration roundTimeout,
    double testFraction,
    int byzantineClients,
    String attack) {

  /** Validates every field. */
  public SimulationSettings {
    if (clients < 1) {
      throw new IllegalArgumentException("clients must be at least 1, but clients=" + clients);
    }
    if (rounds < 1) {
      throw new IllegalArgumentException("rounds must be at least 1, but rounds=" + rounds);
    }
    Objects.requireNonNull(runsDirectory, "runsDirectory");
    Objects.requireNonNull(aggregation, "aggregation");
    if (maxByzantine < 0 || 2 * maxByzantine >= clients) {
      throw new IllegalArgumentException("maxByzantine must be in [0, clients/2), but maxByzantine="
          + maxByzantine + " with clients=" + clients);
    }
    if (!(learningRate > 0) || Double.isInfinite(learningRate)) {
      throw new IllegalArgumentException("learningRate must be positive, but learningRate=" + learningRate);
    }
    if (localEpochs < 0) {
      throw new IllegalArgumentException("localEpochs must be at least 0, but localEpochs=" + localEpochs);
    }
    if (batchSize < 1) {
      throw new IllegalArgumentException("batchSize must be at least 1, but batchSize=" + batchSize);
    }
    if (roundTimeout == null || roundTimeout.isNegative() || roundTimeout.isZero()) {
      throw new IllegalArgumentException("roundTimeout must be positive, but roundTimeout=" + roundTimeout);
    }
    if (!(testFraction > 0 && testFraction < 1)) {
      throw new IllegalArgumentException("testFraction must be in (0, 1), but testFraction=" + testFraction);
    }
    if (byzantineClients < 0 || byzantineClients >= clients) {
      throw new IllegalArgumentException("byzantineClients must be in [0, clients), but byzantineClients="
          + byzantineClients + " with clients=" + clients);
    }
    Objects.requireNonNull(attack, "attack");
    Attacks.parse(attack, 0);
  }

  /** The demo's defaults: 10 clients, 30 rounds, plain mean, embedded broker, runs/ folder. */
  public static SimulationSettings demo() {
    return new SimulationSettings(10, 30, 42L, null, Path.of("runs"), "average", 0, 0.5, 1, 16,
        Duration.ofSeconds(30), 0.2, 0, "sign-flip");
  }
}
