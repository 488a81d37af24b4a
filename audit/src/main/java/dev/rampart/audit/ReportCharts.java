package dev.rampart.audit;

import dev.rampart.audit.internal.ReportView;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/** Metric charts and the anomaly heatmap of the governance report. Stateless. */
final class ReportCharts {
  /** Clients shown in the heatmap before it is cut to the most suspicious ones. */
  static final int MAX_HEATMAP_CLIENTS = 60;

  private ReportCharts() {}

  static List<ReportView.Chart> charts(List<AuditRecord> records, ReportLineage lineage) {
    Map<String, List<ReportView.Point>> byMetric = new LinkedHashMap<>();
    for (ReportLineage.Version v : lineage.versions.values()) {
      if (v.record() == null) {
        continue;
      }
      Bodies.object(v.record().body(), "metrics").forEach((name, value) -> {
        if (value instanceof Number n && Double.isFinite(n.doubleValue())) {
          byMetric.computeIfAbsent(name, k -> new ArrayList<>()).add(new ReportView.Point(
              v.version(), v.parentVersion(), v.round(), n.doubleValue(),
              lineage.current.contains(v.version())));
        }
      });
    }
    List<Double> rollbacks = rollbackRounds(records);
    List<ReportView.Chart> charts = new ArrayList<>();
    charts.add(new ReportView.Chart("chart-loss", "Loss", "loss",
        series(byMetric, AuditEvents.METRIC_TRAIN_LOSS, AuditEvents.METRIC_TEST_LOSS), false,
        rollbacks));
    charts.add(new ReportView.Chart("chart-accuracy", "Test accuracy", "accuracy",
        series(byMetric, AuditEvents.METRIC_TEST_ACCURACY), true, rollbacks));
    byMetric.keySet().removeAll(List.of(AuditEvents.METRIC_TRAIN_LOSS,
        AuditEvents.METRIC_TEST_LOSS, AuditEvents.METRIC_TEST_ACCURACY));
    if (!byMetric.isEmpty()) {
      charts.add(new ReportView.Chart("chart-other", "Other metrics", "value",
          series(byMetric, byMetric.keySet().toArray(String[]::new)), false, rollbacks));
    }
    return charts;
  }

  private static List<ReportView.Series> series(Map<String, List<ReportView.Point>> byMetric,
      String... names) {
    List<ReportView.Series> series = new ArrayList<>();
    for (String name : names) {
      if (byMetric.containsKey(name)) {
        series.add(new ReportView.Series(name, byMetric.get(name)));
      }
    }
    return series;
  }

  /** For each rollback, the round of the last commit before it. */
  private static List<Double> rollbackRounds(List<AuditRecord> records) {
    List<Double> rounds = new ArrayList<>();
    long lastRound = -1;
    for (AuditRecord r : records) {
      if (r.type() == RecordType.AGGREGATE_COMMITTED) {
        lastRound = Bodies.integer(r.body(), "round", lastRound);
      } else if (r.type() == RecordType.ROLLBACK && lastRound >= 0) {
        rounds.add((double) lastRound);
      }
    }
    return rounds;
  }

  static ReportView.Heatmap heatmap(List<AuditRecord> records) {
    Map<String, ReportView.Cell> cells = new LinkedHashMap<>();
    Set<Long> rounds = new TreeSet<>();
    Set<String> clients = new LinkedHashSet<>();
    for (AuditRecord r : records) {
      long round = Bodies.integer(r.body(), "round", -1);
      switch (r.type()) {
        case ROUND_PLANNED -> Bodies.texts(r.body(), "participants").forEach(c -> {
          clients.add(c);
          rounds.add(round);
          cells.putIfAbsent(key(round, c), new ReportView.Cell(c, round, "missing", 0,
              "round " + round + " · " + c + ": planned; no update and no rejection recorded"));
        });
        case UPDATE_ACCEPTED -> place(cells, clients, rounds, accepted(round, r), false);
        case UPDATE_REJECTED -> place(cells, clients, rounds, rejected(round, r), false);
        case ANOMALY -> Bodies.objects(r.body(), "clients").forEach(
            e -> place(cells, clients, rounds, evidence(round, e), true));
        default -> { }
      }
    }
    return cut(new ArrayList<>(clients), new ArrayList<>(rounds), new ArrayList<>(cells.values()));
  }

