package dev.rampart.simulator.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.rampart.simulator.Dataset;
import dev.rampart.simulator.Datasets;
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

  @Test
  void load_idx_isRefusedAsNotSupportedYet() throws Exception {
    Path f = dir.resolve("train-images-idx3-ubyte");
    Files.write(f, new byte[] {0, 0, 8, 3});
    assertThatThrownBy(() -> LocalData.load(f, "auto", 10, 255.0)).isInstanceOf(ConfigException.class)
        .hasMessageContaining("idx");
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
