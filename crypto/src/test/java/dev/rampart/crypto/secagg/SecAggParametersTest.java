package dev.rampart.crypto.secagg;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class SecAggParametersTest {
  private static final Octets MODEL = Octets.of(new byte[32]);

  @Test
  void of_groupSizes5And10And20_pickLargestOverflowFreeBits() {
    assertThat(SecAggParameters.of(5, 3, 3, 1.0).bits()).isEqualTo(29);
    assertThat(SecAggParameters.of(10, 6, 6, 1.0).bits()).isEqualTo(28);
    assertThat(SecAggParameters.of(20, 11, 11, 1.0).bits()).isEqualTo(27);
    assertThat(SecAggParameters.of(4, 3, 3, 1.0).codec().bits()).isEqualTo(30);
  }

  @Test
  void constructor_thresholdAtMostHalf_refusedNamingValues() {
    assertThatThrownBy(() -> SecAggParameters.of(6, 3, 3, 1.0))
        .isInstanceOf(SecAggException.class)
        .hasMessageContaining("threshold=3, groupSize=6");
    assertThatThrownBy(() -> SecAggParameters.of(3, 1, 1, 1.0))
        .hasMessageContaining("threshold=1");
  }

  @Test
  void constructor_minSurvivorsBelowThreshold_refused() {
    assertThatThrownBy(() -> SecAggParameters.of(5, 3, 2, 1.0))
        .hasMessageContaining("minSurvivors=2, threshold=3, groupSize=5");
  }

  @Test
  void constructor_badClipOrGroupSize_refused() {
    assertThatThrownBy(() -> SecAggParameters.of(5, 3, 3, Double.NaN))
        .hasMessageContaining("clip must be finite and > 0, but was NaN");
    assertThatThrownBy(() -> SecAggParameters.of(256, 200, 200, 1.0))
        .hasMessageContaining("groupSize must be 2-255, but was 256");
  }

  @Test
  void requireRobustGroupCount_groupTooLargeForF_refusedNamingNAndF() {
    SecAggParameters p = SecAggParameters.of(5, 3, 3, 1.0);
    assertThatCode(() -> p.requireRobustGroupCount(25, 2)).doesNotThrowAnyException();
    assertThatThrownBy(() -> p.requireRobustGroupCount(24, 2))
        .hasMessageContaining("groupSize=5 exceeds clientCount/(2*maxByzantine+1) = 24/5 = 4");
  }

  @Test
  void requireGroupSize_outsideMinSurvivorsToGroupSize_refused() {
    SecAggParameters p = SecAggParameters.of(5, 3, 4, 1.0);
    assertThatCode(() -> p.requireGroupSize(4)).doesNotThrowAnyException();
    assertThatThrownBy(() -> p.requireGroupSize(3)).hasMessageContaining("3 members");
    assertThatThrownBy(() -> p.requireGroupSize(6)).hasMessageContaining("groupSize=5");
  }

  @Test
  void requireCompatible_denseAndSharedSeedCodecs_accepted() {
    for (String spec : List.of("identity", "fp16", "qsgd(levels=16)", "sign",
        "randk(k=1000,seed=shared)")) {
      assertThat(SecAggParameters.requireCompatible(spec)).isEqualTo(spec);
    }
    assertThatThrownBy(() -> SecAggParameters.requireCompatible("zip"))
        .hasMessageContaining("'zip' is unknown");
  }

  @Test
  void sessionContext_memberCountOutsideParameters_refused() {
    SecAggParameters p = SecAggParameters.of(4, 3, 3, 1.0);
    assertThatThrownBy(() -> new SessionContext(GroupRef.of("j", 0, 0), List.of("a", "b"), p, 4,
        MODEL)).hasMessageContaining("a group of 2 members");
    assertThatThrownBy(() -> new SessionContext(GroupRef.of("j", 0, 0),
        List.of("a", "b", "a"), p, 4, MODEL)).hasMessageContaining("'a' is listed twice");
  }
}
