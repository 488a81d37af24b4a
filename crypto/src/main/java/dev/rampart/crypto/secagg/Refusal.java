package dev.rampart.crypto.secagg;

/**
 * Control flow inside the state machines: a message is refused, either ignored (not for this
 * session) or fatal (a protocol violation). Never escapes the package; carries no stack trace.
 */
final class Refusal extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final boolean fatal;

  private Refusal(String message, boolean fatal) {
    super(message, null, false, false);
    this.fatal = fatal;
  }

  static Refusal abort(String message) {
    return new Refusal(message, true);
  }

  static Refusal ignore(String message) {
    return new Refusal(message, false);
  }

  boolean fatal() {
    return fatal;
  }
}
