package dev.rampart.simulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.rampart.cli.JobAcls;
import dev.rampart.cli.data.Dataset;
import dev.rampart.cli.data.Datasets;
import dev.rampart.client.ClientRunSummary;
import dev.rampart.client.SoftmaxRegression;
import dev.rampart.client.UpdateTransform;
import dev.rampart.coordinator.JobSummary;
import dev.rampart.coordinator.RoundSummary;
import dev.rampart.coordinator.SecureAggregation;
import dev.rampart.coordinator.SecureGroupResult;
import dev.rampart.crypto.Identity;
import dev.rampart.protocol.JobId;
import dev.rampart.protocol.TopicNames;
import dev.rampart.testkit.EmbeddedKafkaBroker;
import dev.rampart.testkit.KafkaFixture;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.acl.AclBinding;
import org.apache.kafka.common.config.SaslConfigs;
import org.apache.kafka.common.config.provider.DirectoryConfigProvider;
import org.apache.kafka.common.errors.TopicAuthorizationException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Jobs on a broker with SASL/SCRAM logins and the standard authorizer: one principal per party,
 * only the ACLs of {@link JobAcls}. Each party reads its password from a file through Kafka's
 * directory config provider, so no Kafka setting holds it. During a job an enrolled client's
 * principal tries to publish a plan and to read the other clients' updates; the broker refuses
 * both, and every round still commits.
 */
class KafkaAclIT {
  private static final TopicNames PLAIN = TopicNames.of(JobId.of("acl-plain"));
  private static final TopicNames SECURE = TopicNames.of(JobId.of("acl-secure"));
  private static final int CLIENTS = 4;
  private static final int ROUNDS = 3;
  private static final String COORDINATOR = "coordinator";
  private static final Map<String, String> PASSWORDS = passwords();
  private static final Duration READ_ATTEMPT = Duration.ofSeconds(15);

  @RegisterExtension static final KafkaFixture KAFKA = KafkaFixture.secured(brokerSettings());

  @TempDir Path secrets;
  @TempDir Path runDirectory;

  @Test
  void run_plainJobWithJobAcls_everyUpdateAcceptedAndBrokerRefusesClientPlanWriteAndUpdatesRead() throws Exception {
    CompletableFuture<Throwable> planWrite = new CompletableFuture<>();
    CompletableFuture<Throwable> updatesRead = new CompletableFuture<>();
    try (JobHarness h = new JobHarness(PLAIN.job().value(), KAFKA.bootstrapServers(), CLIENTS)) {
      JobSummary job = runJob(h, Optional.empty(), round -> {
        if (round.round() == 1) {
          h.submit(() -> planWrite.complete(catchThrowable(() -> publishPlanAs("client-0", PLAIN))));
          h.submit(() -> updatesRead.complete(readUpdatesAs("client-1", PLAIN)));
        }
      });

      assertThat(planWrite.get(60, TimeUnit.SECONDS)).as("a client publishing a plan")
          .isInstanceOf(ExecutionException.class).cause().isInstanceOf(TopicAuthorizationException.class)
          .satisfies(e -> assertThat(((TopicAuthorizationException) e).unauthorizedTopics())
              .containsExactly(PLAIN.plans()));
      assertThat(updatesRead.get(60, TimeUnit.SECONDS)).as("a client reading the updates")
          .isInstanceOf(TopicAuthorizationException.class)
          .satisfies(e -> assertThat(((TopicAuthorizationException) e).unauthorizedTopics())
              .containsExactly(PLAIN.updates()));
      assertThat(job.acceptedUpdates()).isEqualTo(CLIENTS * ROUNDS);
      assertThat(job.rejectedUpdates()).isZero();
    }
  }

  @Test
  void run_secureJobWithJobAcls_everyGroupSucceedsAndBrokerRefusesClientPlanWrite() throws Exception {
    List<SecureGroupResult> groups = new CopyOnWriteArrayList<>();
    CompletableFuture<Throwable> planWrite = new CompletableFuture<>();
    SecureAggregation secure = SecureAggregation.builder().groupSize(CLIENTS).clip(1.0)
        .phaseTimeout(Duration.ofSeconds(10)).listener(groups::add).build();
    try (JobHarness h = new JobHarness(SECURE.job().value(), KAFKA.bootstrapServers(), CLIENTS)) {
      runJob(h, Optional.of(secure), round -> {
        if (round.round() == 1) {
          h.submit(() -> planWrite.complete(catchThrowable(() -> publishPlanAs("client-2", SECURE))));
        }
      });

      assertThat(planWrite.get(60, TimeUnit.SECONDS)).as("a client publishing a plan")
          .isInstanceOf(ExecutionException.class).cause().isInstanceOf(TopicAuthorizationException.class);
      assertThat(groups).hasSize(ROUNDS).allSatisfy(g -> {
        assertThat(g.succeeded()).as("%s", g.failure()).isTrue();
        assertThat(g.survivors()).hasSize(CLIENTS);
      });
    }
  }

