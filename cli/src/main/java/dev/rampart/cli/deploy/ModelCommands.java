package dev.rampart.cli.deploy;

import dev.rampart.audit.ModelRef;
import dev.rampart.audit.ModelStore;
import dev.rampart.client.dl4j.Dl4jModel;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code rampart model}: what to do with a deployed job's committed models. */
public final class ModelCommands {
  private ModelCommands() {}

  /** {@code rampart model}. */
  @Command(name = "model", mixinStandardHelpOptions = true, description = "Work with a job's committed models.",
      subcommands = Export.class)
  public static final class Model implements Runnable {
    @Override
    public void run() {
      new picocli.CommandLine(this).usage(System.out);
    }
  }

  /**
   * {@code rampart model export}: a committed version of a job whose {@code model.network} is a
   * Deeplearning4j network, written as a {@code ModelSerializer} model file.
   */
  @Command(name = "export", mixinStandardHelpOptions = true,
      description = "Write a committed model version of the job in coordinator.yaml as a Deeplearning4j model file "
          + "(ModelSerializer.restoreMultiLayerNetwork or restoreComputationGraph loads it). "
          + "Exit codes: 0 written, 1 failed, 2 bad configuration or no such version.")
  public static final class Export implements Callable<Integer> {
    @Option(names = "--config", required = true, paramLabel = "FILE",
        description = "The job's coordinator.yaml: its run-directory holds the models, its model.network the network.")
    Path config;

    @Option(names = "--version", paramLabel = "N", description = "Model version to export (default: the latest).")
    Long version;

    @Option(names = "--output", required = true, paramLabel = "FILE", description = "The .zip model file to write.")
    Path output;

    @Override
    public Integer call() {
      return DeployCommands.guarded(System.err, () -> export(config, version, output, System.out));
    }
  }

  /**
   * Exports {@code version} (or the latest) of the job {@code config} describes to {@code output}.
   *
   * @return {@link ExitCodes#COMPLETED}
   * @throws ConfigException when the job's model is not a Deeplearning4j network, the run
   *     directory has no models or no such version
   */
  static int export(Path config, Long version, Path output, PrintStream out) {
    CoordinatorProcess job = CoordinatorProcess.fromFile(config, out);
    JobModel model = job.model();
    Dl4jModel network = model.network().orElseThrow(() -> new ConfigException("model.network '" + model.spec()
        + "' in " + config + " is not a Deeplearning4j network; only those export to a model file"));
    Path models = job.runDirectory().resolve("models");
    if (!Files.isDirectory(models)) {
      throw new ConfigException("run directory " + job.runDirectory() + " (key 'run-directory' in " + config
          + ") holds no models yet");
    }
    ModelStore store = ModelStore.open(models);
    Optional<ModelRef> ref = version == null ? store.latest() : store.byVersion(version);
    if (ref.isEmpty()) {
      throw new ConfigException("run directory " + job.runDirectory() + " has no model version "
          + (version == null ? "at all" : version) + "; its latest is " + store.latest().map(ModelRef::version)
          .map(String::valueOf).orElse("none"));
    }
    float[] parameters = store.get(ref.get().digest());
    network.save(parameters, output);
    out.printf("exported model version %d (round %d, digest %s, %d parameters, network %s) to %s%n",
        ref.get().version(), ref.get().round(), ref.get().digest().substring(0, 16), parameters.length,
        network.source(), output);
    return ExitCodes.COMPLETED;
  }
}
