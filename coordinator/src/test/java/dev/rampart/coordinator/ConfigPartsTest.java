package dev.rampart.coordinator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.rampart.audit.FsyncPolicy;
import dev.rampart.crypto.ClientRegistry;
import dev.rampart.crypto.Digests;
import dev.rampart.crypto.Identity;
import dev.rampart.protocol.JobId;
import dev.rampart.transport.KafkaSettings;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The parts of a {@link CoordinatorConfig}: each validates its own values, naming the bad one. */
class ConfigPartsTest {
  private static Identity identity(String id) {
    return Identity.fromPrivateKey(id, Digests.sha256(id.getBytes(StandardCharsets.UTF_8)));
  }

  private static CoordinatorConfig.Builder job() {
    ClientRegistry registry = ClientRegistry.empty().withClient("client-0", identity("client-0").publicKey());
    return CoordinatorConfig.builder().job(JobId.of("job")).identity(identity("coordinator")).registry(registry)
        .initialModel(new float[3]);
  }

  @Test
  void build_kafkaSetters_delegateToOneKafkaSettings() {
    CoordinatorConfig config = job().bootstrapServers("broker:9093").kafkaProperty("security.protocol", "SSL")
        .build();

    assertThat(config.kafkaSettings()).isEqualTo(KafkaSettings.builder().bootstrapServers("broker:9093")
        .property("security.protocol", "SSL").build());
    assertThat(config.kafka()).containsEntry("bootstrap.servers", "broker:9093")
        .containsEntry("security.protocol", "SSL");
  }

  @Test
  void build_kafkaSettingsObject_setsEveryProperty() {
    KafkaSettings settings = KafkaSettings.builder().bootstrapServers("b:1").property("acks", "1").build();

    assertThat(job().kafka(settings).build().kafkaSettings()).isEqualTo(settings);
  }

  @Test
  void build_withoutBootstrapServers_failsNamingIt() {
    assertThatThrownBy(() -> job().build()).isInstanceOf(IllegalArgumentException.class)
        .hasMessage("bootstrapServers is required");
    assertThatThrownBy(() -> job().bootstrapServers(" ")).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("bootstrapServers");
  }

  @Test
  void build_partsSetThroughTheBuilder_readBackThroughTheConfig() {
    CoordinatorConfig config = job().bootstrapServers("b:1").aggregation("median").aggregationSeed(3)
        .compression("identity").compressionSeed(4).auditFsync(FsyncPolicy.NONE).runDirectory(Path.of("r"))
        .build();

    assertThat(config.aggregationSettings().spec()).isEqualTo("median");
    assertThat(config.aggregationSeed()).isEqualTo(3);
    assertThat(config.compressionSeed()).isEqualTo(4);
    assertThat(config.auditFsync()).isEqualTo(FsyncPolicy.NONE);
    assertThat(config.audit().runDirectory()).contains(Path.of("r"));
  }

  @Test
  void aggregation_defaults_areTheMeanWithNoByzantineClients() {
    AggregationSettings a = AggregationSettings.defaults();

    assertThat(a.spec()).isEqualTo("average");
    assertThat(a.maxByzantine()).isZero();
    assertThat(a.seed()).isEqualTo(AggregationSettings.DEFAULT_SEED);
  }

  @Test
  void aggregation_blankSpecOrNegativeF_failsNamingTheValue() {
    assertThatThrownBy(() -> AggregationSettings.defaults().withSpec(" "))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("aggregation must not be blank")
        .hasMessageContaining("' '");
    assertThatThrownBy(() -> AggregationSettings.defaults().withMaxByzantine(-1))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("maxByzantine=-1");
  }

  @Test
  void aggregation_requireTolerable_twoFNotBelowActive_failsNamingBoth() {
    AggregationSettings a = AggregationSettings.defaults().withMaxByzantine(2);

    assertThatThrownBy(() -> a.requireTolerable(4)).isInstanceOf(IllegalArgumentException.class)
        .hasMessage("maxByzantine=2 requires more than 4 active clients, but the registry has 4");
    a.requireTolerable(5);
  }

  @Test
  void aggregation_requireParsable_unknownRule_failsNamingTheSpec() {
    assertThatThrownBy(() -> AggregationSettings.defaults().withSpec("no-such-rule").requireParsable())
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("aggregation 'no-such-rule' is invalid");
  }

  @Test
  void compression_invalidSpec_failsNamingIt() {
    assertThatThrownBy(() -> CompressionSettings.defaults().withSpec("zip(9)"))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("compression 'zip(9)' is invalid");
  }

  @Test
  void compression_withSeed_keepsTheSpec() {
    CompressionSettings c = CompressionSettings.defaults().withSeed(7);

    assertThat(c.spec()).isEqualTo("identity");
    assertThat(c.seed()).isEqualTo(7);
  }

  @Test
  void audit_none_hasNoRunDirectoryAndSyncsEveryRecord() {
    AuditSettings a = AuditSettings.none();

    assertThat(a.runDirectory()).isEmpty();
    assertThat(a.fsync()).isEqualTo(FsyncPolicy.EVERY_RECORD);
    assertThat(a.evaluator().evaluate(new float[1])).isEmpty();
  }

  @Test
  void audit_withers_setOnePartEachAndRejectNull() {
    AuditSettings a = AuditSettings.none().withRunDirectory(Path.of("run")).withFsync(FsyncPolicy.NONE)
        .withEvaluator(model -> Map.of("m", 1.0));

    assertThat(a.runDirectory()).contains(Path.of("run"));
    assertThat(a.fsync()).isEqualTo(FsyncPolicy.NONE);
    assertThat(a.evaluator().evaluate(new float[1])).containsEntry("m", 1.0);
    assertThatThrownBy(() -> a.withRunDirectory(null)).isInstanceOf(NullPointerException.class)
        .hasMessage("runDirectory");
  }
}
