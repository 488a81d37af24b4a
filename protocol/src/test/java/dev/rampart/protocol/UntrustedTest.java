package dev.rampart.protocol;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class UntrustedTest {
  @Test
  void id_of200KilobytesOfControlCharacters_isCutToTheLimitAndEscaped() {
    String hostile = "\u0001".repeat(200_000);

    String shown = Untrusted.id(hostile);

    assertThat(shown).hasSizeLessThanOrEqualTo(Untrusted.MAX_ID_CHARS).startsWith("\\u0001\\u0001")
        .endsWith("[+" + (200_000 - (shown.indexOf('\u2026') / 6)) + "]");
    assertThat(shown.chars()).allMatch(c -> c >= 0x20 && c < 0x7F || c == '\u2026');
  }

  @Test
  void text_withLineBreaksEscapesAndBidiOverride_escapesEachOne() {
    assertThat(Untrusted.text("a\nb\rc\u001B[2Jd\u202Ee\u2028f\u0000")).isEqualTo(
        "a\\u000Ab\\u000Dc\\u001B[2Jd\\u202Ee\\u2028f\\u0000");
  }

  @Test
  void text_withPrintableUnicodeAndSupplementaryCharacters_keepsThem() {
    assertThat(Untrusted.text("client-7 \u00e9t\u00e9 \uD83D\uDE00")).isEqualTo("client-7 \u00e9t\u00e9 \uD83D\uDE00");
  }

  @Test
  void text_withUnpairedSurrogate_escapesIt() {
    assertThat(Untrusted.text("x\uD800y")).isEqualTo("x\\uD800y");
  }

  @Test
  void text_ofExactlyTheLimit_isKeptWhole() {
    String exact = "a".repeat(Untrusted.MAX_TEXT_CHARS);

    assertThat(Untrusted.text(exact)).isEqualTo(exact);
    assertThat(Untrusted.text(exact + "b")).hasSizeLessThanOrEqualTo(Untrusted.MAX_TEXT_CHARS).endsWith("]")
        .startsWith("aaaa");
  }

  @Test
  void text_appliedTwice_equalsAppliedOnce() {
    String[] inputs = {"plain", "\u0007".repeat(500), "x".repeat(1000) + "\n", "a\\u0001b", "z".repeat(70)};
    for (String in : inputs) {
      String once = Untrusted.text(in, 64);
      assertThat(Untrusted.text(once, 64)).as(in.substring(0, Math.min(8, in.length()))).isEqualTo(once);
    }
  }

  @Test
  void text_null_isQuestionMark() {
    assertThat(Untrusted.id(null)).isEqualTo(Untrusted.NULL);
  }

  @Test
  void text_limitBelowMinimum_isRefusedNamingIt() {
    assertThatThrownBy(() -> Untrusted.text("x", 3)).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("maxChars=3");
  }
}
