package dev.rampart.audit.internal;

import static dev.rampart.audit.internal.Markup.num;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The per-round × per-client evidence heatmap as inline SVG: one row per client, one column per
 * round, each cell coloured by what the coordinator did with that client's update (excluded,
 * suspected with strength by severity, accepted, rejected, or planned but missing) and carrying
 * the evidence as a tooltip. Each row ends with the client's counts. Stateless and thread-safe.
 */
public final class SvgHeatmap {
  private static final double LABEL_WIDTH = 150;
  private static final double TOTALS_WIDTH = 260;
  private static final double TOP = 30;
  private static final double GRID_WIDTH = 820;

  private SvgHeatmap() {}

  /** Writes the heatmap as an {@code <svg>} element, or a note when there is no evidence. */
  public static void write(Markup m, ReportView.Heatmap heatmap) {
    List<String> clients = heatmap.clients();
    List<Long> rounds = heatmap.rounds();
    if (clients.isEmpty() || rounds.isEmpty()) {
      m.element("p", "No per-client evidence was recorded.", "class", "empty");
      return;
    }
    double cw = Math.max(3, Math.min(36, Math.floor(GRID_WIDTH / rounds.size())));
    double ch = clients.size() > 40 ? 14 : 22;
    double width = LABEL_WIDTH + cw * rounds.size() + TOTALS_WIDTH;
    double height = TOP + ch * clients.size() + 8;
    m.open("svg", "xmlns", "http://www.w3.org/2000/svg", "class", "heatmap",
        "viewBox", "0 0 " + num(width) + " " + num(height), "width", num(width),
        "role", "img", "aria-label", "Per-round, per-client anomaly heatmap");
    roundLabels(m, rounds, cw);
    Map<String, ReportView.Cell> cells = new HashMap<>();
    heatmap.cells().forEach(c -> cells.put(key(c.client(), c.round()), c));
    for (int row = 0; row < clients.size(); row++) {
      String client = clients.get(row);
      double y = TOP + row * ch;
      m.element("text", shorten(client), "x", num(LABEL_WIDTH - 8), "y", num(y + ch * 0.7),
          "class", "row-label", "text-anchor", "end");
      int[] counts = new int[3];
      for (int col = 0; col < rounds.size(); col++) {
        ReportView.Cell cell = cells.get(key(client, rounds.get(col)));
        if (cell != null) {
          cell(m, cell, LABEL_WIDTH + col * cw, y, cw, ch);
          counts[0] += cell.state().equals("excluded") ? 1 : 0;
          counts[1] += cell.state().equals("suspected") ? 1 : 0;
          counts[2] += cell.state().equals("rejected") ? 1 : 0;
        }
      }
      m.element("text", counts[0] + " excluded · " + counts[1] + " suspected · " + counts[2]
          + " rejected", "x", num(LABEL_WIDTH + cw * rounds.size() + 10), "y",
          num(y + ch * 0.7), "class", counts[0] + counts[1] + counts[2] > 0 ? "row-total hot"
              : "row-total");
    }
    m.close("svg");
  }

  private static void roundLabels(Markup m, List<Long> rounds, double cw) {
    int every = (int) Math.max(1, Math.ceil(28 / cw));
    m.element("text", "round", "x", num(LABEL_WIDTH - 8), "y", "18", "class", "row-label",
        "text-anchor", "end");
    for (int col = 0; col < rounds.size(); col++) {
      if (col % every == 0 || col == rounds.size() - 1) {
        m.element("text", Long.toString(rounds.get(col)), "x", num(LABEL_WIDTH + col * cw + cw / 2),
            "y", "18", "class", "tick", "text-anchor", "middle");
      }
    }
  }

  private static void cell(Markup m, ReportView.Cell c, double x, double y, double cw,
      double ch) {
    double opacity = switch (c.state()) {
      case "suspected" -> 0.35 + 0.65 * clamp(c.severity());
      case "accepted" -> 0.45 + 0.55 * clamp(c.severity());
      default -> 1.0;
    };
    m.open("rect", "x", num(x + 1), "y", num(y + 1), "width", num(Math.max(1, cw - 2)),
        "height", num(ch - 2), "rx", "2", "class", "cell " + c.state(),
        "fill-opacity", num(opacity), "data-round", Long.toString(c.round()),
        "data-client", c.client());
    m.element("title", c.tooltip());
    m.close("rect");
    if (cw >= 14 && (c.state().equals("excluded") || c.state().equals("rejected"))) {
      m.element("text", c.state().equals("excluded") ? "×" : "R", "x", num(x + cw / 2),
          "y", num(y + ch * 0.72), "class", "glyph", "text-anchor", "middle");
    }
  }

  private static double clamp(double v) {
    return Double.isNaN(v) ? 0 : Math.max(0, Math.min(1, v));
  }

  private static String shorten(String client) {
    return client.length() <= 22 ? client : client.substring(0, 20) + "…";
  }

  private static String key(String client, long round) {
    return round + "\u0000" + client;
  }
}
