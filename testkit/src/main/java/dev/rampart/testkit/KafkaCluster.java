package dev.rampart.testkit;

import dev.rampart.testkit.internal.BrokerNode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewPartitionReassignment;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.ElectionType;
import org.apache.kafka.common.Node;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.TopicPartitionInfo;
import org.apache.kafka.common.Uuid;

/**
 * A Kafka cluster of several KRaft nodes, each its own JVM ({@code kafka.Kafka} on this JVM's class
 * path), on loopback, for fault tests: any node can be SIGKILLed, paused with SIGSTOP, resumed
 * with SIGCONT and restarted on its own storage. Every node is a combined broker and controller
 * of one static quorum, so a majority keeps the cluster (metadata and leader elections) alive.
 *
 * <p>Topic defaults are those of a production cluster that must not lose acknowledged writes:
 * replication factor 3 (internal topics included), {@code min.insync.replicas} 2, no unclean
 * leader election; a node is declared dead after a 3 s broker session timeout, so leadership
 * moves within seconds. Producers that keep {@code acks=all} and idempotence (the project's
 * defaults) then lose nothing and write nothing twice across a leader change.
 *
 * <p>Nodes are numbered from 0 ({@link #size()} − 1); their Kafka node ids are 1 to {@code size}.
 * Not thread-safe; {@link #close()} kills every node and deletes its storage.
 */
public final class KafkaCluster implements AutoCloseable {
  /** Replication factor of the cluster's topics (and its default). */
  public static final int REPLICATION_FACTOR = 3;
  /** {@code min.insync.replicas} of the cluster's topics. */
  public static final int MIN_INSYNC_REPLICAS = 2;

  private final List<BrokerNode> nodes;
  private final Duration timeout;

  private KafkaCluster(List<BrokerNode> nodes, Duration timeout) {
    this.nodes = nodes;
    this.timeout = timeout;
  }

  /**
   * Formats and starts {@code size} nodes and waits until every one is a registered broker.
   *
   * @param size at least 3, so that a replication factor of 3 fits
   * @param timeout how long to wait for the cluster (and, later, for each restart)
   */
  public static KafkaCluster start(int size, Duration timeout) {
    if (size < REPLICATION_FACTOR) {
      throw new IllegalArgumentException("a cluster needs at least " + REPLICATION_FACTOR + " nodes, but size=" + size);
    }
    List<BrokerNode> nodes = BrokerNode.create(size, Uuid.randomUuid().toString());
    KafkaCluster cluster = new KafkaCluster(nodes, timeout);
    try {
      nodes.forEach(BrokerNode::start);
      cluster.awaitBrokers(allIds(size));
      return cluster;
    } catch (RuntimeException e) {
      cluster.close();
      throw e;
    }
  }

  /** {@code host:port} of every node. */
  public String bootstrapServers() {
    return nodes.stream().map(BrokerNode::bootstrapServer).collect(Collectors.joining(","));
  }

  /** Number of nodes. */
  public int size() {
    return nodes.size();
  }