  private static void place(Map<String, ReportView.Cell> cells, Set<String> clients,
      Set<Long> rounds, ReportView.Cell cell, boolean overrides) {
    clients.add(cell.client());
    rounds.add(cell.round());
    String key = key(cell.round(), cell.client());
    ReportView.Cell old = cells.get(key);
    boolean replace = old == null || old.state().equals("missing") || overrides
        || cell.state().equals("rejected") && old.state().equals("accepted");
    if (replace) {
      cells.put(key, cell);
    }
  }

  private static ReportView.Cell accepted(long round, AuditRecord r) {
    String client = Bodies.text(r.body(), "client", "?");
    return new ReportView.Cell(client, round, "accepted", 0, "round " + round + " · " + client
        + ": update accepted (no aggregation evidence recorded)");
  }

  private static ReportView.Cell rejected(long round, AuditRecord r) {
    String client = Bodies.text(r.body(), "client", "?");
    return new ReportView.Cell(client, round, "rejected", 1, "round " + round + " · " + client
        + ": REJECTED (" + Bodies.text(r.body(), "reason", "?") + ") "
        + Bodies.text(r.body(), "detail", ""));
  }

  private static ReportView.Cell evidence(long round, Map<String, Object> e) {
    String client = Bodies.text(e, "client", "?");
    boolean excluded = Bodies.flag(e, "excluded");
    boolean suspected = Bodies.flag(e, "suspected");
    double trimmed = Bodies.number(e, "trimmedShare");
    double clip = Bodies.number(e, "clipScale");
    double severity = Math.max(Double.isNaN(trimmed) ? 0 : trimmed,
        Double.isNaN(clip) ? 0 : 1 - clip);
    String state = excluded ? "excluded" : suspected ? "suspected" : "accepted";
    String tip = String.format(Locale.ROOT, "round %d · %s: %s · weight %s · trimmed %s · clip "
        + "scale %s · score %s · distance %s", round, client, state.toUpperCase(Locale.ROOT),
        fmt(Bodies.number(e, "weight")), Double.isNaN(trimmed) ? "n/a"
            : String.format(Locale.ROOT, "%.0f%%", 100 * trimmed), fmt(clip),
        fmt(Bodies.number(e, "score")), fmt(Bodies.number(e, "distanceToAggregate")));
    return new ReportView.Cell(client, round, state, excluded ? 1 : severity, tip);
  }

  private static ReportView.Heatmap cut(List<String> clients, List<Long> rounds,
      List<ReportView.Cell> cells) {
    if (clients.size() <= MAX_HEATMAP_CLIENTS) {
      return new ReportView.Heatmap(clients, rounds, cells, "");
    }
    Map<String, Integer> heat = new LinkedHashMap<>();
    clients.forEach(c -> heat.put(c, 0));
    for (ReportView.Cell c : cells) {
      if (!c.state().equals("accepted") && !c.state().equals("missing")) {
        heat.merge(c.client(), 1, Integer::sum);
      }
    }
    List<String> kept = clients.stream()
        .sorted(Comparator.comparing((String c) -> -heat.get(c))).limit(MAX_HEATMAP_CLIENTS)
        .toList();
    Set<String> keep = Set.copyOf(kept);
    return new ReportView.Heatmap(kept, rounds,
        cells.stream().filter(c -> keep.contains(c.client())).toList(),
        "Showing the " + MAX_HEATMAP_CLIENTS + " of " + clients.size() + " clients with the most "
            + "excluded, suspected or rejected updates.");
  }

  private static String fmt(double v) {
    return Double.isNaN(v) ? "n/a" : String.format(Locale.ROOT, "%.4g", v);
  }

  private static String key(long round, String client) {
    return round + "\u0000" + client;
  }
}
