package dev.rampart.benchmarks.round;

import dev.rampart.client.LocalTrainer;
import dev.rampart.client.LocalUpdate;
import java.util.Arrays;
import java.util.Map;

/**
 * A trainer that does not train: every round it returns the same vector (every coordinate
 * {@link #VALUE}), so a round's time is the framework's alone. It logs when it was called (the
 * client then holds the round's plan and verified model) and when it returned. Called from the
 * client's thread only.
 */
final class FixedTrainer implements LocalTrainer {
  static final float VALUE = 1e-3f;

  private final String party;
  private final float[] update;

  FixedTrainer(String party, int dimension) {
    this.party = party;
    this.update = new float[dimension];
    Arrays.fill(update, VALUE);
  }

  @Override
  public LocalUpdate train(float[] globalModel, Map<String, String> parameters, long round) {
    long start = EventLog.nowMicros();
    LocalUpdate result = new LocalUpdate(update, 1, 0f);
    EventLog.record("train", party, "", round, start, EventLog.nowMicros());
    return result;
  }
}
