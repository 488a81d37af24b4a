package dev.rampart.client.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import com.google.protobuf.ByteString;
import dev.rampart.client.LocalTrainer;
import dev.rampart.client.LocalUpdate;
import dev.rampart.client.ShardGradients;
import dev.rampart.crypto.Envelopes;
import dev.rampart.crypto.Identity;
import dev.rampart.protocol.DataShard;
import dev.rampart.protocol.wire.CodeKind;
import dev.rampart.protocol.wire.MessageType;
import dev.rampart.protocol.wire.RoundPlan;
import dev.rampart.protocol.wire.ShardDigest;
import dev.rampart.protocol.wire.Task;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class RoundWorkTest {
  private static final Identity COORDINATOR = Identity.generate("coordinator", new SecureRandom());

  /** A fake whose shard gradient is (shardId + 1) in every coordinate, with loss shardId. */
  private static final class Fake implements LocalTrainer, ShardGradients {
    int trained;

    @Override
    public LocalUpdate train(float[] globalModel, Map<String, String> parameters, long round) {
      trained++;
      return new LocalUpdate(new float[] {9f, 9f}, 1, 0f);
    }

    @Override
    public LocalUpdate shardGradient(float[] model, DataShard shard, Map<String, String> parameters) {
      float g = shard.shardId() + 1;
      return new LocalUpdate(new float[] {g, -g}, shard.sampleCount(), shard.shardId());
    }
  }

  private static DataShard shard(int id) {
    return new DataShard(id, 4, new float[][] {{1f}, {2f}}, new int[] {0, 1}, 2);
  }

  private static ShardStore storeWith(int... ids) {
    ShardStore store = new ShardStore();
    for (int id : ids) {
      store.accept(Envelopes.seal(COORDINATOR, MessageType.SHARD, "job", id, shard(id).toWire().toByteArray(), 0));
    }
    return store;
  }

  private static RoundPlan plan(String client, float... coefficients) {
    Task.Builder t = Task.newBuilder().setClientId(client).setCode(CodeKind.CODE_KIND_LAD);
    RoundPlan.Builder p = RoundPlan.newBuilder().setRound(3);
    for (int k = 0; k < coefficients.length; k++) {
      t.addShardIds(k + 1).addCoefficients(coefficients[k]);
      p.addShardDigests(ShardDigest.newBuilder().setShardId(k + 1)
          .setSha256(ByteString.copyFrom(DataShard.sha256(shard(k + 1).toWire().toByteArray()))));
    }
    return p.addTasks(t).build();
  }

  @Test
  void compute_ladTask_returnsCoefficientWeightedSumOfShardGradients() {
    Fake trainer = new Fake();
    RoundWork work = new RoundWork("me", trainer, storeWith(1, 2), Clock.systemUTC());
    LocalUpdate u = work.compute(plan("me", 0.5f, 0.5f), new float[2]).orElseThrow();
    // shard 1 gives (2, -2), shard 2 gives (3, -3); their mean is (2.5, -2.5)
    assertThat(u.vector()[0]).isCloseTo(2.5f, within(1e-6f));
    assertThat(u.vector()[1]).isCloseTo(-2.5f, within(1e-6f));
    assertThat(u.sampleCount()).isEqualTo(4);
    assertThat(u.trainLoss()).isCloseTo(1.5f, within(1e-6f));
    assertThat(trainer.trained).isZero();
  }

  @Test
  void compute_shardNotYetArrived_isEmpty() {
    RoundWork work = new RoundWork("me", new Fake(), storeWith(1), Clock.systemUTC());
    assertThat(work.compute(plan("me", 0.5f, 0.5f), new float[2])).isEmpty();
  }

  @Test
  void compute_noTaskForThisClient_runsLocalTraining() {
    Fake trainer = new Fake();
    Optional<LocalUpdate> u = new RoundWork("me", trainer, storeWith(), Clock.systemUTC()).compute(plan("someone-else", 1f), new float[2]);
    assertThat(u.orElseThrow().vector()).containsExactly(9f, 9f);
    assertThat(trainer.trained).isEqualTo(1);
  }

  @Test
  void compute_trainerWithoutShardGradients_failsNamingClient() {
    LocalTrainer plain = (model, parameters, round) -> new LocalUpdate(model, 1, 0f);
    RoundWork work = new RoundWork("me", plain, storeWith(1), Clock.systemUTC());
    assertThatThrownBy(() -> work.compute(plan("me", 1f), new float[2])).isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("me").hasMessageContaining("ShardGradients");
  }
}
