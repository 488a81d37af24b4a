package dev.rampart.coordinator.internal;

import dev.rampart.coordinator.CodedMode;
import dev.rampart.coordinator.CoordinatorConfig;
import dev.rampart.protocol.ClientId;
import dev.rampart.protocol.wire.RoundPlan;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The coordinator's coded-mode and compression collaborators behind one seam: publishes the
 * shards once per job, adds tasks, shard digests and the compression spec to each plan, and says
 * what the audit trail records about them. In federated mode without compression it adds nothing.
 *
 * <p>Not thread-safe: the coordinator's thread owns it.
 */
public final class CodedRounds {
  private static final Logger LOG = LoggerFactory.getLogger(CodedRounds.class);

  private final CodedMode mode;
  private final ShardAllocation shards;
  private final CodedPlanner planner;
  private final CompressionPlan compression;
  private final long compressionSeed;

  private CodedRounds(CodedMode mode, CompressionPlan compression, long compressionSeed) {
    this.mode = mode;
    this.shards = mode == null ? null : new ShardAllocation(mode);
    this.planner = mode == null ? null : new CodedPlanner(mode, shards);
    this.compression = compression;
    this.compressionSeed = compressionSeed;
  }

  /** The collaborators a configuration asks for. */
  public static CodedRounds of(CoordinatorConfig config) {
    return new CodedRounds(config.codedMode().orElse(null),
        CompressionPlan.of(config.compression(), config.compressionSeed()), config.compressionSeed());
  }

  /** The compression checks for the update verifier. */
  public CompressionPlan compression() {
    return compression;
  }

  /** Publishes every shard on the shards topic (coded mode only); idempotent on the compacted topic. */
  public void publishShards(Publisher publisher, String jobId) {
    if (shards != null) {
      shards.publish(publisher, jobId);
      LOG.info("published {} shards of job {} (redundancy {})", shards.shardCount(), jobId, mode.redundancy());
    }
  }

  /** Adds tasks, shard digests and the compression spec of {@code round}. */
  public RoundPlan.Builder addTo(RoundPlan.Builder plan, long round, Set<ClientId> participants) {
    if (planner != null) {
      planner.addTasks(plan, round, participants);
    }
    return compression.addSpec(plan, round);
  }

  /** The job's seeds plus the window-order and compression seeds. */
  public Map<String, Long> seeds(Map<String, Long> base) {
    Map<String, Long> out = new LinkedHashMap<>(base);
    out.put("compression", compressionSeed);
    if (mode != null) {
      out.put("codingShift", mode.shiftSeed());
    }
    return out;
  }

  /** The job's settings plus coding and compression. */
  public Map<String, Object> settings(Map<String, Object> base) {
    Map<String, Object> out = new LinkedHashMap<>(base);
    out.put("compression", compression.spec());
    if (mode != null) {
      Map<String, Object> coding = new LinkedHashMap<>();
      coding.put("code", "LAD");
      coding.put("shardCount", mode.shardCount());
      coding.put("redundancy", mode.redundancy());
      coding.put("windowOrder", mode.order().name());
      coding.put("shardSha256", shards.hexDigests());
      out.put("coding", coding);
    }
    return out;
  }
}
