package dev.rampart.cli.check;

import dev.rampart.audit.AuditException;
import dev.rampart.audit.AuditQuery;
import dev.rampart.audit.AuditVerifier;
import dev.rampart.audit.ModelRef;
import dev.rampart.audit.ModelStore;
import dev.rampart.audit.VerificationResult;
import dev.rampart.crypto.ClientRegistry;
import dev.rampart.crypto.PublicKey;
import dev.rampart.protocol.Hex;
import dev.rampart.protocol.JobId;
import dev.rampart.protocol.TopicNames;
import dev.rampart.protocol.wire.RoundPlan;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * {@code rampart audit check}: reconciles a run's audit log with the job's topics and its model
 * store, the way an auditor would, and lists every finding:
 * <ul>
 *   <li>the chain does not verify (a gap, a changed or unsigned record);
 *   <li>a round committed more than once (outside a rollback);
 *   <li>a committed model version missing from the store, or a stored version whose bytes do not
 *       hash to its digest;
 *   <li>an honest, on-time update not accepted exactly once: a signed update on the updates topic
 *       from an enrolled participant of the round's plan, computed from the plan's model, whose
 *       record timestamp is at or before the plan's deadline, that the committing attempt did not
 *       accept and that no "update rejected" record explains; or one accepted twice; or an
 *       accepted update no signed record on the topic backs.
 * </ul>
 * Rounds under secure aggregation are not reconciled update by update (their inputs travel masked
 * on the secagg topic); the report says so. Stateless.
 */
public final class AuditCheck {
  private AuditCheck() {}

  /**
   * Checks the run.
   *
   * @param runDirectory the coordinator's run directory (audit/ and models/)
   * @param coordinatorKey the key that signs the audit log and the plans
   * @param registry the job's registry, whose keys verify the updates
   * @param kafka consumer properties for the job's cluster
   */
  public static CheckReport run(Path runDirectory, PublicKey coordinatorKey, ClientRegistry registry,
      Map<String, Object> kafka) {
    Path audit = runDirectory.resolve("audit");
    if (!Files.isDirectory(audit)) {
      throw new IllegalArgumentException("run directory " + runDirectory + " has no audit/ folder");
    }
    CheckReport report = new CheckReport();
    VerificationResult chain = AuditVerifier.verify(audit, coordinatorKey);
    report.note("audit chain: " + chain.summary());
    if (!chain.valid()) {
      report.finding("the audit chain does not verify: " + chain.summary());
    }
    AuditFacts facts = AuditFacts.of(AuditQuery.load(audit));
    checkCommits(facts, report);
    checkStore(runDirectory.resolve("models"), facts, report);
    TopicNames topics = new TopicNames(facts.topicPrefix(), JobId.of(facts.jobId()));
    TreeMap<Long, List<RoundPlan>> plans = SignedMessages.plans(TopicRecords.read(kafka, topics.plans()), facts.jobId(),
        coordinatorKey);
    if (facts.secureAggregation()) {
      report.note("secure aggregation: updates travel masked on " + topics.secagg() + "; not reconciled update by update");
      return report;
    }
    SignedMessages.Updates updates = SignedMessages.updates(TopicRecords.read(kafka, topics.updates()), topics.updates(),
        facts.jobId(), registry);
    report.note(topics.updates() + ": " + updates.updates().size() + " signed updates, " + updates.ignored()
        + " other records");
    reconcile(facts, plans, updates.updates(), report);
    return report;
  }

  private static void checkCommits(AuditFacts facts, CheckReport report) {
    facts.commits().forEach((round, n) -> {
      if (n > 1) {
        report.finding("round " + round + " was committed " + n + " times");
      }
    });
  }

