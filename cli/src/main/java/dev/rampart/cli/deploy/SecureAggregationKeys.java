package dev.rampart.cli.deploy;

import static dev.rampart.cli.deploy.ConfigKey.decimal;
import static dev.rampart.cli.deploy.ConfigKey.integer;
import static dev.rampart.cli.deploy.ConfigKey.optional;
import static dev.rampart.cli.deploy.ConfigKey.optionalInteger;

import dev.rampart.client.SecureAggregationPolicy;
import dev.rampart.coordinator.SecureAggregation;
import dev.rampart.crypto.ClientRegistry;
import dev.rampart.crypto.secagg.ClientSetup;
import dev.rampart.protocol.RampartException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * The secure-aggregation keys of the deployment files: the {@code secure-aggregation} section of
 * {@code coordinator.yaml} (defaults as in {@link SecureAggregation.Builder}), the state
 * directories and the {@code secure-aggregation.policy} section of {@code client.yaml}, and their
 * translation into settings. Every refusal names the
 * key and the file, as {@link ConfigSchema} does. Stateless and thread-safe.
 */
final class SecureAggregationKeys {
  static final String ENABLED = "secure-aggregation.enabled";
  static final String GROUP_SIZE = "secure-aggregation.group-size";
  static final String THRESHOLD = "secure-aggregation.threshold";
  static final String MIN_SURVIVORS = "secure-aggregation.min-survivors";
  static final String CLIP = "secure-aggregation.clip";
  static final String BITS = "secure-aggregation.bits";
  static final String PHASE_TIMEOUT = "secure-aggregation.phase-timeout";
  static final String GROUPING_SEED = "secure-aggregation.grouping-seed";
  static final String MASK_THREADS = "secure-aggregation.mask-threads";
  /** Client: the folder for everything a restarted client process must find again. */
  static final String STATE_DIRECTORY = "state-directory";
  /** Client: an explicit folder for the secure-aggregation session state. */
  static final String SECURE_STATE_DIRECTORY = "secure-aggregation.state-directory";
  /** Client: the local copy of the consortium registry the policy checks plans against. */
  static final String POLICY_REGISTRY = "secure-aggregation.policy.registry";
  /** Client: refuse rounds without secure aggregation. */
  static final String POLICY_REQUIRED = "secure-aggregation.policy.required";
  /** Client: fewest members of this client's group. */
  static final String POLICY_MIN_GROUP_SIZE = "secure-aggregation.policy.min-group-size";
  /** Client: smallest Shamir threshold accepted. */
  static final String POLICY_MIN_THRESHOLD = "secure-aggregation.policy.min-threshold";
  /** Default of {@link #STATE_DIRECTORY}, relative to the folder of the YAML file. */
  static final String DEFAULT_STATE_DIRECTORY = "state";

  private static final int MAX_GROUP_SIZE = 255;

  private SecureAggregationKeys() {}

  /** The {@code secure-aggregation.*} keys of {@code coordinator.yaml}, in documentation order. */
  static List<ConfigKey> coordinatorKeys() {
    return List.of(
        optional(ENABLED, ConfigType.BOOLEAN, "false", "Run grouped secure aggregation (Bonawitz et al. inside "
            + "groups; the coordinator sees only group sums and aggregates group means robustly)."),
        optionalInteger(GROUP_SIZE, 2, MAX_GROUP_SIZE, "Largest group size s; required when secure aggregation "
            + "is enabled, at most (active clients)/(2*max-byzantine+1)."),
        optionalInteger(THRESHOLD, 2, MAX_GROUP_SIZE, "Shamir threshold t, s/2 < t <= s; unset: floor(s/2)+1."),
        optionalInteger(MIN_SURVIVORS, 2, MAX_GROUP_SIZE, "Fewest surviving members a group unmasks with, "
            + "t <= value <= s; unset: t."),
        decimal(CLIP, SecureAggregation.DEFAULT_CLIP, Double.MIN_VALUE, Double.MAX_VALUE,
            "Clipping bound C: every update coordinate is clipped to [-C, C] before fixed-point encoding."),
        optionalInteger(BITS, 1, 32, "Fixed-point bits b per coordinate, s*2^b <= 2^32; unset: 32-ceil(log2 s)."),
        optional(PHASE_TIMEOUT, ConfigType.DURATION, "",
            "Longest time one protocol phase of a group stays open; the round continues without the members "
                + "that did not answer. Unset: " + SecureAggregation.DEFAULT_PHASE_TIMEOUT.toSeconds()
                + "s, or a fifth of round-timeout when that is shorter; set, " + SecureAggregation.PHASES
                + " phases of it must fit in round-timeout."),
        integer(GROUPING_SEED, SecureAggregation.DEFAULT_GROUPING_SEED, Long.MIN_VALUE, Long.MAX_VALUE,
            "Seed of the per-round random partition into groups (recorded in every plan and the audit log)."),
        optionalInteger(MASK_THREADS, 1, ClientSetup.MAX_MASK_THREADS, "Coordinator threads that remove the "
            + "masks; unset: the machine's processors, at most " + ClientSetup.MAX_MASK_THREADS + "."));
  }

