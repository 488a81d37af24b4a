package dev.rampart.testkit.internal;

import dev.rampart.testkit.KafkaBroker;
import java.util.concurrent.atomic.AtomicBoolean;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.kafka.KafkaContainer;

/** An Apache Kafka broker in a Testcontainers container; used only when Docker answers. */
public final class ContainerBroker implements KafkaBroker {
  /** The official Apache Kafka image, matching the client version. */
  public static final String IMAGE = "apache/kafka:4.1.0";

  private final KafkaContainer container;
  private final AtomicBoolean closed = new AtomicBoolean();

  private ContainerBroker(KafkaContainer container) {
    this.container = container;
  }

  /** Whether a Docker engine answers; Testcontainers finds out in well under a second when none runs. */
  public static boolean dockerAvailable() {
    try {
      return DockerClientFactory.instance().isDockerAvailable();
    } catch (RuntimeException | LinkageError e) {
      return false;
    }
  }

  /** Starts a container and waits until the broker serves requests. */
  public static ContainerBroker start() {
    KafkaContainer container = new KafkaContainer(IMAGE);
    container.start();
    return new ContainerBroker(container);
  }

  @Override
  public String bootstrapServers() {
    return container.getBootstrapServers();
  }

  @Override
  public String description() {
    return "Testcontainers " + IMAGE + " at " + bootstrapServers();
  }

  @Override
  public void close() {
    if (closed.compareAndSet(false, true)) {
      container.stop();
    }
  }
}
