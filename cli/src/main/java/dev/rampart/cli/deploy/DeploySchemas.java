package dev.rampart.cli.deploy;

import static dev.rampart.cli.deploy.ConfigKey.choice;
import static dev.rampart.cli.deploy.ConfigKey.decimal;
import static dev.rampart.cli.deploy.ConfigKey.integer;
import static dev.rampart.cli.deploy.ConfigKey.optional;
import static dev.rampart.cli.deploy.ConfigKey.required;

import dev.rampart.coordinator.CoordinatorConfig;
import dev.rampart.protocol.Framing;
import dev.rampart.protocol.TopicNames;
import java.util.ArrayList;
import java.util.List;

/**
 * The key catalogs of {@code coordinator.yaml} and {@code client.yaml}: the one place where every
 * key, its type, its default and its meaning are defined. {@link #markdown()} renders them as
 * {@code docs/configuration.md}, and a test keeps that file equal to this output. Thread-safe.
 */
public final class DeploySchemas {
  /** Default rounds of a deployed job. */
  public static final long DEFAULT_ROUNDS = 10;
  /** Default bounded wait for the Kafka cluster to answer at start-up. */
  public static final String DEFAULT_CONNECT_TIMEOUT = "30s";
  /** Default wait of a client for the coordinator to create the job's topics. */
  public static final String DEFAULT_TOPIC_WAIT = "120s";

  private static final List<String> SECURITY_PROTOCOLS = List.of("PLAINTEXT", "SSL", "SASL_PLAINTEXT", "SASL_SSL");
  private static final List<String> DATA_FORMATS = List.of("auto", "csv", "idx");

  /** Keys of {@code coordinator.yaml}. */
  public static final ConfigSchema COORDINATOR = ConfigSchema.of("coordinator", coordinatorKeys());
  /** Keys of {@code client.yaml}. */
  public static final ConfigSchema CLIENT = ConfigSchema.of("client", clientKeys());

  private static final String NETWORK_DOC = "The model: `logistic` (softmax regression, starting from zeros), `mlp` or"
      + " `lenet` (Deeplearning4j networks: one hidden ReLU layer; LeNet-5 for 28 x 28 images), or a path to a"
      + " Deeplearning4j model file (`.zip`, as `ModelSerializer.writeModel` writes it) or network configuration"
      + " (`.json`).";

  private DeploySchemas() {}

  private static List<ConfigKey> coordinatorKeys() {
    List<ConfigKey> k = new ArrayList<>(List.of(
        required("job", ConfigType.STRING, "Job id; clients name the same job."),
        optional("topic-prefix", ConfigType.STRING, TopicNames.DEFAULT_PREFIX, "Topic namespace: topics are <prefix>.<job>.<kind>."),
        required("identity", ConfigType.PATH, "The coordinator's private key file (written by `rampart keys generate --id coordinator`); it must lie outside run-directory, or the process refuses to start: whoever can edit the audit log must not find the key that signs it."),
        required("registry", ConfigType.PATH, "The client registry file maintained by `rampart registry add|revoke|list`; read at start."),
        required("run-directory", ConfigType.PATH, "Audit log and model store; a directory with history is resumed after the last committed round."),
        integer("rounds", DEFAULT_ROUNDS, 1, 1_000_000, "Rounds of the job in total (a resumed job runs up to this round)."),
        optional("round-timeout", ConfigType.DURATION, CoordinatorConfig.DEFAULT_ROUND_TIMEOUT.toSeconds() + "s", "How long a round waits for the participants' updates."),
        integer("min-updates", 1, 1, 1_000_000, "Fewest accepted updates for a round to commit; below it the model is kept."),
        optional("aggregation", ConfigType.STRING, CoordinatorConfig.DEFAULT_AGGREGATION, "Robust aggregation pipeline spec, e.g. `nnm | trmean`."),
        integer("max-byzantine", 0, 0, 1_000_000, "Byzantine clients the aggregation tolerates (f)."),
        integer("aggregation-seed", CoordinatorConfig.DEFAULT_AGGREGATION_SEED, Long.MIN_VALUE, Long.MAX_VALUE, "Seed of randomized aggregation rules (recorded in the audit log)."),
        decimal("server-learning-rate", CoordinatorConfig.DEFAULT_SERVER_LEARNING_RATE, Double.MIN_VALUE, 1e6, "Server step size in w <- w - rate * aggregate."),
        integer("max-frame-bytes", Framing.DEFAULT_MAX_FRAME_BYTES, Framing.MIN_MAX_FRAME_BYTES, Integer.MAX_VALUE, "Largest Kafka record written; larger messages are chunked."),
        optional("model.network", ConfigType.STRING, JobModel.LOGISTIC, NETWORK_DOC + " Its layout goes into every plan; clients whose network differs refuse to take part."),
        integer("model.features", 64, 1, 1_000_000, "Input features of one sample (64 for the digits, 784 for 28 x 28 images)."),
        integer("model.classes", 10, 2, 100_000, "Classes of the model (10 for the digits)."),
        integer("model.hidden", 64, 1, 1_000_000, "Hidden width of `mlp`."),
        integer("model.seed", 0, Long.MIN_VALUE, Long.MAX_VALUE, "Seed of a built-in network's initial parameters (a .json configuration uses its own seed)."),
        decimal("training.learning-rate", 0.5, Double.MIN_VALUE, 1e6, "Clients' local SGD step size (sent in every plan)."),
        integer("training.local-epochs", 1, 0, 10_000, "Local passes per round; 0 sends the plain gradient."),
        integer("training.batch-size", 16, 1, 1_000_000, "Clients' local mini-batch size."),
        optional("evaluation.test-data", ConfigType.PATH, "", "Optional labelled test set (file or folder, see data formats); its accuracy is recorded for every committed model."),
        choice("evaluation.format", "auto", DATA_FORMATS, "Format of evaluation.test-data."),
        decimal("evaluation.feature-scale", 16.0, Double.MIN_VALUE, Double.MAX_VALUE, "Test features are divided by this value on loading (as data.feature-scale of the clients).")));
    k.addAll(SecureAggregationKeys.coordinatorKeys());
    k.addAll(ReassemblyKeys.keys("clients"));
    k.addAll(kafkaKeys());
    k.add(integer("kafka.partitions", CoordinatorConfig.DEFAULT_PARTITIONS, 1, 10_000, "Partitions of the topics the coordinator creates."));
    k.add(integer("kafka.replication-factor", CoordinatorConfig.DEFAULT_REPLICATION_FACTOR, 1, Short.MAX_VALUE, "Replication factor of the topics the coordinator creates (at most the number of brokers)."));
    return k;
  }

