package dev.rampart.testkit.internal;

import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ScramCredentialInfo;
import org.apache.kafka.clients.admin.ScramMechanism;
import org.apache.kafka.clients.admin.UserScramCredentialAlteration;
import org.apache.kafka.clients.admin.UserScramCredentialUpsertion;
import org.apache.kafka.common.acl.AclBindingFilter;
import org.apache.kafka.common.acl.AclBinding;
import org.apache.kafka.common.config.SaslConfigs;
import org.apache.kafka.common.errors.ResourceNotFoundException;

/**
 * The authenticated set-up of an embedded broker: the client listener speaks SASL_PLAINTEXT with
 * SCRAM-SHA-256 only, the controller listener SASL_PLAINTEXT with PLAIN (KRaft controllers do not
 * take SCRAM), and Kafka's {@code StandardAuthorizer} denies everything no ACL allows. The super
 * user's SCRAM credential is written at format time (as {@code kafka-storage.sh format
 * --add-scram} does); the other users' credentials and the ACLs are created with the admin API
 * once the broker runs. Immutable and thread-safe.
 *
 * @param superUser the broker's own principal name, a super user
 * @param superPassword its password, random per broker
 * @param users user name to SCRAM password, created after start
 * @param acls ACL bindings created after the users
 */
public record SaslSecurity(String superUser, String superPassword, Map<String, String> users, List<AclBinding> acls) {
  /** The SASL mechanism of the client listener. */
  public static final String MECHANISM = "SCRAM-SHA-256";
  /** Kafka's KRaft authorizer. */
  public static final String AUTHORIZER = "org.apache.kafka.metadata.authorizer.StandardAuthorizer";
  /** The client listener's name. */
  static final String CLIENT_LISTENER = "CLIENT";
  private static final int SCRAM_ITERATIONS = 4096;
  private static final long ADMIN_TIMEOUT_SECONDS = 30;

  /** Copies the collections; the super user must not also be an ordinary user. */
  public SaslSecurity {
    users = Map.copyOf(new LinkedHashMap<>(users));
    acls = List.copyOf(acls);
    if (users.containsKey(superUser)) {
      throw new IllegalArgumentException("user " + superUser + " is the broker's super user already");
    }
  }

  /** A random password for the super user. */
  public static String randomPassword() {
    byte[] bytes = new byte[16];
    new SecureRandom().nextBytes(bytes);
    return HexFormat.of().formatHex(bytes);
  }

  /** The {@code sasl.jaas.config} line of a SCRAM client. */
  public static String scramJaasConfig(String user, String password) {
    return "org.apache.kafka.common.security.scram.ScramLoginModule required username=\"" + user
        + "\" password=\"" + password + "\";";
  }

  /** Client properties (without bootstrap servers) that log in as {@code user} with {@code password}. */
  public static Map<String, Object> clientProperties(String user, String password) {
    Map<String, Object> p = new LinkedHashMap<>();
    p.put(CommonClientConfigs.SECURITY_PROTOCOL_CONFIG, "SASL_PLAINTEXT");
    p.put(SaslConfigs.SASL_MECHANISM, MECHANISM);
    p.put(SaslConfigs.SASL_JAAS_CONFIG, scramJaasConfig(user, password));
    return p;
  }

