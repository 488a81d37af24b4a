package dev.rampart.testkit;

import dev.rampart.testkit.internal.KraftServerRunner;
import dev.rampart.testkit.internal.SaslSecurity;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.common.acl.AclBinding;

/**
 * A real Kafka broker running inside this JVM: Kafka's own {@code KafkaRaftServer} in combined
 * broker+controller (KRaft) mode, listening on 127.0.0.1 on free ports, with storage in a fresh
 * temporary folder that {@link #close()} deletes.
 *
 * <p>Single-node settings are applied so that consumer groups and transactions work: the offsets,
 * transaction-state and share-state topics use replication factor 1. Message size limits are the
 * broker defaults unless overridden with {@link Builder#brokerProperty(String, String)}.
 *
 * <p>{@link Builder#secured()} (or adding a user or an ACL) makes it an authenticated broker:
 * the client listener accepts SASL_PLAINTEXT with SCRAM-SHA-256 only, Kafka's
 * {@code org.apache.kafka.metadata.authorizer.StandardAuthorizer} refuses whatever no ACL
 * allows, and {@link #SUPER_USER} is the one super user. Users and ACLs exist before
 * {@link Builder#start()} returns; {@link #clientProperties(String)} logs a client in as a user.
 *
 * <pre>{@code
 * try (EmbeddedKafkaBroker broker = EmbeddedKafkaBroker.builder()
 *     .user("coordinator", "coordinator-secret")
 *     .acl(new AclBinding(new ResourcePattern(ResourceType.TOPIC, "job.", PatternType.PREFIXED),
 *         new AccessControlEntry("User:coordinator", "*", AclOperation.WRITE, AclPermissionType.ALLOW)))
 *     .start()) {
 *   var producer = new KafkaProducer<>(broker.clientProperties("coordinator"), ...);
 * }
 * }</pre>
 *
 * <p>Thread-safe. Start-up takes a few seconds.
 */
public final class EmbeddedKafkaBroker implements KafkaBroker {
  /** How long {@link #start()} waits for the broker to accept connections. */
  public static final Duration DEFAULT_STARTUP_TIMEOUT = Duration.ofSeconds(60);
  /** The principal name of a secured broker's super user (the broker itself and admin tasks). */
  public static final String SUPER_USER = "admin";
  /** The SASL mechanism of a secured broker's client listener. */
  public static final String SASL_MECHANISM = SaslSecurity.MECHANISM;

  private final KraftServerRunner runner;
  private final Optional<SaslSecurity> security;

  private EmbeddedKafkaBroker(KraftServerRunner runner, Optional<SaslSecurity> security) {
    this.runner = runner;
    this.security = security;
  }

  /** Starts a broker with default settings. */
  public static EmbeddedKafkaBroker start() {
    return builder().start();
  }

  /** A builder for a broker with custom settings. */
  public static Builder builder() {
    return new Builder();
  }

  @Override
  public String bootstrapServers() {
    return runner.bootstrapServers();
  }

  @Override
  public String description() {
    return "embedded KRaft broker at " + bootstrapServers() + (isSecured() ? " (SASL " + SASL_MECHANISM + ", ACLs)" : "");
  }

  /** Whether clients must log in and are subject to ACLs. */
  public boolean isSecured() {
    return security.isPresent();
  }

  /**
   * Client properties that reach this broker as {@code user}: {@code bootstrap.servers} and, on
   * a secured broker, {@code security.protocol}, {@code sasl.mechanism} and
   * {@code sasl.jaas.config}. {@link #SUPER_USER} is allowed; on a broker that is not secured
   * every user gets the bootstrap servers only.
   *
   * @throws IllegalArgumentException naming the user if a secured broker does not know it
   */
  public Map<String, Object> clientProperties(String user) {
    Objects.requireNonNull(user, "user");
    Map<String, Object> p = new LinkedHashMap<>();
    p.put(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers());
    security.ifPresent(s -> p.putAll(SaslSecurity.clientProperties(user, password(s, user))));
    return p;
  }

  /** Client properties of the super user; see {@link #clientProperties(String)}. */
  public Map<String, Object> superUserProperties() {
    return runner.adminProperties();
  }

