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
  void load_lenet_runsOnFashionMnistOnly() throws IOException {
    assertThat(load("dataset: fashion-mnist\nmodel: lenet\n").cells()).extracting(GridCell::model).containsOnly("lenet");
    assertThatThrownBy(() -> load("dataset: digits\nmodel: lenet\n")).hasMessageContaining("dataset=digits")
        .hasMessageContaining("fashion-mnist");
    assertThatThrownBy(() -> load("model: resnet\n")).hasMessageContaining("model=resnet");
  }

  @Test
  void load_compression_notSupportedYet() throws IOException {
    assertThatThrownBy(() -> load("compression: [none, top-k]\n")).hasMessageContaining("compression=top-k is not supported yet");
  }

  @Test
  void load_codingD_isAnAxisAndTrueGroupsAreStrideGroups() throws IOException {
    Scenario s = load("clients: 12\nbyzantine: 1\nattack: alie\ncoding_d: [1, 3]\nsecure_aggregation: [false, true]\n");
    assertThat(s.cells()).extracting(GridCell::coding).containsExactly(1, 1, 3, 3);
    // true: n/(2f+1) = 12/3 = 4 federated; n/d = 12/3 = 4 coded (stride groups)
    assertThat(s.cells()).extracting(GridCell::secureAggregation).containsExactly(0, 4, 0, 4);
    Scenario d4 = load("clients: 12\nbyzantine: 1\nattack: alie\ncoding_d: 4\nsecure_aggregation: true\n");
    assertThat(d4.cells()).singleElement().satisfies(c -> assertThat(c.secureAggregation()).isEqualTo(3));
    assertThat(d4.cells().get(0).label()).endsWith(" lad-d=4 secagg=3");
  }

  @Test
  void load_codingDOutOfRange_namesIt() throws IOException {
    assertThatThrownBy(() -> load("clients: 6\ncoding_d: 0\n")).hasMessageContaining("coding_d=0");
    assertThatThrownBy(() -> load("clients: 6\ncoding_d: 7\n")).hasMessageContaining("coding_d=7, clients=6");
  }

  @Test
  void load_secureAggregationList_isAnAxisOfGroupSizes() throws IOException {
    Scenario s = load("""
        clients: 20
        byzantine: [0, 2]
        attack: [alie, sign-flip]
        secure_aggregation: [false, 4]
        """);
    // f=0: 1 baseline × 2 settings; f=2: 2 attacks × 2 settings
    assertThat(s.cells()).hasSize(6);
    assertThat(s.cells()).filteredOn(GridCell::secure).hasSize(3).allMatch(c -> c.secureAggregation() == 4);
    assertThat(s.cells()).filteredOn(c -> !c.secure()).hasSize(3).allMatch(c -> c.secureAggregation() == 0);
    assertThat(s.cells()).extracting(GridCell::label)
        .contains("digits iid n=20 f=2 alie average beta=0.0 seed=1 secagg=4");
  }

  @Test
  void load_secureAggregationTrue_picksTheLargestGroupSizeTheBoundAllows() throws IOException {
    Scenario s = load("clients: 20\nbyzantine: [0, 1, 2]\nattack: alie\nsecure_aggregation: true\n");
    // n/(2f+1): 20/1, 20/3, 20/5
    assertThat(s.cells()).extracting(GridCell::secureAggregation).containsExactly(20, 6, 4);
    Scenario small = load("clients: 5\nbyzantine: 2\nattack: alie\nsecure_aggregation: true\n");
    // 5/5 = 1 is no group; the smallest group size, 2, is then refused by the coordinator per cell
    assertThat(small.cells()).extracting(GridCell::secureAggregation).containsExactly(2);
  }

  @Test
  void load_secureAggregationDefault_isOff() throws IOException {
    assertThat(load("clients: 6\n").cells()).singleElement().satisfies(c -> assertThat(c.secure()).isFalse());
  }

  @Test
  void load_secureAggregationNotAGroupSize_namesFileAndValue() throws IOException {
    assertThatThrownBy(() -> load("secure_aggregation: 1\n")).hasMessageContaining("s.yaml")
        .hasMessageContaining("secure_aggregation=1");
    assertThatThrownBy(() -> load("secure_aggregation: [false, groups]\n"))
        .hasMessageContaining("secure_aggregation=groups");
    assertThatThrownBy(() -> load("secure_aggregation: -4\n")).hasMessageContaining("secure_aggregation=-4");
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
