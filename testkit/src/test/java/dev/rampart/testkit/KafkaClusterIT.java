package dev.rampart.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;

/**
 * The three-node cluster does what fault tests rely on, checked the way Kafka's own system tests
 * check a bounce: with {@code acks=all} and idempotence, the leader of a partition SIGKILLed while
 * records are being written and then restarted, every acknowledged record is read back exactly once,
 * in order; and a paused (SIGSTOP) leader loses its leadership to another node.
 */
class KafkaClusterIT {
  private static final String TOPIC = "bounce";
  private static final int RECORDS = 2000;

  @Test
  void leaderKilledMidStream_everyAcknowledgedRecordIsReadOnceInOrder_andAPausedLeaderIsReplaced() throws Exception {
    try (KafkaCluster cluster = KafkaCluster.start(3, Duration.ofMinutes(2))) {
      try (Admin admin = Admin.create(cluster.adminProperties())) {
        admin.createTopics(List.of(new NewTopic(TOPIC, 1, (short) 3)
            .configs(Map.of("min.insync.replicas", "2")))).all().get(30, TimeUnit.SECONDS);
      }
      int leader = cluster.leaderOf(TOPIC, 0);
      List<String> acknowledged = new ArrayList<>();
      try (KafkaProducer<String, String> producer = new KafkaProducer<>(Map.<String, Object>of(
          ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, cluster.bootstrapServers(), ProducerConfig.ACKS_CONFIG, "all",
          ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true, ProducerConfig.LINGER_MS_CONFIG, 5),
          new StringSerializer(), new StringSerializer())) {
        List<Future<RecordMetadata>> sent = new ArrayList<>();
        for (int i = 0; i < RECORDS; i++) {
          sent.add(producer.send(new ProducerRecord<>(TOPIC, "k", "v" + i)));
          if (i == RECORDS / 2) {
            producer.flush();
            cluster.kill(leader);
          }
        }
        for (int i = 0; i < RECORDS; i++) {
          sent.get(i).get(2, TimeUnit.MINUTES);
          acknowledged.add("v" + i);
        }
      }
      int newLeader = cluster.leaderOf(TOPIC, 0);
      assertThat(newLeader).as("leader after the kill").isNotEqualTo(leader);
      cluster.restart(leader);
      assertThat(cluster.isRunning(leader)).isTrue();

      List<String> read = readAll(cluster);
      assertThat(read).as("records read back").containsExactlyElementsOf(acknowledged);
      assertThat(new LinkedHashSet<>(read)).hasSameSizeAs(read);

      int current = cluster.leaderOf(TOPIC, 0);
      cluster.pause(current);
      try {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        int after = current;
        while (after == current && System.nanoTime() < deadline) {
          Thread.sleep(500);
          after = cluster.leaderOf(TOPIC, 0);
        }
        assertThat(after).as("leader while node %d is paused", current).isNotEqualTo(current);
      } finally {
        cluster.resume(current);
      }
    }
  }

  private static List<String> readAll(KafkaCluster cluster) {
    List<String> out = new ArrayList<>();
    TopicPartition tp = new TopicPartition(TOPIC, 0);
    try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(Map.<String, Object>of(
        "bootstrap.servers", cluster.bootstrapServers()), new StringDeserializer(), new StringDeserializer())) {
      consumer.assign(Set.of(tp));
      consumer.seekToBeginning(Set.of(tp));
      long end = consumer.endOffsets(Set.of(tp)).get(tp);
      long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(1);
      while (consumer.position(tp) < end && System.nanoTime() < deadline) {
        for (ConsumerRecord<String, String> r : consumer.poll(Duration.ofMillis(500))) {
          out.add(r.value());
        }
      }
    }
    return out;
  }
}
