package dev.rampart.simulator.grid;

import dev.rampart.simulator.Classifier;
import dev.rampart.client.WorkerMomentum;
import dev.rampart.simulator.attack.AttackSpec;
import dev.rampart.simulator.data.Partition;
import java.util.Objects;

/**
 * One run of a scenario grid: every setting fixed. Immutable.
 *
 * @param dataset {@code digits} or {@code fashion-mnist}
 * @param model {@code logistic}, {@code mlp} or {@code lenet} (the LeNet-5 of {@code Dl4jModels}, 28 × 28 images)
 * @param split a {@link Partition} spec
 * @param clients n, at least 2
 * @param byzantine attackers f (the last f clients), in [0, n/2); the pipeline tolerates f
 * @param attack an {@link AttackSpec}; {@code none} exactly when f = 0
 * @param pipeline the coordinator's aggregation pipeline spec
 * @param momentum worker momentum β in [0, 1)
 * @param seed seed of the data split, the shuffles, the initial model and the attackers
 * @param training rounds and optimiser settings shared by all cells of a scenario
 * @param secureAggregation group size s of grouped secure aggregation, 0 when it is off, else 2 or
 *     more; whether the coordinator accepts s for this n and f is checked when the cell runs
 * @param coding redundancy d of LAD coded mode, in [1, clients]; 1 is federated training, d &gt; 1
 *     cuts the training split into n shards (client i's partition is shard i) and every client
 *     sends the mean gradient of its cyclic window of d shards
 */
public record GridCell(String dataset, String model, String split, int clients, int byzantine, String attack,
    String pipeline, double momentum, long seed, Training training, int secureAggregation, int coding) {

  /** Checks the ranges; messages name the bad value. */
  public GridCell {
    Objects.requireNonNull(training, "training");
    if (!dataset.equals("digits") && !dataset.equals("fashion-mnist")) {
      throw new IllegalArgumentException("dataset must be digits or fashion-mnist, but dataset=" + dataset);
    }
    if (!Classifier.known(model)) {
      throw new IllegalArgumentException("model must be " + Classifier.KINDS + ", but model=" + model);
    }
    if (model.equals("lenet") && !dataset.equals("fashion-mnist")) {
      throw new IllegalArgumentException("model lenet takes 28 x 28 images: use dataset fashion-mnist, but dataset="
          + dataset);
    }
    Partition.parse(split);
    if (clients < 2 || byzantine < 0 || 2 * byzantine >= clients) {
      throw new IllegalArgumentException("need clients >= 2 and 0 <= byzantine < clients/2, but clients=" + clients
          + ", byzantine=" + byzantine);
    }
    AttackSpec spec = AttackSpec.parse(attack);
    if (spec.isNone() != (byzantine == 0)) {
      throw new IllegalArgumentException("attack 'none' goes with byzantine=0 and only with it, but attack=" + attack
          + ", byzantine=" + byzantine);
    }
    WorkerMomentum.requireValidBeta(momentum);
    if (secureAggregation != 0 && secureAggregation < 2) {
      throw new IllegalArgumentException("secure_aggregation must be off (0) or a group size of at least 2, but "
          + "secure_aggregation=" + secureAggregation);
    }
    if (coding < 1 || coding > clients) {
      throw new IllegalArgumentException("coding_d must be in [1, clients], but coding_d=" + coding + ", clients="
          + clients);
    }
  }

  /** A federated cell (coding_d = 1) with secure-aggregation group size {@code secureAggregation} (0 = off). */
  public GridCell(String dataset, String model, String split, int clients, int byzantine, String attack,
      String pipeline, double momentum, long seed, Training training, int secureAggregation) {
    this(dataset, model, split, clients, byzantine, attack, pipeline, momentum, seed, training, secureAggregation, 1);
  }

  /** A cell without secure aggregation. */
  public GridCell(String dataset, String model, String split, int clients, int byzantine, String attack,
      String pipeline, double momentum, long seed, Training training) {
    this(dataset, model, split, clients, byzantine, attack, pipeline, momentum, seed, training, 0, 1);
  }

  /** Whether the cell runs LAD coded mode (coding_d &gt; 1). */
  public boolean coded() {
    return coding > 1;
  }

  /** Whether the cell runs grouped secure aggregation. */
  public boolean secure() {
    return secureAggregation > 0;
  }

  /** A short unique label, also used in job ids. */
  public String label() {
    return String.join(" ", dataset, split, "n=" + clients, "f=" + byzantine, attack, pipeline, "beta=" + momentum,
        "seed=" + seed) + (coded() ? " lad-d=" + coding : "") + (secure() ? " secagg=" + secureAggregation : "");
  }

  /**
   * The scenario-wide optimisation settings.
   *
   * @param rounds rounds per run, at least 1
   * @param learningRate local SGD step, positive
   * @param localEpochs local passes per round, at least 0
   * @param batchSize local mini-batch, at least 1
   * @param serverLearningRate server step η, positive
   * @param trainSamples training samples used (0 = all), drawn with the seed
   * @param testSamples test samples used (0 = all)
   * @param hidden hidden units of the MLP
   */
  public record Training(int rounds, double learningRate, int localEpochs, int batchSize, double serverLearningRate,
      int trainSamples, int testSamples, int hidden) {
    /** Checks the ranges; messages name the bad value. */
    public Training {
      if (rounds < 1 || localEpochs < 0 || batchSize < 1 || hidden < 1 || trainSamples < 0 || testSamples < 0) {
        throw new IllegalArgumentException("need rounds >= 1, local_epochs >= 0, batch_size >= 1, hidden >= 1 and "
            + "non-negative sample counts, but rounds=" + rounds + ", local_epochs=" + localEpochs + ", batch_size="
            + batchSize + ", hidden=" + hidden + ", train_samples=" + trainSamples + ", test_samples=" + testSamples);
      }
      if (!(learningRate > 0) || !(serverLearningRate > 0)) {
        throw new IllegalArgumentException("learning rates must be positive, but learning_rate=" + learningRate
            + ", server_learning_rate=" + serverLearningRate);
      }
    }
  }
}
