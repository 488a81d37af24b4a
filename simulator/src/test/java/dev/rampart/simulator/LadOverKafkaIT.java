package dev.rampart.simulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.google.protobuf.ByteString;
import dev.rampart.cli.TopicReader;
import dev.rampart.cli.data.Dataset;
import dev.rampart.cli.data.Datasets;
import dev.rampart.client.ClientRunSummary;
import dev.rampart.client.SoftmaxRegression;
import dev.rampart.coordinator.CodedMode;
import dev.rampart.coordinator.JobSummary;
import dev.rampart.coordinator.RoundSummary;
import dev.rampart.crypto.ChunkSigning;
import dev.rampart.crypto.Envelopes;
import dev.rampart.crypto.Identity;
import dev.rampart.protocol.DataShard;
import dev.rampart.protocol.Framing;
import dev.rampart.protocol.Reassembler;
import dev.rampart.protocol.Reassembly;
import dev.rampart.protocol.ReassemblyLimits;
import dev.rampart.protocol.TopicNames;
import dev.rampart.protocol.wire.Envelope;
import dev.rampart.protocol.wire.MessageType;
import dev.rampart.protocol.wire.RoundPlan;
import dev.rampart.protocol.wire.ShardDigest;
import dev.rampart.protocol.wire.Task;
import dev.rampart.testkit.KafkaFixture;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * LAD / Com-LAD through a real broker: six clients (one sign-flipping) load their shards from the
 * compacted shards topic, answer coded tasks with shared-seed rand-k compressed coded vectors, and
 * the coordinator decodes and robust-aggregates them.
 */
class LadOverKafkaIT {
  @RegisterExtension static final KafkaFixture KAFKA = KafkaFixture.create();

  private static final int CLIENTS = 6;
  private static final int REDUNDANCY = 3;
  private static final int ROUNDS = 12;
  private static final int DIMENSION = SoftmaxRegression.parameterCount(64, 10);

  @Test
  void run_codedTasksWithSharedRandK_shardsVerifiedTasksTiledUpdatesDecodedAndModelLearns() throws Exception {
    Dataset[] split = Datasets.digits().trainTestSplit(0.2, 7);
    List<DataShard> shards = CodedSimulation.shards(split[0].iidSplit(CLIENTS, 8));
    try (JobHarness h = new JobHarness("lad-it", KAFKA.bootstrapServers(), CLIENTS)) {
      TopicNames topics = TopicNames.of(h.job);
      CompletableFuture<JobSummary> coordinator = CompletableFuture.supplyAsync(() -> h.runCoordinator(
          h.config(new float[DIMENSION], ROUNDS).serverLearningRate(1.0).aggregation("nnm | trmean").maxByzantine(1)
              .codedMode(CodedMode.lad(shards, REDUNDANCY)).compression("randk(ratio=0.1,seed=shared)").build(),
          s -> { }));
      await().atMost(Duration.ofSeconds(60)).until(() -> topicExists(topics.shards())
          && TopicReader.values(h.bootstrap, topics.shards()).size() >= CLIENTS);
      publishForgedShards(h, topics);
      for (int i = 0; i < CLIENTS; i++) {
        SoftmaxRegression trainer = new SoftmaxRegression(shards.get(i).features(), shards.get(i).labels(), 10, i);
        if (i == CLIENTS - 1) {
          h.startClient(h.clients.get(i), trainer, Attacks.parse("sign-flip", i));
        } else {
          h.startClient(h.clients.get(i), trainer);
        }
      }
      JobSummary job = coordinator.get(120, TimeUnit.SECONDS);
      List<ClientRunSummary> clients = h.awaitClients();

      assertThat(cleanupPolicy(topics.shards())).isEqualTo("compact");
      List<RoundPlan> plans = openPlans(h, topics.plans());
      assertThat(plans).hasSize(ROUNDS);
      Map<Integer, byte[]> genuine = genuineShardDigests(shards);
      for (RoundPlan plan : plans) {
        assertThat(plan.getTasksList()).hasSize(CLIENTS);
        assertThat(coverage(plan.getTasksList())).containsOnly(REDUNDANCY).hasSize(CLIENTS);
        assertThat(plan.getShardDigestsList()).hasSize(CLIENTS).allSatisfy(d ->
            assertThat(d.getSha256().toByteArray()).isEqualTo(genuine.get(d.getShardId())));
        assertThat(plan.getCompression().getCodec()).isEqualTo("randk");
        assertThat(plan.getCompression().getParametersMap()).containsEntry("seed", "shared");
      }
      assertThat(plans.stream().map(p -> p.getCompression().getRoundSeed()).distinct()).hasSize(ROUNDS);

      assertThat(job.rounds()).isEqualTo(ROUNDS);
      assertThat(job.rejectedUpdates()).isZero();
      assertThat(job.acceptedUpdates()).isEqualTo((long) ROUNDS * CLIENTS);
      assertThat(h.rounds).allSatisfy(r -> assertThat(r.committed()).isTrue());
      // Every client dropped the record signed by another key; the three clients whose window
      // holds shard 0 also refused the coordinator-signed record whose digest is not the plan's.
      List<Integer> holdersOfShardZero = holders(plans.get(0), 0, h);
      assertThat(holdersOfShardZero).hasSize(REDUNDANCY);
      for (int i = 0; i < CLIENTS; i++) {
        assertThat(clients.get(i).finished()).isTrue();
        assertThat(clients.get(i).roundsAnswered()).isEqualTo(ROUNDS);
        assertThat(clients.get(i).ignoredMessages()).isEqualTo(holdersOfShardZero.contains(i) ? 2 : 1);
      }

      UpdateTraffic.Tally traffic = UpdateTraffic.read(h.bootstrap, topics.updates(), h.registry()).total();
      assertThat(traffic.updates()).isEqualTo((long) ROUNDS * CLIENTS);
      assertThat(traffic.compressedUpdates()).isEqualTo(traffic.updates());
      assertThat(traffic.payloadFraction()).isLessThanOrEqualTo(0.15);

      RoundSummary last = h.rounds.get(h.rounds.size() - 1);
      double accuracy = SoftmaxRegression.accuracy(last.model(), split[1].features(), split[1].labels(), 10);
      System.out.printf("LadOverKafkaIT: test accuracy %.4f after %d rounds, payload %.4f of dense%n", accuracy, ROUNDS,
          traffic.payloadFraction());
      assertThat(accuracy).isGreaterThan(0.80);
    }
  }

