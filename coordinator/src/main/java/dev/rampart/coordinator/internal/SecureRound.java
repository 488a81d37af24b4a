package dev.rampart.coordinator.internal;

import com.google.protobuf.ByteString;
import dev.rampart.coordinator.CodedMode;
import dev.rampart.coordinator.CoordinatorConfig;
import dev.rampart.coordinator.Rejection;
import dev.rampart.coordinator.SecureAggregation;
import dev.rampart.coordinator.SecureGroupResult;
import dev.rampart.crypto.Enrollment;
import dev.rampart.crypto.secagg.GroupOutcome;
import dev.rampart.crypto.secagg.GroupPlan;
import dev.rampart.crypto.secagg.GroupPlanner;
import dev.rampart.crypto.secagg.GroupRef;
import dev.rampart.crypto.secagg.Octets;
import dev.rampart.crypto.secagg.SecAggException;
import dev.rampart.crypto.secagg.SecAggParameters;
import dev.rampart.crypto.secagg.SecAggServer;
import dev.rampart.crypto.secagg.SessionContext;
import dev.rampart.protocol.ClientId;
import dev.rampart.protocol.FloatVectors;
import dev.rampart.protocol.RejectionReason;
import dev.rampart.protocol.wire.Group;
import dev.rampart.protocol.wire.RoundPlan;
import dev.rampart.protocol.wire.SecAggMemberKey;
import dev.rampart.protocol.wire.SecAggSpec;
import java.time.InstantSource;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.TreeMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The coordinator's side of a grouped secure-aggregation round (DESIGN.md section 3): partitions
 * the participants (seeded, never two consecutive-round groups that differ by one member; in coded
 * mode the {@link StrideGrouping} of the round's LAD tasks, and a stride group that loses a member
 * is dropped whole because it no longer covers every shard), adds
 * the groups and the {@link SecAggSpec} to the plan, runs one {@link SecAggServer} per group over
 * the secagg topic ({@link SecAggRouter}), and turns each surviving group's unmasked sum into its
 * mean, which enters the round as the input {@code group-<id>} of the robust pipeline. A failed
 * group is dropped whole and reported as a rejection of {@code group-<id>} with its reason.
 *
 * <p>The coordinator never holds an individual client vector: the servers hold masked inputs
 * until the unmasking step, which releases them.
 *
 * <p>Not thread-safe: the coordinator's thread owns it.
 */