  /** The state-directory keys of {@code client.yaml}. */
  static List<ConfigKey> clientKeys() {
    return List.of(
        optional(STATE_DIRECTORY, ConfigType.PATH, DEFAULT_STATE_DIRECTORY, "Folder for what a restarted client "
            + "process must find again; each client uses the sub-folder named by its id, which also holds "
            + "`audit-anchor-<job>.txt`: the latest audit head (`<seq>:<digest>`) received in a signed plan, "
            + "for `rampart audit verify --anchor`."),
        optional(SECURE_STATE_DIRECTORY, ConfigType.PATH, "", "Secure-aggregation session state (keys, shares "
            + "held for peers, the masked input), written before each message is sent so that a client restarted "
            + "mid-round resends the same bytes, and deleted when the client exits after the final round; unset: "
            + "`<state-directory>/<client id>/secagg`."),
        optional(POLICY_REGISTRY, ConfigType.PATH, "", "Local copy of the consortium's client registry (the "
            + "file `rampart registry` writes): peers' keys are taken from it, not from the plan, and a plan naming a "
            + "key it does not hold as active is refused. Setting any `secure-aggregation.policy.*` key turns this "
            + "client's policy on; a refused round gets neither an update nor a secure-aggregation message."),
        optional(POLICY_REQUIRED, ConfigType.BOOLEAN, "", "Refuse rounds whose plan has no secure aggregation; "
            + "unset: true when the policy is on."),
        optionalInteger(POLICY_MIN_GROUP_SIZE, SecureAggregationPolicy.DEFAULT_MIN_GROUP_SIZE,
            SecureAggregationPolicy.MAX_GROUP_SIZE, "Refuse a round that puts this client in a group with fewer "
                + "members; unset: " + SecureAggregationPolicy.DEFAULT_MIN_GROUP_SIZE + "."),
        optionalInteger(POLICY_MIN_THRESHOLD, SecureAggregationPolicy.DEFAULT_MIN_THRESHOLD,
            SecureAggregationPolicy.MAX_GROUP_SIZE, "Refuse a round whose Shamir threshold is lower (plans with "
                + "t <= s/2 or min-survivors below t are always refused under a policy); unset: "
                + SecureAggregationPolicy.DEFAULT_MIN_THRESHOLD + "."));
  }

  /**
   * The client's secure-aggregation policy, or empty when no {@code secure-aggregation.policy.*}
   * key is set (the client then trusts the plan).
   *
   * @throws ConfigException naming the key and the file when the registry file is missing or
   *     does not parse
   */
  static Optional<SecureAggregationPolicy> clientPolicy(ConfigValues values) {
    Optional<Path> registryFile = values.optional(POLICY_REGISTRY, Path.class);
    Optional<Boolean> required = values.optional(POLICY_REQUIRED, Boolean.class);
    Optional<Long> minGroup = values.optional(POLICY_MIN_GROUP_SIZE, Long.class);
    Optional<Long> minThreshold = values.optional(POLICY_MIN_THRESHOLD, Long.class);
    if (registryFile.isEmpty() && required.isEmpty() && minGroup.isEmpty() && minThreshold.isEmpty()) {
      return Optional.empty();
    }
    return Optional.of(new SecureAggregationPolicy(required.orElse(true),
        minGroup.map(Math::toIntExact).orElse(SecureAggregationPolicy.DEFAULT_MIN_GROUP_SIZE),
        minThreshold.map(Math::toIntExact).orElse(SecureAggregationPolicy.DEFAULT_MIN_THRESHOLD),
        registryFile.map(f -> loadRegistry(f, values))));
  }

