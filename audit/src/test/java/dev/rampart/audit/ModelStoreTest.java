package dev.rampart.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.rampart.protocol.FloatVectors;
import dev.rampart.protocol.Hex;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.OptionalLong;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ModelStoreTest {
  @TempDir Path dir;

  private static float[] model(int seed, int dimension) {
    SplittableRandom random = new SplittableRandom(seed);
    float[] values = new float[dimension];
    for (int i = 0; i < dimension; i++) {
      values[i] = (float) random.nextGaussian();
    }
    return values;
  }

  private static int[] bits(float[] values) {
    int[] bits = new int[values.length];
    for (int i = 0; i < values.length; i++) {
      bits[i] = Float.floatToRawIntBits(values[i]);
    }
    return bits;
  }

  @Test
  void put_thenGet_returnsBitIdenticalParameters() {
    float[] params = {0.0f, -0.0f, Float.MIN_VALUE, Float.MAX_VALUE, Float.NEGATIVE_INFINITY,
        Float.intBitsToFloat(0x7fc00123), 1.0f / 3.0f, -2.5e-38f};
    ModelStore store = ModelStore.open(dir);

    ModelRef ref = store.put(params, null, 0, 1);
    float[] back = ModelStore.open(dir).get(ref.digest());

    assertThat(bits(back)).containsExactly(bits(params));
    assertThat(ref.digest()).isEqualTo(Hex.of(FloatVectors.digest(params)));
    assertThat(ref.version()).isZero();
    assertThat(ref.dimension()).isEqualTo(8);
    assertThat(Files.exists(dir.resolve(ref.digest() + ".bin"))).isTrue();
  }

  @Test
  void put_callerArrayChangedAfterwards_storedCopyUnchanged() {
    float[] params = model(1, 100);
    float[] copy = params.clone();
    ModelStore store = ModelStore.open(dir);
    ModelRef ref = store.put(params, null, 0, 1);

    params[0] = 42f;

    assertThat(store.get(ref.digest())).containsExactly(copy);
  }

  @Test
  void get_valueByteFlipped_throwsCorruptModel() throws IOException {
    ModelStore store = ModelStore.open(dir);
    ModelRef ref = store.put(model(2, 64), null, 0, 1);
    Path file = dir.resolve(ref.digest() + ".bin");
    byte[] bytes = Files.readAllBytes(file);
    bytes[40] ^= 0x10;
    Files.write(file, bytes);

    assertThatThrownBy(() -> store.get(ref.digest()))
        .isInstanceOf(CorruptModelException.class).hasMessageContaining("hashes to");
  }

  @Test
  void get_fileTruncated_throwsCorruptModelNamingLengths() throws IOException {
    ModelStore store = ModelStore.open(dir);
    ModelRef ref = store.put(model(3, 64), null, 0, 1);
    Path file = dir.resolve(ref.digest() + ".bin");
    Files.write(file, Arrays.copyOf(Files.readAllBytes(file), 100));

    assertThatThrownBy(() -> store.get(ref.digest()))
        .isInstanceOf(CorruptModelException.class).hasMessageContaining("dimension=64");
  }

  @Test
  void get_headerDamaged_throwsCorruptModel() throws IOException {
    ModelStore store = ModelStore.open(dir);
    ModelRef ref = store.put(model(4, 8), null, 0, 1);
    Path file = dir.resolve(ref.digest() + ".bin");
    byte[] bytes = Files.readAllBytes(file);
    bytes[0] = 'X';
    Files.write(file, bytes);

    assertThatThrownBy(() -> store.get(ref.digest())).isInstanceOf(CorruptModelException.class);
  }

  @Test
  void get_unknownDigest_throwsAuditException() {
    ModelStore store = ModelStore.open(dir);

    assertThatThrownBy(() -> store.get("ab".repeat(32)))
        .isInstanceOf(AuditException.class).isNotInstanceOf(CorruptModelException.class)
        .hasMessageContaining("no model");
  }

  @Test
  void lineage_rollbackThenCommit_showsBranchFromEarlierVersion() {
    ModelStore store = ModelStore.open(dir);
    ModelRef previous = store.put(model(0, 16), null, 0, 1);
    for (int round = 1; round <= 10; round++) {
      previous = store.put(model(round, 16), previous.digest(), round, round * 10L);
    }
    ModelRef target = store.byRound(5).orElseThrow();
    float[] republished = store.get(target.digest());
    ModelRef branch = store.put(model(100, 16), target.digest(), 11, 200);

    assertThat(republished).containsExactly(model(5, 16));
    assertThat(branch.version()).isEqualTo(11);
    assertThat(branch.parentVersion()).isEqualTo(OptionalLong.of(5));
    assertThat(branch.parentDigest()).contains(target.digest());
    List<ModelRef> lineage = ModelStore.open(dir).lineage();
    assertThat(lineage).hasSize(12);
    assertThat(lineage).extracting(ModelRef::version)
        .containsExactly(0L, 1L, 2L, 3L, 4L, 5L, 6L, 7L, 8L, 9L, 10L, 11L);
    assertThat(lineage.get(6).parentVersion()).isEqualTo(OptionalLong.of(5));
    assertThat(lineage.get(11)).isEqualTo(branch);
    assertThat(lineage.get(0).parentVersion()).isEmpty();
  }

  @Test
  void byVersionAndByRound_findEntriesAndLatestWins() {
    ModelStore store = ModelStore.open(dir);
    ModelRef v0 = store.put(model(0, 4), null, 0, 1);
    ModelRef v1 = store.put(model(1, 4), v0.digest(), 1, 5);
    ModelRef v2 = store.put(model(2, 4), v0.digest(), 1, 9);

    assertThat(store.byVersion(1)).contains(v1);
    assertThat(store.byVersion(3)).isEmpty();
    assertThat(store.byVersion(-1)).isEmpty();
    assertThat(store.byRound(1)).contains(v2);
    assertThat(store.byRound(7)).isEmpty();
    assertThat(store.latest()).contains(v2);
    assertThat(store.nextVersion()).isEqualTo(3);
  }

  @Test
  void put_sameParametersTwice_sharesFileAndAddsVersion() throws IOException {
    ModelStore store = ModelStore.open(dir);
    ModelRef a = store.put(model(7, 32), null, 0, 1);
    ModelRef b = store.put(model(7, 32), a.digest(), 1, 2);

    assertThat(b.digest()).isEqualTo(a.digest());
    assertThat(b.version()).isEqualTo(1);
    try (var files = Files.list(dir)) {
      assertThat(files.filter(p -> p.toString().endsWith(".bin")).count()).isEqualTo(1);
    }
  }

  @Test
  void open_lineageTornTail_throwsNamingOffset() throws IOException {
    ModelStore store = ModelStore.open(dir);
    store.put(model(1, 4), null, 0, 1);
    Path lineage = dir.resolve(ModelStore.LINEAGE_FILE);
    long size = Files.size(lineage);
    Files.write(lineage, "{\"version\":1,".getBytes(), java.nio.file.StandardOpenOption.APPEND);

    assertThatThrownBy(() -> ModelStore.open(dir))
        .isInstanceOf(CorruptModelException.class).hasMessageContaining("at byte " + size);
  }

  @Test
  void put_badParentDigest_namesTheProblem() {
    ModelStore store = ModelStore.open(dir);

    assertThatThrownBy(() -> store.put(model(1, 4), "xyz", 0, 1))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("length 3");
    assertThatThrownBy(() -> store.put(model(1, 4), null, -1, 1))
        .hasMessageContaining("round=-1");
  }
}
