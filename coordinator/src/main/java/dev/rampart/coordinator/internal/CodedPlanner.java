package dev.rampart.coordinator.internal;

import dev.rampart.aggregation.coding.CodingTask;
import dev.rampart.aggregation.coding.CyclicAssignment;
import dev.rampart.coordinator.CodedMode;
import dev.rampart.protocol.ClientId;
import dev.rampart.protocol.wire.CodeKind;
import dev.rampart.protocol.wire.RoundPlan;
import dev.rampart.protocol.wire.Task;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Computes each round's LAD tasks: participant i (in client-id order) gets the cyclic window of
 * {@link CyclicAssignment} with uniform coefficients 1/d, and every shard the tasks name has its
 * SHA-256 in the plan. Before a plan leaves, the tasks are audited: every shard must be covered
 * exactly the same number of times (d when n = K), otherwise planning fails.
 *
 * <p>Immutable; thread-safe.
 */
public final class CodedPlanner {
  private final CodedMode mode;
  private final ShardAllocation shards;

  public CodedPlanner(CodedMode mode, ShardAllocation shards) {
    this.mode = mode;
    this.shards = shards;
  }

  /** Adds the round's tasks and the digests of the shards they name to {@code plan}. */
  public RoundPlan.Builder addTasks(RoundPlan.Builder plan, long round, Set<ClientId> participants) {
    List<Task> tasks = tasks(round, List.copyOf(participants));
    int[] coverage = coverage(tasks, shards.shardCount());
    for (int k = 0; k < coverage.length; k++) {
      if (coverage[k] != coverage[0]) {
        throw new IllegalStateException("round " + round + ": shard " + k + " is covered " + coverage[k]
            + " times but shard 0 " + coverage[0] + " times; " + participants.size() + " participants do not tile "
            + shards.shardCount() + " shards with redundancy " + mode.redundancy());
      }
    }
    Set<Integer> named = new TreeSet<>();
    tasks.forEach(t -> named.addAll(t.getShardIdsList()));
    named.forEach(k -> plan.addShardDigests(shards.digest(k)));
    return plan.addAllTasks(tasks);
  }

  /** The tasks of {@code round}, one per participant in the given order. */
  List<Task> tasks(long round, List<ClientId> participants) {
    CyclicAssignment assignment = CyclicAssignment.create(mode.shardCount(), participants.size(), mode.redundancy())
        .withOrder(mode.order(), mode.shiftSeed());
    List<Task> out = new ArrayList<>(participants.size());
    for (int i = 0; i < participants.size(); i++) {
      CodingTask t = assignment.task(i, round);
      Task.Builder b = Task.newBuilder().setClientId(participants.get(i).value()).setCode(CodeKind.CODE_KIND_LAD);
      for (int k = 0; k < t.load(); k++) {
        b.addShardIds(t.shard(k)).addCoefficients((float) t.coefficient(k));
      }
      out.add(b.build());
    }
    return out;
  }

  /** How many tasks name each shard. */
  public static int[] coverage(List<Task> tasks, int shardCount) {
    int[] c = new int[shardCount];
    for (Task t : tasks) {
      for (int k : t.getShardIdsList()) {
        c[k]++;
      }
    }
    return c;
  }

  /** Client id to shard ids, for the round-planned audit record. */
  public static Map<String, List<Integer>> auditView(RoundPlan plan) {
    Map<String, List<Integer>> m = new LinkedHashMap<>();
    for (Task t : plan.getTasksList()) {
      m.put(t.getClientId(), List.copyOf(t.getShardIdsList()));
    }
    return m;
  }
}
