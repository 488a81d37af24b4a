package dev.rampart.cli;

import dev.rampart.protocol.TopicNames;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.common.acl.AccessControlEntry;
import org.apache.kafka.common.acl.AclBinding;
import org.apache.kafka.common.acl.AclOperation;
import org.apache.kafka.common.acl.AclPermissionType;
import org.apache.kafka.common.resource.PatternType;
import org.apache.kafka.common.resource.ResourcePattern;
import org.apache.kafka.common.resource.ResourceType;

/**
 * The least ACLs a job needs, one principal per party; docs/kafka-security.md gives the same set
 * as {@code kafka-acls.sh} commands. Nothing else is allowed: the broker denies whatever no ACL
 * allows. Describe on a topic comes with Read or Write; the idempotent producers need no cluster
 * ACL (Write on a topic suffices since Kafka 3.0); clients use no consumer group (manual
 * assignment), the coordinator commits its updates position in group
 * {@code <prefix>.<job>.coordinator}.
 */
public final class JobAcls {
  private JobAcls() {}

  /**
   * The coordinator: creates the job's topics (prefixed {@code <prefix>.<job>.}), writes plans,
   * models, shards, audit and secagg, reads updates, secagg and audit (to resume its audit
   * mirror), and reads its consumer group.
   */
  public static List<AclBinding> coordinator(String principal, TopicNames topics) {
    List<AclBinding> acls = new ArrayList<>();
    acls.add(allow(principal, prefixed(jobPrefix(topics)), AclOperation.CREATE));
    for (String topic : List.of(topics.plans(), topics.models(), topics.shards(), topics.audit(), topics.secagg())) {
      acls.add(allow(principal, topic(topic), AclOperation.WRITE));
    }
    for (String topic : List.of(topics.updates(), topics.secagg(), topics.audit())) {
      acls.add(allow(principal, topic(topic), AclOperation.READ));
    }
    acls.add(allow(principal, new ResourcePattern(ResourceType.GROUP, coordinatorGroup(topics), PatternType.LITERAL),
        AclOperation.READ));
    return acls;
  }

  /** A client: writes updates and secagg, reads plans, models, shards and secagg. */
  public static List<AclBinding> client(String principal, TopicNames topics) {
    List<AclBinding> acls = new ArrayList<>();
    for (String topic : List.of(topics.updates(), topics.secagg())) {
      acls.add(allow(principal, topic(topic), AclOperation.WRITE));
    }
    for (String topic : List.of(topics.plans(), topics.models(), topics.shards(), topics.secagg())) {
      acls.add(allow(principal, topic(topic), AclOperation.READ));
    }
    return acls;
  }

  /** The topic prefix of one job, {@code <prefix>.<job>.}. */
  public static String jobPrefix(TopicNames topics) {
    return topics.prefix() + "." + topics.job().value() + ".";
  }

  /** The consumer group in which the coordinator commits its position on the updates topic. */
  public static String coordinatorGroup(TopicNames topics) {
    return jobPrefix(topics) + "coordinator";
  }

  private static ResourcePattern topic(String name) {
    return new ResourcePattern(ResourceType.TOPIC, name, PatternType.LITERAL);
  }

  private static ResourcePattern prefixed(String prefix) {
    return new ResourcePattern(ResourceType.TOPIC, prefix, PatternType.PREFIXED);
  }

  private static AclBinding allow(String principal, ResourcePattern resource, AclOperation operation) {
    return new AclBinding(resource, new AccessControlEntry("User:" + principal, "*", operation, AclPermissionType.ALLOW));
  }
}
