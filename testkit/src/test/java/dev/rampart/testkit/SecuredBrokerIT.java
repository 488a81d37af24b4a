package dev.rampart.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.acl.AccessControlEntry;
import org.apache.kafka.common.acl.AclBinding;
import org.apache.kafka.common.acl.AclOperation;
import org.apache.kafka.common.acl.AclPermissionType;
import org.apache.kafka.common.config.SaslConfigs;
import org.apache.kafka.common.errors.SaslAuthenticationException;
import org.apache.kafka.common.errors.TopicAuthorizationException;
import org.apache.kafka.common.resource.PatternType;
import org.apache.kafka.common.resource.ResourcePattern;
import org.apache.kafka.common.resource.ResourceType;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The secured embedded broker authenticates with SCRAM and enforces ACLs. */
class SecuredBrokerIT {
  private static final String TOPIC = "secured.check";

  @RegisterExtension static final KafkaFixture KAFKA = KafkaFixture.secured(EmbeddedKafkaBroker.builder()
      .user("writer", "writer-secret")
      .user("stranger", "stranger-secret")
      .acl(new AclBinding(new ResourcePattern(ResourceType.TOPIC, "secured.", PatternType.PREFIXED),
          new AccessControlEntry("User:writer", "*", AclOperation.WRITE, AclPermissionType.ALLOW))));

  @BeforeAll
  static void createTopic() throws Exception {
    EmbeddedKafkaBroker broker = (EmbeddedKafkaBroker) KAFKA.broker();
    try (Admin admin = Admin.create(broker.superUserProperties())) {
      admin.createTopics(List.of(new NewTopic(TOPIC, 1, (short) 1))).all().get();
    }
  }

  @Test
  void send_userWithWriteAcl_isAcknowledged() throws Exception {
    try (KafkaProducer<String, String> producer = producer(KAFKA.clientProperties("writer"))) {
      assertThat(producer.send(new ProducerRecord<>(TOPIC, "k", "v")).get().offset()).isNotNegative();
    }
  }

  @Test
  void send_userWithoutAcl_isRefusedByAuthorizer() {
    try (KafkaProducer<String, String> producer = producer(KAFKA.clientProperties("stranger"))) {
      assertThatThrownBy(() -> producer.send(new ProducerRecord<>(TOPIC, "k", "v")).get())
          .isInstanceOf(ExecutionException.class).hasCauseInstanceOf(TopicAuthorizationException.class);
    }
  }

  @Test
  void send_wrongPassword_failsAuthentication() {
    Map<String, Object> p = new HashMap<>(KAFKA.clientProperties("writer"));
    p.put(SaslConfigs.SASL_JAAS_CONFIG, p.get(SaslConfigs.SASL_JAAS_CONFIG).toString().replace("writer-secret", "guess"));
    try (KafkaProducer<String, String> producer = producer(p)) {
      assertThatThrownBy(() -> producer.send(new ProducerRecord<>(TOPIC, "k", "v")).get())
          .isInstanceOf(ExecutionException.class).hasCauseInstanceOf(SaslAuthenticationException.class);
    }
  }

  @Test
  void clientProperties_unknownUser_isRefusedNamingIt() {
    assertThatThrownBy(() -> KAFKA.clientProperties("nobody"))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("nobody");
  }

  private static KafkaProducer<String, String> producer(Map<String, Object> properties) {
    Map<String, Object> p = new HashMap<>(properties);
    p.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, (int) Duration.ofSeconds(20).toMillis());
    p.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, (int) Duration.ofSeconds(20).toMillis());
    p.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, (int) Duration.ofSeconds(10).toMillis());
    return new KafkaProducer<>(p, new StringSerializer(), new StringSerializer());
  }
}
