package dev.rampart.cli.deploy;

import dev.rampart.cli.hostile.Attack;
import dev.rampart.cli.hostile.HostileFlood;
import dev.rampart.cli.hostile.PeakHeap;
import dev.rampart.crypto.Identity;
import dev.rampart.protocol.JobId;
import dev.rampart.protocol.TopicNames;
import dev.rampart.testkit.KafkaFixture;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import java.util.stream.LongStream;
import java.util.stream.Stream;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * A deployed secure-aggregation job under a flood of hostile records over the real broker.
 *
 * <p>Six client JVMs run the job in two secure-aggregation groups of three. Five are honest; the
 * sixth, {@code client-05}, is the enrolled Byzantine client: it takes part in the protocol like any
 * member, and its key also signs a ~9,000-deep nested KEY_LIST and a 4 MiB MASKED_INPUT per round,
 * which the test publishes on the secagg topic. An outsider without a Rampart identity meanwhile
 * writes at least 100,000 records to the updates, secagg, plans and models topics
 * ({@link HostileFlood}): never-completing chunk sets announcing 2^20 chunks and a far expiry,
 * contradicting chunks with honest transfer ids, random bytes, 200 KiB sender ids of control
 * characters (as record key and envelope sender), and well-formed envelopes with random signatures
 * claiming enrolled senders or the coordinator. The test creates the job's topics and the outsider
 * writes 100,000 of those records before the coordinator starts, the rest paced over the rounds. Every process is a JVM with {@code -Xmx512m}; every
 * honest message is chunked ({@code max-frame-bytes: 1024}) so the outsider has honest chunks to
 * contradict. With secure aggregation on, the coordinator reads no updates topic: the updates flood
 * only costs the broker, and the coordinator's reassembler is attacked through the secagg topic.
 *
 * <p>A second test floods a plain job the same way, where the coordinator itself reads the updates
 * topic, so the updates reader faces the chunk floods, contradictions and forged envelopes too.
 *
 * <p>The same job without flood and without the Byzantine messages runs first, for three rounds, as
 * the baseline: its audit log's fixed bytes and bytes per round bound the flooded job's. Every
 * process runs with {@code -XX:+ExitOnOutOfMemoryError} (an OOM anywhere ends the process instead
 * of leaving it hung) and writes a GC log, from which the peak heap is read. The test prints the
 * hostile records sent per topic and kind, each process's peak heap and the audit bytes per round
 * of both jobs. {@code -Drampart.hostile.attacks=RANDOM_BYTES,LONG_SENDER} (any {@link Attack}
 * names) sends only those kinds.
 */
class HostileTopicIT {
  @RegisterExtension static final KafkaFixture KAFKA = KafkaFixture.create();
  private static final int ROUNDS = 10;
  private static final int BASELINE_ROUNDS = 3;
  /** System property naming the attack kinds to send (default: all). */
  static final String ATTACKS_PROPERTY = "rampart.hostile.attacks";
  private static final int HONEST = 5;
  private static final int BYZANTINE = 5;
  private static final int CLIENTS = HONEST + 1;
  private static final long FLOOD_BUDGET = 110_000;
  private static final long REQUIRED_HOSTILE_RECORDS = 100_000;
  /**
   * Bulk records the outsider writes once the job's topics exist and before the coordinator
   * starts: all of the required ones, because a plain job's rounds can be faster than the flood on a
   * loaded machine (one such run ended with 84,428 sent), and every reader starts from the topics'
   * beginning (the coordinator's updates reader without committed offsets, the clients' plans and
   * models readers always), so they still meet these. The rest of the budget is paced over the
   * rounds, with the per-round attacks and the contradicting chunks.
   */
  private static final long PREFILL = REQUIRED_HOSTILE_RECORDS;
  /** Largest audit record the mirror and every reader must carry: 64 KiB. */
  private static final int MAX_AUDIT_RECORD_BYTES = 64 * 1024;
  /** Slack on the baseline's bytes for what varies run to run (timestamps, digests, numbers' digits). */
  private static final double BASELINE_SLACK = 0.10;
  private static final Duration JOB_TIMEOUT = Duration.ofMinutes(4);
  /** How long clients may take to end once the coordinator failed. */
  private static final Duration CLIENT_GRACE = Duration.ofSeconds(20);
  private static final String PLAIN_SETTINGS = String.join("\n",
      "aggregation: average",
      "max-frame-bytes: 1024",
      "");
  private static final String SETTINGS = PLAIN_SETTINGS + String.join("\n",
      "secure-aggregation:",
      "  enabled: true",
      "  group-size: 3",
      "  phase-timeout: 20s",
      "");

  @TempDir Path dir;

