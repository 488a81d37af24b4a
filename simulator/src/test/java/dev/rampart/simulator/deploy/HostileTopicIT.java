package dev.rampart.simulator.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rampart.audit.AuditQuery;
import dev.rampart.audit.AuditRecord;
import dev.rampart.audit.RecordType;
import dev.rampart.crypto.Identity;
import dev.rampart.protocol.JobId;
import dev.rampart.protocol.TopicNames;
import dev.rampart.simulator.Main;
import dev.rampart.simulator.hostile.HostileFlood;
import dev.rampart.simulator.hostile.PeakHeap;
import dev.rampart.testkit.KafkaFixture;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.IntStream;
import java.util.stream.LongStream;
import java.util.stream.Stream;
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
 * claiming enrolled senders or the coordinator. Every process is a JVM with {@code -Xmx512m}; every
 * honest message is chunked ({@code max-frame-bytes: 1024}) so the outsider has honest chunks to
 * contradict. With secure aggregation on, the coordinator reads no updates topic: the updates flood
 * only costs the broker, and the coordinator's reassembler is attacked through the secagg topic.
 *
 * <p>The same job without flood and without the Byzantine messages runs first as the baseline: its
 * audit log says how many bytes ten rounds of this job take.
 */
class HostileTopicIT {
  @RegisterExtension static final KafkaFixture KAFKA = KafkaFixture.create();
  private static final int ROUNDS = 10;
  private static final int BASELINE_ROUNDS = 3;
  private static final int HONEST = 5;
  private static final int BYZANTINE = 5;
  private static final int CLIENTS = HONEST + 1;
  private static final long FLOOD_BUDGET = 110_000;
  private static final long REQUIRED_HOSTILE_RECORDS = 100_000;
  /** Largest audit record the mirror and every reader must carry: 64 KiB. */
  private static final int MAX_AUDIT_RECORD_BYTES = 64 * 1024;
  /** Slack on the baseline's bytes for what varies run to run (timestamps, digests, numbers' digits). */
  private static final double BASELINE_SLACK = 0.10;
  private static final Duration JOB_TIMEOUT = Duration.ofMinutes(3);
  private static final String SETTINGS = String.join("\n",
      "aggregation: average",
      "max-frame-bytes: 1024",
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
    Run baseline = run("hostile-baseline", BASELINE_ROUNDS, false);
    Run flooded = run("hostile-flooded", ROUNDS, true);
    print(baseline, flooded);

    SoftAssertions soft = new SoftAssertions();
    checkProcesses(soft, baseline);
    checkProcesses(soft, flooded);
    checkRounds(soft, baseline);
    checkRounds(soft, flooded);
    soft.assertThat(flooded.hostileRecords).as("hostile records sent during the job")
        .isGreaterThanOrEqualTo(REQUIRED_HOSTILE_RECORDS);
    soft.assertThat(flooded.largestAuditRecord).as("largest audit record of the flooded job, bytes")
        .isLessThanOrEqualTo(MAX_AUDIT_RECORD_BYTES);
    long bound = auditBound(baseline, flooded);
    soft.assertThat(flooded.auditBytes).as("audit bytes of the flooded job: at most the baseline's %d fixed + %d per"
        + " round, +%d%%, + one %d-byte summary per round + one record per Byzantine message (%d)",
        baseline.fixedAuditBytes, baseline.auditBytesPerRound(), Math.round(BASELINE_SLACK * 100),
        MAX_AUDIT_RECORD_BYTES, flooded.byzantineMessages).isLessThanOrEqualTo(auditBound(baseline, flooded));
    soft.assertThat(flooded.auditVerifyExit).as("rampart audit verify on the flooded run").isZero();
    soft.assertThat(baseline.auditVerifyExit).as("rampart audit verify on the baseline run").isZero();
    soft.assertAll();
  }

  /**
   * The flooded job's audit log may exceed what the baseline's records take for as many rounds
   * (its fixed records plus its bytes per round times the rounds, with slack) only by what does not
   * depend on the number of hostile records: one bounded summary per round and one record per
   * authenticated (Byzantine) message.
   */
  private static long auditBound(Run baseline, Run flooded) {
    long honest = baseline.fixedAuditBytes + baseline.auditBytesPerRound() * flooded.rounds;
    return Math.round(honest * (1 + BASELINE_SLACK)) + (long) flooded.rounds * MAX_AUDIT_RECORD_BYTES
        + flooded.byzantineMessages * MAX_AUDIT_RECORD_BYTES;
  }