  private static void checkStore(Path models, AuditFacts facts, CheckReport report) {
    if (!Files.isDirectory(models)) {
      if (!facts.committedDigests().isEmpty()) {
        report.finding("the run has committed rounds but no model store (" + models + ")");
      }
      return;
    }
    ModelStore store = ModelStore.open(models);
    Set<String> committed = new HashSet<>(facts.committedDigests().values());
    int checked = 0;
    for (ModelRef ref : store.lineage()) {
      try {
        store.get(ref.digest());
        checked++;
      } catch (AuditException e) {
        report.finding("model version " + ref.version() + " (round " + ref.round() + "): " + e.getMessage());
      }
      if (ref.round() > 0 && !committed.contains(ref.digest())) {
        report.note("model version " + ref.version() + " (round " + ref.round() + ") is stored but no live commit names"
            + " it (a crash before its commit record, or rolled back)");
      }
    }
    facts.committedDigests().forEach((round, digest) -> {
      if (!store.contains(digest)) {
        report.finding("round " + round + " committed model " + digest.substring(0, 16) + "..., which the store lacks");
      }
    });
    report.note("model store: " + checked + " of " + store.lineage().size() + " versions match their digests");
  }

  private static void reconcile(AuditFacts facts, TreeMap<Long, List<RoundPlan>> plans,
      List<SignedMessages.Update> updates, CheckReport report) {
    Map<Long, List<SignedMessages.Update>> byRound = new TreeMap<>();
    for (SignedMessages.Update u : updates) {
      byRound.computeIfAbsent(u.round(), r -> new ArrayList<>()).add(u);
    }
    Set<Long> rounds = new TreeSet<>(plans.keySet());
    rounds.addAll(facts.commits().keySet());
    for (long round : rounds) {
      RoundPlan plan = latestOpen(plans.getOrDefault(round, List.of()));
      if (plan == null) {
        report.finding("round " + round + " is committed in the audit log but no signed plan for it is on the plans topic");
        continue;
      }
      reconcileRound(round, plan, facts, byRound.getOrDefault(round, List.of()), report);
    }
  }

  private static void reconcileRound(long round, RoundPlan plan, AuditFacts facts, List<SignedMessages.Update> sent,
      CheckReport report) {
    String base = Hex.of(plan.getModelDigest().toByteArray());
    Map<String, SignedMessages.Update> onTime = new LinkedHashMap<>();
    for (SignedMessages.Update u : sent) {
      if (plan.getParticipantsList().contains(u.client()) && u.baseModelDigestHex().equals(base)
          && u.timestampMs() <= plan.getDeadlineMs()) {
        onTime.putIfAbsent(u.client(), u);
      }
    }
    List<String> accepted = facts.accepted().getOrDefault(round, List.of());
    Set<String> seen = new HashSet<>();
    int lost = 0;
    int twice = 0;
    for (String c : accepted) {
      if (!seen.add(c)) {
        twice++;
        report.finding("round " + round + ": the update of " + c + " was accepted more than once");
      }
      if (sent.stream().noneMatch(u -> u.client().equals(c))) {
        report.finding("round " + round + ": " + c + " was accepted, but no update it signed for the round is on the topic");
      }
    }
    for (SignedMessages.Update u : onTime.values()) {
      if (!seen.contains(u.client()) && facts.rejections().stream().noneMatch(r -> r.explains(u.client(), round))) {
        lost++;
        report.finding("round " + round + ": the signed, on-time update of " + u.client() + " (" + u.where()
            + ", sent at " + u.timestampMs() + " ms, deadline " + plan.getDeadlineMs() + " ms) was neither accepted nor"
            + " rejected");
      }
    }
    int commits = facts.commits().getOrDefault(round, 0);
    report.round(String.format("round %d: %s, %d accepted, %d signed on-time updates on the topic, %d lost, %d accepted"
        + " twice", round, commits == 0 ? "not committed" : commits == 1 ? "committed once" : "committed " + commits
        + " times", accepted.size(), onTime.size(), lost, twice));
  }

  /** The plan with the latest deadline that is not a "closed" re-publication. */
  private static RoundPlan latestOpen(List<RoundPlan> plans) {
    RoundPlan best = null;
    for (RoundPlan p : plans) {
      if (!p.getClosed() && (best == null || p.getDeadlineMs() > best.getDeadlineMs())) {
        best = p;
      }
    }
    return best;
  }
}
