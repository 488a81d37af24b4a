package dev.rampart.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.ByteString;
import dev.rampart.client.ClientConfig;
import dev.rampart.client.ClientRunSummary;
import dev.rampart.client.FederatedClient;
import dev.rampart.client.LocalUpdate;
import dev.rampart.client.SecureAggregationPolicy;
import dev.rampart.coordinator.internal.KafkaChannels;
import dev.rampart.coordinator.internal.Publisher;
import dev.rampart.crypto.ClientRegistry;
import dev.rampart.crypto.Identity;
import dev.rampart.protocol.FloatVectors;
import dev.rampart.protocol.Framing;
import dev.rampart.protocol.JobId;
import dev.rampart.protocol.Reassembler;
import dev.rampart.protocol.Reassembly;
import dev.rampart.protocol.ReassemblyLimits;
import dev.rampart.protocol.SecAggRecordKeys;
import dev.rampart.protocol.TopicNames;
import dev.rampart.protocol.wire.Group;
import dev.rampart.protocol.wire.ModelVersion;
import dev.rampart.protocol.wire.RoundPlan;
import dev.rampart.protocol.wire.SecAggMemberKey;
import dev.rampart.protocol.wire.SecAggSpec;
import dev.rampart.testkit.KafkaFixture;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A coordinator that signs malicious plans with the very key the client pins, published through
 * the real {@link Publisher} and framing, against a real {@link FederatedClient} whose
 * secure-aggregation policy holds a local registry. A plan without secure aggregation, a plan
 * that pairs the client with one peer, and a plan that substitutes a peer's key are each refused:
 * the updates and secagg topics carry nothing from the client for that round. A compliant plan is
 * answered (the client advertises its keys), so the topics are read correctly.
 */
class MaliciousCoordinatorIT {
  @RegisterExtension static final KafkaFixture KAFKA = KafkaFixture.create();

  private static final JobId JOB = JobId.of("malicious-coordinator-it");
  private static final TopicNames TOPICS = TopicNames.of(JOB);
  private static final int DIMENSION = 6;
  private static final Identity COORDINATOR = Identity.generate("coordinator", new SecureRandom());
  private static final Identity TARGET = Identity.generate("client-0", new SecureRandom());
  private static final List<Identity> PEERS = List.of(Identity.generate("client-1", new SecureRandom()),
      Identity.generate("client-2", new SecureRandom()), Identity.generate("client-3", new SecureRandom()));
  private static final float[] MODEL = new float[DIMENSION];
  /** Each test takes the next round, so its plan is the newest whatever order the tests run in. */
  private static final AtomicLong ROUNDS = new AtomicLong();

  private static KafkaChannels channels;
  private static Publisher publisher;
  private static ClientRegistry registry;

  @BeforeAll
  static void publishModel() {
    channels = new KafkaChannels(Map.of("bootstrap.servers", KAFKA.bootstrapServers()), TOPICS);
    channels.ensureTopics(1, (short) 1);
    publisher = new Publisher(channels, TOPICS, COORDINATOR, Framing.DEFAULT_MAX_FRAME_BYTES, Clock.systemUTC());
    publisher.publishModel(ModelVersion.newBuilder().setJobId(JOB.value()).setVersion(0)
        .setDigest(ByteString.copyFrom(FloatVectors.digest(MODEL))).setParameters(FloatVectors.toWire(MODEL))
        .build());
    registry = ClientRegistry.empty().withClient(TARGET.id(), TARGET.publicKey());
    for (Identity p : PEERS) {
      registry = registry.withClient(p.id(), p.publicKey());
    }
  }

  @AfterAll
  static void closeChannels() {
    channels.close();
  }

  @Test
  void run_planWithoutSecureAggregation_refusedAndNothingPublished() throws Exception {
    long round = ROUNDS.incrementAndGet();
    RoundPlan plan = plan(round, 10).clearSecureAggregation().build();

    ClientRunSummary summary = answer(plan);

    assertThat(summary.roundsSkipped()).isEqualTo(1);
    assertNothingSentIn(round);
  }

  @Test
  void run_twoMemberGroup_refusedAndNothingPublished() throws Exception {
    long round = ROUNDS.incrementAndGet();
    RoundPlan plan = plan(round, 10).clearGroups().addGroups(group(TARGET.id(), PEERS.get(0).id()))
        .setSecureAggregation(spec(PEERS.get(0)).setGroupSize(2).setThreshold(2).setMinSurvivors(2)).build();

    ClientRunSummary summary = answer(plan);

    assertThat(summary.roundsSkipped()).isEqualTo(1);
    assertNothingSentIn(round);
  }

  @Test
  void run_substitutedPeerKey_refusedAndNothingPublished() throws Exception {
    SecAggSpec.Builder spec = spec(PEERS.get(0), PEERS.get(2))
        .addMemberKeys(key(PEERS.get(1).id(), Identity.generate("held-by-coordinator", new SecureRandom())));
    long round = ROUNDS.incrementAndGet();
    RoundPlan plan = plan(round, 10).setSecureAggregation(spec).build();

    ClientRunSummary summary = answer(plan);

    assertThat(summary.roundsSkipped()).isEqualTo(1);
    assertNothingSentIn(round);
  }

