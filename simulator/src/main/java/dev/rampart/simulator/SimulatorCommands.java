package dev.rampart.simulator;

import dev.rampart.cli.CommandProvider;
import dev.rampart.cli.Main;
import dev.rampart.simulator.data.FashionMnist;
import dev.rampart.simulator.grid.GridCommand;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.OptionalInt;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine;

/**
 * The simulator's commands for {@code rampart}: {@code demo}, {@code simulate} and {@code grid},
 * found by {@link Main} through {@link CommandProvider}. Stateless.
 */
public final class SimulatorCommands implements CommandProvider {
  /** Creates the provider (the service loader calls this). */
  public SimulatorCommands() {}

  @Override
  public List<Object> commands() {
    return List.of(Demo.class, Simulate.class, GridCommand.class);
  }

  /** Shared options of the simulated job. */
  static class JobOptions {
    @Option(names = "--clients", description = "Number of clients (default: ${DEFAULT-VALUE}).", defaultValue = "10")
    int clients;

    @Option(names = "--rounds", description = "Number of rounds (default: ${DEFAULT-VALUE}).", defaultValue = "30")
    int rounds;

    @Option(names = "--seed", description = "Seed of the data split and shuffles (default: ${DEFAULT-VALUE}).", defaultValue = "42")
    long seed;

    @Option(names = "--bootstrap", paramLabel = "HOST:PORT",
        description = "Use this Kafka cluster instead of starting the embedded broker.")
    String bootstrap;

    @Option(names = "--runs-dir", description = "Where run folders are written (default: ${DEFAULT-VALUE}).", defaultValue = "runs")
    Path runsDir;

    @Option(names = "--aggregation", description = "Aggregation pipeline spec (default: ${DEFAULT-VALUE}).", defaultValue = "average")
    String aggregation;

    @Option(names = "--max-byzantine", description = "Byzantine clients to tolerate, f (default: ${DEFAULT-VALUE}).", defaultValue = "0")
    int maxByzantine;

    @Option(names = "--learning-rate", description = "Local SGD step size (default: ${DEFAULT-VALUE}).", defaultValue = "0.5")
    double learningRate;

    @Option(names = "--local-epochs", description = "Local passes per round; 0 sends the gradient (default: ${DEFAULT-VALUE}).", defaultValue = "1")
    int localEpochs;

    @Option(names = "--batch-size", description = "Local mini-batch size (default: ${DEFAULT-VALUE}).", defaultValue = "16")
    int batchSize;

    @Option(names = "--round-timeout", description = "Seconds a round waits for updates (default: ${DEFAULT-VALUE}).", defaultValue = "30")
    long roundTimeoutSeconds;

    @Option(names = "--test-fraction", description = "Share of data held out for testing (default: ${DEFAULT-VALUE}).", defaultValue = "0.2")
    double testFraction;

    @Option(names = "--byzantine", description = "How many clients (the last ones) run --attack (default: ${DEFAULT-VALUE}).", defaultValue = "0")
    int byzantine;

    @Option(names = "--attack", description = "Byzantine behaviour: sign-flip, scale(factor=F), noise(sigma=S), gaussian(mu=M, sigma=S), inf, nan, "
        + "ipm(eps=E), alie(z=Z), optimal-ipm and optimal-alie (optional evaluations=N, start=X, delta=D, ratio=R; "
        + "ByzFL's 20, 0, 10, 0.8), mimic(target=I) (default: ${DEFAULT-VALUE}).", defaultValue = "sign-flip")
    String attack;

    @Option(names = "--model", description = "The clients' model: logistic, mlp (with --hidden units), lenet "
        + "(LeNet-5, 28 x 28 images: needs --dataset fashion-mnist), or a path to a Deeplearning4j model file (.zip) "
        + "or network configuration (.json) (default: ${DEFAULT-VALUE}).", defaultValue = "logistic")
    String model;

    @Option(names = "--hidden", description = "Hidden units of --model mlp (default: ${DEFAULT-VALUE}).", defaultValue = "32")
    int hidden;

    @Option(names = "--dataset", description = "digits (bundled UCI digits, split by --test-fraction) or fashion-mnist "
        + "(its own train and test sets from --data-dir) (default: ${DEFAULT-VALUE}).", defaultValue = "digits")
    String dataset;

