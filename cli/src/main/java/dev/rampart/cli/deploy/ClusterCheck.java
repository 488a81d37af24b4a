package dev.rampart.cli.deploy;

import dev.rampart.protocol.RampartException;
import java.time.Duration;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.CreateTopicsOptions;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.errors.TopicExistsException;

/**
 * Start-up checks against the Kafka cluster with a bounded wait, so that a wrong address, a
 * missing listener or bad credentials end the process with a clear message instead of retries
 * without end. Thread-safe (stateless; each call uses its own admin client).
 */
public final class ClusterCheck {
  private static final Duration TOPIC_POLL = Duration.ofMillis(500);

  private ClusterCheck() {}

  /** Raised when the cluster does not answer in time, or the job's topics are missing. */
  public static final class UnavailableException extends RampartException {
    private static final long serialVersionUID = 1L;

    UnavailableException(String message, Throwable cause) {
      super(message, cause);
    }
  }

  /**
   * Waits up to the configured connect timeout for the cluster to describe itself.
   *
   * @return the number of brokers that answered
   * @throws UnavailableException naming the bootstrap servers when the cluster does not answer
   */
  public static int awaitCluster(KafkaSettings kafka) {
    try (Admin admin = Admin.create(adminProperties(kafka))) {
      return admin.describeCluster().nodes().get(kafka.connectTimeout().toMillis(), TimeUnit.MILLISECONDS).size();
    } catch (TimeoutException e) {
      throw notAnswering(kafka, e);
    } catch (ExecutionException e) {
      if (e.getCause() instanceof org.apache.kafka.common.errors.TimeoutException) {
        throw notAnswering(kafka, e.getCause());
      }
      throw new UnavailableException("Kafka cluster at " + kafka.bootstrapServers() + " refused the connection: "
          + e.getCause().getMessage(), e.getCause());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new UnavailableException("interrupted while waiting for the Kafka cluster at " + kafka.bootstrapServers(), e);
    }
  }

  /**
   * Waits until every named topic exists (created by the coordinator).
   *
   * @throws UnavailableException naming the first missing topic after {@code wait}
   */
  public static void awaitTopics(KafkaSettings kafka, Collection<String> topics, Duration wait, String hint) {
    long deadline = System.nanoTime() + wait.toNanos();
    try (Admin admin = Admin.create(adminProperties(kafka))) {
      while (true) {
        Set<String> existing = admin.listTopics().names().get(kafka.connectTimeout().toMillis(), TimeUnit.MILLISECONDS);
        List<String> missing = topics.stream().filter(t -> !existing.contains(t)).toList();
        if (missing.isEmpty()) {
          return;
        }
        if (System.nanoTime() > deadline) {
          throw new UnavailableException("topic " + missing.get(0) + " does not exist on " + kafka.bootstrapServers()
              + " after " + wait + " (topic-wait); " + hint, null);
        }
        TimeUnit.MILLISECONDS.sleep(TOPIC_POLL.toMillis());
      }
    } catch (TimeoutException | ExecutionException e) {
      throw new UnavailableException("Kafka cluster at " + kafka.bootstrapServers() + " did not list its topics within "
          + kafka.connectTimeout() + ": " + e.getMessage(), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new UnavailableException("interrupted while waiting for topics on " + kafka.bootstrapServers(), e);
    }
  }

  /**
   * Checks, without creating anything, that every missing topic could be created with the given
   * partitions and replication factor (the broker validates the request: authorization, broker
   * count, limits); existing topics are left as they are.
   *
   * @throws UnavailableException naming the first topic that cannot be created and the servers
   */
  public static void checkTopicsCreatable(KafkaSettings kafka, Collection<String> topics, int partitions,
      short replicationFactor) {
    long timeout = kafka.connectTimeout().toMillis();
    try (Admin admin = Admin.create(adminProperties(kafka))) {
      Set<String> existing = admin.listTopics().names().get(timeout, TimeUnit.MILLISECONDS);
      List<NewTopic> missing = topics.stream().filter(t -> !existing.contains(t))
          .map(t -> new NewTopic(t, partitions, replicationFactor)).toList();
      if (missing.isEmpty()) {
        return;
      }
      var results = admin.createTopics(missing, new CreateTopicsOptions().validateOnly(true)).values();
      for (NewTopic topic : missing) {
        try {
          results.get(topic.name()).get(timeout, TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
          if (!(e.getCause() instanceof TopicExistsException)) {
            throw new UnavailableException("topic " + topic.name() + " is missing on " + kafka.bootstrapServers()
                + " and cannot be created with partitions=" + partitions + ", replication-factor=" + replicationFactor
                + ": " + e.getCause().getMessage(), e.getCause());
          }
        }
      }
    } catch (TimeoutException e) {
      throw notAnswering(kafka, e);
    } catch (ExecutionException e) {
      throw new UnavailableException("Kafka cluster at " + kafka.bootstrapServers() + " did not list its topics: "
          + e.getCause().getMessage(), e.getCause());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new UnavailableException("interrupted while checking topics on " + kafka.bootstrapServers(), e);
    }
  }

  private static UnavailableException notAnswering(KafkaSettings kafka, Throwable cause) {
    return new UnavailableException("Kafka cluster at " + kafka.bootstrapServers() + " did not answer within "
        + kafka.connectTimeout() + " (kafka.connect-timeout); check kafka.bootstrap-servers and the security settings",
        cause);
  }

  private static Map<String, Object> adminProperties(KafkaSettings kafka) {
    Map<String, Object> p = new HashMap<>(kafka.properties());
    int timeout = (int) Math.min(Integer.MAX_VALUE, kafka.connectTimeout().toMillis());
    p.putIfAbsent(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, timeout);
    p.putIfAbsent(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, Math.min(timeout, 30_000));
    p.putIfAbsent(AdminClientConfig.CLIENT_ID_CONFIG, "rampart-startup-check");
    return p;
  }
}
