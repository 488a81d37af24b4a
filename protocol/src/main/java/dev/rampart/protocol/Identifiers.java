package dev.rampart.protocol;

import java.util.regex.Pattern;

/** Validation shared by the typed identifiers. */
final class Identifiers {
  static final Pattern TOKEN = Pattern.compile("[A-Za-z0-9._-]{1,64}");

  private Identifiers() {}

  static String requireToken(String kind, String value) {
    if (value == null) {
      throw new IllegalArgumentException(kind + " must not be null");
    }
    if (!TOKEN.matcher(value).matches()) {
      throw new IllegalArgumentException(kind + " must be 1-64 characters of [A-Za-z0-9._-], but "
          + kind + "='" + printable(value) + "'");
    }
    return value;
  }

  private static String printable(String value) {
    String cut = value.length() > 80 ? value.substring(0, 80) + "…" : value;
    return cut.replaceAll("\\p{Cntrl}", "?");
  }
}
