package dev.rampart.experiments.lad;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import javax.imageio.ImageIO;

/**
 * A minimal line chart rendered headless into a PNG with {@link BufferedImage} and {@link
 * ImageIO}: linear or log₁₀ x axis, log₁₀ y axis, one polyline with markers per series, a legend.
 * Values ≤ 0 or non-finite are clamped to the lower y limit. Not thread-safe while being built.
 */
final class PngChart {

  /** One named polyline. */
  record Series(String name, double[] x, double[] y, boolean dashed) {}

  private static final Color[] PALETTE = {new Color(0x1f77b4), new Color(0xd62728), new Color(0x2ca02c),
      new Color(0xff7f0e), new Color(0x9467bd), new Color(0x8c564b), new Color(0xe377c2), new Color(0x7f7f7f),
      new Color(0x17becf), new Color(0xbcbd22)};
  private static final int WIDTH = 900;
  private static final int HEIGHT = 600;
  private static final int LEFT = 90;
  private static final int RIGHT = 250;
  private static final int TOP = 50;
  private static final int BOTTOM = 70;

  private final String title;
  private final String xLabel;
  private final String yLabel;
  private final boolean logX;
  private final List<Series> series = new ArrayList<>();
  private double yFloor = 1e-12;

  PngChart(String title, String xLabel, String yLabel, boolean logX) {
    this.title = title;
    this.xLabel = xLabel;
    this.yLabel = yLabel;
    this.logX = logX;
  }

  PngChart add(String name, double[] x, double[] y, boolean dashed) {
    series.add(new Series(name, x.clone(), y.clone(), dashed));
    return this;
  }

  PngChart yFloor(double floor) {
    this.yFloor = floor;
    return this;
  }

  void write(Path file) throws IOException {
    System.setProperty("java.awt.headless", "true");
    BufferedImage image = new BufferedImage(WIDTH, HEIGHT, BufferedImage.TYPE_INT_RGB);
    Graphics2D g = image.createGraphics();
    try {
      g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
      g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
      g.setColor(Color.WHITE);
      g.fillRect(0, 0, WIDTH, HEIGHT);
      double[] xr = range(true);
      double[] yr = range(false);
      drawAxes(g, xr, yr);
      for (int s = 0; s < series.size(); s++) {
        drawSeries(g, series.get(s), PALETTE[s % PALETTE.length], xr, yr);
      }
      drawLegend(g);
    } finally {
      g.dispose();
    }
    Files.createDirectories(file.toAbsolutePath().getParent());
    if (!ImageIO.write(image, "png", file.toFile())) {
      throw new IOException("no PNG writer available for " + file);
    }
  }

  // [min, max] of the transformed axis, widened to whole decades for log axes.
  private double[] range(boolean xAxis) {
    double lo = Double.POSITIVE_INFINITY;
    double hi = Double.NEGATIVE_INFINITY;
    for (Series s : series) {
      for (double v : xAxis ? s.x() : s.y()) {
        double t = xAxis ? tx(v) : ty(v);
        lo = Math.min(lo, t);
        hi = Math.max(hi, t);
      }
    }
    if (!xAxis || logX) {
      lo = Math.floor(lo);
      hi = Math.ceil(hi);
    }
    if (hi <= lo) {
      hi = lo + 1;
    }
    return new double[] {lo, hi};
  }

  private double tx(double x) {
    return logX ? Math.log10(x) : x;
  }

  private double ty(double y) {
    return Math.log10(Double.isFinite(y) && y > yFloor ? y : yFloor);
  }

  private static int px(double t, double[] r) {
    return LEFT + (int) Math.round((t - r[0]) / (r[1] - r[0]) * (WIDTH - LEFT - RIGHT));
  }

  private static int py(double t, double[] r) {
    return HEIGHT - BOTTOM - (int) Math.round((t - r[0]) / (r[1] - r[0]) * (HEIGHT - TOP - BOTTOM));
  }

