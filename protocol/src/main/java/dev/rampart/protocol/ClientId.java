package dev.rampart.protocol;

/**
 * Identifier of a participant (a client silo or worker): 1–64 characters of
 * {@code [A-Za-z0-9._-]}. Immutable and thread-safe.
 *
 * @param value the identifier text
 */
public record ClientId(String value) implements Comparable<ClientId> {
  /** Validates the identifier; the message names the bad value. */
  public ClientId {
    Identifiers.requireToken("clientId", value);
  }

  /** Shorthand for {@code new ClientId(value)}. */
  public static ClientId of(String value) {
    return new ClientId(value);
  }

  @Override
  public int compareTo(ClientId other) {
    return value.compareTo(other.value);
  }

  @Override
  public String toString() {
    return value;
  }
}