  /**
   * Depends on every defence of DESIGN.md section 7 "Budgets, not hopes": bounded, signed chunk
   * reassembly (else the 2^20-chunk sets exhaust the heap, or contradicting chunks drop honest
   * sets), fault boundaries and per-round summaries of unauthenticated rejections (else every
   * hostile record becomes an audit record, some larger than 64 KiB), one-level nesting of
   * secure-aggregation lists (else the nested KEY_LIST overflows the coordinator's stack) and a
   * size bound on secure-aggregation messages.
   */
  @Test
  void secureJob_floodedByOutsiderAndByzantine_everyRoundCommitsEveryHonestInputAndAuditStaysPerRound()
      throws Exception {
    HostileRun baseline = run("hostile-baseline", BASELINE_ROUNDS, false, SETTINGS);
    HostileRun flooded = run("hostile-flooded", ROUNDS, true, SETTINGS);
    print(baseline, flooded);

    SoftAssertions soft = new SoftAssertions();
    checkProcesses(soft, baseline);
    checkProcesses(soft, flooded);
    for (HostileRun run : List.of(baseline, flooded)) {
      checkCommits(soft, run);
      checkHonestInputs(soft, run);
    }
    checkFloodAndAudit(soft, baseline, flooded);
    soft.assertAll();
  }

  /**
   * The same flood against a plain job, where the coordinator reads the updates topic itself: every
   * client's signed, chunked update must be reassembled and accepted between the outsider's chunk
   * floods, contradicting chunks, random bytes, long senders and badly signed envelopes, in every
   * round. Depends on the same defences as the secure job, on the coordinator's updates reader.
   */
  @Test
  void plainJob_floodedByOutsider_everyRoundCommitsEveryClientsUpdateAndAuditStaysPerRound() throws Exception {
    HostileRun baseline = run("hostile-plain-baseline", BASELINE_ROUNDS, false, PLAIN_SETTINGS);
    HostileRun flooded = run("hostile-plain-flooded", ROUNDS, true, PLAIN_SETTINGS);
    print(baseline, flooded);

    SoftAssertions soft = new SoftAssertions();
    List<String> everyClient = IntStream.range(0, CLIENTS).mapToObj(ProcessJob::clientId).toList();
    for (HostileRun run : List.of(baseline, flooded)) {
      checkProcesses(soft, run);
      soft.assertThat(run.commits().keySet()).as("%s: committed rounds", run.name)
          .containsExactlyElementsOf(LongStream.rangeClosed(1, run.rounds).boxed().toList());
      run.commits().forEach((round, commits) -> {
        soft.assertThat(commits).as("%s: commits of round %d", run.name, round).hasSize(1);
        soft.assertThat(commits.get(0)).as("%s: inputs of round %d", run.name, round)
            .containsExactlyInAnyOrderElementsOf(everyClient);
      });
    }
    checkFloodAndAudit(soft, baseline, flooded);
    soft.assertAll();
  }

  private static void checkFloodAndAudit(SoftAssertions soft, HostileRun baseline, HostileRun flooded) {
    soft.assertThat(flooded.floodFailure).as("the flood's producer failed").isEmpty();
    soft.assertThat(flooded.hostileRecords).as("hostile records sent to the job's topics")
        .isGreaterThanOrEqualTo(REQUIRED_HOSTILE_RECORDS);
    soft.assertThat(flooded.largestAuditRecord).as("largest audit record of the flooded job, bytes")
        .isLessThanOrEqualTo(MAX_AUDIT_RECORD_BYTES);
    soft.assertThat(flooded.auditBytes).as("audit bytes of the flooded job: at most the baseline's %d fixed + %d per"
        + " round, +%d%%, + one %d-byte summary per round + one record per Byzantine message (%d)",
        baseline.fixedAuditBytes, baseline.auditBytesPerRound(), Math.round(BASELINE_SLACK * 100),
        MAX_AUDIT_RECORD_BYTES, flooded.byzantineMessages).isLessThanOrEqualTo(auditBound(baseline, flooded));
    soft.assertThat(flooded.auditVerifyExit).as("rampart audit verify on the flooded run").isZero();
    soft.assertThat(baseline.auditVerifyExit).as("rampart audit verify on the baseline run").isZero();
  }

  /**
   * The flooded job's audit log may exceed what the baseline's records take for as many rounds
   * (its fixed records plus its bytes per round times the rounds, with slack) only by what does not
   * depend on the number of hostile records: one bounded summary per round and one record per
   * authenticated (Byzantine) message.
   */
  private static long auditBound(HostileRun baseline, HostileRun flooded) {
    long honest = baseline.fixedAuditBytes + baseline.auditBytesPerRound() * flooded.rounds;
    return Math.round(honest * (1 + BASELINE_SLACK)) + (long) flooded.rounds * MAX_AUDIT_RECORD_BYTES
        + flooded.byzantineMessages * MAX_AUDIT_RECORD_BYTES;
  }

