package dev.rampart.audit.internal;

import java.util.Locale;

/**
 * A small writer of well-formed HTML/SVG: every opened element is closed explicitly, attribute
 * values and text are escaped, so the output also parses as XML. Not thread-safe.
 */
public final class Markup {
  private final StringBuilder out = new StringBuilder(64 * 1024);

  /** Opens {@code <tag a="v" ...>}; {@code attrs} alternate names and values, null values skipped. */
  public Markup open(String tag, String... attrs) {
    out.append('<').append(tag);
    attributes(attrs);
    out.append('>');
    return this;
  }

  /** Closes {@code </tag>}. */
  public Markup close(String tag) {
    out.append("</").append(tag).append('>');
    return this;
  }

  /** An empty element {@code <tag .../>}. */
  public Markup leaf(String tag, String... attrs) {
    out.append('<').append(tag);
    attributes(attrs);
    out.append("/>");
    return this;
  }

  /** {@code <tag ...>text</tag>} with the text escaped. */
  public Markup element(String tag, String text, String... attrs) {
    return open(tag, attrs).text(text).close(tag);
  }

  /** Escaped text. */
  public Markup text(String text) {
    out.append(escape(text));
    return this;
  }

  /** Trusted constant markup (style sheets written in this package). */
  public Markup raw(String markup) {
    out.append(markup);
    return this;
  }

  /** Appends a newline, for readable source. */
  public Markup newline() {
    out.append('\n');
    return this;
  }

  private void attributes(String[] attrs) {
    if (attrs.length % 2 != 0) {
      throw new IllegalArgumentException("attributes come in name/value pairs, but got "
          + attrs.length + " strings");
    }
    for (int i = 0; i < attrs.length; i += 2) {
      if (attrs[i + 1] != null) {
        out.append(' ').append(attrs[i]).append("=\"").append(escape(attrs[i + 1])).append('"');
      }
    }
  }

  /** Escapes {@code & < > " '} and drops characters XML 1.0 forbids. */
  public static String escape(String text) {
    if (text == null) {
      return "";
    }
    StringBuilder s = new StringBuilder(text.length() + 16);
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      switch (c) {
        case '&' -> s.append("&amp;");
        case '<' -> s.append("&lt;");
        case '>' -> s.append("&gt;");
        case '"' -> s.append("&quot;");
        case '\'' -> s.append("&#39;");
        default -> {
          if (c >= 0x20 || c == '\n' || c == '\t' || c == '\r') {
            if (c != 0xFFFE && c != 0xFFFF) {
              s.append(c);
            }
          }
        }
      }
    }
    return s.toString();
  }

  /** A coordinate with at most two decimals, locale-independent. */
  public static String num(double value) {
    String s = String.format(Locale.ROOT, "%.2f", value);
    if (s.endsWith(".00")) {
      return s.substring(0, s.length() - 3);
    }
    return s.endsWith("0") ? s.substring(0, s.length() - 1) : s;
  }

  /** The markup written so far. */
  @Override
  public String toString() {
    return out.toString();
  }
}
