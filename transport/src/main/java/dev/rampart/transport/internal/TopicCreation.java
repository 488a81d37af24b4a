package dev.rampart.transport.internal;

import dev.rampart.protocol.RampartException;
import dev.rampart.transport.TopicSpec;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.KafkaFuture;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;

/**
 * Creates topics that do not exist yet (a topic that exists is left as it is) and deletes topics.
 * Stateless and thread-safe.
 */
public final class TopicCreation {
  /** How long the cluster may take to answer for each topic. */
  public static final Duration ADMIN_TIMEOUT = Duration.ofSeconds(30);

  private TopicCreation() {}

  /**
   * Creates every topic of {@code wanted} that is missing, with an admin client made from
   * {@code common} and closed before returning.
   *
   * @throws RampartException naming the topic and the cluster when one cannot be created, or the
   *     cluster when it does not answer within {@link #ADMIN_TIMEOUT}
   */
  public static void ensure(Map<String, Object> common, List<TopicSpec> wanted) {
    List<NewTopic> topics = wanted.stream()
        .map(t -> new NewTopic(t.name(), t.partitions(), t.replicationFactor()).configs(t.configs()))
        .toList();
    Object servers = common.get("bootstrap.servers");
    try (Admin admin = Admin.create(common)) {
      for (Map.Entry<String, KafkaFuture<Void>> entry : admin.createTopics(topics).values().entrySet()) {
        awaitCreated(entry.getKey(), entry.getValue(), servers);
      }
    } catch (TimeoutException e) {
      throw new RampartException("Kafka cluster at " + servers + " did not answer topic creation within "
          + ADMIN_TIMEOUT, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new RampartException("interrupted while creating topics", e);
    }
  }

  /**
   * Deletes every topic of {@code names} that exists, with an admin client made from
   * {@code common} and closed before returning; topics that do not exist are skipped.
   *
   * @throws RampartException naming the topic and the cluster when one cannot be deleted, or the
   *     cluster when it does not answer within {@link #ADMIN_TIMEOUT}
   */
  public static void delete(Map<String, Object> common, List<String> names) {
    Object servers = common.get("bootstrap.servers");
    try (Admin admin = Admin.create(common)) {
      for (Map.Entry<String, KafkaFuture<Void>> entry : admin.deleteTopics(names).topicNameValues().entrySet()) {
        try {
          entry.getValue().get(ADMIN_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
          if (!(e.getCause() instanceof UnknownTopicOrPartitionException)) {
            throw new RampartException("cannot delete topic " + entry.getKey() + " on " + servers + ": "
                + e.getCause().getMessage(), e.getCause());
          }
        }
      }
    } catch (TimeoutException e) {
      throw new RampartException("Kafka cluster at " + servers + " did not answer topic deletion within "
          + ADMIN_TIMEOUT, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new RampartException("interrupted while deleting topics", e);
    }
  }

  private static void awaitCreated(String topic, KafkaFuture<Void> created, Object servers)
      throws TimeoutException, InterruptedException {
    try {
      created.get(ADMIN_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
    } catch (ExecutionException e) {
      if (!(e.getCause() instanceof TopicExistsException)) {
        throw new RampartException("cannot create topic " + topic + " on " + servers + ": "
            + e.getCause().getMessage(), e.getCause());
      }
    }
  }
}
