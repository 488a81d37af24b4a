package dev.rampart.simulator.attack;

import dev.rampart.aggregation.AggregationContext;
import dev.rampart.aggregation.Pipeline;
import dev.rampart.client.UpdateTransform;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Turns an {@link AttackSpec} into the {@link UpdateTransform}s of one simulated job: honest
 * clients get a transform that only reports their vector to the shared {@link Coalition}; the
 * Byzantine clients (the last {@code byzantine} indices) get the forging transform. Transforms run
 * after worker momentum in the client's update path, so attackers see what honest clients send.
 *
 * <p>Thread-safe: the transforms are called from the client threads; each Byzantine transform
 * has its own seeded random source.
 */
public final class Adversary {
  private final AttackSpec attack;
  private final Setting setting;
  private final Coalition coalition;
  private final Pipeline pipeline;

  /**
   * The job facts an attack needs.
   *
   * @param clients all clients n, at least 2
   * @param byzantine attackers, in [0, n)
   * @param pipeline the coordinator's pipeline spec, the target of the optimal attacks
   * @param maxByzantine the f the pipeline is configured with
   * @param seed base seed; attacker i uses seed + i
   * @param colluderWait longest time a colluder waits for the round's honest vectors
   */
  public record Setting(int clients, int byzantine, String pipeline, int maxByzantine, long seed, Duration colluderWait) {
    /** Checks the ranges; messages name the bad value. */
    public Setting {
      if (clients < 2 || byzantine < 0 || byzantine >= clients) {
        throw new IllegalArgumentException("need clients >= 2 and 0 <= byzantine < clients, but clients=" + clients
            + ", byzantine=" + byzantine);
      }
    }
  }

  private Adversary(AttackSpec attack, Setting setting) {
    this.attack = attack;
    this.setting = setting;
    int honest = setting.clients() - setting.byzantine();
    this.coalition = attack.colluding() && setting.byzantine() > 0
        ? new Coalition(honest, setting.byzantine(), setting.colluderWait()) : null;
    this.pipeline = attack.name().startsWith("optimal-") ? Pipeline.parse(setting.pipeline(), setting.maxByzantine()) : null;
  }

  /** The adversary of one job. */
  public static Adversary of(AttackSpec attack, Setting setting) {
    return new Adversary(attack, setting);
  }

  /** Whether client {@code index} is one of the attackers (the last {@code byzantine} indices). */
  public boolean isByzantine(int index) {
    return !attack.isNone() && index >= setting.clients() - setting.byzantine();
  }

  /** The transform of client {@code index}: forging for an attacker, reporting-only for an honest client. */
  public UpdateTransform transform(int index) {
    if (!isByzantine(index)) {
      return coalition == null ? UpdateTransform.identity() : (g, round) -> {
        coalition.reportHonest(round, g);
        return g;
      };
    }
    SplittableRandom random = new SplittableRandom(setting.seed() + index);
    return (g, round) -> forge(g, round, random);
  }

  private float[] forge(float[] own, long round, SplittableRandom random) {
    switch (attack.name()) {
      case "sign-flip":
        return AttackMath.signFlip(own);
      case "scale":
        return AttackMath.scale(own, attack.parameter("factor", -10));
      case "noise": {
        float[] noise = AttackMath.gaussian(own.length, attack.parameter("sigma", 1), random);
        for (int j = 0; j < own.length; j++) {
          noise[j] += own[j];
        }
        return noise;
      }
      case "gaussian":
        return AttackMath.gaussian(own.length, attack.parameter("mu", 0), attack.parameter("sigma", 1), random);
      case "inf":
        return AttackMath.filled(own.length, Float.POSITIVE_INFINITY);
      case "nan":
        return AttackMath.filled(own.length, Float.NaN);
      case "backdoor":
        return AttackMath.scale(own, attack.parameter("boost", 1));
      case "label-flip":
      case "none":
        return own;
      default:
        return collude(own, round);
    }
  }

  private float[] collude(float[] own, long round) {
    coalition.reportOwn(round, own);
    List<float[]> seen = coalition.view(round, attack.omniscient(), own);
    switch (attack.name()) {
      case "ipm":
        return AttackMath.innerProductManipulation(seen, attack.parameter("eps", 0.1));
      case "alie":
        return AttackMath.littleIsEnough(seen, attack.parameters().containsKey("z") ? attack.parameter("z", 0)
            : AttackMath.alieZ(setting.clients(), setting.byzantine()));
      case "mimic":
        return AttackMath.mimic(seen, (int) attack.parameter("target", 0) % seen.size());
      case "optimal-ipm":
        return optimal(seen, round, true);
      case "optimal-alie":
        return optimal(seen, round, false);
      default:
        throw new IllegalStateException("attack " + attack.name() + " has no vector rule");
    }
  }

  private float[] optimal(List<float[]> seen, long round, boolean ipm) {
    float[] mu = AttackMath.mean(seen);
    List<float[]> population = estimatedHonest(seen);
    double factor = attack.lineMaximizer().maximize(t -> {
      float[] forged = ipm ? AttackMath.innerProductManipulation(seen, t) : AttackMath.littleIsEnough(seen, t);
      List<float[]> inputs = new ArrayList<>(population);
      for (int i = 0; i < setting.byzantine(); i++) {
        inputs.add(forged);
      }
      AggregationContext context = AggregationContext.of(new SplittableRandom(setting.seed() ^ round));
      return AttackMath.distance(pipeline.aggregate(inputs, context).vector(), mu);
    });
    return ipm ? AttackMath.innerProductManipulation(seen, factor) : AttackMath.littleIsEnough(seen, factor);
  }

  /**
   * The honest inputs the line search aggregates: the vectors seen, repeated cyclically up to the
   * n − f honest clients when fewer were seen (non-omniscient attackers, or honest vectors that
   * did not arrive in time), so the pipeline gets as many inputs as the coordinator will.
   */
  private List<float[]> estimatedHonest(List<float[]> seen) {
    int honest = setting.clients() - setting.byzantine();
    List<float[]> out = new ArrayList<>(seen);
    for (int i = 0; out.size() < honest; i++) {
      out.add(seen.get(i % seen.size()));
    }
    return out;
  }
}
