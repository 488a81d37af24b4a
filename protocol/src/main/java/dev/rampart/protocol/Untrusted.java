package dev.rampart.protocol;

/**
 * Makes a value nobody authenticated (a claimed sender, a Kafka record key, a transfer id, free
 * text that embeds them) safe to log or to write to the audit trail: at most a documented number
 * of characters, and no control, format, separator, private-use, unassigned or unpaired surrogate
 * character (each becomes the six-character text {@code \\uXXXX}). Line breaks, terminal escape
 * sequences and bidirectional overrides therefore never reach a log line or a record, and no
 * single claim can make a record large.
 *
 * <p>The result is ASCII-escaped but not quoted: a backslash of the input is kept as is, so
 * {@link #text(String, int)} is idempotent (applying it to its own result returns that result),
 * and a claim that literally contains {@code \u0007} reads the same as one containing the BEL
 * character. That ambiguity is accepted: these values are evidence for a reader, never parsed
 * back. A truncated value ends with {@code …[+N]}, N being the number of input characters cut.
 *
 * <p>Stateless and thread-safe.
 */
public final class Untrusted {
  /** Longest result of {@link #id(String)}, in UTF-16 code units: ids, keys and transfer ids. */
  public static final int MAX_ID_CHARS = 64;
  /** Longest result of {@link #text(String)}, in UTF-16 code units: details and messages. */
  public static final int MAX_TEXT_CHARS = 512;
  /** Shortest limit {@link #text(String, int)} accepts (room for the truncation marker). */
  public static final int MIN_LIMIT_CHARS = 16;
  /** What a null value is shown as. */
  public static final String NULL = "?";

  private static final char ELLIPSIS = '\u2026';

  private Untrusted() {}

  /** A claimed identifier (sender, record key, transfer id), at most {@link #MAX_ID_CHARS}. */
  public static String id(String claim) {
    return text(claim, MAX_ID_CHARS);
  }

  /** Free text that may embed claims, at most {@link #MAX_TEXT_CHARS}. */
  public static String text(String claim) {
    return text(claim, MAX_TEXT_CHARS);
  }

  /**
   * {@code claim} escaped and cut to at most {@code maxChars} UTF-16 code units.
   *
   * @param claim any string; null becomes {@link #NULL}
   * @param maxChars at least {@link #MIN_LIMIT_CHARS}
   * @throws IllegalArgumentException when {@code maxChars} is below {@link #MIN_LIMIT_CHARS}
   */
  public static String text(String claim, int maxChars) {
    if (maxChars < MIN_LIMIT_CHARS) {
      throw new IllegalArgumentException("maxChars must be >= " + MIN_LIMIT_CHARS + ", but maxChars=" + maxChars);
    }
    if (claim == null) {
      return NULL;
    }
    return escaped(claim, maxChars);
  }

  /** Escapes piece by piece until the input ends or the limit is passed, then cuts if needed. */
  private static String escaped(String claim, int maxChars) {
    StringBuilder out = new StringBuilder(Math.min(claim.length(), maxChars) + 8);
    int[] inputAt = new int[maxChars + 2];
    int[] outputAt = new int[maxChars + 2];
    int pieces = 0;
    int i = 0;
    while (i < claim.length() && out.length() <= maxChars) {
      inputAt[pieces] = i;
      outputAt[pieces] = out.length();
      pieces++;
      int cp = claim.codePointAt(i);
      if (isSafe(cp)) {
        out.appendCodePoint(cp);
        i += Character.charCount(cp);
      } else {
        out.append(escape(claim.charAt(i)));
        i++;
      }
    }
    if (i >= claim.length() && out.length() <= maxChars) {
      return out.toString();
    }
    for (int k = pieces - 1; k > 0; k--) {
      String marker = marker(claim.length() - inputAt[k]);
      if (outputAt[k] + marker.length() <= maxChars) {
        return out.substring(0, outputAt[k]) + marker;
      }
    }
    return marker(claim.length());
  }

  private static String marker(int cut) {
    return ELLIPSIS + "[+" + cut + "]";
  }

  private static boolean isSafe(int cp) {
    return switch (Character.getType(cp)) {
      case Character.CONTROL, Character.FORMAT, Character.LINE_SEPARATOR, Character.PARAGRAPH_SEPARATOR,
          Character.PRIVATE_USE, Character.SURROGATE, Character.UNASSIGNED -> false;
      default -> true;
    };
  }

  private static String escape(char c) {
    return String.format("\\u%04X", (int) c);
  }
}