  private HostileRun run(String jobName, int rounds, boolean hostile, String settings) throws Exception {
    Path jobDir = dir.resolve(jobName);
    try (ProcessJob job = new ProcessJob(jobDir, KAFKA.bootstrapServers(), jobName, CLIENTS, rounds, "100s", 29,
        settings)) {
      for (int i = 0; i < CLIENTS; i++) {
        Files.writeString(jobDir.resolve(ProcessJob.clientId(i) + ".yaml"), "max-frame-bytes: 1024\n",
            StandardOpenOption.APPEND);
      }
      job.jvmOptions(name -> jvmOptions(jobDir, name));
      Process[] clients = new Process[CLIENTS];
      for (int i = 0; i < CLIENTS; i++) {
        clients[i] = job.startClient(i);
      }
      for (int i = 0; i < CLIENTS; i++) {
        job.awaitLog(ProcessJob.clientId(i), 1, "waiting for the job's topics", JOB_TIMEOUT);
      }
      Optional<HostileFlood> flood = Optional.empty();
      if (hostile) {
        createTopics(TopicNames.of(JobId.of(jobName)));
        flood = Optional.of(HostileFlood.start(floodSettings(job, jobName)));
        if (!flood.get().awaitSent(PREFILL, JOB_TIMEOUT)) {
          throw new IllegalStateException("the outsider sent only " + flood.get().sent() + " of " + PREFILL
              + " records before the job", flood.get().failure().orElse(null));
        }
      }
      long start = System.nanoTime();
      Process coordinator = job.startCoordinator();
      Map<String, Integer> exits = new LinkedHashMap<>();
      try {
        long deadline = System.nanoTime() + JOB_TIMEOUT.toNanos();
        exits.put("coordinator-1", exitBy(coordinator, deadline));
        // Without a coordinator that finished the job, clients wait for a final plan that never comes.
        long clientDeadline = exits.get("coordinator-1") == 0 ? deadline
            : Math.min(deadline, System.nanoTime() + CLIENT_GRACE.toNanos());
        for (int i = 0; i < CLIENTS; i++) {
          exits.put(ProcessJob.clientId(i) + "-1", exitBy(clients[i], clientDeadline));
        }
      } finally {
        flood.ifPresent(HostileFlood::close);
      }
      return new HostileRun(jobName, rounds, job, exits, (System.nanoTime() - start) / 1e9, flood);
    }
  }

  /**
   * Creates the job's topics as the coordinator would (models and shards compacted, the audit
   * mirror kept), so the outsider can write to them before the job starts; the coordinator finds
   * them existing.
   */
  private static void createTopics(TopicNames t) throws Exception {
    try (Admin admin = Admin.create(Map.<String, Object>of("bootstrap.servers", KAFKA.bootstrapServers()))) {
      admin.createTopics(List.of(new NewTopic(t.plans(), 1, (short) 1),
          new NewTopic(t.models(), 1, (short) 1).configs(Map.of("cleanup.policy", "compact")),
          new NewTopic(t.shards(), 1, (short) 1).configs(Map.of("cleanup.policy", "compact")),
          new NewTopic(t.updates(), 1, (short) 1), new NewTopic(t.secagg(), 1, (short) 1),
          new NewTopic(t.audit(), 1, (short) 1).configs(Map.of("retention.ms", "-1")))).all()
          .get(30, TimeUnit.SECONDS);
    }
  }

  private static List<String> jvmOptions(Path jobDir, String name) {
    List<String> options = new ArrayList<>(ProcessJob.JVM_OPTIONS.stream()
        .filter(o -> !o.startsWith("-Xmx")).toList());
    options.add("-Xmx512m");
    options.add("-XX:+ExitOnOutOfMemoryError");
    options.addAll(PeakHeap.jvmOptions(jobDir.resolve("logs/" + name + ".gc.log")));
    return options;
  }

  private static HostileFlood.Settings floodSettings(ProcessJob job, String jobName) {
    List<String> enrolled = IntStream.range(0, CLIENTS).mapToObj(ProcessJob::clientId).toList();
    Identity byzantine = Identity.load(job.dir.resolve("keys/" + ProcessJob.clientId(BYZANTINE) + ".key"));
    return new HostileFlood.Settings(KAFKA.bootstrapServers(), TopicNames.of(JobId.of(jobName)), ROUNDS,
        FLOOD_BUDGET, PREFILL, JOB_TIMEOUT, enrolled, Optional.of(byzantine), 1234, attacks());
  }