  private void drawAxes(Graphics2D g, double[] xr, double[] yr) {
    g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));
    FontMetrics fm = g.getFontMetrics();
    int ystep = Math.max(1, (int) Math.ceil((yr[1] - yr[0]) / 12));
    for (int e = (int) yr[0]; e <= yr[1]; e += ystep) {
      int y = py(e, yr);
      g.setColor(new Color(0xe6e6e6));
      g.drawLine(LEFT, y, WIDTH - RIGHT, y);
      g.setColor(Color.DARK_GRAY);
      String label = "1e" + e;
      g.drawString(label, LEFT - 8 - fm.stringWidth(label), y + 4);
    }
    for (double t : xTicks(xr)) {
      int x = px(t, xr);
      g.setColor(new Color(0xe6e6e6));
      g.drawLine(x, TOP, x, HEIGHT - BOTTOM);
      g.setColor(Color.DARK_GRAY);
      String label = format(logX ? Math.pow(10, t) : t);
      g.drawString(label, x - fm.stringWidth(label) / 2, HEIGHT - BOTTOM + 18);
    }
    g.setColor(Color.BLACK);
    g.drawRect(LEFT, TOP, WIDTH - LEFT - RIGHT, HEIGHT - TOP - BOTTOM);
    g.drawString(xLabel, LEFT + (WIDTH - LEFT - RIGHT - fm.stringWidth(xLabel)) / 2, HEIGHT - 25);
    Graphics2D rotated = (Graphics2D) g.create();
    rotated.rotate(-Math.PI / 2);
    rotated.drawString(yLabel, -(TOP + (HEIGHT - TOP - BOTTOM + fm.stringWidth(yLabel)) / 2), 25);
    rotated.dispose();
    g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 15));
    g.drawString(title, LEFT, TOP - 18);
  }

  private double[] xTicks(double[] xr) {
    List<Double> ticks = new ArrayList<>();
    if (logX) {
      for (Series s : series) {
        for (double v : s.x()) {
          if (!ticks.contains(tx(v))) {
            ticks.add(tx(v));
          }
        }
      }
    } else {
      double span = xr[1] - xr[0];
      double step = Math.pow(10, Math.floor(Math.log10(span / 5)));
      step = span / step > 10 ? step * 2 : step;
      for (double t = Math.ceil(xr[0] / step) * step; t <= xr[1] + 1e-9; t += step) {
        ticks.add(t);
      }
    }
    return ticks.stream().mapToDouble(Double::doubleValue).toArray();
  }

  private void drawSeries(Graphics2D g, Series s, Color color, double[] xr, double[] yr) {
    g.setColor(color);
    g.setStroke(s.dashed() ? new BasicStroke(2f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_ROUND, 1f,
        new float[] {8f, 5f}, 0f) : new BasicStroke(2f));
    boolean markers = s.x().length <= 20;
    for (int i = 0; i < s.x().length; i++) {
      int x = px(tx(s.x()[i]), xr);
      int y = py(ty(s.y()[i]), yr);
      if (i > 0) {
        g.drawLine(px(tx(s.x()[i - 1]), xr), py(ty(s.y()[i - 1]), yr), x, y);
      }
      if (markers) {
        g.fillOval(x - 3, y - 3, 7, 7);
      }
    }
    g.setStroke(new BasicStroke(1f));
  }

  private void drawLegend(Graphics2D g) {
    g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));
    int x = WIDTH - RIGHT + 15;
    int y = TOP + 10;
    for (int s = 0; s < series.size(); s++) {
      Series se = series.get(s);
      g.setColor(PALETTE[s % PALETTE.length]);
      g.setStroke(se.dashed() ? new BasicStroke(2f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_ROUND, 1f,
          new float[] {8f, 5f}, 0f) : new BasicStroke(2f));
      g.drawLine(x, y + s * 20, x + 28, y + s * 20);
      g.setColor(Color.BLACK);
      g.drawString(se.name(), x + 36, y + s * 20 + 4);
    }
    g.setStroke(new BasicStroke(1f));
  }

  private static String format(double v) {
    double rounded = Math.rint(v);
    return Math.abs(v - rounded) <= 1e-9 * Math.max(1, Math.abs(v)) ? Long.toString((long) rounded)
        : String.format(Locale.ROOT, "%.3g", v);
  }
}
