package dev.rampart.client;

/**
 * Thrown by {@link FederatedClient#run()} when the job's plans describe a model vector whose layout
 * differs from the one this client's trainer reads ({@link LocalTrainer#modelLayout()}); the
 * message names the first differing layer. The client has sent nothing for that job.
 */
public final class ModelMismatchException extends IllegalStateException {
  private static final long serialVersionUID = 1L;

  /** A refusal with {@code message}. */
  public ModelMismatchException(String message) {
    super(message);
  }
}
