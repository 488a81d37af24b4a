package dev.rampart.crypto;

import java.util.HexFormat;

/** Test helper: hex text (whitespace ignored) to bytes. */
final class Hex {
  private Hex() {}

  static byte[] bytes(String hex) {
    return HexFormat.of().parseHex(hex.replaceAll("\\s+", ""));
  }
}
