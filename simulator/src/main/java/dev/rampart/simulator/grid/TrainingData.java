package dev.rampart.simulator.grid;

import dev.rampart.cli.data.Dataset;
import dev.rampart.cli.data.Datasets;
import dev.rampart.simulator.data.FashionMnist;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The train and test sets of a cell, loaded once per (dataset, sample counts, seed) and shared by
 * all runs of a grid. Thread-safe.
 */
final class TrainingData {
  private final Path dataDirectory;
  private final Map<String, Dataset[]> cache = new ConcurrentHashMap<>();

  TrainingData(Path dataDirectory) {
    this.dataDirectory = dataDirectory;
  }

  /** {train, test} for the cell. */
  Dataset[] of(GridCell cell) {
    GridCell.Training t = cell.training();
    String key = cell.dataset() + "/" + t.trainSamples() + "/" + t.testSamples() + "/" + cell.seed();
    return cache.computeIfAbsent(key, k -> load(cell));
  }

  private Dataset[] load(GridCell cell) {
    GridCell.Training t = cell.training();
    if (cell.dataset().equals("digits")) {
      Dataset[] split = Datasets.digits().trainTestSplit(0.2, cell.seed());
      return new Dataset[] {limit(split[0], t.trainSamples(), cell.seed()), limit(split[1], t.testSamples(), cell.seed())};
    }
    int train = t.trainSamples() == 0 ? Integer.MAX_VALUE : t.trainSamples();
    int test = t.testSamples() == 0 ? Integer.MAX_VALUE : t.testSamples();
    return new Dataset[] {FashionMnist.load(dataDirectory, "train", train, cell.seed()),
        FashionMnist.load(dataDirectory, "t10k", test, cell.seed() + 1)};
  }

  private static Dataset limit(Dataset data, int samples, long seed) {
    if (samples == 0 || samples >= data.size()) {
      return data;
    }
    return data.iidSplit(Math.max(1, data.size() / samples), seed)[0];
  }
}
