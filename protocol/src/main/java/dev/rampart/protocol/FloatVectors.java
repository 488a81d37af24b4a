package dev.rampart.protocol;

import com.google.protobuf.UnsafeByteOperations;
import dev.rampart.protocol.wire.DenseVector;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * Conversions between {@code float[]} and the wire's {@link DenseVector} (float32,
 * little-endian), and the model digest that names a model version.
 *
 * <p>Stateless and thread-safe.
 */
public final class FloatVectors {
  private FloatVectors() {}

  /** Encodes a vector; the array is copied (once, into the wire bytes), never retained. */
  public static DenseVector toWire(float[] values) {
    byte[] bytes = new byte[Math.multiplyExact(values.length, Float.BYTES)];
    ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN).asFloatBuffer().put(values);
    return DenseVector.newBuilder()
        .setDimension(values.length)
        // bytes is this method's own array and is never written again: the message may hold it
        .setFloat32Le(UnsafeByteOperations.unsafeWrap(bytes))
        .build();
  }

  /**
   * Decodes a vector.
   *
   * @throws IllegalArgumentException when the byte length is not 4 × the declared dimension
   */
  public static float[] fromWire(DenseVector vector) {
    int dimension = vector.getDimension();
    requireLength(dimension, vector.getFloat32Le().size());
    float[] out = new float[dimension];
    vector.getFloat32Le().asReadOnlyByteBuffer().order(ByteOrder.LITTLE_ENDIAN).asFloatBuffer().get(out);
    return out;
  }

  /**
   * {@code floats}, decoded from a dense vector's {@code float32_le} as it arrived, once its
   * declared dimension is checked as {@link #fromWire} checks it.
   *
   * @throws IllegalArgumentException when the byte length is not 4 × the declared dimension
   */
  public static float[] checkedDimension(int declaredDimension, float[] floats) {
    requireLength(declaredDimension, (long) floats.length * Float.BYTES);
    return floats;
  }

  private static void requireLength(int dimension, long bytes) {
    long expected = 4L * Integer.toUnsignedLong(dimension);
    if (dimension < 0 || bytes != expected) {
      throw new IllegalArgumentException("dense vector declares dimension="
          + Integer.toUnsignedString(dimension) + " but carries " + bytes + " bytes (expected " + expected + ")");
    }
  }

  /** Index of the first NaN or infinite coordinate, or -1 when all are finite. */
  public static int firstNonFinite(float[] values) {
    for (int i = 0; i < values.length; i++) {
      if (!Float.isFinite(values[i])) {
        return i;
      }
    }
    return -1;
  }

  /**
   * SHA-256 over the dimension (4 bytes big-endian) and the float32 little-endian encoding: the
   * identity of a model version. Bit-identical parameters give the same digest.
   */
  public static byte[] digest(float[] values) {
    MessageDigest sha = sha256();
    sha.update(ByteBuffer.allocate(4).putInt(values.length).array());
    ByteBuffer block = ByteBuffer.allocate(64 * 1024).order(ByteOrder.LITTLE_ENDIAN);
    for (float v : values) {
      if (!block.hasRemaining()) {
        sha.update(block.array(), 0, block.position());
        block.clear();
      }
      block.putFloat(v);
    }
    sha.update(block.array(), 0, block.position());
    return sha.digest();
  }

  /**
   * {@link #digest(float[])} of the vector {@code vector} encodes, computed from its wire bytes in
   * place (no decoding or re-encoding): the same bytes are hashed, so the two digests are equal.
   *
   * @throws IllegalArgumentException when the byte length is not 4 × the declared dimension
   */
  public static byte[] digest(DenseVector vector) {
    int dimension = vector.getDimension();
    requireLength(dimension, vector.getFloat32Le().size());
    MessageDigest sha = sha256();
    sha.update(ByteBuffer.allocate(4).putInt(dimension).array());
    Sha256.update(sha, vector.getFloat32Le());
    return sha.digest();
  }

  static MessageDigest sha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("the JDK lacks SHA-256", e);
    }
  }
}
