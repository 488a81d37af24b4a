package dev.rampart.cli.data;

import static dev.rampart.cli.data.IdxSamples.gzip;
import static dev.rampart.cli.data.IdxSamples.images;
import static dev.rampart.cli.data.IdxSamples.labels;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class IdxFileTest {
  @TempDir
  Path dir;


  @Test
  void readImages_plainFile_scalesBytesToUnitRange() throws IOException {
    Path f = Files.write(dir.resolve("img-idx3-ubyte"), images(IdxFile.IMAGES_MAGIC, 2));
    float[][] x = IdxFile.readImages(f);
    assertThat(x).hasNumberOfRows(2);
    // 51/255 = 0.2, 102/255 = 0.4
    assertThat(x[0]).containsExactly(new float[] {0f, 1f, 0.2f, 0.4f}, within(1e-6f));
    assertThat(x[1]).containsExactly(new float[] {1f, 0f, 0f, 0f}, within(1e-6f));
  }

  @Test
  void readImages_gzipFile_readsTheSame() throws IOException {
    Path f = gzip(dir.resolve("img.gz"), images(IdxFile.IMAGES_MAGIC, 2));
    assertThat(IdxFile.readImages(f)[0]).containsExactly(new float[] {0f, 1f, 0.2f, 0.4f}, within(1e-6f));
  }

  @Test
  void readLabels_gzipFile_returnsBytes() throws IOException {
    Path f = gzip(dir.resolve("lab.gz"), labels(9, 0, 3));
    assertThat(IdxFile.readLabels(f)).containsExactly(9, 0, 3);
  }

  @Test
  void readImages_wrongMagic_namesFileAndMagic() throws IOException {
    Path f = Files.write(dir.resolve("bad"), images(0x0801, 2));
    assertThatThrownBy(() -> IdxFile.readImages(f)).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining(f.toString()).hasMessageContaining("0x801");
  }

  @Test
  void readImages_truncated_namesFileAndItem() throws IOException {
    Path f = Files.write(dir.resolve("short"), images(IdxFile.IMAGES_MAGIC, 3));
    assertThatThrownBy(() -> IdxFile.readImages(f)).hasMessageContaining(f.toString()).hasMessageContaining("item 2 of 3");
  }

  @Test
  void readLabels_trailingBytes_rejected() throws IOException {
    byte[] ok = labels(1, 2);
    byte[] longer = java.util.Arrays.copyOf(ok, ok.length + 1);
    Path f = Files.write(dir.resolve("long"), longer);
    assertThatThrownBy(() -> IdxFile.readLabels(f)).hasMessageContaining("trailing bytes");
  }

  @Test
  void readLabels_missingFile_namesIt() {
    Path f = dir.resolve("nope");
    assertThatThrownBy(() -> IdxFile.readLabels(f)).isInstanceOf(UncheckedIOException.class).hasMessageContaining("nope");
  }

}
