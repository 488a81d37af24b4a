package dev.rampart.cli.deploy;

import dev.rampart.cli.data.Dataset;
import dev.rampart.cli.data.Datasets;
import dev.rampart.client.ModelMismatchException;
import dev.rampart.crypto.KeyFormatException;
import dev.rampart.protocol.RampartException;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.SplittableRandom;
import java.util.concurrent.Callable;
import java.util.function.ToIntFunction;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * The deployment commands: {@code rampart coordinator}, {@code rampart client} and
 * {@code rampart data split}. Exit codes are those of {@link ExitCodes}. Each command object is
 * used by one picocli invocation on one thread; not thread-safe.
 */
public final class DeployCommands {
  private static final Duration STOP_GRACE = Duration.ofMinutes(2);

  private DeployCommands() {}

  /** Runs {@code body}, mapping failures to exit codes with a one-line message on stderr. */
  static int guarded(PrintStream err, Callable<Integer> body) {
    try {
      return body.call();
    } catch (ConfigException | KeyFormatException e) {
      err.println("error: " + e.getMessage());
      return ExitCodes.CONFIG;
    } catch (ModelMismatchException e) {
      err.println("error: " + e.getMessage());
      return ExitCodes.FAILED;
    } catch (ClusterCheck.UnavailableException e) {
      err.println("error: " + e.getMessage());
      return ExitCodes.KAFKA_UNAVAILABLE;
    } catch (IllegalArgumentException | RampartException | UncheckedIOException e) {
      err.println("error: " + e.getMessage());
      return e instanceof IllegalArgumentException ? ExitCodes.CONFIG : ExitCodes.FAILED;
    } catch (Exception e) {
      err.println("error: " + e);
      e.printStackTrace(err);
      return ExitCodes.FAILED;
    }
  }

  private static int runProcess(ToIntFunction<StopSignal> process) {
    StopSignal stop = StopSignal.onShutdown(STOP_GRACE);
    try {
      return guarded(System.err, () -> process.applyAsInt(stop));
    } finally {
      stop.finished();
    }
  }

  /** {@code rampart coordinator --config coordinator.yaml}. */
  @Command(name = "coordinator", mixinStandardHelpOptions = true,
      description = "Run a job's coordinator as its own process (keys: docs/configuration.md). "
          + "Exit codes: 0 job completed, 1 failed, 2 bad configuration, 3 Kafka unavailable.")
  public static final class CoordinatorCommand implements Callable<Integer> {
    @Option(names = "--config", required = true, paramLabel = "FILE", description = "coordinator.yaml")
    Path config;

    @Override
    public Integer call() {
      return runProcess(stop -> CoordinatorProcess.fromFile(config, System.out).run(stop));
    }
  }

  /** {@code rampart client --config client.yaml}. */
  @Command(name = "client", mixinStandardHelpOptions = true,
      description = "Run one client of a job as its own process (keys: docs/configuration.md). "
          + "Exit codes: 0 job completed, 1 failed, 2 bad configuration, 3 Kafka unavailable.")
  public static final class ClientCommand implements Callable<Integer> {
    @Option(names = "--config", required = true, paramLabel = "FILE", description = "client.yaml")
    Path config;

    @Override
    public Integer call() {
      return runProcess(stop -> ClientProcess.fromFile(config, System.out).run(stop));
    }
  }

  /** {@code rampart data}: prepares local data files. */
  @Command(name = "data", mixinStandardHelpOptions = true, description = "Prepare local data files.",
      subcommands = Split.class)
  public static final class Data implements Runnable {
    @Override
    public void run() {
      new picocli.CommandLine(this).usage(System.out);
    }
  }

  /**
   * {@code rampart data split}: the digits split exactly as {@code rampart simulate} makes it, as
   * CSV files for separate processes.
   */
  @Command(name = "split", mixinStandardHelpOptions = true,
      description = "Write the digits data as <out>/test.csv and <out>/client-NN.csv, split as `simulate` splits it.")
  public static final class Split implements Callable<Integer> {
    @Option(names = "--clients", defaultValue = "3", description = "Number of client files (default: ${DEFAULT-VALUE}).")
    int clients;

    @Option(names = "--seed", defaultValue = "42", description = "Seed of the split, as `simulate --seed` (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--test-fraction", defaultValue = "0.2", description = "Held-out share (default: ${DEFAULT-VALUE}).")
    double testFraction;

    @Option(names = "--out", required = true, description = "Output folder.")
    Path out;

    @Override
    public Integer call() {
      return guarded(System.err, () -> {
        DigitsSplit.write(clients, seed, testFraction, out);
        System.out.printf("wrote %s/test.csv and %d client files; client i trains with data.seed=%d+i%n", out, clients,
            DigitsSplit.trainerSeedBase(seed));
        return ExitCodes.COMPLETED;
      });
    }
  }

  /**
   * The digits split of {@code Simulation}, written as CSV in the digits layout (pixels 0–16, label).
   * Thread-safe (stateless).
   */
  public static final class DigitsSplit {
    private DigitsSplit() {}

    /** The training-shuffle seed of client 0 in {@code simulate --seed seed}; client i uses this + i. */
    public static long trainerSeedBase(long seed) {
      return new SplittableRandom(seed).split().nextLong();
    }

    /** Writes {@code test.csv} and {@code client-NN.csv} (NN from 00) into {@code out}. */
    public static void write(int clients, long seed, double testFraction, Path out) {
      Dataset[] split = Datasets.digits().trainTestSplit(testFraction, seed);
      Dataset[] shards = split[0].iidSplit(clients, seed + 1);
      try {
        Files.createDirectories(out);
        writeCsv(split[1], out.resolve("test.csv"));
        for (int i = 0; i < clients; i++) {
          writeCsv(shards[i], out.resolve(String.format("client-%02d.csv", i)));
        }
      } catch (IOException e) {
        throw new UncheckedIOException("cannot write the digits split to " + out, e);
      }
    }

    private static void writeCsv(Dataset data, Path file) throws IOException {
      float[][] x = data.features();
      int[] y = data.labels();
      try (Writer w = Files.newBufferedWriter(file, StandardCharsets.US_ASCII)) {
        for (int i = 0; i < y.length; i++) {
          StringBuilder line = new StringBuilder();
          for (float v : x[i]) {
            line.append(Math.round(v * 16f)).append(',');
          }
          w.write(line.append(y[i]).append('\n').toString());
        }
      }
    }
  }
}
