package dev.rampart.simulator.data;

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

  /** Two 2×2 images: [0, 255, 51, 102] and [255, 0, 0, 0]. */
  static byte[] images(int magic, int count) throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    DataOutputStream out = new DataOutputStream(bytes);
    out.writeInt(magic);
    out.writeInt(count);
    out.writeInt(2);
    out.writeInt(2);
    out.write(new byte[] {0, (byte) 255, 51, 102, (byte) 255, 0, 0, 0});
    return bytes.toByteArray();
  }

  static byte[] labels(int... values) throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    DataOutputStream out = new DataOutputStream(bytes);
    out.writeInt(IdxFile.LABELS_MAGIC);
    out.writeInt(values.length);
    for (int v : values) {
      out.writeByte(v);
    }
    return bytes.toByteArray();
  }

  static Path gzip(Path file, byte[] content) throws IOException {
    try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(file))) {
      out.write(content);
    }
    return file;
  }

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

  @Test
  void fashionMnistLoad_missingDirectory_namesDebianPackage() {
    assertThatThrownBy(() -> FashionMnist.train(dir.resolve("empty")))
        .hasMessageContaining("dataset-fashion-mnist").hasMessageContaining("--data-dir");
  }

  @Test
  void fashionMnistLoad_generatedFiles_subsamples() throws IOException {
    gzip(dir.resolve("train-images-idx3-ubyte.gz"), images(IdxFile.IMAGES_MAGIC, 2));
    Files.write(dir.resolve("train-labels-idx1-ubyte"), labels(7, 4));
    assertThat(FashionMnist.train(dir).labels()).containsExactly(7, 4);
    assertThat(FashionMnist.load(dir, "train", 1, 5).size()).isEqualTo(1);
  }
}
