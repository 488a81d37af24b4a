package dev.rampart.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** The text form of a chain head, as {@code audit verify --anchor} and the clients' anchor files use it. */
class ChainHeadTest {
  @Test
  void parse_textOfAHead_returnsThatHead() {
    ChainHead head = new ChainHead(42, "0f".repeat(32));

    assertThat(ChainHead.parse(head.text())).isEqualTo(head);
    assertThat(ChainHead.parse(" 42:" + "0F".repeat(32) + "\n")).isEqualTo(head);
  }

  @Test
  void parse_shortDigestOrNoSequence_throwsNamingTheValue() {
    assertThatThrownBy(() -> ChainHead.parse("42:abc")).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("'42:abc'");
    assertThatThrownBy(() -> ChainHead.parse(":" + "ab".repeat(32))).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> ChainHead.parse("0:" + "ab".repeat(32))).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("sequence=0");
  }
}