  private static String password(SaslSecurity s, String user) {
    if (user.equals(s.superUser())) {
      return s.superPassword();
    }
    String password = s.users().get(user);
    if (password == null) {
      throw new IllegalArgumentException("user " + user + " is not a user of this broker; users: "
          + s.users().keySet() + " and " + s.superUser());
    }
    return password;
  }

  /** The folder holding the broker's log and metadata; deleted on close. */
  public Path dataDirectory() {
    return runner.dataDirectory();
  }

  @Override
  public void close() {
    runner.close();
  }

  @Override
  public String toString() {
    return description();
  }

  /** Settings for an {@link EmbeddedKafkaBroker}. Not thread-safe. */
  public static final class Builder {
    private final Map<String, String> overrides = new LinkedHashMap<>();
    private final Map<String, String> users = new LinkedHashMap<>();
    private final List<AclBinding> acls = new ArrayList<>();
    private Duration startupTimeout = DEFAULT_STARTUP_TIMEOUT;
    private boolean secured;
    private int port;
    private String host = "127.0.0.1";

    private Builder() {}

    /**
     * Turns on SASL (SCRAM-SHA-256 over SASL_PLAINTEXT) and the standard authorizer, with
     * {@link #SUPER_USER} as the only super user and no ACLs yet: every other user is refused.
     */
    public Builder secured() {
      this.secured = true;
      return this;
    }

    /** Adds a SCRAM user, created once the broker runs; implies {@link #secured()}. */
    public Builder user(String name, String password) {
      Objects.requireNonNull(name, "name");
      Objects.requireNonNull(password, "password");
      if (name.isBlank() || name.equals(SUPER_USER) || name.contains("\"")) {
        throw new IllegalArgumentException("user name must be non-blank, without quotes and not "
            + SUPER_USER + ", but was '" + name + "'");
      }
      if (password.isEmpty() || password.contains("\"")) {
        throw new IllegalArgumentException("the password of user " + name + " must be non-empty and without quotes");
      }
      users.put(name, password);
      return secured();
    }

    /** Adds an ACL, created after the users; implies {@link #secured()}. */
    public Builder acl(AclBinding binding) {
      acls.add(Objects.requireNonNull(binding, "binding"));
      return secured();
    }

    /** Adds ACLs, created after the users; implies {@link #secured()}. */
    public Builder acls(Collection<AclBinding> bindings) {
      bindings.forEach(this::acl);
      return secured();
    }

    /** Whether the broker will authenticate clients and check ACLs. */
    public boolean isSecured() {
      return secured;
    }

    /** Overrides one broker setting, e.g. {@code message.max.bytes}. */
    public Builder brokerProperty(String key, String value) {
      overrides.put(Objects.requireNonNull(key, "key"), Objects.requireNonNull(value, "value"));
      return this;
    }

    /**
     * Address of this machine the client listener binds and advertises (default 127.0.0.1), e.g.
     * the host end of a veth pair so that a process in another network namespace reaches the
     * broker; the controller stays on 127.0.0.1. Not for a secured broker.
     */
    public Builder host(String address) {
      this.host = Objects.requireNonNull(address, "host");
      return this;
    }

    /** Client port to listen on; 0 (the default) picks a free one. */
    public Builder port(int port) {
      if (port < 0 || port > 65535) {
        throw new IllegalArgumentException("port must be in [0, 65535], but port=" + port);
      }
      this.port = port;
      return this;
    }

    /** How long to wait for the broker to serve requests; must be positive. */
    public Builder startupTimeout(Duration timeout) {
      if (timeout.isNegative() || timeout.isZero()) {
        throw new IllegalArgumentException("startupTimeout must be positive, but was " + timeout);
      }
      this.startupTimeout = timeout;
      return this;
    }

    /** Formats fresh storage and starts the broker; blocks until it serves requests. */
    public EmbeddedKafkaBroker start() {
      Optional<SaslSecurity> security = secured
          ? Optional.of(new SaslSecurity(SUPER_USER, SaslSecurity.randomPassword(), users, acls))
          : Optional.empty();
      return new EmbeddedKafkaBroker(KraftServerRunner.start(host, port, overrides, startupTimeout, security), security);
    }
  }
}
