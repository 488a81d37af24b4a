package dev.rampart.audit.internal;

import static dev.rampart.audit.internal.Markup.num;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The model lineage as inline SVG: versions left to right in commit order, one lane per branch.
 * A version stays on its parent's lane when it is the parent's first child; a second child (the
 * first version after a rollback) opens a new lane below, joined by a curved edge, so a rollback
 * reads as a branch. Versions abandoned by a rollback are drawn grey; the latest version is
 * ringed. Stateless and thread-safe.
 */
public final class SvgLineage {
  private static final double LEFT = 40;
  private static final double TOP = 30;
  private static final double LANE = 56;
  private static final double MAX_WIDTH = 1100;

  private SvgLineage() {}

  /** Writes the lineage graph, or a note when no version was recorded. */
  public static void write(Markup m, List<ReportView.Node> nodes) {
    if (nodes.isEmpty()) {
      m.element("p", "No model version was recorded.", "class", "empty");
      return;
    }
    Map<Long, Integer> lane = new HashMap<>();
    Map<Long, Integer> index = new HashMap<>();
    Map<Long, Boolean> hasChild = new HashMap<>();
    int lanes = assignLanes(nodes, lane, index, hasChild);
    double step = Math.max(8, Math.min(64, (MAX_WIDTH - 2 * LEFT) / Math.max(1, nodes.size())));
    double width = 2 * LEFT + step * (nodes.size() - 1) + 40;
    double height = TOP + LANE * lanes + 10;
    m.open("svg", "xmlns", "http://www.w3.org/2000/svg", "class", "lineage",
        "viewBox", "0 0 " + num(width) + " " + num(height), "width", num(width),
        "role", "img", "aria-label", "Model lineage");
    for (ReportView.Node n : nodes) {
      Long parent = n.parentVersion();
      if (parent != null && index.containsKey(parent)) {
        edge(m, x(index.get(parent), step), y(lane.get(parent)), x(index.get(n.version()), step),
            y(lane.get(n.version())), n.current());
      }
    }
    int labelEvery = (int) Math.max(1, Math.ceil(30 / step));
    long latest = nodes.get(nodes.size() - 1).version();
    java.util.Set<Integer> labelledLanes = new java.util.HashSet<>();
    for (ReportView.Node n : nodes) {
      int i = index.get(n.version());
      int laneIndex = lane.get(n.version());
      boolean label = i % labelEvery == 0 || n.version() == latest || labelledLanes.add(laneIndex);
      node(m, n, x(i, step), y(laneIndex), laneIndex, n.version() == latest, label);
    }
    m.close("svg");
  }

  private static int assignLanes(List<ReportView.Node> nodes, Map<Long, Integer> lane,
      Map<Long, Integer> index, Map<Long, Boolean> hasChild) {
    int lanes = 0;
    for (int i = 0; i < nodes.size(); i++) {
      ReportView.Node n = nodes.get(i);
      index.put(n.version(), i);
      Long parent = n.parentVersion();
      if (parent != null && lane.containsKey(parent) && !hasChild.getOrDefault(parent, false)) {
        lane.put(n.version(), lane.get(parent));
      } else {
        lane.put(n.version(), lanes++);
      }
      if (parent != null) {
        hasChild.put(parent, true);
      }
    }
    return lanes;
  }

  private static void edge(Markup m, double x1, double y1, double x2, double y2,
      boolean current) {
    String cls = current ? "link" : "link abandoned";
    if (y1 == y2) {
      m.leaf("line", "x1", num(x1), "y1", num(y1), "x2", num(x2), "y2", num(y2), "class", cls);
      return;
    }
    double bend = Math.min(x2, x1 + 24);
    m.element("text", "branch", "x", num(x1 + 16), "y", num((y1 + y2) / 2 + 3),
        "class", "branch-label");
    m.leaf("path", "d", "M" + num(x1) + " " + num(y1) + " C" + num(x1 + 12) + " " + num(y1) + " "
        + num(x1 + 12) + " " + num(y2) + " " + num(bend) + " " + num(y2) + " L" + num(x2) + " "
        + num(y2), "class", cls + " branch");
  }

  private static void node(Markup m, ReportView.Node n, double x, double y, int laneIndex,
      boolean latest, boolean label) {
    m.open("g", "class", "node" + (n.current() ? "" : " abandoned") + (latest ? " latest" : ""),
        "data-version", Long.toString(n.version()), "data-lane", Integer.toString(laneIndex),
        "data-parent", n.parentVersion() == null ? "" : Long.toString(n.parentVersion()));
    m.open("circle", "cx", num(x), "cy", num(y), "r", latest ? "7" : "5.5");
    m.element("title", "version " + n.version() + " · round " + n.round() + " · digest "
        + n.digest() + (n.parentVersion() == null ? " · root" : " · parent v" + n.parentVersion())
        + (n.sequence() > 0 ? " · audit seq " + n.sequence() : "") + " · " + n.store());
    m.close("circle");
    if (label) {
      m.element("text", "v" + n.version(), "x", num(x), "y", num(y - 11), "class", "node-label",
          "text-anchor", "middle");
      m.element("text", "r" + n.round(), "x", num(x), "y", num(y + 19), "class", "node-sub",
          "text-anchor", "middle");
    }
    m.close("g");
  }

  private static double x(int i, double step) {
    return LEFT + i * step;
  }

  private static double y(int laneIndex) {
    return TOP + LANE * laneIndex;
  }
}
