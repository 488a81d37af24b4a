package dev.rampart.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class KafkaFixtureIT {
  @RegisterExtension static final KafkaFixture KAFKA = KafkaFixture.create();

  @Test
  void broker_producedRecord_isConsumedByConsumerGroup() throws Exception {
    try (Admin admin = Admin.create(Map.of("bootstrap.servers", KAFKA.bootstrapServers()))) {
      admin.createTopics(List.of(new NewTopic("fixture.check", 1, (short) 1))).all().get();
    }
    try (var producer = new KafkaProducer<>(
        Map.<String, Object>of("bootstrap.servers", KAFKA.bootstrapServers()),
        new StringSerializer(), new StringSerializer())) {
      producer.send(new ProducerRecord<>("fixture.check", "k", "hello")).get();
    }
    try (var consumer = new KafkaConsumer<>(Map.<String, Object>of(
        "bootstrap.servers", KAFKA.bootstrapServers(),
        "group.id", "fixture-check",
        "auto.offset.reset", "earliest"), new StringDeserializer(), new StringDeserializer())) {
      consumer.subscribe(Set.of("fixture.check"));
      String seen = null;
      long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
      while (seen == null && System.nanoTime() < deadline) {
        ConsumerRecords<String, String> records = consumer.poll(Duration.ofMillis(200));
        for (ConsumerRecord<String, String> r : records) {
          seen = r.value();
        }
      }
      assertThat(seen).isEqualTo("hello");
    }
  }

  @Test
  void embeddedBroker_close_deletesStorageAndIsIdempotent() {
    EmbeddedKafkaBroker broker = EmbeddedKafkaBroker.start();
    Path dir = broker.dataDirectory();
    assertThat(dir).isDirectory();
    broker.close();
    broker.close();
    assertThat(Files.exists(dir)).isFalse();
  }

  @Test
  void builder_negativePort_isRejectedNamingTheValue() {
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> EmbeddedKafkaBroker.builder().port(-1))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("port=-1");
  }
}