  /**
   * Every attack kind, or the comma-separated {@link Attack} names of the system
   * property {@value #ATTACKS_PROPERTY}, to see what one kind alone does to the processes.
   */
  private static Set<Attack> attacks() {
    String chosen = System.getProperty(ATTACKS_PROPERTY, "");
    return chosen.isBlank() ? EnumSet.allOf(Attack.class) : Stream.of(chosen.split(","))
        .map(String::trim).map(Attack::valueOf).collect(Collectors.toCollection(
            () -> EnumSet.noneOf(Attack.class)));
  }

  /** The exit code, or -1 when the process was still running at {@code deadlineNanos} and was killed. */
  private static int exitBy(Process p, long deadlineNanos) throws InterruptedException {
    if (p.waitFor(Math.max(0, deadlineNanos - System.nanoTime()), TimeUnit.NANOSECONDS)) {
      return p.exitValue();
    }
    ProcessJob.kill(p);
    return -1;
  }

  private static void checkProcesses(SoftAssertions soft, HostileRun run) {
    run.exits.forEach((name, code) -> {
      soft.assertThat(code).as("%s: exit code of %s; log ends:%n%s", run.name, name, run.tail(name)).isZero();
      soft.assertThat(run.lines(name, "OutOfMemoryError", "StackOverflowError"))
          .as("%s: fatal errors in the output of %s", run.name, name).isEmpty();
    });
  }

  /**
   * Every round committed once with every group of its plan, and every group unmasked with at
   * least as many survivors as it has honest members.
   */
  private static void checkCommits(SoftAssertions soft, HostileRun run) {
    Map<Long, List<List<String>>> groups = run.groups();
    Map<Long, Map<String, Long>> survivors = run.survivors();
    Map<Long, List<List<String>>> commits = run.commits();
    soft.assertThat(commits.keySet()).as("%s: committed rounds", run.name)
        .containsExactlyElementsOf(LongStream.rangeClosed(1, run.rounds).boxed().toList());
    commits.forEach((round, inputs) -> {
      List<List<String>> planned = groups.getOrDefault(round, List.of());
      List<String> everyGroup = IntStream.range(0, planned.size()).mapToObj(g -> "group-" + g).toList();
      soft.assertThat(inputs).as("%s: round %d commits", run.name, round).containsExactly(everyGroup);
      for (int g = 0; g < planned.size(); g++) {
        long honest = planned.get(g).stream().filter(m -> !m.equals(ProcessJob.clientId(BYZANTINE))).count();
        soft.assertThat(survivors.getOrDefault(round, Map.of()).get("group-" + g))
            .as("%s: round %d group %d %s survivors", run.name, round, g, planned.get(g))
            .isGreaterThanOrEqualTo(honest);
      }
    });
  }

  /**
   * Every honest client answered the unmask request of every round, which a member only receives
   * when the coordinator lists it among the survivors (U3) whose inputs the group sum holds; with
   * {@link #checkCommits} this says every honest input is in every committed model.
   */
  private static void checkHonestInputs(SoftAssertions soft, HostileRun run) {
    for (int i = 0; i < HONEST; i++) {
      String client = ProcessJob.clientId(i);
      soft.assertThat(run.unmaskAnswered(client)).as("%s: rounds whose unmask request %s answered", run.name, client)
          .containsExactlyElementsOf(LongStream.rangeClosed(1, run.rounds).boxed().toList());
    }
  }

  private static void print(HostileRun baseline, HostileRun flooded) {
    System.out.printf("HostileTopicIT: %d hostile records in %.1f s (%d Byzantine messages):%n", flooded.hostileRecords,
        flooded.seconds, flooded.byzantineMessages);
    flooded.hostileCounts.forEach((kind, n) -> System.out.printf("  %-36s %,9d%n", kind, n));
    for (HostileRun run : List.of(baseline, flooded)) {
      System.out.printf("HostileTopicIT: %s: %d rounds in %.1f s, exits %s, audit %,d bytes in %d records"
          + " (%,d fixed, %,d per round), largest record %,d bytes%n", run.name, run.rounds, run.seconds, run.exits,
          run.auditBytes, run.records.size(), run.fixedAuditBytes, run.auditBytesPerRound(), run.largestAuditRecord);
      run.peakHeap.forEach((name, bytes) -> System.out.printf("  heap %-16s peak %6.1f MiB, most held after a GC"
          + " %6.1f MiB%n", name, bytes / (1024.0 * 1024), run.liveHeap.get(name) / (1024.0 * 1024)));
    }
    System.out.printf("HostileTopicIT: audit bound for the flooded job %,d bytes%n", auditBound(baseline, flooded));
  }
}
