package dev.rampart.transport.internal;

import dev.rampart.transport.KafkaSettings;
import java.util.HashMap;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.ProducerConfig;

/**
 * The project's producer and consumer settings on top of the caller's properties. A setting the
 * caller made wins unless the role cannot work without the project's value. Stateless and
 * thread-safe.
 */
public final class ClientProperties {
  /** {@link KafkaSettings#REQUEST_TIMEOUT} in milliseconds. */
  public static final int REQUEST_TIMEOUT_MS = (int) KafkaSettings.REQUEST_TIMEOUT.toMillis();

  private ClientProperties() {}

  /**
   * Producer: every in-sync replica acknowledges, idempotent, sent at once, {@link #REQUEST_TIMEOUT_MS};
   * client id unless set.
   */
  public static Map<String, Object> producer(Map<String, Object> common, String clientId) {
    Map<String, Object> p = new HashMap<>(common);
    p.putIfAbsent(ProducerConfig.ACKS_CONFIG, "all");
    p.putIfAbsent(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
    p.putIfAbsent(ProducerConfig.LINGER_MS_CONFIG, 0);
    p.putIfAbsent(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, REQUEST_TIMEOUT_MS);
    p.putIfAbsent(ProducerConfig.CLIENT_ID_CONFIG, clientId);
    return p;
  }

  /**
   * Reader outside any consumer group: no group id, so no offsets are committed automatically
   * (forced: a group-less consumer refuses auto-commit); client id unless set.
   */
  public static Map<String, Object> reader(Map<String, Object> common, String clientId) {
    Map<String, Object> p = new HashMap<>(common);
    p.remove(ConsumerConfig.GROUP_ID_CONFIG);
    p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
    p.putIfAbsent(ConsumerConfig.REQUEST_TIMEOUT_MS_CONFIG, REQUEST_TIMEOUT_MS);
    p.putIfAbsent(ConsumerConfig.CLIENT_ID_CONFIG, clientId);
    return p;
  }

  /**
   * Reader whose positions are committed to {@code groupId} (unless a group is set) by the caller
   * only, starting from the earliest record when the group has no offset yet; client id unless set.
   */
  public static Map<String, Object> groupReader(Map<String, Object> common, String groupId, String clientId) {
    Map<String, Object> p = new HashMap<>(common);
    p.putIfAbsent(ConsumerConfig.GROUP_ID_CONFIG, groupId);
    p.putIfAbsent(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
    p.putIfAbsent(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
    p.putIfAbsent(ConsumerConfig.REQUEST_TIMEOUT_MS_CONFIG, REQUEST_TIMEOUT_MS);
    p.putIfAbsent(ConsumerConfig.CLIENT_ID_CONFIG, clientId);
    return p;
  }
}
