package dev.rampart.simulator.grid;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.rampart.simulator.data.FashionMnist;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * A scenario file: YAML whose grid keys take a value or a list of values; every list expands into
 * one axis of the grid (the cartesian product of all lists). Cells with f = 0 run the honest
 * baseline ({@code attack: none}) once per remaining setting, whatever the attack list says.
 *
 * <pre>
 * name: digits-n10
 * dataset: digits              # digits | fashion-mnist
 * model: logistic              # logistic | mlp (hidden: 32) | lenet | path/to/model.zip | path/to/conf.json
 * split: [iid, dirichlet(alpha=0.3)]
 * clients: 10
 * byzantine: [0, 1, 2]
 * attack: [sign-flip, alie, optimal-ipm]
 * pipeline: [average, trmean, nnm | trmean, krum, gm]
 * momentum: [0, 0.9]
 * seed: [1]
 * secure_aggregation: [false, 4]
 * rounds: 20
 * </pre>
 *
 * Scalars (defaults): {@code name}, {@code data_dir} (the Debian Fashion-MNIST path),
 * {@code parallel} (1), {@code learning_rate} (0.5), {@code local_epochs} (1), {@code batch_size}
 * (16), {@code server_learning_rate} (1), {@code train_samples} and {@code test_samples} (0 =
 * all), {@code hidden} (32), {@code round_timeout_s} (30). The key reserved for a later feature,
 * {@code compression} (none), refuses any other value with "not supported yet".
 *
 * <p>Grid key {@code coding_d} (default 1): 1 is federated training; d &gt; 1 runs LAD coded mode
 * with redundancy d (n shards, client i's partition is shard i, fixed cyclic windows of d shards,
 * clients send gradients and the server steps with {@code server_learning_rate}). Coded cells
 * need {@code model: logistic} and a vector attack (the coordinator publishes the shards, so
 * label-flip and backdoor cannot poison them); other combinations are reported as refused.
 *
 * <p>Grid key {@code secure_aggregation} (default {@code false}): {@code false} runs without it; a
 * whole number s ≥ 2 runs grouped secure aggregation with groups of at most s clients (the
 * coordinator sees only group means); {@code true} picks the largest group size the cell's n and
 * f allow, max(2, ⌊n/(2f+1)⌋), so f = 0 runs one group of all n clients. Whether the coordinator
 * accepts s for a cell's n and f (s ≤ n/(2f+1), groups no smaller than the threshold) is decided
 * per cell when it runs: a cell it refuses is reported as "refused: <reason>". With coding_d = d
 * &gt; 1 the groups are stride groups of exactly n/d clients ({@code true} picks that size), and the
 * coordinator needs f &lt; d/2.
 *
 * @param name the scenario's name (results folder)
 * @param dataDirectory where Fashion-MNIST's IDX files are
 * @param parallel runs at the same time, at least 1
 * @param roundTimeoutSeconds how long a round waits for updates
 * @param cells the expanded grid, in file order of the lists
 */
public record Scenario(String name, Path dataDirectory, int parallel, int roundTimeoutSeconds, List<GridCell> cells) {
  private static final List<String> GRID_KEYS = List.of("dataset", "model", "split", "clients", "byzantine", "attack",
      "pipeline", "momentum", "seed", "coding_d", "secure_aggregation");
  private static final Set<String> SCALAR_KEYS = Set.of("name", "data_dir", "parallel", "rounds", "learning_rate",
      "local_epochs", "batch_size", "server_learning_rate", "train_samples", "test_samples", "hidden",
      "round_timeout_s", "compression");

  /** Copies the cell list. */
  public Scenario {
    cells = List.copyOf(cells);
    if (parallel < 1) {
      throw new IllegalArgumentException("parallel must be at least 1, but parallel=" + parallel);
    }
  }

  /** Reads and expands {@code file}; errors name the file and the key. */
  public static Scenario load(Path file) {
    try {
      @SuppressWarnings("unchecked")
      Map<String, Object> yaml = new ObjectMapper(new YAMLFactory()).readValue(file.toFile(), LinkedHashMap.class);
      return fromMap(yaml, file.toString());
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read scenario " + file + ": " + e.getMessage(), e);
    }
  }

