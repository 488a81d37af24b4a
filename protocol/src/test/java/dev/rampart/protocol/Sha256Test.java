package dev.rampart.protocol;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.protobuf.ByteString;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class Sha256Test {
  private static byte[] plain(byte[] bytes) throws Exception {
    return MessageDigest.getInstance("SHA-256").digest(bytes);
  }

  private static byte[] random(int n, long seed) {
    byte[] b = new byte[n];
    new Random(seed).nextBytes(b);
    return b;
  }

  @Test
  void of_flatSliceAndRope_equalsTheDigestOfTheirBytes() throws Exception {
    byte[] a = random(10_000, 1);
    byte[] b = random(70_001, 2);
    ByteString flat = ByteString.copyFrom(a);
    ByteString slice = ByteString.copyFrom(b).substring(17, 60_017);
    ByteString rope = flat.concat(ByteString.copyFrom(b)).concat(ByteString.copyFromUtf8("x"));
    assertThat(Sha256.of(flat)).isEqualTo(plain(a));
    assertThat(Sha256.of(slice)).isEqualTo(plain(slice.toByteArray()));
    assertThat(Sha256.of(rope)).isEqualTo(plain(rope.toByteArray()));
    assertThat(Sha256.of(ByteString.EMPTY)).isEqualTo(plain(new byte[0]));
  }

  @Test
  void of_readOnlyBufferWrap_equalsTheDigestOfItsBytes() throws Exception {
    byte[] a = random(5_000, 3);
    ByteString wrapped = ByteString.copyFrom(ByteBuffer.wrap(a).asReadOnlyBuffer());
    assertThat(Sha256.of(wrapped)).isEqualTo(plain(a));
  }

  @Test
  void ofPieces_followsTheDocumentedLayout() throws Exception {
    byte[] p0 = plain(random(100, 4));
    byte[] p1 = plain(random(100, 5));
    ByteArrayOutputStream input = new ByteArrayOutputStream();
    input.write("rampart/v1/pieces/".getBytes(StandardCharsets.US_ASCII));
    input.write(ByteBuffer.allocate(12).putInt(2).putLong(150).array());
    input.write(p0);
    input.write(p1);
    assertThat(Sha256.ofPieces(List.of(p0, p1), 150)).isEqualTo(plain(input.toByteArray()));
    assertThat(Sha256.ofPieces(List.of(p1, p0), 150)).isNotEqualTo(Sha256.ofPieces(List.of(p0, p1), 150));
    assertThat(Sha256.ofPieces(List.of(p0, p1), 151)).isNotEqualTo(Sha256.ofPieces(List.of(p0, p1), 150));
  }

  @Test
  void ofPieces_wrongLengthDigest_isRefusedNamingThePiece() {
    assertThatThrownBy(() -> Sha256.ofPieces(List.of(new byte[32], new byte[31]), 10))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("piece digest 1 is 31 bytes");
  }
}
