package dev.rampart.coordinator.internal;

import dev.rampart.audit.ThreatModel;
import dev.rampart.coordinator.CoordinatorConfig;
import dev.rampart.crypto.Enrollment;
import dev.rampart.protocol.ModelLayout;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What the job-started audit record says about a coordinator's settings and threat model. Kafka
 * properties other than {@code bootstrap.servers} are listed by name only, since they may hold
 * credentials. Stateless.
 */
public final class JobRecords {
  /** The version of this code, written into every job-started record. */
  public static final String CODE_VERSION = versionOf(JobRecords.class);

  private JobRecords() {}

  private static String versionOf(Class<?> type) {
    String v = type.getPackage() == null ? null : type.getPackage().getImplementationVersion();
    return v == null ? "0.1.0-SNAPSHOT" : v;
  }

  /** The threat model the job runs under. */
  public static ThreatModel threatModel(CoordinatorConfig config, int clientCount) {
    ThreatModel.Builder threat = ThreatModel.builder();
    config.secureAggregation().ifPresent(s -> threat.secureAggregation(s.groupSize()));
    return threat
        .assumedByzantine(config.maxByzantine())
        .clientCount(Math.max(1, clientCount))
        .aggregation(config.aggregation())
        .clientAuthentication("ed25519-registry")
        .compression(config.compression())
        .build();
  }

  /** Every setting of the job, as recorded. */
  public static Map<String, Object> settings(CoordinatorConfig config, String pipelineSpec, ResumePoint resume) {
    Map<String, Object> s = new LinkedHashMap<>();
    s.put("job", config.job().value());
    s.put("topicPrefix", config.topics().prefix());
    s.put("bootstrapServers", String.valueOf(config.kafka().get("bootstrap.servers")));
    s.put("kafkaPropertyNames", config.kafka().keySet().stream().sorted().toList());
    s.put("rounds", config.rounds());
    s.put("roundTimeoutMillis", config.roundTimeout().toMillis());
    s.put("minUpdates", config.minUpdates());
    s.put("serverLearningRate", config.serverLearningRate());
    s.put("aggregation", pipelineSpec);
    s.put("maxByzantine", config.maxByzantine());
    s.put("maxFrameBytes", config.maxFrameBytes());
    s.put("dimension", config.dimension());
    config.modelLayout().ifPresent(layout -> s.put("modelLayout", layout(layout)));
    s.put("training", new LinkedHashMap<>(config.training()));
    s.put("partitions", config.partitions());
    s.put("replicationFactor", (int) config.replicationFactor());
    s.put("coordinatorKeyId", config.identity().publicKey().keyId());
    List<Map<String, Object>> clients = config.registry().enrollments().stream()
        .map(JobRecords::enrollment).toList();
    s.put("registry", clients);
    s.put("resumed", resume.resuming());
    s.put("resumedAfterRound", resume.lastCommittedRound());
    config.secureAggregation().ifPresent(sa -> s.put("secureAggregation",
        SecureRound.describe(sa, config.registry().activeCount(), config.maxByzantine(), config.codedMode())));
    return s;
  }

  private static Map<String, Object> layout(ModelLayout layout) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("layers", layout.layers().size());
    m.put("parameterCount", layout.parameterCount());
    m.put("configurationSha256", layout.configurationSha256Hex());
    m.put("layoutSha256", layout.sha256Hex());
    return m;
  }

  private static Map<String, Object> enrollment(Enrollment e) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("client", e.clientId());
    m.put("status", e.status().name());
    m.put("keyId", e.key().keyId());
    return m;
  }
}
