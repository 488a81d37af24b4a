package dev.rampart.protocol;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class RecordFaultsTest {
  @AfterEach
  void clearInterrupt() {
    Thread.interrupted();
  }

  @Test
  void rethrowIfFatal_stackOverflowAndOutOfMemory_return() {
    RecordFaults.rethrowIfFatal(new StackOverflowError());
    RecordFaults.rethrowIfFatal(new OutOfMemoryError("Java heap space"));

    assertThat(Thread.currentThread().isInterrupted()).isFalse();
  }

  @Test
  @SuppressWarnings("removal")
  void rethrowIfFatal_threadDeath_isRethrown() {
    ThreadDeath death = new ThreadDeath();

    assertThatThrownBy(() -> RecordFaults.rethrowIfFatal(death)).isSameAs(death);
  }

  @Test
  void rethrowIfFatal_wrappedInterruptedException_restoresTheInterruptFlag() {
    RecordFaults.rethrowIfFatal(new IllegalStateException("wrapped", new InterruptedException()));

    assertThat(Thread.currentThread().isInterrupted()).isTrue();
  }

  @Test
  void describe_namesTheClassAndEscapesTheMessage() {
    String detail = RecordFaults.describe(new IllegalArgumentException("bad\n" + "x".repeat(10_000)), "decoding");

    assertThat(detail).startsWith("java.lang.IllegalArgumentException while decoding: bad\\u000Axxx")
        .hasSizeLessThanOrEqualTo(Untrusted.MAX_TEXT_CHARS);
  }
}
