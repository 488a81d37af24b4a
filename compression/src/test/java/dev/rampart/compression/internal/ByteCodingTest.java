package dev.rampart.compression.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class ByteCodingTest {
  private static ByteReader reader(int... bytes) {
    byte[] data = new byte[bytes.length];
    for (int i = 0; i < bytes.length; i++) {
      data[i] = (byte) bytes[i];
    }
    return new ByteReader(data, "test");
  }

  @Test
  void writeVarInt_readVarInt_roundTripsBoundariesWithLeb128Sizes() {
    int[] values = {0, 1, 127, 128, 16_383, 16_384, 2_097_151, 2_097_152, 268_435_455,
        268_435_456, Integer.MAX_VALUE};
    int[] sizes = {1, 1, 1, 2, 2, 3, 3, 4, 4, 5, 5};
    ByteWriter writer = new ByteWriter(0);
    for (int i = 0; i < values.length; i++) {
      assertThat(ByteWriter.varIntSize(values[i])).isEqualTo(sizes[i]);
      writer.writeVarInt(values[i]);
    }
    ByteReader in = new ByteReader(writer.toByteArray(), "test");
    for (int v : values) {
      assertThat(in.readVarInt("v")).isEqualTo(v);
    }
    in.requireEnd();
  }

  @Test
  void writeVarInt_300_isAcPlus02() {
    ByteWriter writer = new ByteWriter(0);
    writer.writeVarInt(300);
    assertThat(writer.toByteArray()).containsExactly(0xAC, 0x02);
  }

  @Test
  void readVarInt_nonCanonicalOverlongOrTooLarge_isRejected() {
    assertThatThrownBy(() -> reader(0x80, 0x00).readVarInt("k"))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("non-canonical");
    assertThatThrownBy(() -> reader(0x80, 0x80, 0x80, 0x80, 0x80, 0x01).readVarInt("k"))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("longer than 5");
    assertThatThrownBy(() -> reader(0xFF, 0xFF, 0xFF, 0xFF, 0x0F).readVarInt("k"))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("4294967295");
    assertThatThrownBy(() -> reader(0x80).readVarInt("k"))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("truncated");
  }

  @Test
  void readFloatAndLong_littleEndian_andTruncationNamesField() {
    ByteReader in = reader(0x00, 0x00, 0x80, 0x3F, 0x01, 0, 0, 0, 0, 0, 0, 0x80);
    assertThat(in.readFloat("f")).isEqualTo(1.0f);
    assertThat(in.readLong("l")).isEqualTo(Long.MIN_VALUE + 1);
    assertThatThrownBy(() -> in.readFloat("scale"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("codec test").hasMessageContaining("scale")
        .hasMessageContaining("needs 4 bytes but 0 remain");
  }

  @Test
  void bitWriter_bitReader_roundTripMixedWidths() {
    SplittableRandom random = new SplittableRandom(5);
    int count = 1000;
    int[] widths = new int[count];
    int[] values = new int[count];
    long totalBits = 0;
    for (int i = 0; i < count; i++) {
      widths[i] = 1 + random.nextInt(17);
      values[i] = random.nextInt(1 << widths[i]);
      totalBits += widths[i];
    }
    BitWriter writer = new BitWriter(totalBits);
    for (int i = 0; i < count; i++) {
      writer.write(values[i], widths[i]);
    }
    byte[] packed = writer.finish();
    assertThat((long) packed.length).isEqualTo((totalBits + 7) / 8);
    ByteReader source = new ByteReader(packed, "test");
    BitReader reader = new BitReader(source, packed.length, "bits");
    for (int i = 0; i < count; i++) {
      assertThat(reader.read(widths[i])).isEqualTo(values[i]);
    }
    reader.requireZeroPadding();
    source.requireEnd();
  }

  @Test
  void bitWriter_isLeastSignificantBitFirst() {
    BitWriter writer = new BitWriter(12);
    writer.write(1, 1);
    writer.write(0b101, 3);
    writer.write(0xFF, 8);
    assertThat(writer.finish()).containsExactly(0b1111_1011, 0b0000_1111);
  }

  @Test
  void bitReader_nonZeroPaddingOrOverrun_isRejected() {
    BitReader padded = new BitReader(reader(0b1000_0001), 1, "bits");
    assertThat(padded.read(1)).isEqualTo(1);
    assertThatThrownBy(padded::requireZeroPadding)
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("padding");
    BitReader shortRegion = new BitReader(reader(0xFF, 0xFF), 1, "bits");
    shortRegion.read(8);
    assertThatThrownBy(() -> shortRegion.read(1))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("ends early");
  }

  @Test
  void messagesQuote_escapesControlCharactersAndTruncates() {
    assertThat(Messages.quote("a\nb")).isEqualTo("'a\\u000ab'");
    assertThat(Messages.quote("x".repeat(100))).contains("(100 chars)").hasSizeLessThan(90);
    assertThat(Messages.quote(null)).isEqualTo("null");
    assertThat(Messages.isPrintableName("randk", 64)).isTrue();
    assertThat(Messages.isPrintableName("rand k", 64)).isFalse();
    assertThat(Messages.isPrintableName("", 64)).isFalse();
  }
}
