package dev.rampart.simulator.grid;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import javax.imageio.ImageIO;

/**
 * A PNG heatmap of worst-case accuracy for one defence: rows are f (number of attackers), columns
 * the data split (heterogeneity); cell colour runs from red (0 %) to green (100 %), with the value
 * printed. Drawn with Java2D, written with ImageIO. Not thread-safe.
 */
final class Heatmap {
  private static final int CELL_W = 150;
  private static final int CELL_H = 44;
  private static final int LEFT = 70;
  private static final int TOP = 76;
  private final String dataset;
  private final String pipeline;
  private final double momentum;
  private final int secureAggregation;
  private final int coding;
  private final Map<Integer, Map<String, Double>> values = new TreeMap<>();

  Heatmap(String dataset, String pipeline, double momentum, int secureAggregation, int coding) {
    this.coding = coding;
    this.dataset = dataset;
    this.pipeline = pipeline;
    this.momentum = momentum;
    this.secureAggregation = secureAggregation;
  }

  void put(int f, String split, double accuracy) {
    values.computeIfAbsent(f, k -> new TreeMap<>()).put(split, accuracy);
  }

  String fileName() {
    return "heatmap-" + dataset + "-" + pipeline.replaceAll("[^A-Za-z0-9=.]+", "_") + "-beta" + momentum
        + (coding > 1 ? "-lad" + coding : "") + (secureAggregation > 0 ? "-secagg" + secureAggregation : "") + ".png";
  }

  void writePng(Path file) throws IOException {
    TreeSet<String> splits = new TreeSet<>();
    values.values().forEach(m -> splits.addAll(m.keySet()));
    String subtitle = pipeline + ", momentum " + momentum + (coding > 1 ? ", LAD d=" + coding : "")
        + (secureAggregation > 0 ? ", secure aggregation in groups of " + secureAggregation : "");
    // about 8 px per character of the bold 13 pt subtitle, so a long one is not cut off
    int w = Math.max(Math.max(420, 20 + 8 * subtitle.length()), LEFT + CELL_W * Math.max(1, splits.size()) + 20);
    int h = TOP + CELL_H * Math.max(1, values.size()) + 40;
    BufferedImage image = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
    Graphics2D g = image.createGraphics();
    g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
    g.setColor(Color.WHITE);
    g.fillRect(0, 0, w, h);
    g.setColor(Color.BLACK);
    g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 13));
    g.drawString(dataset + ": worst-case accuracy over attacks", 10, 20);
    g.drawString(subtitle, 10, 38);
    g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));
    g.drawString("f \\ split", 10, TOP - 8);
    int col = 0;
    for (String s : splits) {
      g.drawString(s.length() > 22 ? s.substring(0, 22) : s, LEFT + col * CELL_W + 4, TOP - 8);
      col++;
    }
    int row = 0;
    for (Map.Entry<Integer, Map<String, Double>> e : values.entrySet()) {
      int y = TOP + row * CELL_H;
      g.setColor(Color.BLACK);
      g.drawString("f = " + e.getKey(), 10, y + CELL_H / 2 + 5);
      col = 0;
      for (String s : splits) {
        int x = LEFT + col * CELL_W;
        Double v = e.getValue().get(s);
        g.setColor(colour(v));
        g.fillRect(x, y, CELL_W, CELL_H);
        g.setColor(Color.DARK_GRAY);
        g.setStroke(new BasicStroke(1));
        g.drawRect(x, y, CELL_W, CELL_H);
        g.setColor(Color.BLACK);
        g.drawString(v == null ? "" : Double.isNaN(v) ? "NaN" : String.format(Locale.ROOT, "%.1f%%", 100 * v),
            x + CELL_W / 2 - 20, y + CELL_H / 2 + 5);
        col++;
      }
      row++;
    }
    g.dispose();
    ImageIO.write(image, "png", file.toFile());
  }

  private static Color colour(Double v) {
    if (v == null) {
      return Color.WHITE;
    }
    if (Double.isNaN(v)) {
      return Color.LIGHT_GRAY;
    }
    float t = (float) Math.max(0, Math.min(1, v));
    return new Color(1 - 0.7f * t, 0.3f + 0.6f * t, 0.3f);
  }
}
