package dev.rampart.cli.deploy;

import dev.rampart.audit.AuditQuery;
import dev.rampart.audit.AuditRecord;
import dev.rampart.audit.RecordType;
import dev.rampart.cli.Main;
import dev.rampart.cli.hostile.HostileFlood;
import dev.rampart.cli.hostile.PeakHeap;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What one job of {@link HostileTopicIT} left behind, read once its processes ended: exit codes,
 * logs, peak heaps, the audit log with its sizes and per-round facts, the result of {@code rampart
 * audit verify}, and what the flood sent. Not thread-safe.
 */
final class HostileRun {
  final String name;
  final int rounds;
  final Map<String, Integer> exits;
  final double seconds;
  final Map<String, String> logs = new LinkedHashMap<>();
  final Map<String, Long> peakHeap = new LinkedHashMap<>();
  final Map<String, Long> liveHeap = new LinkedHashMap<>();
  final List<AuditRecord> records;
  final long auditBytes;
  /** Bytes of the records that belong to no round (job started and ended, initial model). */
  final long fixedAuditBytes;
  final long largestAuditRecord;
  final int auditVerifyExit;
  final long hostileRecords;
  final long byzantineMessages;
  final Map<String, Long> hostileCounts;
  /** Why the flood's producer stopped early, if it did. */
  final Optional<String> floodFailure;

  /**
   * Reads a finished job.
   *
   * @param exits exit code per process start, named as its log ({@code coordinator-1})
   */
  HostileRun(String name, int rounds, ProcessJob job, Map<String, Integer> exits, double seconds,
      Optional<HostileFlood> flood) {
    this.name = name;
    this.rounds = rounds;
    this.exits = Collections.unmodifiableMap(new LinkedHashMap<>(exits));
    this.seconds = seconds;
    for (String process : exits.keySet()) {
      int dash = process.lastIndexOf('-');
      logs.put(process, job.log(process.substring(0, dash), Integer.parseInt(process.substring(dash + 1))));
      Path gc = job.dir.resolve("logs/" + process + ".gc.log");
      peakHeap.put(process, Files.exists(gc) ? PeakHeap.bytes(gc) : -1);
      liveHeap.put(process, Files.exists(gc) ? PeakHeap.liveBytes(gc) : -1);
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
    this.floodFailure = flood.flatMap(HostileFlood::failure).map(Throwable::toString);
  }

  /** Bytes of the records of rounds 1 and later, divided by the rounds. */
  long auditBytesPerRound() {
    return (auditBytes - fixedAuditBytes) / rounds;
  }

  String log(String process) {
    return logs.getOrDefault(process, "");
  }

  /** The groups of each round's ROUND_PLANNED record (group i is the input {@code group-i}). */
  @SuppressWarnings("unchecked")
  Map<Long, List<List<String>>> groups() {
    Map<Long, List<List<String>>> out = new TreeMap<>();
    for (AuditRecord r : records) {
      if (r.type() == RecordType.ROUND_PLANNED && r.round().orElse(0) > 0) {
        out.put(r.round().getAsLong(), (List<List<String>>) r.body().get("groups"));
      }
    }
    return out;
  }

  /** Per round, the survivor count (the {@code samples} of UPDATE_ACCEPTED) of each accepted group input. */
  Map<Long, Map<String, Long>> survivors() {
    Map<Long, Map<String, Long>> out = new TreeMap<>();
    for (AuditRecord r : records) {
      if (r.type() == RecordType.UPDATE_ACCEPTED && r.round().orElse(0) > 0) {
        out.computeIfAbsent(r.round().getAsLong(), k -> new TreeMap<>())
            .put((String) r.body().get("client"), ((Number) r.body().get("samples")).longValue());
      }
    }
    return out;
  }

  /** Per round, the inputs of each AGGREGATE_COMMITTED record (more than one entry: committed twice). */
  @SuppressWarnings("unchecked")
  Map<Long, List<List<String>>> commits() {
    Map<Long, List<List<String>>> out = new TreeMap<>();
    for (AuditRecord r : records) {
      if (r.type() == RecordType.AGGREGATE_COMMITTED && r.round().orElse(0) > 0) {
        out.computeIfAbsent(r.round().getAsLong(), k -> new ArrayList<>()).add((List<String>) r.body().get("inputs"));
      }
    }
    return out;
  }

  /** The rounds in which {@code client}'s first process answered its group's unmask request, in log order. */
  List<Long> unmaskAnswered(String client) {
    Matcher m = Pattern.compile("client " + client + " round (\\d+): secure aggregation ended in UNMASK_SENT")
        .matcher(log(client + "-1"));
    List<Long> out = new ArrayList<>();
    while (m.find()) {
      out.add(Long.parseLong(m.group(1)));
    }
    return out;
  }

  /** The lines of process {@code process}'s output that contain any of {@code needles}, made printable. */
  List<String> lines(String process, String... needles) {
    return log(process).lines().filter(l -> List.of(needles).stream().anyMatch(l::contains))
        .map(HostileRun::printable).toList();
  }

  /** The last 15 lines of process {@code process}'s output, made printable. */
  String tail(String process) {
    List<String> all = log(process).lines().toList();
    return String.join("\n", all.subList(Math.max(0, all.size() - 15), all.size()).stream()
        .map(HostileRun::printable).toList());
  }

  /** {@code line} cut to 300 characters, control characters shown as '?', so a hostile sender id cannot flood a report. */
  static String printable(String line) {
    String cut = line.length() > 300 ? line.substring(0, 300) + "..." : line;
    return cut.codePoints().map(c -> Character.isISOControl(c) ? '?' : c)
        .collect(StringBuilder::new, StringBuilder::appendCodePoint, StringBuilder::append).toString();
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
