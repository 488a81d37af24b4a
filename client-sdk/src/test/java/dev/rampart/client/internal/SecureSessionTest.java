package dev.rampart.client.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class SecureSessionTest {
  @Test
  void guarded_oneRecordOverflowsTheStack_dropsItAndHandlesTheNext() {
    List<String> handled = new ArrayList<>();
    List<Runnable> records = List.of(() -> {
      throw new StackOverflowError();
    }, () -> handled.add("second"), () -> {
      throw new OutOfMemoryError("Requested array size exceeds VM limit");
    }, () -> handled.add("fourth"));

    List<Boolean> completed = records.stream().map(r -> SecureSession.guarded("client-0", 3, r)).toList();

    assertThat(completed).containsExactly(false, true, false, true);
    assertThat(handled).containsExactly("second", "fourth");
  }

  @Test
  @SuppressWarnings("removal")
  void guarded_threadDeath_isPassedOn() {
    assertThatThrownBy(() -> SecureSession.guarded("client-0", 3, () -> {
      throw new ThreadDeath();
    })).isInstanceOf(ThreadDeath.class);
  }
}
