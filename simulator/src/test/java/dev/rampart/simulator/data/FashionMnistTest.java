package dev.rampart.simulator.data;

import static dev.rampart.cli.data.IdxSamples.gzip;
import static dev.rampart.cli.data.IdxSamples.images;
import static dev.rampart.cli.data.IdxSamples.labels;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.rampart.cli.data.IdxFile;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FashionMnistTest {
  @TempDir
  Path dir;

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