  /** Properties of an admin client on the whole cluster. */
  public Map<String, Object> adminProperties() {
    return Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers(),
        AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 5000, AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 10_000);
  }

  /** SIGKILL: node {@code index} stops at once, without flushing or leaving the quorum. */
  public void kill(int index) {
    node(index).kill();
  }

  /** SIGSTOP: node {@code index} freezes, its sockets open; {@link #resume} continues it. */
  public void pause(int index) {
    node(index).signal("STOP");
  }

  /** SIGCONT to a paused node. */
  public void resume(int index) {
    node(index).signal("CONT");
  }

  /** Starts a killed node again on its own storage and waits until it is a registered broker again. */
  public void restart(int index) {
    node(index).start();
    awaitBrokers(Set.of(index + 1));
  }

  /** Whether the process of node {@code index} is alive (a paused node is). */
  public boolean isRunning(int index) {
    return node(index).isRunning();
  }

  /**
   * The node (0-based) that leads {@code topic}'s {@code partition} now, as the cluster's metadata
   * says.
   *
   * @throws IllegalStateException when the partition has no leader within the timeout
   */
  public int leaderOf(String topic, int partition) {
    long deadline = System.nanoTime() + timeout.toNanos();
    try (Admin admin = Admin.create(adminProperties())) {
      while (System.nanoTime() < deadline) {
        try {
          TopicDescription d = admin.describeTopics(List.of(topic)).allTopicNames().get(10, TimeUnit.SECONDS).get(topic);
          TopicPartitionInfo p = d.partitions().get(partition);
          if (p.leader() != null && !p.leader().isEmpty()) {
            return p.leader().id() - 1;
          }
        } catch (ExecutionException | TimeoutException e) {
          // metadata not there yet: retry until the deadline
        }
        sleep(200);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    throw new IllegalStateException("partition " + topic + "-" + partition + " has no leader after " + timeout);
  }

  /**
   * Moves the leadership of every partition of {@code topics} to node {@code index}: each replica
   * list is reordered so that the node comes first (the replicas stay the same), then the preferred
   * leader is elected. Waits until the cluster's metadata shows the node as leader everywhere.
   * Used to put several roles on one node before a fault, the worst case for the clients of the
   * cluster.
   *
   * @param topics topic names, internal ones (e.g. {@code __consumer_offsets}) included
   * @throws IllegalStateException when a partition does not move within the timeout, or a topic
   *     has no replica on the node
   */
  public void lead(int index, Collection<String> topics) {
    node(index);
    int id = index + 1;
    long deadline = System.nanoTime() + timeout.toNanos();
    try (Admin admin = Admin.create(adminProperties())) {
      Map<String, TopicDescription> described = admin.describeTopics(topics).allTopicNames().get(10, TimeUnit.SECONDS);
      Map<TopicPartition, Optional<NewPartitionReassignment>> moves = new HashMap<>();
      for (TopicDescription d : described.values()) {
        for (TopicPartitionInfo p : d.partitions()) {
          List<Integer> replicas = new ArrayList<>(p.replicas().stream().map(Node::id).toList());
          if (!replicas.remove(Integer.valueOf(id))) {
            throw new IllegalStateException("partition " + d.name() + "-" + p.partition() + " has no replica on node "
                + index + " (replicas " + replicas + ")");
          }
          replicas.add(0, id);
          moves.put(new TopicPartition(d.name(), p.partition()), Optional.of(new NewPartitionReassignment(replicas)));
        }
      }
      admin.alterPartitionReassignments(moves).all().get(10, TimeUnit.SECONDS);
      while (true) {
        try {
          admin.electLeaders(ElectionType.PREFERRED, moves.keySet()).partitions().get(10, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
          // some partitions already led by the node, or not ready yet: checked below
        }
        Set<String> elsewhere = new TreeSet<>();
        admin.describeTopics(topics).allTopicNames().get(10, TimeUnit.SECONDS).values().forEach(d ->
            d.partitions().stream().filter(p -> p.leader() == null || p.leader().id() != id)
                .forEach(p -> elsewhere.add(d.name() + "-" + p.partition())));
        if (elsewhere.isEmpty()) {
          return;
        }
        if (System.nanoTime() > deadline) {
          throw new IllegalStateException("node " + index + " does not lead " + elsewhere + " after " + timeout);
        }
        sleep(200);
      }
    } catch (ExecutionException | TimeoutException e) {
      throw new IllegalStateException("cannot move the leadership of " + topics + " to node " + index + ": " + e, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while moving leadership to node " + index, e);
    }
  }

  /** The node (0-based) that is the active controller of the quorum now. */
  public int activeController() {
    try (Admin admin = Admin.create(adminProperties())) {
      return admin.describeMetadataQuorum().quorumInfo().get(10, TimeUnit.SECONDS).leaderId() - 1;
    } catch (ExecutionException | TimeoutException e) {
      throw new IllegalStateException("cannot describe the metadata quorum: " + e, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while describing the metadata quorum", e);
    }
  }

  /** The output of node {@code index}'s processes so far (every start appends to it). */
  public String log(int index) {
    return node(index).log();
  }

  @Override
  public void close() {
    for (BrokerNode n : nodes) {
      n.close();
    }
  }

  private BrokerNode node(int index) {
    if (index < 0 || index >= nodes.size()) {
      throw new IllegalArgumentException("node index must lie in [0, " + nodes.size() + "), but is " + index);
    }
    return nodes.get(index);
  }

  private static Set<Integer> allIds(int size) {
    Set<Integer> ids = new TreeSet<>();
    for (int i = 1; i <= size; i++) {
      ids.add(i);
    }
    return ids;
  }

  private void awaitBrokers(Set<Integer> ids) {
    long deadline = System.nanoTime() + timeout.toNanos();
    Exception last = null;
    try (Admin admin = Admin.create(adminProperties())) {
      while (System.nanoTime() < deadline) {
        try {
          Set<Integer> up = admin.describeCluster().nodes().get(5, TimeUnit.SECONDS).stream().map(Node::id)
              .collect(Collectors.toSet());
          if (up.containsAll(ids)) {
            return;
          }
        } catch (ExecutionException | TimeoutException e) {
          last = e;
        }
        for (int id : ids) {
          if (!nodes.get(id - 1).isRunning()) {
            throw new IllegalStateException("Kafka node " + id + " exited; its log ends:\n" + nodes.get(id - 1).logTail());
          }
        }
        sleep(200);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    throw new IllegalStateException("Kafka nodes " + ids + " did not register within " + timeout, last);
  }

  private static void sleep(long millis) throws InterruptedException {
    Thread.sleep(millis);
  }
}
