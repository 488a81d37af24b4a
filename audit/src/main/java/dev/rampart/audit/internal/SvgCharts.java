package dev.rampart.audit.internal;

import static dev.rampart.audit.internal.Markup.num;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Line charts of metrics against the round number, as inline SVG. Each point is joined to its
 * parent version's point, so a rollback shows as a second branch; points abandoned by a rollback
 * are drawn faint and dashed. Stateless and thread-safe.
 */
public final class SvgCharts {
  static final String[] PALETTE = {"#2563eb", "#dc2626", "#059669", "#7c3aed", "#d97706"};
  private static final double WIDTH = 560;
  private static final double HEIGHT = 300;
  private static final double LEFT = 58;
  private static final double RIGHT = 18;
  private static final double TOP = 34;
  private static final double BOTTOM = 44;

  private SvgCharts() {}

  /** Writes one chart as an {@code <svg>} element. */
  public static void write(Markup m, ReportView.Chart chart) {
    m.open("svg", "xmlns", "http://www.w3.org/2000/svg", "class", "chart", "id", chart.id(),
        "viewBox", "0 0 " + num(WIDTH) + " " + num(HEIGHT), "role", "img",
        "aria-label", chart.title());
    m.element("title", chart.title());
    m.leaf("rect", "x", "0", "y", "0", "width", num(WIDTH), "height", num(HEIGHT),
        "class", "chart-bg");
    m.element("text", chart.title(), "x", num(LEFT), "y", "20", "class", "chart-title");
    double[] xs = xDomain(chart);
    double[] ys = yDomain(chart);
    if (xs == null) {
      m.element("text", "No values recorded", "x", num(WIDTH / 2), "y", num(HEIGHT / 2),
          "class", "chart-empty", "text-anchor", "middle");
      m.close("svg");
      return;
    }
    Frame f = new Frame(xs[0], xs[1], ys[0], ys[1]);
    axes(m, chart, f);
    for (double r : chart.rollbackRounds()) {
      double x = f.x(r + 0.5);
      m.leaf("line", "x1", num(x), "x2", num(x), "y1", num(TOP), "y2", num(HEIGHT - BOTTOM),
          "class", "rollback-marker");
      m.element("text", "rollback", "x", num(x + 3), "y", num(TOP + 10), "class", "marker-label");
    }
    for (int i = 0; i < chart.series().size(); i++) {
      series(m, chart.series().get(i), PALETTE[i % PALETTE.length], f);
    }
    legend(m, chart);
    m.close("svg");
  }

  private static void series(Markup m, ReportView.Series s, String colour, Frame f) {
    Map<Long, ReportView.Point> byVersion = new HashMap<>();
    s.points().forEach(p -> byVersion.put(p.version(), p));
    m.open("g", "class", "series", "data-series", s.name());
    for (ReportView.Point p : s.points()) {
      ReportView.Point parent = p.parentVersion() == null ? null : byVersion.get(p.parentVersion());
      if (parent != null) {
        m.leaf("line", "x1", num(f.x(parent.round())), "y1", num(f.y(parent.value())),
            "x2", num(f.x(p.round())), "y2", num(f.y(p.value())), "stroke", colour,
            "class", p.current() ? "edge" : "edge abandoned");
      }
    }
    for (ReportView.Point p : s.points()) {
      m.open("circle", "cx", num(f.x(p.round())), "cy", num(f.y(p.value())), "r", "3.2",
          "fill", colour, "class", p.current() ? "pt" : "pt abandoned");
      m.element("title", String.format(Locale.ROOT, "round %s, version %d: %s = %.4g",
          num(p.round()), p.version(), s.name(), p.value()));
      m.close("circle");
    }
    m.close("g");
  }

  private static void legend(Markup m, ReportView.Chart chart) {
    double x = WIDTH - RIGHT - 150;
    for (int i = 0; i < chart.series().size(); i++) {
      double y = 14 + 14 * i;
      m.leaf("line", "x1", num(x), "x2", num(x + 18), "y1", num(y), "y2", num(y),
          "stroke", PALETTE[i % PALETTE.length], "class", "edge");
      m.element("text", chart.series().get(i).name(), "x", num(x + 24), "y", num(y + 4),
          "class", "legend");
    }
  }