public final class SecureRound implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(SecureRound.class);

  private final SecureAggregation settings;
  private final CoordinatorConfig config;
  private final SecAggRouter router;
  private final StrideGrouping stride;
  private GroupPlan previous;
  private GroupPlan current;

  public SecureRound(CoordinatorConfig config, KafkaChannels channels, InstantSource clock) {
    this.config = config;
    this.settings = config.secureAggregation().orElseThrow();
    this.router = new SecAggRouter(new SecAggFeed(channels.transport(), config.topics()), channels, config, clock);
    this.stride = config.codedMode().map(StrideGrouping::of).orElse(null);
  }

  /**
   * This round's groups: in coded mode the {@link StrideGrouping} of the round's LAD tasks,
   * otherwise ⌈n/s⌉ groups of sizes differing by at most one, from a seed derived from the
   * grouping seed and the round.
   */
  public List<List<String>> partition(long round, Set<ClientId> participants) {
    if (stride != null) {
      current = stride.plan(round, participants, Optional.ofNullable(previous));
      previous = current;
      return current.groups();
    }
    List<String> ids = participants.stream().map(ClientId::value).sorted().toList();
    int s = settings.groupSize();
    int groups = Math.max(1, (ids.size() + s - 1) / s);
    int minSize = Math.max(2, ids.size() / groups);
    long seed = new SplittableRandom(settings.groupingSeed() ^ round * 0x9E3779B97F4A7C15L).nextLong();
    current = GroupPlanner.withMinimumGroupSize(minSize).partition(ids, seed, Optional.ofNullable(previous));
    previous = current;
    return current.groups();
  }

  /** The plan with this round's groups, the secure-aggregation settings and the members' keys. */
  public RoundPlan withGroups(RoundPlan plan) {
    SecAggParameters p = settings.parameters();
    SecAggSpec.Builder spec = SecAggSpec.newBuilder().setGroupSize(p.groupSize()).setThreshold(p.threshold())
        .setMinSurvivors(p.minSurvivors()).setClip(p.clip()).setBits(p.bits()).setGroupingSeed(current.seed())
        .setCoordinatorId(config.identity().id());
    for (String id : plan.getParticipantsList()) {
      Enrollment e = config.registry().lookup(id).orElseThrow();
      spec.addMemberKeys(SecAggMemberKey.newBuilder().setClientId(id)
          .setPublicKey(ByteString.copyFrom(e.key().bytes())));
    }
    RoundPlan.Builder b = plan.toBuilder().setSecureAggregation(spec);
    for (int g = 0; g < current.groupCount(); g++) {
      b.addGroups(Group.newBuilder().setGroupId(g).addAllMembers(current.groups().get(g)));
    }
    router.prepare();
    RoundPlan out = b.build();
    if (stride != null) {
      StrideGrouping.requireTiling(out, config.codedMode().orElseThrow().shardCount());
    }
    return out;
  }

  /**
   * How this round's groups were formed, for the round-planned record: {@code grouping} is
   * {@code "stride"} with its {@code stride} d, or {@code "random"} with its {@code groupingSeed}
   * and {@code groupingAttempt}.
   */
  public Map<String, Object> grouping() {
    if (stride != null) {
      return stride.describe();
    }
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("grouping", "random");
    m.put("groupingSeed", current == null ? 0L : current.seed());
    m.put("groupingAttempt", current == null ? 0 : current.attempt());
    return m;
  }

  /**
   * Runs every group's session of {@code plan} until each is done and puts the group means into
   * {@code open}.
   *
   * @param rejections gets the rejected secure-aggregation messages and one rejection per dropped
   *     group
   */
  public void collect(RoundPlan plan, OpenRound open, RejectionLedger rejections) {
    Octets digest = Octets.of(plan.getModelDigest().toByteArray());
    Map<Integer, SecAggServer> servers = new TreeMap<>();
    for (Group g : plan.getGroupsList()) {
      SessionContext ctx = new SessionContext(GroupRef.of(plan.getJobId(), plan.getRound(), g.getGroupId()),
          g.getMembersList(), settings.parameters(), plan.getDimension(), digest);
      servers.put(g.getGroupId(), SecAggServer.create(ctx, config.identity(), config.registry(),
          settings.maskThreads()));
    }
    Map<Integer, GroupOutcome> outcomes = router.run(plan.getRound(), servers, open.deadlineMillis(), rejections);
    for (Map.Entry<Integer, GroupOutcome> e : outcomes.entrySet()) {
      record(plan, e.getKey(), servers.get(e.getKey()).context().members(), e.getValue(), open, rejections);
    }
  }

  private void record(RoundPlan plan, int groupId, List<String> members, GroupOutcome outcome, OpenRound open,
      RejectionLedger rejections) {
    String input = SecureGroupResult.inputId(groupId);
    SecureGroupResult result;
    Optional<String> incomplete = stride == null || !outcome.isSuccess() ? Optional.empty()
        : StrideGrouping.incompleteReason(members, outcome.survivors());
    if (outcome.isSuccess() && incomplete.isEmpty()) {
      float[] mean = outcome.mean();
      open.accept(new AcceptedUpdate(ClientId.of(input), mean, outcome.survivorCount(), Float.NaN, new byte[0],
          FloatVectors.digest(mean)));
      result = new SecureGroupResult(plan.getRound(), groupId, members, outcome.survivors(), Optional.empty(),
          outcome.sum(), mean);
      LOG.info("round {}: group {} unmasked with {} of {} members", plan.getRound(), groupId,
          outcome.survivorCount(), members.size());
    } else {
      String reason = incomplete.or(outcome::failureReason).orElse("unknown");
      rejections.add(new Rejection(plan.getRound(), input, RejectionReason.BAD_PAYLOAD,
          "secure-aggregation group " + groupId + " " + members + " dropped whole: " + reason));
      result = new SecureGroupResult(plan.getRound(), groupId, members, List.of(), Optional.of(reason),
          new int[0], new float[0]);
      LOG.warn("round {}: group {} dropped: {}", plan.getRound(), groupId, reason);
    }
    settings.listener().onGroup(result);
  }

  /**
   * Refuses settings that cannot run on {@code clientCount} clients with {@code maxByzantine}
   * Byzantine ones: s &gt; n/(2f+1) (too few groups for the robust step), or groups smaller than
   * s_min.
   *
   * @throws IllegalArgumentException naming the values
   */
  public static void requireFeasible(SecureAggregation s, int clientCount, int maxByzantine) {
    SecAggParameters p = s.parameters();
    try {
      p.requireRobustGroupCount(clientCount, maxByzantine);
    } catch (SecAggException e) {
      throw new IllegalArgumentException("secure aggregation: " + e.getMessage(), e);
    }
    int groups = Math.max(1, (clientCount + p.groupSize() - 1) / p.groupSize());
    int smallest = clientCount / groups;
    if (smallest < p.minSurvivors()) {
      throw new IllegalArgumentException("secure aggregation: " + clientCount + " clients in " + groups
          + " groups of at most groupSize=" + p.groupSize() + " leaves groups of " + smallest
          + " members, below minSurvivors=" + p.minSurvivors());
    }
  }

  /** The job-started record's description of secure aggregation for {@code clientCount} clients. */
  public static Map<String, Object> describe(SecureAggregation s, int clientCount, int maxByzantine) {
    return describe(s, clientCount, maxByzantine, Optional.empty());
  }

  /**
   * As {@link #describe(SecureAggregation, int, int)}, plus how groups are formed: {@code
   * grouping} {@code "stride"} with its {@code stride} d in coded mode, else {@code "random"}.
   */
  public static Map<String, Object> describe(SecureAggregation s, int clientCount, int maxByzantine,
      Optional<CodedMode> coded) {
    SecAggParameters p = s.parameters();
    int groups = Math.max(1, (clientCount + p.groupSize() - 1) / p.groupSize());
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("groupSize", p.groupSize());
    m.put("threshold", p.threshold());
    m.put("minSurvivors", p.minSurvivors());
    m.put("clip", p.clip());
    m.put("bits", p.bits());
    m.put("groups", groups);
    m.put("toleratedByzantineGroups", SecureAggregation.toleratedGroups(groups));
    m.put("assumedByzantine", maxByzantine);
    m.put("phaseTimeoutMillis", s.phaseTimeout().toMillis());
    m.put("groupingSeed", s.groupingSeed());
    coded.ifPresentOrElse(c -> m.putAll(StrideGrouping.of(c).describe()), () -> m.put("grouping", "random"));
    return m;
  }

  @Override
  public void close() {
    router.close();
  }
}
