package dev.rampart.transport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.rampart.protocol.Framing;
import dev.rampart.protocol.JobId;
import dev.rampart.protocol.TopicNames;
import org.junit.jupiter.api.Test;

class JobConnectionBuilderTest {
  /** The smallest concrete builder: hands out what the shared setters collected. */
  private static final class Probe extends JobConnectionBuilder<Probe> {
    @Override
    protected Probe self() {
      return this;
    }

    JobConnection collected() {
      return connection();
    }

    boolean servers() {
      return hasBootstrapServers();
    }
  }

  @Test
  void connection_collectsClusterTopicsAndFrameLimit() {
    JobConnection c = new Probe().job(JobId.of("job-1")).topicPrefix("acme").bootstrapServers("b:1")
        .kafkaProperty("acks", "1").maxFrameBytes(Framing.MIN_MAX_FRAME_BYTES).collected();

    assertThat(c.job()).isEqualTo(JobId.of("job-1"));
    assertThat(c.topics()).isEqualTo(new TopicNames("acme", JobId.of("job-1")));
    assertThat(c.kafka().properties()).containsEntry("bootstrap.servers", "b:1").containsEntry("acks", "1");
    assertThat(c.maxFrameBytes()).isEqualTo(Framing.MIN_MAX_FRAME_BYTES);
  }

  @Test
  void defaults_areTheDefaultPrefixAndFrameSize() {
    JobConnection c = new Probe().job(JobId.of("j")).bootstrapServers("b:1").collected();

    assertThat(c.topics().prefix()).isEqualTo(TopicNames.DEFAULT_PREFIX);
    assertThat(c.maxFrameBytes()).isEqualTo(Framing.DEFAULT_MAX_FRAME_BYTES);
  }

  @Test
  void maxFrameBytes_belowTheMinimum_failsNamingTheValue() {
    assertThatThrownBy(() -> new Probe().maxFrameBytes(10)).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("maxFrameBytes=10");
    assertThatThrownBy(() -> new JobConnection(TopicNames.of(JobId.of("j")),
        KafkaSettings.builder().bootstrapServers("b:1").build(), 10))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("maxFrameBytes=10");
  }

  @Test
  void kafka_settingsObject_isSetPropertyByProperty() {
    Probe p = new Probe().job(JobId.of("j"));
    assertThat(p.servers()).isFalse();

    p.kafka(KafkaSettings.builder().bootstrapServers("b:1").property("linger.ms", 5).build());

    assertThat(p.servers()).isTrue();
    assertThat(p.collected().kafka().properties()).containsEntry("linger.ms", 5);
  }

  @Test
  void connection_withoutBootstrapServers_failsNamingIt() {
    assertThatThrownBy(() -> new Probe().job(JobId.of("j")).collected())
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("bootstrapServers is required");
  }
}