  private static void axes(Markup m, ReportView.Chart chart, Frame f) {
    for (double t : ticks(f.y0, f.y1, niceStep((f.y1 - f.y0) / 5))) {
      double y = f.y(t);
      m.leaf("line", "x1", num(LEFT), "x2", num(WIDTH - RIGHT), "y1", num(y), "y2", num(y),
          "class", "grid");
      m.element("text", label(t), "x", num(LEFT - 6), "y", num(y + 4), "class", "tick",
          "text-anchor", "end");
    }
    for (double t : ticks(f.x0, f.x1, Math.max(1, Math.rint(niceStep((f.x1 - f.x0) / 10))))) {
      double x = f.x(t);
      m.leaf("line", "x1", num(x), "x2", num(x), "y1", num(HEIGHT - BOTTOM),
          "y2", num(HEIGHT - BOTTOM + 4), "class", "axis");
      m.element("text", label(t), "x", num(x), "y", num(HEIGHT - BOTTOM + 16), "class", "tick",
          "text-anchor", "middle");
    }
    m.leaf("line", "x1", num(LEFT), "x2", num(WIDTH - RIGHT), "y1", num(HEIGHT - BOTTOM),
        "y2", num(HEIGHT - BOTTOM), "class", "axis");
    m.element("text", "round", "x", num((LEFT + WIDTH - RIGHT) / 2), "y", num(HEIGHT - 8),
        "class", "axis-label", "text-anchor", "middle");
    m.element("text", chart.yLabel(), "x", "14", "y", num((TOP + HEIGHT - BOTTOM) / 2),
        "class", "axis-label", "text-anchor", "middle",
        "transform", "rotate(-90 14 " + num((TOP + HEIGHT - BOTTOM) / 2) + ")");
  }

  private static double[] xDomain(ReportView.Chart chart) {
    double lo = Double.POSITIVE_INFINITY;
    double hi = Double.NEGATIVE_INFINITY;
    for (ReportView.Series s : chart.series()) {
      for (ReportView.Point p : s.points()) {
        lo = Math.min(lo, p.round());
        hi = Math.max(hi, p.round());
      }
    }
    if (lo > hi) {
      return null;
    }
    return lo == hi ? new double[] {lo - 1, hi + 1} : new double[] {lo, hi};
  }

  private static double[] yDomain(ReportView.Chart chart) {
    if (chart.unitInterval()) {
      return new double[] {0, 1};
    }
    double lo = 0;
    double hi = Double.NEGATIVE_INFINITY;
    for (ReportView.Series s : chart.series()) {
      for (ReportView.Point p : s.points()) {
        lo = Math.min(lo, p.value());
        hi = Math.max(hi, p.value());
      }
    }
    if (!(hi > lo)) {
      hi = lo + 1;
    }
    double step = niceStep((hi - lo) / 5);
    return new double[] {Math.floor(lo / step) * step, Math.ceil(hi * 1.02 / step) * step};
  }

  static double niceStep(double raw) {
    double magnitude = Math.pow(10, Math.floor(Math.log10(raw)));
    double fraction = raw / magnitude;
    double nice = fraction <= 1 ? 1 : fraction <= 2 ? 2 : fraction <= 2.5 ? 2.5 : fraction <= 5 ? 5
        : 10;
    return nice * magnitude;
  }

  static List<Double> ticks(double lo, double hi, double step) {
    List<Double> ticks = new ArrayList<>();
    for (long k = (long) Math.ceil(lo / step - 1e-9); k * step <= hi + step * 1e-9; k++) {
      ticks.add(k * step);
    }
    return ticks;
  }

  private static String label(double v) {
    if (v == Math.rint(v) && Math.abs(v) < 1e9) {
      return Long.toString((long) v);
    }
    String s = String.format(Locale.ROOT, "%.3g", v);
    if (s.contains(".") && !s.contains("e")) {
      s = s.replaceAll("0+$", "").replaceAll("\\.$", "");
    }
    return s;
  }

  /** Maps data coordinates to the plot area. */
  private record Frame(double x0, double x1, double y0, double y1) {
    double x(double v) {
      return LEFT + (v - x0) / (x1 - x0) * (WIDTH - LEFT - RIGHT);
    }

    double y(double v) {
      return HEIGHT - BOTTOM - (v - y0) / (y1 - y0) * (HEIGHT - TOP - BOTTOM);
    }
  }
}
