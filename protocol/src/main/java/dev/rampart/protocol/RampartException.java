package dev.rampart.protocol;

/**
 * Root of every exception Rampart throws on purpose.
 *
 * <p>Unchecked, like the Kafka client's {@code KafkaException}. Subclasses tell a caller whether
 * retrying can help ({@link #isRetriable()}). Messages name the offending value but never carry key
 * material or payload bytes.
 *
 * <p>Instances are immutable and thread-safe.
 */
public class RampartException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /** Creates an exception with a message that names what was wrong. */
  public RampartException(String message) {
    super(message);
  }

  /** Creates an exception with a message and its cause. */
  public RampartException(String message, Throwable cause) {
    super(message, cause);
  }

  /** Whether the same operation may succeed if tried again later; false unless a subclass says so. */
  public boolean isRetriable() {
    return false;
  }
}