  private static ClientRegistry loadRegistry(Path file, ConfigValues values) {
    if (!Files.isRegularFile(file)) {
      throw new ConfigException("registry file " + file + " (key '" + POLICY_REGISTRY + "' in " + values.file()
          + ") does not exist; copy the consortium's registry there");
    }
    try {
      return ClientRegistry.load(file);
    } catch (RampartException e) {
      throw new ConfigException("registry file " + file + " (key '" + POLICY_REGISTRY + "' in " + values.file()
          + ") does not parse: " + e.getMessage(), e);
    }
  }

  /**
   * The coordinator's secure-aggregation settings, or empty when {@code secure-aggregation.enabled}
   * is false.
   *
   * @throws ConfigException naming the key and the file when a key is missing, set without
   *     {@code enabled: true}, or the values break a protocol rule (t &gt; s/2, t ≤ s_min ≤ s,
   *     s·2^b ≤ 2^32)
   */
  static Optional<SecureAggregation> settings(ConfigValues values) {
    Optional<Long> groupSize = values.optional(GROUP_SIZE, Long.class);
    if (!values.bool(ENABLED)) {
      for (String key : List.of(GROUP_SIZE, THRESHOLD, MIN_SURVIVORS, BITS, MASK_THREADS)) {
        if (values.optional(key, Long.class).isPresent()) {
          throw new ConfigException("key '" + key + "' in " + values.file() + " is set, but '" + ENABLED
              + "' is false: set it to true to run secure aggregation, or remove the key");
        }
      }
      return Optional.empty();
    }
    if (groupSize.isEmpty()) {
      throw new ConfigException("key '" + GROUP_SIZE + "' in " + values.file() + " is required when '" + ENABLED
          + "' is true");
    }
    SecureAggregation.Builder b = SecureAggregation.builder()
        .groupSize(Math.toIntExact(groupSize.get()))
        .clip(values.decimal(CLIP))
        .groupingSeed(values.longValue(GROUPING_SEED));
    values.optional(PHASE_TIMEOUT, Duration.class).ifPresent(b::phaseTimeout);
    values.optional(THRESHOLD, Long.class).ifPresent(t -> b.threshold(Math.toIntExact(t)));
    values.optional(MIN_SURVIVORS, Long.class).ifPresent(m -> b.minSurvivors(Math.toIntExact(m)));
    values.optional(BITS, Long.class).ifPresent(bits -> b.bits(Math.toIntExact(bits)));
    values.optional(MASK_THREADS, Long.class).ifPresent(n -> b.maskThreads(Math.toIntExact(n)));
    try {
      return Optional.of(b.build());
    } catch (IllegalArgumentException e) {
      throw new ConfigException("keys of 'secure-aggregation' in " + values.file() + " do not fit together: "
          + yamlNames(e.getMessage()), e);
    }
  }

  /**
   * Where a client keeps its secure-aggregation session state: {@code secure-aggregation.state-directory}
   * when set, else {@code <state-directory>/<clientId>/secagg}. The same file therefore gives a
   * restarted process the same folder.
   */
  static Path secureStateDirectory(ConfigValues values, String clientId) {
    return values.optional(SECURE_STATE_DIRECTORY, Path.class)
        .orElseGet(() -> values.path(STATE_DIRECTORY).resolve(clientId).resolve("secagg"));
  }

  /** Rewrites the builder's parameter names into the file's key names. */
  static String yamlNames(String message) {
    return message.replace("groupSize", "group-size").replace("minSurvivors", "min-survivors")
        .replace("maskThreads", "mask-threads").replace("phaseTimeout", "phase-timeout");
  }
}
