package dev.rampart.compression;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class CompressedVectorTest {
  @Test
  void constructor_andAccessor_copyTheBytes() {
    byte[] bytes = {1, 2, 3};
    CompressedVector v = new CompressedVector("identity", 4, bytes);
    bytes[0] = 9;
    assertThat(v.encoded()).containsExactly(1, 2, 3);
    v.encoded()[1] = 9;
    assertThat(v.encoded()).containsExactly(1, 2, 3);
  }

  @Test
  void equalsAndHashCode_useContent_toStringOmitsPayload() {
    CompressedVector a = new CompressedVector("randk", 10, new byte[] {1, 2});
    CompressedVector b = new CompressedVector("randk", 10, new byte[] {1, 2});
    assertThat(a).isEqualTo(b).hasSameHashCodeAs(b);
    assertThat(a).isNotEqualTo(new CompressedVector("randk", 10, new byte[] {1, 3}));
    assertThat(a).isNotEqualTo(new CompressedVector("randk", 11, new byte[] {1, 2}));
    assertThat(a.toString())
        .isEqualTo("CompressedVector[codec=randk, dimension=10, encodedBytes=2]");
  }

  @Test
  void sizes_compareWithDenseFloat32() {
    CompressedVector v = new CompressedVector("x", 1000, new byte[400]);
    assertThat(v.encodedBytes()).isEqualTo(400);
    assertThat(v.denseBytes()).isEqualTo(4000L);
    assertThat(v.fractionOfDense()).isCloseTo(0.1, within(1e-12));
    assertThat(new CompressedVector("x", Integer.MAX_VALUE, new byte[0]).denseBytes())
        .isEqualTo(4L * Integer.MAX_VALUE);
  }

  @Test
  void constructor_badFields_areRejectedNamingThem() {
    assertThatThrownBy(() -> new CompressedVector("randk", 0, new byte[0]))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("dimension")
        .hasMessageContaining("0");
    assertThatThrownBy(() -> new CompressedVector(" ", 1, new byte[0]))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("codec");
    assertThatThrownBy(() -> new CompressedVector("a\u0000b", 1, new byte[0]))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("\\u0000");
    assertThatThrownBy(() -> new CompressedVector("x".repeat(65), 1, new byte[0]))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new CompressedVector(null, 1, new byte[0]))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new CompressedVector("x", 1, null))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("encoded");
  }
}