  /** A coordinator-signed shard 0 whose content differs, and a shard 1 signed by a rogue key. */
  private static void publishForgedShards(JobHarness h, TopicNames topics) throws Exception {
    float[][] x = {new float[64]};
    byte[] forged = new DataShard(0, CLIENTS, x, new int[] {3}, 10).toWire().toByteArray();
    Envelope wrongContent = Envelopes.seal(h.coordinator, MessageType.SHARD, h.job.value(), 0, forged, 0);
    Identity rogue = Identity.generate("coordinator", new SecureRandom());
    byte[] forged1 = new DataShard(1, CLIENTS, x, new int[] {4}, 10).toWire().toByteArray();
    Envelope wrongKey = Envelopes.seal(rogue, MessageType.SHARD, h.job.value(), 1, forged1, 0);
    try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(Map.of("bootstrap.servers", h.bootstrap),
        new StringSerializer(), new ByteArraySerializer())) {
      for (Envelope e : List.of(wrongContent, wrongKey)) {
        producer.send(new ProducerRecord<>(topics.shards(), "shard-" + e.getRound(),
            Framing.frames(e, Framing.DEFAULT_MAX_FRAME_BYTES, 0, ChunkSigning.signer(e == wrongKey ? rogue : h.coordinator))
                .get(0).toByteArray())).get(30, TimeUnit.SECONDS);
      }
    }
  }

  private static boolean topicExists(String topic) throws Exception {
    try (Admin admin = Admin.create(Map.of("bootstrap.servers", KAFKA.bootstrapServers()))) {
      return admin.listTopics().names().get(30, TimeUnit.SECONDS).contains(topic);
    }
  }

  private static String cleanupPolicy(String topic) throws Exception {
    try (Admin admin = Admin.create(Map.of("bootstrap.servers", KAFKA.bootstrapServers()))) {
      ConfigResource resource = new ConfigResource(ConfigResource.Type.TOPIC, topic);
      Config config = admin.describeConfigs(List.of(resource)).all().get(30, TimeUnit.SECONDS).get(resource);
      return config.get("cleanup.policy").value();
    }
  }

  private static List<RoundPlan> openPlans(JobHarness h, String topic) throws Exception {
    Reassembler reassembler = Reassembler.create(ReassemblyLimits.defaults(), ChunkSigning.pinned(h.coordinator.publicKey()),
        Clock.systemUTC());
    Map<Long, RoundPlan> byRound = new HashMap<>();
    for (byte[] value : TopicReader.values(h.bootstrap, topic)) {
      if (reassembler.accept(null, value) instanceof Reassembly.Complete c) {
        RoundPlan plan = RoundPlan.parseFrom(c.envelope().getBody());
        if (!plan.getClosed()) {
          byRound.put(plan.getRound(), plan);
        }
      }
    }
    return new ArrayList<>(new java.util.TreeMap<>(byRound).values());
  }

  private static Map<Integer, byte[]> genuineShardDigests(List<DataShard> shards) {
    Map<Integer, byte[]> out = new HashMap<>();
    for (DataShard s : shards) {
      out.put(s.shardId(), DataShard.sha256(s.toWire().toByteArray()));
    }
    return out;
  }

  private static List<Integer> coverage(List<Task> tasks) {
    int[] c = new int[CLIENTS];
    tasks.forEach(t -> t.getShardIdsList().forEach(k -> c[k]++));
    return java.util.Arrays.stream(c).boxed().toList();
  }

  /** Indexes of the clients whose task in {@code plan} names {@code shard}. */
  private static List<Integer> holders(RoundPlan plan, int shard, JobHarness h) {
    List<Integer> out = new ArrayList<>();
    for (Task t : plan.getTasksList()) {
      if (t.getShardIdsList().contains(shard)) {
        for (int i = 0; i < h.clients.size(); i++) {
          if (h.clients.get(i).id().equals(t.getClientId())) {
            out.add(i);
          }
        }
      }
    }
    return out;
  }
}