  /** Expands an already parsed scenario; {@code source} names it in errors. */
  public static Scenario fromMap(Map<String, Object> yaml, String source) {
    for (String key : yaml.keySet()) {
      if (!GRID_KEYS.contains(key) && !SCALAR_KEYS.contains(key)) {
        throw new IllegalArgumentException(source + ": unknown key '" + key + "'; grid keys " + GRID_KEYS
            + ", settings " + new TreeSet<>(SCALAR_KEYS));
      }
    }
    refuse(yaml, source, "compression", "none");
    GridCell.Training training = new GridCell.Training(integer(yaml, "rounds", 20), real(yaml, "learning_rate", 0.5),
        integer(yaml, "local_epochs", 1), integer(yaml, "batch_size", 16), real(yaml, "server_learning_rate", 1.0),
        integer(yaml, "train_samples", 0), integer(yaml, "test_samples", 0), integer(yaml, "hidden", 32));
    Set<GridCell> cells = new LinkedHashSet<>();
    expand(yaml, 0, new LinkedHashMap<>(), training, cells, source);
    String name = String.valueOf(yaml.getOrDefault("name", "scenario"));
    Path data = Path.of(String.valueOf(yaml.getOrDefault("data_dir", FashionMnist.DEBIAN_DIRECTORY)));
    return new Scenario(name, data, integer(yaml, "parallel", 1), integer(yaml, "round_timeout_s", 30), new ArrayList<>(cells));
  }

  private static void expand(Map<String, Object> yaml, int axis, Map<String, Object> chosen, GridCell.Training training,
      Set<GridCell> out, String source) {
    if (axis == GRID_KEYS.size()) {
      out.add(cell(chosen, training, source));
      return;
    }
    String key = GRID_KEYS.get(axis);
    for (Object value : values(yaml, key)) {
      chosen.put(key, value);
      expand(yaml, axis + 1, chosen, training, out, source);
    }
  }

  private static GridCell cell(Map<String, Object> c, GridCell.Training training, String source) {
    try {
      int f = Integer.parseInt(String.valueOf(c.get("byzantine")));
      int n = Integer.parseInt(String.valueOf(c.get("clients")));
      int d = Integer.parseInt(String.valueOf(c.get("coding_d")));
      String attack = f == 0 ? "none" : String.valueOf(c.get("attack"));
      return new GridCell(String.valueOf(c.get("dataset")), String.valueOf(c.get("model")), String.valueOf(c.get("split")),
          n, f, attack, String.valueOf(c.get("pipeline")), Double.parseDouble(String.valueOf(c.get("momentum"))),
          Long.parseLong(String.valueOf(c.get("seed"))), training, groupSize(c.get("secure_aggregation"), n, f, d), d);
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(source + ": not a number in " + c + ": " + e.getMessage(), e);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(source + ": " + e.getMessage(), e);
    }
  }

  private static List<Object> values(Map<String, Object> yaml, String key) {
    Object v = yaml.get(key);
    if (v == null) {
      v = switch (key) {
        case "dataset" -> "digits";
        case "model" -> "logistic";
        case "split" -> "iid";
        case "clients" -> 10;
        case "byzantine" -> 0;
        case "attack" -> "none";
        case "pipeline" -> "average";
        case "momentum" -> 0;
        case "secure_aggregation" -> false;
        default -> 1;
      };
    }
    return v instanceof List<?> list ? new ArrayList<>(list) : List.of(v);
  }

  /**
   * The group size a {@code secure_aggregation} value stands for: 0 (off) for {@code false}, the
   * largest the bound allows, max(2, ⌊n/(2f+1)⌋), for {@code true} (in coded mode the stride
   * groups' size, max(2, ⌊n/d⌋)), else the whole number itself, which must be at least 2.
   *
   * @throws IllegalArgumentException naming the value otherwise
   */
  static int groupSize(Object value, int clients, int byzantine, int coding) {
    String v = String.valueOf(value).trim();
    if (v.equals("false")) {
      return 0;
    }
    if (v.equals("true")) {
      return Math.max(2, coding > 1 ? clients / coding : clients / (2 * byzantine + 1));
    }
    try {
      int s = Integer.parseInt(v);
      if (s >= 2) {
        return s;
      }
    } catch (NumberFormatException e) {
      // falls through to the message below
    }
    throw new IllegalArgumentException("secure_aggregation must be false, true or a group size of at least 2, but "
        + "secure_aggregation=" + v);
  }

  private static void refuse(Map<String, Object> yaml, String source, String key, String only) {
    for (Object v : values(Map.of(key, yaml.getOrDefault(key, only)), key)) {
      if (!String.valueOf(v).equals(only)) {
        throw new IllegalArgumentException(source + ": " + key + "=" + v + " is not supported yet (only " + only + ")");
      }
    }
  }

  private static int integer(Map<String, Object> yaml, String key, int fallback) {
    Object v = yaml.get(key);
    try {
      return v == null ? fallback : Integer.parseInt(String.valueOf(v).trim());
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(key + " must be a whole number, but " + key + "=" + v);
    }
  }

  private static double real(Map<String, Object> yaml, String key, double fallback) {
    Object v = yaml.get(key);
    try {
      return v == null ? fallback : Double.parseDouble(String.valueOf(v).trim());
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(key + " must be a number, but " + key + "=" + v);
    }
  }
}