  private static List<ConfigKey> clientKeys() {
    List<ConfigKey> k = new ArrayList<>(List.of(
        required("job", ConfigType.STRING, "Job id to join; must match the coordinator's."),
        optional("topic-prefix", ConfigType.STRING, TopicNames.DEFAULT_PREFIX, "Topic namespace; must match the coordinator's."),
        required("identity", ConfigType.PATH, "This client's private key file; its id is the client id enrolled in the registry."),
        required("coordinator-key", ConfigType.PATH, "The coordinator's public key file (.pub); plans and models signed by any other key are ignored."),
        required("data.path", ConfigType.PATH, "Local training data: a file, or a folder whose files are all read in name order."),
        choice("data.format", "auto", DATA_FORMATS, "Data format; auto picks by file name (.csv, .csv.gz: csv; *images-idx3*: idx)."),
        integer("data.classes", 10, 2, 100_000, "Number of classes; labels must lie in [0, classes)."),
        decimal("data.feature-scale", 16.0, Double.MIN_VALUE, Double.MAX_VALUE, "Features are divided by this value on loading (16 maps digits pixels to [0, 1])."),
        integer("data.seed", 0, Long.MIN_VALUE, Long.MAX_VALUE, "Seed of the local mini-batch shuffles."),
        optional("model.network", ConfigType.STRING, JobModel.LOGISTIC, NETWORK_DOC + " It must be the coordinator's network: a client whose layers differ from the layout in the job's plans exits with code 1, naming the first differing layer."),
        integer("model.hidden", 64, 1, 1_000_000, "Hidden width of `mlp`."),
        integer("max-frame-bytes", Framing.DEFAULT_MAX_FRAME_BYTES, Framing.MIN_MAX_FRAME_BYTES, Integer.MAX_VALUE, "Largest Kafka record written; larger updates are chunked."),
        optional("stop-after-final-round", ConfigType.BOOLEAN, "true", "Exit once the job's final round is handled; false keeps the client running for a job that may be extended."),
        optional("topic-wait", ConfigType.DURATION, DEFAULT_TOPIC_WAIT, "How long to wait at start for the coordinator to create the job's topics.")));
    k.addAll(SecureAggregationKeys.clientKeys());
    k.addAll(ReassemblyKeys.keys("the coordinator"));
    k.addAll(kafkaKeys());
    return k;
  }

