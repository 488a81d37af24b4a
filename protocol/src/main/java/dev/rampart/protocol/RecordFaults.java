package dev.rampart.protocol;

/**
 * The fault boundary around one record read from Kafka: whatever decoding or verifying a single
 * record throws (a runtime exception, a {@link StackOverflowError} from deeply nested input, an
 * {@link OutOfMemoryError} of one oversized allocation) becomes a rejection of that record, and
 * the reader goes on with the next one. Only {@link ThreadDeath} is passed on; an interrupt is
 * never lost: when the fault is an {@link InterruptedException} (or was caused by one) the thread's
 * interrupt flag is set again, so the reader's loop sees it.
 *
 * <pre>{@code
 * try {
 *   handle(record);
 * } catch (Throwable t) {
 *   RecordFaults.rethrowIfFatal(t);
 *   reject(record, RejectionReason.MALFORMED, RecordFaults.describe(t));
 * }
 * }</pre>
 *
 * <p>Stateless and thread-safe.
 */
public final class RecordFaults {
  private static final int MAX_CAUSE_DEPTH = 16;

  private RecordFaults() {}

  /**
   * Rethrows {@code fault} when no reader should survive it ({@link ThreadDeath}); restores the
   * interrupt flag when it is, or was caused by, an {@link InterruptedException}; otherwise returns.
   */
  @SuppressWarnings("removal")
  public static void rethrowIfFatal(Throwable fault) {
    if (fault instanceof ThreadDeath death) {
      throw death;
    }
    Throwable t = fault;
    for (int depth = 0; t != null && depth < MAX_CAUSE_DEPTH; depth++, t = t.getCause()) {
      if (t instanceof InterruptedException) {
        Thread.currentThread().interrupt();
        return;
      }
    }
  }

  /**
   * A bounded, escaped description of {@code fault} for a rejection's detail: its class name and
   * message (which may quote the hostile input), e.g. {@code "StackOverflowError while decoding"}.
   *
   * @param fault what was thrown
   * @param activity what the reader was doing, e.g. {@code "decoding a secagg message"}
   */
  public static String describe(Throwable fault, String activity) {
    String message = fault.getMessage() == null ? "" : ": " + fault.getMessage();
    return Untrusted.text(fault.getClass().getName() + " while " + activity + message);
  }
}