  /**
   * Runs a job of {@link #ROUNDS} rounds on the digits, every party logged in as itself, and
   * checks that every round committed and every client saw the job to its end.
   */
  private JobSummary runJob(JobHarness h, Optional<SecureAggregation> secure, Consumer<RoundSummary> during)
      throws Exception {
    writePasswordFiles();
    Dataset[] shards = Datasets.digits().trainTestSplit(0.2, 1)[0].iidSplit(CLIENTS, 2);
    for (int i = 0; i < CLIENTS; i++) {
      Identity id = h.clients.get(i);
      var config = h.clientConfigBuilder(id);
      loginProperties(id.id()).forEach(config::kafkaProperty);
      h.startClient(config.build(), new SoftmaxRegression(shards[i].features(), shards[i].labels(), 10, i),
          UpdateTransform.identity());
    }
    var config = h.config(new float[SoftmaxRegression.parameterCount(64, 10)], ROUNDS)
        .trainingParameter("learning_rate", "0.5").runDirectory(runDirectory);
    secure.ifPresent(config::secureAggregation);
    loginProperties(COORDINATOR).forEach(config::kafkaProperty);
    JobSummary job = h.runCoordinator(config.build(), during);
    List<ClientRunSummary> clients = h.awaitClients();

    assertThat(job.rounds()).isEqualTo(ROUNDS);
    assertThat(job.finalModelVersion()).isEqualTo(ROUNDS);
    assertThat(h.rounds).hasSize(ROUNDS).allSatisfy(r -> assertThat(r.committed()).isTrue());
    assertThat(clients).allSatisfy(c -> {
      assertThat(c.finished()).isTrue();
      assertThat(c.roundsAnswered()).isEqualTo(ROUNDS);
    });
    return job;
  }

  /** A forged plan record from a client's principal; the broker must refuse it. */
  private static void publishPlanAs(String principal, TopicNames topics) throws Exception {
    try (KafkaProducer<String, byte[]> producer = producer(principal)) {
      producer.send(new ProducerRecord<>(topics.plans(), "99", new byte[] {1, 2, 3})).get();
    }
  }

  /**
   * Polls the updates topic from its beginning as a client for up to {@link #READ_ATTEMPT}.
   *
   * @return what a poll threw, or null if every poll returned (the broker let the client read)
   */
  private static Throwable readUpdatesAs(String principal, TopicNames topics) {
    Map<String, Object> p = new HashMap<>(KAFKA.clientProperties(principal));
    p.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
    try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(p, new StringDeserializer(),
        new ByteArrayDeserializer())) {
      consumer.assign(List.of(new TopicPartition(topics.updates(), 0)));
      long deadline = System.nanoTime() + READ_ATTEMPT.toNanos();
      while (System.nanoTime() < deadline) {
        try {
          consumer.poll(Duration.ofMillis(200));
        } catch (KafkaException e) {
          return e;
        }
      }
      return null;
    }
  }

  private static KafkaProducer<String, byte[]> producer(String principal) {
    Map<String, Object> p = new HashMap<>(KAFKA.clientProperties(principal));
    p.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, 30_000);
    p.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, 30_000);
    p.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, 10_000);
    return new KafkaProducer<>(p, new StringSerializer(), new ByteArraySerializer());
  }

  /**
   * The SASL settings a deployed party would pass through {@code kafka.properties}: the JAAS line
   * names the password file, which Kafka's directory config provider reads when the client starts.
   */
  private Map<String, String> loginProperties(String principal) {
    Map<String, String> p = new LinkedHashMap<>();
    p.put(CommonClientConfigs.SECURITY_PROTOCOL_CONFIG, "SASL_PLAINTEXT");
    p.put(SaslConfigs.SASL_MECHANISM, EmbeddedKafkaBroker.SASL_MECHANISM);
    p.put(SaslConfigs.SASL_JAAS_CONFIG, "org.apache.kafka.common.security.scram.ScramLoginModule required "
        + "username=\"" + principal + "\" password=\"${dir:" + secrets + ":" + principal + "}\";");
    p.put("config.providers", "dir");
    p.put("config.providers.dir.class", DirectoryConfigProvider.class.getName());
    return p;
  }

  private void writePasswordFiles() throws Exception {
    for (var e : PASSWORDS.entrySet()) {
      Files.writeString(secrets.resolve(e.getKey()), e.getValue(), StandardCharsets.UTF_8);
    }
  }

  private static Map<String, String> passwords() {
    Map<String, String> p = new LinkedHashMap<>();
    SecureRandom random = new SecureRandom();
    p.put(COORDINATOR, randomPassword(random));
    for (int i = 0; i < CLIENTS; i++) {
      p.put("client-" + i, randomPassword(random));
    }
    return p;
  }

  private static String randomPassword(SecureRandom random) {
    byte[] b = new byte[12];
    random.nextBytes(b);
    return HexFormat.of().formatHex(b);
  }

  private static EmbeddedKafkaBroker.Builder brokerSettings() {
    EmbeddedKafkaBroker.Builder b = EmbeddedKafkaBroker.builder();
    List<AclBinding> acls = new ArrayList<>();
    for (TopicNames topics : List.of(PLAIN, SECURE)) {
      acls.addAll(JobAcls.coordinator(COORDINATOR, topics));
      PASSWORDS.keySet().stream().filter(user -> !user.equals(COORDINATOR))
          .forEach(user -> acls.addAll(JobAcls.client(user, topics)));
    }
    PASSWORDS.forEach(b::user);
    return b.acls(acls);
  }
}
