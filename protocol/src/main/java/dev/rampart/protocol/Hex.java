package dev.rampart.protocol;

import java.util.HexFormat;

/** Lowercase hexadecimal, for digests in logs, ids and file names. Thread-safe. */
public final class Hex {
  private static final HexFormat FORMAT = HexFormat.of();

  private Hex() {}

  /** All bytes as lowercase hex. */
  public static String of(byte[] bytes) {
    return FORMAT.formatHex(bytes);
  }

  /** The first {@code n} bytes as lowercase hex (fewer when the array is shorter). */
  public static String prefix(byte[] bytes, int n) {
    return FORMAT.formatHex(bytes, 0, Math.min(n, bytes.length));
  }
}