  private Run run(String jobName, int rounds, boolean hostile) throws Exception {
    Path jobDir = dir.resolve(jobName);
    try (ProcessJob job = new ProcessJob(jobDir, KAFKA.bootstrapServers(), jobName, CLIENTS, rounds, "60s", 29,
        SETTINGS)) {
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
      long start = System.nanoTime();
      Process coordinator = job.startCoordinator();
      Optional<HostileFlood> flood = hostile ? Optional.of(HostileFlood.start(floodSettings(job, jobName)))
          : Optional.empty();
      try {
        Map<String, Integer> exits = new LinkedHashMap<>();
        exits.put("coordinator-1", exitOf(coordinator));
        for (int i = 0; i < CLIENTS; i++) {
          exits.put(ProcessJob.clientId(i) + "-1", exitOf(clients[i]));
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        if (flood.isPresent()) {
          flood.get().close();
        }
        return new Run(jobName, rounds, job, exits, seconds, flood);
      } finally {
        if (flood.isPresent()) {
          flood.get().close();
        }
      }
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
        FLOOD_BUDGET, JOB_TIMEOUT, enrolled, Optional.of(byzantine), 1234);
  }

  /** The exit code, or -1 when the process had to be killed after the job timeout. */
  private static int exitOf(Process p) throws InterruptedException {
    try {
      return ProcessJob.awaitExit(p, JOB_TIMEOUT);
    } catch (AssertionError timedOut) {
      return -1;
    }
  }

  private static void checkProcesses(SoftAssertions soft, Run run) {
    run.exits.forEach((name, code) -> {
      String log = run.log(name);
      soft.assertThat(code).as("%s: exit code of %s; log ends:%n%s", run.name, name, tail(log)).isZero();
      soft.assertThat(lines(log, "OutOfMemoryError", "StackOverflowError"))
          .as("%s: fatal errors in the output of %s", run.name, name).isEmpty();
    });
  }

  /** The lines of {@code log} that contain any of {@code needles}, made printable (see {@link #printable}). */
  private static List<String> lines(String log, String... needles) {
    return log.lines().filter(l -> Stream.of(needles).anyMatch(l::contains)).map(HostileTopicIT::printable)
        .toList();
  }

  /** {@code line} cut to 300 characters, control characters shown as '?', so a hostile sender id cannot flood a report. */
  private static String printable(String line) {
    String cut = line.length() > 300 ? line.substring(0, 300) + "..." : line;
    return cut.codePoints().map(c -> Character.isISOControl(c) ? '?' : c)
        .collect(StringBuilder::new, StringBuilder::appendCodePoint, StringBuilder::append).toString();
  }

  private static String tail(String log) {
    List<String> all = log.lines().toList();
    return String.join("\n", all.subList(Math.max(0, all.size() - 15), all.size()).stream()
        .map(HostileTopicIT::printable).toList());
  }

  /**
   * Ten rounds, each committed once with every group of its plan; every group unmasked with at
   * least its honest members, and every honest client answered the unmask request of every round,
   * which a member only receives when the coordinator lists it among the survivors (U3) whose inputs
   * the group sum holds.
   */
  @SuppressWarnings("unchecked")
  private static void checkRounds(SoftAssertions soft, Run run) {
    Map<Long, List<List<String>>> groups = new TreeMap<>();
    Map<Long, Map<String, Long>> survivors = new TreeMap<>();
    Map<Long, List<List<String>>> commits = new TreeMap<>();
    for (AuditRecord r : run.records) {
      long round = r.round().orElse(0);
      if (round == 0) {
        continue;
      }
      switch (r.type()) {
        case ROUND_PLANNED -> {
          groups.put(round, (List<List<String>>) r.body().get("groups"));
          survivors.put(round, new TreeMap<>());
        }
        case UPDATE_ACCEPTED -> survivors.computeIfAbsent(round, k -> new TreeMap<>())
            .put((String) r.body().get("client"), ((Number) r.body().get("samples")).longValue());
        case AGGREGATE_COMMITTED -> commits.computeIfAbsent(round, k -> new ArrayList<>())
            .add((List<String>) r.body().get("inputs"));
        default -> { }
      }
    }
    soft.assertThat(commits.keySet()).as("%s: committed rounds", run.name)
        .containsExactlyElementsOf(LongStream.rangeClosed(1, run.rounds).boxed().toList());
    commits.forEach((round, inputs) -> {
      List<List<String>> planned = groups.getOrDefault(round, List.of());
      List<String> everyGroup = IntStream.range(0, planned.size()).mapToObj(g -> "group-" + g).toList();
      soft.assertThat(inputs).as("%s: round %d commits", run.name, round).containsExactly(everyGroup);
      for (int g = 0; g < planned.size(); g++) {
        long honest = planned.get(g).stream().filter(m -> !m.equals(ProcessJob.clientId(BYZANTINE))).count();
        soft.assertThat(survivors.get(round).get("group-" + g))
            .as("%s: round %d group %d %s survivors", run.name, round, g, planned.get(g))
            .isGreaterThanOrEqualTo(honest);
      }
    });
    for (int i = 0; i < HONEST; i++) {
      String client = ProcessJob.clientId(i);
      Matcher m = Pattern.compile("client " + client + " round (\\d+): secure aggregation ended in UNMASK_SENT")
          .matcher(run.log(client + "-1"));
      List<Long> answered = new ArrayList<>();
      while (m.find()) {
        answered.add(Long.parseLong(m.group(1)));
      }
      soft.assertThat(answered).as("%s: rounds whose unmask request %s answered", run.name, client)
          .containsExactlyElementsOf(LongStream.rangeClosed(1, run.rounds).boxed().toList());
    }
  }

  private static void print(Run baseline, Run flooded) {
    System.out.printf("HostileTopicIT: %d hostile records in %.1f s (%d Byzantine messages):%n", flooded.hostileRecords,
        flooded.seconds, flooded.byzantineMessages);
    flooded.hostileCounts.forEach((kind, n) -> System.out.printf("  %-36s %,9d%n", kind, n));
    for (Run run : List.of(baseline, flooded)) {
      System.out.printf("HostileTopicIT: %s: %d rounds in %.1f s, exits %s, audit %,d bytes in %d records"
          + " (%,d fixed, %,d per round), largest record %,d bytes%n", run.name, run.rounds, run.seconds, run.exits,
          run.auditBytes, run.records.size(), run.fixedAuditBytes, run.auditBytesPerRound(), run.largestAuditRecord);
      run.peakHeap.forEach((name, bytes) -> System.out.printf("  peak heap %-16s %6.1f MiB%n", name,
          bytes / (1024.0 * 1024)));
    }
    System.out.printf("HostileTopicIT: audit bound for the flooded job %,d bytes%n", auditBound(baseline, flooded));
  }

  /** What one job left behind, read once its processes ended. */
  private static final class Run {
    final String name;
    final int rounds;
    final Map<String, Integer> exits;
    final double seconds;
    final Map<String, String> logs = new LinkedHashMap<>();
    final Map<String, Long> peakHeap = new LinkedHashMap<>();
    final List<AuditRecord> records;
    final long auditBytes;
    /** Bytes of the records that belong to no round (job started and ended, initial model). */
    final long fixedAuditBytes;
    final long largestAuditRecord;
    final int auditVerifyExit;
    final long hostileRecords;
    final long byzantineMessages;
    final Map<String, Long> hostileCounts;

    Run(String name, int rounds, ProcessJob job, Map<String, Integer> exits, double seconds,
        Optional<HostileFlood> flood) throws IOException {
      this.name = name;
      this.rounds = rounds;
      this.exits = exits;
      this.seconds = seconds;
      for (String process : exits.keySet()) {
        int dash = process.lastIndexOf('-');
        logs.put(process, job.log(process.substring(0, dash), Integer.parseInt(process.substring(dash + 1))));
        Path gc = job.dir.resolve("logs/" + process + ".gc.log");
        peakHeap.put(process, Files.exists(gc) ? PeakHeap.bytes(gc) : -1);
      }
      Path audit = job.runDirectory().resolve("audit");
      this.records = load(audit);
      this.auditBytes = records.stream().mapToLong(r -> r.bytes().length).sum();
      this.fixedAuditBytes = records.stream().filter(r -> r.round().orElse(0) == 0)
          .mapToLong(r -> r.bytes().length).sum();
      this.largestAuditRecord = records.stream().mapToLong(r -> r.bytes().length).max().orElse(0);
      this.auditVerifyExit = Files.isDirectory(audit) ? Main.execute("audit", "verify",
          job.runDirectory().toString(), "--key", job.dir.resolve("keys/coordinator.pub").toString()) : -1;
      this.hostileRecords = flood.map(HostileFlood::sent).orElse(0L);
      this.byzantineMessages = flood.map(HostileFlood::byzantineMessages).orElse(0L);
      this.hostileCounts = flood.map(HostileFlood::counts).orElse(Map.of());
    }

    /** Bytes of the records of rounds 1 and later, divided by the rounds. */
    long auditBytesPerRound() {
      return (auditBytes - fixedAuditBytes) / rounds;
    }

    String log(String process) {
      return logs.getOrDefault(process, "");
    }

    /** The run's audit records; none when the log is missing or unreadable (a check then fails on it). */
    private static List<AuditRecord> load(Path audit) {
      try {
        return Files.isDirectory(audit) ? AuditQuery.load(audit) : List.of();
      } catch (RuntimeException unreadable) {
        System.out.printf("HostileTopicIT: audit log %s unreadable: %s%n", audit, unreadable);
        return List.of();
      }
    }
  }
}
