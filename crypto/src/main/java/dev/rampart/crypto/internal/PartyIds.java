package dev.rampart.crypto.internal;

import dev.rampart.protocol.RampartException;
import java.util.regex.Pattern;

/**
 * The syntax shared by client and coordinator ids: 1 to 64 characters of {@code [A-Za-z0-9._-]}.
 *
 * <p>The restricted alphabet keeps ids safe inside whitespace-separated files, log lines and
 * file names. Stateless and thread-safe.
 */
public final class PartyIds {
  /** Maximum id length in characters. */
  public static final int MAX_LENGTH = 64;

  private static final Pattern VALID = Pattern.compile("[A-Za-z0-9._-]{1," + MAX_LENGTH + "}");

  private PartyIds() {}

  /** Whether {@code id} is non-null and matches the id syntax. */
  public static boolean isValid(String id) {
    return id != null && VALID.matcher(id).matches();
  }

  /**
   * Returns {@code id} if valid.
   *
   * @param id the candidate id
   * @param what what the id names, for the message (e.g. "client id")
   * @throws RampartException naming the value if it is null or malformed
   */
  public static String requireValid(String id, String what) {
    if (!isValid(id)) {
      throw new RampartException(
          what + " must be 1-" + MAX_LENGTH + " characters of [A-Za-z0-9._-], but was "
              + describe(id));
    }
    return id;
  }

  private static String describe(String id) {
    if (id == null) {
      return "null";
    }
    String shown = id.length() > 80 ? id.substring(0, 80) + "..." : id;
    return "'" + shown + "' (" + id.length() + " characters)";
  }
}
