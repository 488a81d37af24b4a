package dev.rampart.compression.internal;

/**
 * Renders untrusted strings (codec names and spec fragments from configs or the wire) safely into
 * exception messages: quoted, control and non-ASCII characters escaped, long values truncated.
 *
 * <p>Stateless and thread-safe.
 */
public final class Messages {
  private static final int MAX_QUOTED = 64;

  private Messages() {}

  /** {@code 'value'} with non-printable characters as {@code \\uXXXX}, or {@code null}. */
  public static String quote(String value) {
    if (value == null) {
      return "null";
    }
    StringBuilder out = new StringBuilder("'");
    int limit = Math.min(value.length(), MAX_QUOTED);
    for (int i = 0; i < limit; i++) {
      char c = value.charAt(i);
      if (c >= 0x20 && c < 0x7F) {
        out.append(c);
      } else {
        out.append(String.format("\\u%04x", (int) c));
      }
    }
    if (value.length() > limit) {
      out.append("...(").append(value.length()).append(" chars)");
    }
    return out.append('\'').toString();
  }

  /** Whether the value is 1 to {@code maxLength} printable ASCII characters other than space. */
  public static boolean isPrintableName(String value, int maxLength) {
    if (value == null || value.isEmpty() || value.length() > maxLength) {
      return false;
    }
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      if (c <= 0x20 || c >= 0x7F) {
        return false;
      }
    }
    return true;
  }
}
