package dev.rampart.cli.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.rampart.cli.data.Dataset;
import dev.rampart.cli.data.Datasets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LocalDataTest {
  @TempDir Path dir;

  @Test
  void load_csvFile_scalesFeaturesAndKeepsLabels() throws Exception {
    Path f = dir.resolve("a.csv");
    Files.writeString(f, "# comment\n0,8,16,3\n\n4,4,4,9\n");
    Dataset d = LocalData.load(f, "auto", 10, 16.0);
    assertThat(d.size()).isEqualTo(2);
    assertThat(d.features()[0]).containsExactly(0f, 0.5f, 1f);
    assertThat(d.labels()).containsExactly(3, 9);
  }

  @Test
  void load_folder_concatenatesFilesInNameOrder() throws Exception {
    Files.writeString(dir.resolve("b.csv"), "1,1,1\n");
    Files.writeString(dir.resolve("a.csv"), "2,2,0\n");
    Dataset d = LocalData.load(dir, "csv", 2, 1.0);
    assertThat(d.labels()).containsExactly(0, 1);
    assertThat(d.features()[0]).containsExactly(2f, 2f);
  }

  @Test
  void load_labelOutOfRange_isRefusedNamingFileAndLine() throws Exception {
    Path f = dir.resolve("a.csv");
    Files.writeString(f, "1,2,3\n1,2,12\n");
    assertThatThrownBy(() -> LocalData.load(f, "csv", 10, 16.0)).isInstanceOf(ConfigException.class)
        .hasMessageContaining(f.toString()).hasMessageContaining("line 2").hasMessageContaining("label 12");
  }

  @Test
  void load_ragged_isRefusedNamingTheLine() throws Exception {
    Path f = dir.resolve("a.csv");
    Files.writeString(f, "1,2,3\n1,2\n");
    assertThatThrownBy(() -> LocalData.load(f, "csv", 10, 16.0)).hasMessageContaining("line 2");
  }

  /** Writes an IDX pair of {@code pixels.length} images of 2x2 pixels, gzipped when asked. */
  private Path idxPair(String stem, int[][] pixels, int[] labels, boolean gzip) throws Exception {
    String suffix = gzip ? ".gz" : "";
    java.io.ByteArrayOutputStream images = new java.io.ByteArrayOutputStream();
    java.io.DataOutputStream out = new java.io.DataOutputStream(images);
    out.writeInt(0x00000803);
    out.writeInt(pixels.length);
    out.writeInt(2);
    out.writeInt(2);
    for (int[] image : pixels) {
      for (int p : image) {
        out.writeByte(p);
      }
    }
    java.io.ByteArrayOutputStream labelBytes = new java.io.ByteArrayOutputStream();
    java.io.DataOutputStream lout = new java.io.DataOutputStream(labelBytes);
    lout.writeInt(0x00000801);
    lout.writeInt(labels.length);
    for (int l : labels) {
      lout.writeByte(l);
    }
    Path imagesFile = dir.resolve(stem + "-images-idx3-ubyte" + suffix);
    Files.write(imagesFile, gzip ? gzip(images.toByteArray()) : images.toByteArray());
    Files.write(dir.resolve(stem + "-labels-idx1-ubyte" + suffix), gzip ? gzip(labelBytes.toByteArray())
        : labelBytes.toByteArray());
    return imagesFile;
  }

  private static byte[] gzip(byte[] bytes) throws Exception {
    java.io.ByteArrayOutputStream b = new java.io.ByteArrayOutputStream();
    try (java.util.zip.GZIPOutputStream z = new java.util.zip.GZIPOutputStream(b)) {
      z.write(bytes);
    }
    return b.toByteArray();
  }

  @Test
  void load_idxImagesFile_readsPixelsOverFeatureScaleAndSiblingLabels() throws Exception {
    Path f = idxPair("train", new int[][] {{0, 255, 51, 102}, {255, 0, 0, 0}}, new int[] {7, 3}, true);
    var data = LocalData.load(f, "auto", 10, 255.0);
    assertThat(data.labels()).containsExactly(7, 3);
    assertThat(data.features()[0]).containsExactly(new float[] {0f, 1f, 0.2f, 0.4f}, org.assertj.core.data.Offset.offset(1e-6f));
    assertThat(data.features()[1]).containsExactly(new float[] {1f, 0f, 0f, 0f}, org.assertj.core.data.Offset.offset(1e-6f));
  }

  @Test
  void load_folderWithIdxPairs_readsEachImagesFileOnceWithItsLabels() throws Exception {
    idxPair("a", new int[][] {{1, 2, 3, 4}}, new int[] {1}, false);
    idxPair("b", new int[][] {{5, 6, 7, 8}, {9, 9, 9, 9}}, new int[] {2, 4}, false);
    var data = LocalData.load(dir, "idx", 10, 1.0);
    assertThat(data.labels()).containsExactly(1, 2, 4);
    assertThat(data.features()[1]).containsExactly(new float[] {5f, 6f, 7f, 8f}, org.assertj.core.data.Offset.offset(1e-4f));
  }

  @Test
  void load_idxWithoutLabelsFile_isRefusedNamingTheMissingFile() throws Exception {
    Path f = idxPair("train", new int[][] {{1, 2, 3, 4}}, new int[] {1}, false);
    Files.delete(dir.resolve("train-labels-idx1-ubyte"));
    assertThatThrownBy(() -> LocalData.load(f, "auto", 10, 255.0)).isInstanceOf(ConfigException.class)
        .hasMessageContaining("train-labels-idx1-ubyte");
  }

  @Test
  void load_idxLabelOutOfRange_isRefusedNamingTheSample() throws Exception {
    Path f = idxPair("train", new int[][] {{1, 2, 3, 4}, {1, 2, 3, 4}}, new int[] {1, 12}, false);
    assertThatThrownBy(() -> LocalData.load(f, "auto", 10, 255.0)).isInstanceOf(ConfigException.class)
        .hasMessageContaining("label 12").hasMessageContaining("sample 1");
  }

  @Test
  void load_idxWithBadMagic_isRefusedNamingTheFile() throws Exception {
    Path f = dir.resolve("train-images-idx3-ubyte");
    Files.write(f, new byte[] {0, 0, 8, 1, 0, 0, 0, 0});
    Files.write(dir.resolve("train-labels-idx1-ubyte"), new byte[] {0, 0, 8, 1, 0, 0, 0, 0});
    assertThatThrownBy(() -> LocalData.load(f, "auto", 10, 255.0)).isInstanceOf(ConfigException.class)
        .hasMessageContaining("train-images-idx3-ubyte").hasMessageContaining("magic");
  }

  @Test
  void digitsSplit_writtenAndReadBack_equalsTheInProcessSplitExactly() {
    DeployCommands.DigitsSplit.write(3, 42, 0.2, dir);
    Dataset[] split = Datasets.digits().trainTestSplit(0.2, 42);
    Dataset[] shards = split[0].iidSplit(3, 43);
    Dataset client1 = LocalData.load(dir.resolve("client-01.csv"), "auto", 10, 16.0);
    Dataset test = LocalData.load(dir.resolve("test.csv"), "auto", 10, 16.0);
    assertThat(client1.labels()).containsExactly(shards[1].labels());
    for (int i = 0; i < client1.size(); i++) {
      assertThat(client1.features()[i]).containsExactly(shards[1].features()[i]);
    }
    assertThat(test.labels()).containsExactly(split[1].labels());
  }
}