  private static List<ConfigKey> kafkaKeys() {
    return List.of(
        required("kafka.bootstrap-servers", ConfigType.STRING, "The Kafka cluster, host:port[,host:port...]."),
        optional("kafka.connect-timeout", ConfigType.DURATION, DEFAULT_CONNECT_TIMEOUT, "Bounded wait for the cluster to answer at start; then the process exits with code 3."),
        choice("kafka.security-protocol", "PLAINTEXT", SECURITY_PROTOCOLS, "Kafka `security.protocol`."),
        optional("kafka.sasl-mechanism", ConfigType.STRING, "", "Kafka `sasl.mechanism`, e.g. PLAIN, SCRAM-SHA-512."),
        optional("kafka.sasl-jaas-config", ConfigType.STRING, "", "Kafka `sasl.jaas.config` (the login module line)."),
        optional("kafka.ssl-truststore-location", ConfigType.PATH, "", "Kafka `ssl.truststore.location`."),
        optional("kafka.ssl-truststore-password", ConfigType.STRING, "", "Kafka `ssl.truststore.password`."),
        optional("kafka.ssl-truststore-type", ConfigType.STRING, "", "Kafka `ssl.truststore.type` (JKS, PKCS12, PEM)."),
        optional("kafka.ssl-keystore-location", ConfigType.PATH, "", "Kafka `ssl.keystore.location` (mutual TLS)."),
        optional("kafka.ssl-keystore-password", ConfigType.STRING, "", "Kafka `ssl.keystore.password`."),
        optional("kafka.ssl-keystore-type", ConfigType.STRING, "", "Kafka `ssl.keystore.type`."),
        optional("kafka.ssl-key-password", ConfigType.STRING, "", "Kafka `ssl.key.password`."),
        optional("kafka.ssl-endpoint-identification-algorithm", ConfigType.STRING, "", "Kafka `ssl.endpoint.identification.algorithm` (Kafka's default: https)."),
        optional("kafka.properties", ConfigType.MAP, "", "Any other Kafka client properties, passed verbatim to the producer, consumer and admin client; they override the typed keys above."));
  }

  /** The configuration reference as Markdown (the content of {@code docs/configuration.md}). */
  public static String markdown() {
    StringBuilder md = new StringBuilder();
    md.append("# Deployment configuration reference\n\n")
        .append("Generated from `DeploySchemas` (cli module); `DeploySchemasTest` fails when this file\n")
        .append("and the code disagree. Regenerate with\n")
        .append("`mvn -B -pl cli -am test -Dtest=DeploySchemasTest -Dsurefire.failIfNoSpecifiedTests=false -Drampart.writeDocs=true`.\n\n")
        .append("Both files are YAML. Dotted names are nested maps (`kafka.bootstrap-servers` is\n")
        .append("`bootstrap-servers:` under `kafka:`). Unknown keys, missing required keys and bad values\n")
        .append("are refused at start with the key and the file named (exit code 2). Relative paths are\n")
        .append("resolved against the folder of the YAML file. Durations: `500ms`, `30s`, `2m`, `1h` or\n")
        .append("ISO-8601 (`PT30S`).\n\n");
    section(md, "`rampart coordinator --config coordinator.yaml`", COORDINATOR);
    section(md, "`rampart client --config client.yaml`", CLIENT);
    md.append("## Data formats\n\n")
        .append("- `csv` (`.csv`, `.csv.gz`): one sample per line, comma-separated; the last field is the class\n")
        .append("  label (integer), the others are the features, divided by `data.feature-scale` on loading.\n")
        .append("  Blank lines and lines starting with `#` are skipped. The digits data in this format is\n")
        .append("  written by `rampart data split`.\n")
        .append("- `idx` (`*images-idx3-ubyte`, plain or `.gz`): IDX images as published for MNIST and\n")
        .append("  Fashion-MNIST; the labels come from the sibling file with `labels-idx1` in place of\n")
        .append("  `images-idx3`. Pixels (0-255) are divided by `data.feature-scale`.\n\n")
        .append("## Exit codes\n\n")
        .append("| code | meaning |\n|---|---|\n");
    for (ExitCodes.Code c : ExitCodes.ALL) {
      md.append("| ").append(c.value()).append(" | ").append(c.meaning()).append(" |\n");
    }
    return md.toString();
  }

  private static void section(StringBuilder md, String title, ConfigSchema schema) {
    md.append("## ").append(title).append("\n\n| key | type | default | meaning |\n|---|---|---|---|\n");
    for (ConfigKey k : schema.keys()) {
      String type = k.type() == ConfigType.CHOICE ? String.join(" \\| ", k.choices()) : k.type().label();
      String def = k.isRequired() ? "**required**" : k.hasDefault() ? "`" + k.defaultValue() + "`" : "(unset)";
      md.append("| `").append(k.name()).append("` | ").append(type).append(" | ").append(def).append(" | ")
          .append(k.description().replace("|", "\\|")).append(" |\n");
    }
    md.append('\n');
  }
}