  @Test
  void run_compliantPlan_answeredWithKeyAdvertisement() throws Exception {
    long round = ROUNDS.incrementAndGet();

    ClientRunSummary summary = answer(plan(round, 6).build());

    assertThat(summary.roundsAnswered()).isEqualTo(1);
    assertThat(clientRecords(TOPICS.secagg(), round)).isNotEmpty();
    assertThat(clientRecords(TOPICS.updates(), round)).isEmpty();
  }

  /** Runs a fresh client on {@code plan} (marked final) until it has handled it. */
  private static ClientRunSummary answer(RoundPlan plan) throws Exception {
    publisher.publishPlan(plan);
    ClientConfig config = ClientConfig.builder().identity(TARGET).coordinatorKey(COORDINATOR.publicKey()).job(JOB)
        .bootstrapServers(KAFKA.bootstrapServers())
        .secureAggregationPolicy(SecureAggregationPolicy.required(registry)).build();
    ExecutorService pool = Executors.newSingleThreadExecutor();
    try (FederatedClient client = FederatedClient.create(config,
        (model, params, round) -> new LocalUpdate(new float[DIMENSION], 10, 1f))) {
      Future<ClientRunSummary> run = pool.submit(client::run);
      return run.get(60, TimeUnit.SECONDS);
    } finally {
      pool.shutdownNow();
    }
  }

  /** Four members, t = 3, s_min = 3, every key as enrolled, deadline {@code seconds} ahead. */
  private static RoundPlan.Builder plan(long round, int seconds) {
    List<String> members = new ArrayList<>(List.of(TARGET.id()));
    PEERS.forEach(p -> members.add(p.id()));
    return RoundPlan.newBuilder().setJobId(JOB.value()).setRound(round).setModelVersion(0)
        .setModelDigest(ByteString.copyFrom(FloatVectors.digest(MODEL))).addAllParticipants(members)
        .addGroups(group(members.toArray(String[]::new))).setDimension(DIMENSION)
        .setDeadlineMs(System.currentTimeMillis() + seconds * 1000L).setFinalRound(true)
        .setSecureAggregation(spec(PEERS.toArray(Identity[]::new)));
  }

  private static SecAggSpec.Builder spec(Identity... peers) {
    SecAggSpec.Builder s = SecAggSpec.newBuilder().setGroupSize(4).setThreshold(3).setMinSurvivors(3).setClip(1.0)
        .setBits(30).setCoordinatorId(COORDINATOR.id()).addMemberKeys(key(TARGET.id(), TARGET));
    for (Identity p : peers) {
      s.addMemberKeys(key(p.id(), p));
    }
    return s;
  }

  private static SecAggMemberKey key(String id, Identity holder) {
    return SecAggMemberKey.newBuilder().setClientId(id).setPublicKey(ByteString.copyFrom(holder.publicKey().bytes()))
        .build();
  }

  private static Group group(String... members) {
    return Group.newBuilder().setGroupId(0).addAllMembers(List.of(members)).build();
  }

  private static void assertNothingSentIn(long round) {
    assertThat(clientRecords(TOPICS.updates(), round)).as("updates of round %d", round).isEmpty();
    assertThat(clientRecords(TOPICS.secagg(), round)).as("secagg messages of round %d", round).isEmpty();
  }

  /**
   * The records the client wrote for {@code round} on {@code topic}: on the updates topic every
   * record keyed by the client id whose envelope names the round, on the secagg topic every
   * client-keyed record of the round.
   */
  private static List<String> clientRecords(String topic, long round) {
    List<String> out = new ArrayList<>();
    try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(
        Map.<String, Object>of("bootstrap.servers", KAFKA.bootstrapServers()), new StringDeserializer(),
        new ByteArrayDeserializer())) {
      List<TopicPartition> partitions = consumer.partitionsFor(topic, Duration.ofSeconds(10)).stream()
          .map(p -> new TopicPartition(topic, p.partition())).toList();
      consumer.assign(partitions);
      consumer.seekToBeginning(partitions);
      Map<TopicPartition, Long> ends = consumer.endOffsets(partitions, Duration.ofSeconds(10));
      long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
      while (ends.entrySet().stream().anyMatch(e -> consumer.position(e.getKey()) < e.getValue())) {
        assertThat(System.nanoTime()).as("reading %s in time", topic).isLessThan(deadline);
        for (ConsumerRecord<String, byte[]> r : consumer.poll(Duration.ofMillis(200))) {
          if (topic.equals(TOPICS.secagg()) ? SecAggRecordKeys.isClientKeyOfRound(r.key(), round)
              : TARGET.id().equals(r.key()) && roundOf(r.value()) == round) {
            out.add(r.key());
          }
        }
      }
    }
    return out;
  }

  /** The round of the envelope a one-frame record carries, or -1. */
  private static long roundOf(byte[] frame) {
    return Reassembler.create(ReassemblyLimits.defaults(), chunk -> Optional.empty(), Clock.systemUTC())
        .accept(null, frame) instanceof Reassembly.Complete c
        ? c.envelope().getRound() : -1;
  }
}