    @Option(names = "--data-dir", description = "Directory of the Fashion-MNIST IDX files (default: ${DEFAULT-VALUE}).",
        defaultValue = FashionMnist.DEBIAN_DIRECTORY)
    Path dataDir;

    @Option(names = "--train-samples", description = "Fashion-MNIST training images to use, a seeded sample; 0 = all "
        + "60,000 (default: ${DEFAULT-VALUE}).", defaultValue = "0")
    int trainSamples;

    @Option(names = "--test-samples", description = "Fashion-MNIST test images to use; 0 = all 10,000 "
        + "(default: ${DEFAULT-VALUE}).", defaultValue = "0")
    int testSamples;

    @Option(names = "--secure-aggregation",
        description = "Run grouped secure aggregation: the coordinator sees only group sums and aggregates group means.")
    boolean secureAggregation;

    @Option(names = "--group-size", description = "Largest secure-aggregation group, s (default: ${DEFAULT-VALUE}).",
        defaultValue = "4")
    int groupSize;

    /** The simulation of these options, with secure aggregation when asked for. */
    Simulation simulation(PrintStream out) {
      Simulation simulation = new Simulation(settings(), out).withModel(model, hidden);
      switch (dataset) {
        case "digits" -> { }
        case "fashion-mnist" -> simulation.withFashionMnist(dataDir, trainSamples, testSamples);
        default -> throw new IllegalArgumentException("--dataset must be digits or fashion-mnist, but was " + dataset);
      }
      return secureAggregation ? simulation.withSecureAggregation(groupSize) : simulation;
    }

    SimulationSettings settings() {
      if (roundTimeoutSeconds < 1) {
        throw new IllegalArgumentException("--round-timeout must be at least 1 second, but was " + roundTimeoutSeconds);
      }
      return new SimulationSettings(clients, rounds, seed, bootstrap, runsDir, aggregation, maxByzantine,
          learningRate, localEpochs, batchSize, Duration.ofSeconds(roundTimeoutSeconds), testFraction, byzantine, attack);
    }
  }

  /** {@code rampart demo}: the main job on the embedded defaults. */
  @Command(name = "demo", mixinStandardHelpOptions = true,
      description = "Embedded broker, a coordinator and 10 clients training on the UCI digits.")
  static final class Demo implements Callable<Integer> {
    @CommandLine.Mixin
    JobOptionsMixin options = new JobOptionsMixin();

    @Override
    public Integer call() {
      RunSummary summary = options.simulation(System.out).run();
      return summary.rounds() > 0 ? 0 : Main.EXIT_FAILED;
    }
  }

  /** {@code rampart simulate}: the same job with every setting open. */
  @Command(name = "simulate", mixinStandardHelpOptions = true,
      description = "Run a federated job in-process on a real broker with the given settings.")
  static final class Simulate implements Callable<Integer> {
    @CommandLine.Mixin
    JobOptionsMixin options = new JobOptionsMixin();

    @Option(names = "--resume", paramLabel = "RUN_DIR",
        description = "Continue this run (after a stop or a rollback) up to --rounds rounds in total.")
    Path resume;

    @Option(names = "--scenario", paramLabel = "NAME",
        description = "Run a named coded-mode scenario on the digits data instead: lad, com-lad "
            + "(takes --seed, --bootstrap, --runs-dir and --round-timeout; the scenario fixes the rest; "
            + "lad also takes --secure-aggregation, with stride groups of n/d clients).")
    String scenario;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
      if (scenario != null) {
        CodedScenario chosen = CodedScenario.named(scenario);
        if (options.secureAggregation) {
          boolean given = spec.commandLine().getParseResult().hasMatchedOption("--group-size");
          chosen = SecureCodedScenario.of(chosen,
              given ? OptionalInt.of(options.groupSize) : OptionalInt.empty());
        }
        return new CodedSimulation(chosen, options.settings(), System.out, options.secureAggregation).run().rounds() > 0
            ? 0 : Main.EXIT_FAILED;
      }
      Simulation simulation = options.simulation(System.out);
      if (resume != null) {
        simulation.resuming(resume);
      }
      RunSummary summary = simulation.run();
      return summary.rounds() > 0 ? 0 : Main.EXIT_FAILED;
    }
  }

  /** Picocli mixin wrapper of {@link JobOptions}. */
  static final class JobOptionsMixin extends JobOptions {}
}
