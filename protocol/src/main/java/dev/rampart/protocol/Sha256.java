package dev.rampart.protocol;

import com.google.protobuf.ByteOutput;
import com.google.protobuf.ByteString;
import com.google.protobuf.UnsafeByteOperations;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.List;
import java.util.Objects;

/**
 * SHA-256 over protobuf byte strings without copying them, and the digest of a chunk set.
 *
 * <p>A {@link ByteString} is hashed where its bytes already are: the digest reads them through
 * {@link UnsafeByteOperations#unsafeWriteTo}, which hands over the backing array (or each
 * backing buffer of a rope) instead of a copy, and this class never writes to what it is given.
 *
 * <p>Stateless and thread-safe.
 */
public final class Sha256 {
  /** Length of a SHA-256 digest in bytes. */
  public static final int BYTES = 32;
  /** Label that starts the input of every {@link #ofPieces} digest. */
  public static final String PIECES_DOMAIN = "rampart/v1/pieces/";

  private Sha256() {}

  /** A fresh SHA-256 digest; every JDK provides one. */
  public static MessageDigest newDigest() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("the JDK lacks SHA-256", e);
    }
  }

  /** SHA-256 of {@code bytes}, read in place. */
  public static byte[] of(ByteString bytes) {
    MessageDigest sha = newDigest();
    update(sha, bytes);
    return sha.digest();
  }

  /** Feeds {@code bytes} into {@code sha} in place, without a copy of the data. */
  public static void update(MessageDigest sha, ByteString bytes) {
    Objects.requireNonNull(sha, "sha");
    Objects.requireNonNull(bytes, "bytes");
    try {
      UnsafeByteOperations.unsafeWriteTo(bytes, new DigestOutput(sha));
    } catch (IOException e) {
      throw new UncheckedIOException("hashing bytes held in memory", e);
    }
  }

  /**
   * The digest that names a chunk set: SHA-256 over
   *
   * <pre>
   * "rampart/v1/pieces/" ‖ u32be(count) ‖ u64be(wholeLength) ‖ SHA-256(piece 0) ‖ … ‖ SHA-256(piece count-1)
   * </pre>
   *
   * <p>It commits to every byte of the whole (each piece through its own digest, in order, and the
   * total length), and it costs nothing beyond the piece digests that the chunk signatures need
   * anyway, so neither the writer nor the reader hashes the whole a second time.
   *
   * @param pieceDigests the SHA-256 of each piece, in index order, each {@value #BYTES} bytes
   * @param wholeLength the number of bytes of all pieces together
   */
  public static byte[] ofPieces(List<byte[]> pieceDigests, long wholeLength) {
    Objects.requireNonNull(pieceDigests, "pieceDigests");
    MessageDigest sha = newDigest();
    sha.update(PIECES_DOMAIN.getBytes(StandardCharsets.US_ASCII));
    sha.update(ByteBuffer.allocate(12).putInt(pieceDigests.size()).putLong(wholeLength).array());
    for (int i = 0; i < pieceDigests.size(); i++) {
      byte[] piece = pieceDigests.get(i);
      if (piece == null || piece.length != BYTES) {
        throw new IllegalArgumentException("piece digest " + i + " is "
            + (piece == null ? "null" : piece.length + " bytes") + ", expected " + BYTES + " bytes");
      }
      sha.update(piece);
    }
    return sha.digest();
  }

  /** Feeds whatever protobuf hands over into a digest; it never keeps or changes the arrays. */
  private static final class DigestOutput extends ByteOutput {
    private final MessageDigest sha;

    DigestOutput(MessageDigest sha) {
      this.sha = sha;
    }

    @Override
    public void write(byte value) {
      sha.update(value);
    }

    @Override
    public void write(byte[] value, int offset, int length) {
      sha.update(value, offset, length);
    }

    @Override
    public void writeLazy(byte[] value, int offset, int length) {
      sha.update(value, offset, length);
    }

    @Override
    public void write(ByteBuffer value) {
      sha.update(value);
    }

    @Override
    public void writeLazy(ByteBuffer value) {
      sha.update(value);
    }
  }
}
