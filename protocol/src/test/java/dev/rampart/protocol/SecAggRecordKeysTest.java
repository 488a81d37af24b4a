package dev.rampart.protocol;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class SecAggRecordKeysTest {
  @Test
  void fromCoordinator_roundAndGroup_isRoundSlashGroup() {
    assertThat(SecAggRecordKeys.fromCoordinator(7, 2)).isEqualTo("7/2");
  }

  @Test
  void isClientKeyOfRound_clientKeyOfThatRound_isTrue() {
    assertThat(SecAggRecordKeys.isClientKeyOfRound(SecAggRecordKeys.fromClient(7, 2, "client-3"), 7)).isTrue();
  }

  @Test
  void isClientKeyOfRound_coordinatorKeyOrOtherRound_isFalse() {
    assertThat(SecAggRecordKeys.isClientKeyOfRound(SecAggRecordKeys.fromCoordinator(7, 2), 7)).isFalse();
    assertThat(SecAggRecordKeys.isClientKeyOfRound(SecAggRecordKeys.fromClient(17, 2, "client-3"), 7)).isFalse();
    assertThat(SecAggRecordKeys.isClientKeyOfRound(SecAggRecordKeys.fromClient(71, 2, "client-3"), 7)).isFalse();
    assertThat(SecAggRecordKeys.isClientKeyOfRound(null, 7)).isFalse();
  }
}
