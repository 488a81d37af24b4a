package dev.rampart.experiments.lad;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.image.BufferedImage;
import java.nio.file.Path;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PngChartTest {

  @Test
  void write_logAxes_producesAReadablePngWithInk(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("chart.png");
    new PngChart("t", "d", "error", true)
        .add("a", new double[] {1, 10, 100}, new double[] {1, 1e-3, 0}, false)
        .add("b", new double[] {1, 10, 100}, new double[] {0.5, 0.5, 0.5}, true)
        .write(file);
    BufferedImage image = ImageIO.read(file.toFile());
    assertThat(image.getWidth()).isEqualTo(900);
    assertThat(image.getHeight()).isEqualTo(600);
    int ink = 0;
    for (int x = 0; x < image.getWidth(); x += 3) {
      for (int y = 0; y < image.getHeight(); y += 3) {
        ink += (image.getRGB(x, y) & 0xffffff) == 0xffffff ? 0 : 1;
      }
    }
    assertThat(ink).isGreaterThan(500);
  }
}
