package dev.rampart.client;

import dev.rampart.crypto.secagg.ClientPhase;

/**
 * Observes and interrupts a client's secure-aggregation sessions: for fault-injection tests and
 * simulations (a client that goes silent after a given phase) and for checking exact sums (the
 * encoded input q(x_u) the client masked). Production clients use {@link #none()}.
 *
 * <p>{@link #encoded} is called on the client's thread after training; {@link #stopAfter} on the
 * session's own thread, which answers the coordinator while the client trains, and on the client's
 * thread before the input is handed over. Implementations must be thread-safe.
 */
public interface SecureSessionHook {
  /**
   * Told the fixed-point encoding q(x_u) of this client's update before it is masked.
   *
   * @param round the round
   * @param groupId the client's group in that round
   * @param encodedInput a copy of q(x_u), one unsigned value in [0, 2^b − 1] per coordinate
   */
  default void encoded(long round, int groupId, int[] encodedInput) {}

  /**
   * Whether the client goes silent once its session reached {@code phase} (it sent that phase's
   * message and then stops reading and answering for the rest of the round).
   */
  default boolean stopAfter(long round, ClientPhase phase) {
    return false;
  }

  /** A hook that observes nothing and never stops a session. */
  static SecureSessionHook none() {
    return new SecureSessionHook() { };
  }

  /** A hook that makes the client go silent after {@code phase} in every round. */
  static SecureSessionHook silentAfter(ClientPhase phase) {
    return new SecureSessionHook() {
      @Override
      public boolean stopAfter(long round, ClientPhase reached) {
        return reached == phase;
      }
    };
  }
}
