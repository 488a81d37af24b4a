package dev.rampart.protocol;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.protobuf.ByteString;
import dev.rampart.protocol.wire.DenseVector;
import java.util.Random;
import org.junit.jupiter.api.Test;

class FloatVectorsTest {
  @Test
  void toWire_fromWire_roundTripsBitExact() {
    float[] v = {0f, -0f, 1.5f, Float.MIN_VALUE, Float.MAX_VALUE, -3.25e-7f};
    float[] back = FloatVectors.fromWire(FloatVectors.toWire(v));
    assertThat(back).containsExactly(v);
    for (int i = 0; i < v.length; i++) {
      assertThat(Float.floatToRawIntBits(back[i])).isEqualTo(Float.floatToRawIntBits(v[i]));
    }
  }

  @Test
  void toWire_isLittleEndianFloat32() {
    DenseVector wire = FloatVectors.toWire(new float[] {1.0f});
    assertThat(wire.getFloat32Le().toByteArray()).containsExactly(0x00, 0x00, (byte) 0x80, 0x3f);
  }

  @Test
  void fromWire_lengthMismatch_isRejectedNamingBoth() {
    DenseVector bad = DenseVector.newBuilder().setDimension(3).setFloat32Le(ByteString.copyFrom(new byte[8])).build();
    assertThatThrownBy(() -> FloatVectors.fromWire(bad))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("dimension=3").hasMessageContaining("8 bytes");
  }

  @Test
  void digest_differsOnOneBitAndOnLength() {
    float[] a = {1f, 2f, 3f};
    float[] b = {1f, 2f, Math.nextUp(3f)};
    assertThat(FloatVectors.digest(a)).isEqualTo(FloatVectors.digest(a.clone()));
    assertThat(FloatVectors.digest(a)).isNotEqualTo(FloatVectors.digest(b));
    assertThat(FloatVectors.digest(new float[0])).isNotEqualTo(FloatVectors.digest(new float[1]));
  }

  @Test
  void digestOfWire_equalsDigestOfTheDecodedFloats() {
    float[] v = new float[70_000];
    Random random = new Random(5);
    for (int i = 0; i < v.length; i++) {
      v[i] = (float) random.nextGaussian();
    }
    v[3] = -0f;
    v[4] = Float.intBitsToFloat(0x7fc01234);
    DenseVector wire = FloatVectors.toWire(v);
    assertThat(FloatVectors.digest(wire)).isEqualTo(FloatVectors.digest(v))
        .isEqualTo(FloatVectors.digest(FloatVectors.fromWire(wire)));
    DenseVector shifted = DenseVector.newBuilder().setDimension(v.length)
        .setFloat32Le(ByteString.copyFromUtf8("xyz").concat(wire.getFloat32Le()).substring(3)).build();
    assertThat(FloatVectors.digest(shifted)).isEqualTo(FloatVectors.digest(v));
  }

  @Test
  void digestOfWire_lengthMismatch_isRejected() {
    DenseVector bad = DenseVector.newBuilder().setDimension(3).setFloat32Le(ByteString.copyFrom(new byte[8])).build();
    assertThatThrownBy(() -> FloatVectors.digest(bad)).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("dimension=3").hasMessageContaining("8 bytes");
  }

  @Test
  void firstNonFinite_findsNaNAndInfinity() {
    assertThat(FloatVectors.firstNonFinite(new float[] {1f, 2f})).isEqualTo(-1);
    assertThat(FloatVectors.firstNonFinite(new float[] {1f, Float.NaN})).isEqualTo(1);
    assertThat(FloatVectors.firstNonFinite(new float[] {Float.NEGATIVE_INFINITY})).isZero();
  }
}
