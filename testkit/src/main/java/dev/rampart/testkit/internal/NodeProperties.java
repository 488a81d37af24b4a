package dev.rampart.testkit.internal;

import java.nio.file.Path;
import java.util.Properties;

/**
 * The settings every test KRaft node shares, single node or cluster member: combined broker and
 * controller roles, plaintext listeners, storage under one folder, internal topics with one
 * partition, no automatic topic creation and small thread pools. Stateless.
 */
final class NodeProperties {
  private NodeProperties() {}

  /**
   * The shared settings of node {@code id}.
   *
   * @param voters the controller quorum, {@code id@host:port,...}
   * @param brokerHost the address the client listener binds and advertises
   * @param controllerHost the address of the controller listener
   * @param replication replication factor of the internal topics (their min ISR is one less, at least 1)
   */
  static Properties of(int id, String voters, Path dir, String brokerHost, int brokerPort, String controllerHost,
      int controllerPort, int replication) {
    Properties p = new Properties();
    p.put("process.roles", "broker,controller");
    p.put("node.id", Integer.toString(id));
    p.put("controller.quorum.voters", voters);
    p.put("listeners", "PLAINTEXT://" + brokerHost + ":" + brokerPort + ",CONTROLLER://" + controllerHost + ":"
        + controllerPort);
    p.put("advertised.listeners", "PLAINTEXT://" + brokerHost + ":" + brokerPort);
    p.put("controller.listener.names", "CONTROLLER");
    p.put("inter.broker.listener.name", "PLAINTEXT");
    p.put("listener.security.protocol.map", "PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT");
    p.put("log.dirs", dir.resolve("log").toString());
    p.put("metadata.log.dir", dir.resolve("metadata").toString());
    String factor = Integer.toString(replication);
    String minIsr = Integer.toString(Math.max(1, replication - 1));
    // A single broker cannot replicate internal topics: with replication 1 consumer groups and
    // transactions become available on one node.
    p.put("offsets.topic.replication.factor", factor);
    p.put("offsets.topic.num.partitions", "1");
    p.put("transaction.state.log.replication.factor", factor);
    p.put("transaction.state.log.min.isr", minIsr);
    p.put("share.coordinator.state.topic.replication.factor", factor);
    p.put("share.coordinator.state.topic.min.isr", minIsr);
    p.put("group.initial.rebalance.delay.ms", "0");
    p.put("num.partitions", "1");
    p.put("auto.create.topics.enable", "false");
    p.put("num.network.threads", "2");
    p.put("num.io.threads", "2");
    return p;
  }
}
