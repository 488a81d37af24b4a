package dev.rampart.testkit;

import dev.rampart.testkit.internal.ContainerBroker;
import java.util.Map;
import java.util.Objects;
import org.apache.kafka.clients.CommonClientConfigs;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * A JUnit 5 extension that gives a test class a real Kafka broker.
 *
 * <p>When a Docker engine answers, the broker is an Apache Kafka container (Testcontainers);
 * otherwise it is an {@link EmbeddedKafkaBroker} in this JVM. Either way the tests talk to a real
 * broker over TCP. The broker starts before the first test of the class and is stopped, with its
 * storage deleted, after the last one.
 *
 * <pre>{@code
 * class RoundIT {
 *   @RegisterExtension static final KafkaFixture KAFKA = KafkaFixture.create();
 *
 *   @Test void round_completes() {
 *     var producer = new KafkaProducer<>(Map.of("bootstrap.servers", KAFKA.bootstrapServers()), ...);
 *   }
 * }
 * }</pre>
 *
 * <p>A test method may also declare a {@link KafkaBroker} parameter. Setting the system property
 * {@code rampart.kafka.embedded=true} forces the embedded broker even when Docker is up.
 *
 * <p>Thread-safe once started.
 */
public final class KafkaFixture implements BeforeAllCallback, AfterAllCallback, ParameterResolver {
  /** System property that forces the in-JVM broker. */
  public static final String FORCE_EMBEDDED_PROPERTY = "rampart.kafka.embedded";

  private final EmbeddedKafkaBroker.Builder embeddedSettings;
  private final boolean embeddedOnly;
  private volatile KafkaBroker broker;

  private KafkaFixture(EmbeddedKafkaBroker.Builder embeddedSettings, boolean embeddedOnly) {
    this.embeddedSettings = embeddedSettings;
    this.embeddedOnly = embeddedOnly;
  }

  /** A fixture with default broker settings. */
  public static KafkaFixture create() {
    return new KafkaFixture(EmbeddedKafkaBroker.builder(), false);
  }

  /**
   * A fixture whose embedded broker uses the given settings. Container brokers use the image's
   * defaults, so tests that depend on broker settings should say so.
   */
  public static KafkaFixture withEmbeddedSettings(EmbeddedKafkaBroker.Builder settings) {
    return new KafkaFixture(Objects.requireNonNull(settings, "settings"), false);
  }

  /**
   * A fixture with an authenticated embedded broker (SASL, ACLs; see {@link EmbeddedKafkaBroker}),
   * even when Docker answers: the container broker has no users or ACLs.
   *
   * <pre>{@code
   * @RegisterExtension static final KafkaFixture KAFKA = KafkaFixture.secured(
   *     EmbeddedKafkaBroker.builder().user("coordinator", "secret").acls(bindings));
   * ... new KafkaProducer<>(KAFKA.clientProperties("coordinator"), ...)
   * }</pre>
   *
   * @throws IllegalArgumentException if the settings are not secured
   */
  public static KafkaFixture secured(EmbeddedKafkaBroker.Builder settings) {
    if (!settings.isSecured()) {
      throw new IllegalArgumentException("settings must be secured (call secured(), user(...) or acl(...))");
    }
    return new KafkaFixture(settings, true);
  }

  /** Starts a broker now: a container if Docker answers, the embedded broker otherwise. */
  public static KafkaBroker startBroker() {
    return startBroker(EmbeddedKafkaBroker.builder());
  }

  private static KafkaBroker startBroker(EmbeddedKafkaBroker.Builder settings) {
    if (!Boolean.getBoolean(FORCE_EMBEDDED_PROPERTY) && ContainerBroker.dockerAvailable()) {
      return ContainerBroker.start();
    }
    return settings.start();
  }

  /** The running broker's bootstrap servers; fails if called outside the test class's lifetime. */
  public String bootstrapServers() {
    return broker().bootstrapServers();
  }

  /**
   * Client properties that reach the running broker as {@code user}; see
   * {@link EmbeddedKafkaBroker#clientProperties(String)}. A container broker ignores the user.
   */
  public Map<String, Object> clientProperties(String user) {
    KafkaBroker current = broker();
    if (current instanceof EmbeddedKafkaBroker embedded) {
      return embedded.clientProperties(user);
    }
    return Map.of(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, current.bootstrapServers());
  }

  /** The running broker. */
  public KafkaBroker broker() {
    KafkaBroker current = broker;
    if (current == null) {
      throw new IllegalStateException("the Kafka fixture is not started: register it with "
          + "@RegisterExtension on a static field");
    }
    return current;
  }

  @Override
  public void beforeAll(ExtensionContext context) {
    broker = embeddedOnly ? embeddedSettings.start() : startBroker(embeddedSettings);
  }

  @Override
  public void afterAll(ExtensionContext context) {
    KafkaBroker current = broker;
    broker = null;
    if (current != null) {
      current.close();
    }
  }

  @Override
  public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
    return parameter.getParameter().getType() == KafkaBroker.class;
  }

  @Override
  public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
    return broker();
  }
}
