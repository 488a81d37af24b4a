package dev.rampart.simulator.grid;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ScenarioTest {
  @TempDir
  Path dir;

  private Scenario load(String yaml) throws IOException {
    return Scenario.load(Files.writeString(dir.resolve("s.yaml"), yaml));
  }

  @Test
  void load_lists_expandIntoTheProductWithOneBaselinePerDefence() throws IOException {
    Scenario s = load("""
        name: t
        byzantine: [0, 1, 2]
        attack: [sign-flip, alie]
        pipeline: [average, nnm | trmean]
        momentum: [0, 0.9]
        seed: [1, 2]
        rounds: 3
        """);
    // f>0: 2 f × 2 attacks × 2 pipelines × 2 momentum × 2 seeds = 32; f=0: 2 × 2 × 2 = 8 baselines
    assertThat(s.cells()).hasSize(40);
    assertThat(s.cells()).filteredOn(c -> c.byzantine() == 0).allMatch(c -> c.attack().equals("none")).hasSize(8);
    assertThat(s.cells()).extracting(GridCell::pipeline).contains("nnm | trmean");
    assertThat(s.cells().get(0).training().rounds()).isEqualTo(3);
  }

  @Test
  void load_scalarsEverywhere_giveOneCell() throws IOException {
    assertThat(load("clients: 5\nbyzantine: 1\nattack: mimic\n").cells()).hasSize(1);
  }

  @Test
  void load_compression_notSupportedYet() throws IOException {
    assertThatThrownBy(() -> load("compression: [none, top-k]\n")).hasMessageContaining("compression=top-k is not supported yet");
    assertThatThrownBy(() -> load("coding_d: 3\n")).hasMessageContaining("coding_d=3 is not supported yet");
    assertThatThrownBy(() -> load("secure_aggregation: true\n")).hasMessageContaining("not supported yet");
  }

  @Test
  void load_unknownKey_namesIt() throws IOException {
    assertThatThrownBy(() -> load("attacks: [alie]\n")).hasMessageContaining("unknown key 'attacks'");
  }

  @Test
  void load_badAttack_namesFileAndAttack() throws IOException {
    assertThatThrownBy(() -> load("byzantine: 1\nattack: zeno\n")).hasMessageContaining("s.yaml")
        .hasMessageContaining("unknown attack 'zeno'");
  }

  @Test
  void load_tooManyByzantine_namesValues() throws IOException {
    assertThatThrownBy(() -> load("clients: 4\nbyzantine: 2\nattack: alie\n")).hasMessageContaining("byzantine=2");
  }
}
