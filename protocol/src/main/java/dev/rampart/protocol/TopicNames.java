package dev.rampart.protocol;

/**
 * The Kafka topics of one job, {@code <prefix>.<job>.<kind>}; see DESIGN.md §4 for who writes and
 * reads each. Immutable and thread-safe.
 *
 * @param prefix namespace shared by all jobs of a deployment, e.g. {@code rampart}
 * @param job the job
 */
public record TopicNames(String prefix, JobId job) {
  /** The prefix used when none is configured. */
  public static final String DEFAULT_PREFIX = "rampart";

  /** Validates the prefix (same alphabet as identifiers). */
  public TopicNames {
    Identifiers.requireToken("topicPrefix", prefix);
    if (job == null) {
      throw new IllegalArgumentException("job must not be null");
    }
  }

  /** Topics under the default prefix. */
  public static TopicNames of(JobId job) {
    return new TopicNames(DEFAULT_PREFIX, job);
  }

  /** Signed round plans, coordinator to clients, keyed by round. */
  public String plans() {
    return name("plans");
  }

  /** Global model versions, coordinator to clients, keyed by version; compacted. */
  public String models() {
    return name("models");
  }

  /** Coded-mode data shards, coordinator to clients, keyed by shard id; compacted. */
  public String shards() {
    return name("shards");
  }

  /** Signed client updates, clients to coordinator, keyed by client id. */
  public String updates() {
    return name("updates");
  }

  /** Secure-aggregation phases, both ways, keyed by group id. */
  public String secagg() {
    return name("secagg");
  }

  /** Mirror of the hash-chained audit log, coordinator to auditors, keyed by sequence. */
  public String audit() {
    return name("audit");
  }

  private String name(String kind) {
    return prefix + "." + job.value() + "." + kind;
  }
}