  /** The broker settings for the listeners, SASL and the authorizer. */
  void apply(Properties p, String host, int brokerPort, int controllerPort) {
    String controller = "CONTROLLER";
    p.put("listeners", CLIENT_LISTENER + "://" + host + ":" + brokerPort + "," + controller + "://" + host + ":" + controllerPort);
    p.put("advertised.listeners", CLIENT_LISTENER + "://" + host + ":" + brokerPort);
    p.put("inter.broker.listener.name", CLIENT_LISTENER);
    p.put("listener.security.protocol.map", CLIENT_LISTENER + ":SASL_PLAINTEXT," + controller + ":SASL_PLAINTEXT");
    p.put("sasl.mechanism.inter.broker.protocol", MECHANISM);
    p.put("sasl.mechanism.controller.protocol", "PLAIN");
    String client = "listener.name." + CLIENT_LISTENER.toLowerCase() + ".";
    p.put(client + "sasl.enabled.mechanisms", MECHANISM);
    p.put(client + MECHANISM.toLowerCase() + ".sasl.jaas.config", scramJaasConfig(superUser, superPassword));
    p.put("listener.name.controller.sasl.enabled.mechanisms", "PLAIN");
    p.put("listener.name.controller.plain.sasl.jaas.config",
        "org.apache.kafka.common.security.plain.PlainLoginModule required username=\"" + superUser
            + "\" password=\"" + superPassword + "\" user_" + superUser + "=\"" + superPassword + "\";");
    p.put("authorizer.class.name", AUTHORIZER);
    p.put("super.users", "User:" + superUser);
    p.put("allow.everyone.if.no.acl.found", "false");
  }

  /** The {@code kafka-storage format} option that writes the super user's credential. */
  String formatScramArgument() {
    return MECHANISM + "=[name=" + superUser + ",password=" + superPassword + ",iterations=" + SCRAM_ITERATIONS + "]";
  }

  /** Client properties of the super user, without bootstrap servers. */
  Map<String, Object> superUserProperties() {
    return clientProperties(superUser, superPassword);
  }

  /**
   * Waits until the broker itself (not only the controller) knows every user and ACL: the broker
   * applies metadata a moment after the controller commits it, and a client logging in before
   * then would be refused.
   */
  private void awaitVisible(Admin admin) throws InterruptedException, ExecutionException, TimeoutException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(ADMIN_TIMEOUT_SECONDS);
    while (true) {
      boolean usersKnown = usersKnown(admin);
      boolean aclsKnown = admin.describeAcls(AclBindingFilter.ANY).values().get(ADMIN_TIMEOUT_SECONDS, TimeUnit.SECONDS)
          .containsAll(acls);
      if (usersKnown && aclsKnown) {
        return;
      }
      if (System.nanoTime() > deadline) {
        throw new TimeoutException("users " + users.keySet() + " or " + acls.size() + " ACL(s) not visible on the broker");
      }
      TimeUnit.MILLISECONDS.sleep(50);
    }
  }

  private boolean usersKnown(Admin admin) throws InterruptedException, ExecutionException, TimeoutException {
    if (users.isEmpty()) {
      return true;
    }
    try {
      return admin.describeUserScramCredentials(List.copyOf(users.keySet())).all()
          .get(ADMIN_TIMEOUT_SECONDS, TimeUnit.SECONDS).size() == users.size();
    } catch (ExecutionException e) {
      if (e.getCause() instanceof ResourceNotFoundException) {
        return false;
      }
      throw e;
    }
  }

  /** Creates the users' SCRAM credentials, then the ACLs, as the super user. */
  void createUsersAndAcls(Admin admin) {
    try {
      if (!users.isEmpty()) {
        admin.alterUserScramCredentials(users.entrySet().stream()
            .<UserScramCredentialAlteration>map(u -> new UserScramCredentialUpsertion(
                u.getKey(), new ScramCredentialInfo(ScramMechanism.SCRAM_SHA_256, SCRAM_ITERATIONS), u.getValue()))
            .toList()).all().get(ADMIN_TIMEOUT_SECONDS, TimeUnit.SECONDS);
      }
      if (!acls.isEmpty()) {
        admin.createAcls(acls).all().get(ADMIN_TIMEOUT_SECONDS, TimeUnit.SECONDS);
      }
      awaitVisible(admin);
    } catch (ExecutionException | TimeoutException e) {
      throw new IllegalStateException("cannot create the embedded broker's users " + users.keySet() + " and "
          + acls.size() + " ACL(s): " + e.getMessage(), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while creating users and ACLs", e);
    }
  }
}
