package dev.rampart.simulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.rampart.cli.Main;
import dev.rampart.coordinator.CodedMode;
import dev.rampart.coordinator.CoordinatorConfig;
import dev.rampart.crypto.ClientRegistry;
import dev.rampart.crypto.Identity;
import dev.rampart.protocol.DataShard;
import dev.rampart.protocol.JobId;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;

class SecureCodedScenarioTest {
  @Test
  void of_lad_nineClientsInThreeStrideGroupsOfThreeWithOneByzantine() {
    CodedScenario lad = CodedScenario.named("lad");
    CodedScenario secure = SecureCodedScenario.of(lad, OptionalInt.empty());
    assertThat(secure.clients()).isEqualTo(9);
    assertThat(secure.redundancy()).isEqualTo(3);
    assertThat(SecureCodedScenario.groupSize(secure)).isEqualTo(3);
    assertThat(secure.byzantine()).isEqualTo(1);
    assertThat(secure.maxByzantine()).isEqualTo(1);
    assertThat(secure.aggregation()).isEqualTo(lad.aggregation());
    assertThat(secure.rounds()).isEqualTo(lad.rounds());
  }

  @Test
  void of_matchingGroupSize_accepted() {
    assertThat(SecureCodedScenario.of(CodedScenario.named("lad"), OptionalInt.of(3)).clients()).isEqualTo(9);
  }

  @Test
  void of_conflictingGroupSize_refusedNamingBothSizes() {
    assertThatThrownBy(() -> SecureCodedScenario.of(CodedScenario.named("lad"), OptionalInt.of(4)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("--group-size 4").hasMessageContaining("9/3 = 3").hasMessageContaining("pass 3");
  }

  @Test
  void of_comLad_refusedNamingItsCompression() {
    assertThatThrownBy(() -> SecureCodedScenario.of(CodedScenario.named("com-lad"), OptionalInt.empty()))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("randk(ratio=0.1,seed=shared)");
  }

  @Test
  void settings_secureLad_passTheCoordinatorsStrideChecks() {
    CodedScenario secure = SecureCodedScenario.of(CodedScenario.named("lad"), OptionalInt.empty());
    ClientRegistry registry = ClientRegistry.empty();
    List<DataShard> shards = new ArrayList<>();
    for (int i = 0; i < secure.clients(); i++) {
      registry = registry.withClient("client-" + i, Identity.generate("client-" + i, new SecureRandom()).publicKey());
      shards.add(new DataShard(i, secure.clients(), new float[][] {{1f}}, new int[] {0}, 2));
    }
    CoordinatorConfig config = CoordinatorConfig.builder().job(JobId.of("j")).bootstrapServers("localhost:9092")
        .identity(Identity.generate("coordinator", new SecureRandom())).registry(registry).initialModel(new float[3])
        .aggregation(secure.aggregation()).maxByzantine(secure.maxByzantine())
        .codedMode(CodedMode.lad(shards, secure.redundancy())).secureAggregation(SecureCodedScenario.settings(secure))
        .build();
    assertThat(config.secureAggregation()).hasValueSatisfying(s -> assertThat(s.groupSize()).isEqualTo(3));
  }

  @Test
  void execute_ladSecureAggregationWithConflictingGroupSize_exitsWithUsageError() {
    PrintStream err = System.err;
    ByteArrayOutputStream captured = new ByteArrayOutputStream();
    System.setErr(new PrintStream(captured, true));
    try {
      assertThat(Main.execute("simulate", "--scenario", "lad", "--secure-aggregation", "--group-size", "4"))
          .isEqualTo(Main.EXIT_USAGE);
    } finally {
      System.setErr(err);
    }
    assertThat(captured.toString()).contains("--group-size 4 conflicts with --scenario lad --secure-aggregation");
  }
}
