package dev.rampart.compression;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class ErrorFeedbackTest {
  @Test
  void create_startsAtZero_andRejectsNonPositiveDimension() {
    ErrorFeedback feedback = ErrorFeedback.create(3);
    assertThat(feedback.residual()).containsExactly(0f, 0f, 0f);
    assertThat(feedback.residualNormSquared()).isZero();
    assertThatThrownBy(() -> ErrorFeedback.create(0))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("0");
  }

  @Test
  void correctedAndUpdate_implementOneStep_andResidualIsACopy() {
    ErrorFeedback feedback = ErrorFeedback.create(2);
    feedback.update(new float[] {1f, 2f}, new float[] {0.5f, 0f});
    assertThat(feedback.residual()).containsExactly(0.5f, 2f);
    assertThat(feedback.residualNormSquared()).isEqualTo(4.25);
    assertThat(feedback.corrected(new float[] {1f, -1f})).containsExactly(1.5f, 1f);
    feedback.residual()[0] = 100f;
    assertThat(feedback.residual()).containsExactly(0.5f, 2f);
    feedback.reset();
    assertThat(feedback.residual()).containsExactly(0f, 0f);
  }

  @Test
  void corrected_wrongDimensionOrOverflow_isRejected() {
    ErrorFeedback feedback = ErrorFeedback.create(2);
    assertThatThrownBy(() -> feedback.corrected(new float[3]))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("dimension 3");
    feedback.update(new float[] {Float.MAX_VALUE, 0f}, new float[2]);
    assertThatThrownBy(() -> feedback.corrected(new float[] {Float.MAX_VALUE, 0f}))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("coordinate 0");
  }
}
