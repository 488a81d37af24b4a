package dev.rampart.crypto;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.rampart.protocol.RampartException;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.Test;

/** RFC 5869 appendix A, test cases 1-3 (SHA-256). */
class HkdfTest {

  static Stream<Arguments> rfc5869() {
    return Stream.of(
        Arguments.of("A.1", "0b".repeat(22), "000102030405060708090a0b0c", "f0f1f2f3f4f5f6f7f8f9",
            42, "077709362c2e32df0ddc3f0dc47bba6390b6c73bb50f9c3122ec844ad7c2b3e5",
            "3cb25f25faacd57a90434f64d0362f2a2d2d0a90cf1a5a4c5db02d56ecc4c5bf34007208d5b887185865"),
        Arguments.of("A.2", range(0x00, 0x50), range(0x60, 0xb0), range(0xb0, 0x100), 82,
            "06a6b88c5853361a06104c9ceb35b45cef760014904671014a193f40c15fc244",
            "b11e398dc80327a1c8e7f78c596a49344f012eda2d4efad8a050cc4c19afa97c"
                + "59045a99cac7827271cb41c65e590e09da3275600c2f09b8367793a9aca3db71"
                + "cc30c58179ec3e87c14c01d5c1f3434f1d87"),
        Arguments.of("A.3", "0b".repeat(22), "", "", 42,
            "19ef24a32c717b167f33a91d6f648bdf96596776afdb6377ac434c1c293ccb04",
            "8da4e775a563c18f715f802a063c5a31b8a11f5c5ee1879ec3454e5f3c738d2d9d201395faa4b61a96c8"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("rfc5869")
  void extract_rfc5869_matchesPrk(String name, String ikm, String salt, String info, int length,
      String prk, String okm) {
    assertThat(Hkdf.extract(Hex.bytes(salt), Hex.bytes(ikm))).isEqualTo(Hex.bytes(prk));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("rfc5869")
  void expand_rfc5869_matchesOkm(String name, String ikm, String salt, String info, int length,
      String prk, String okm) {
    assertThat(Hkdf.expand(Hex.bytes(prk), Hex.bytes(info), length)).isEqualTo(Hex.bytes(okm));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("rfc5869")
  void derive_rfc5869_matchesOkm(String name, String ikm, String salt, String info, int length,
      String prk, String okm) {
    assertThat(Hkdf.derive(Hex.bytes(ikm), Hex.bytes(salt), Hex.bytes(info), length))
        .isEqualTo(Hex.bytes(okm));
  }

  @Test
  void derive_lengthOutOfRange_throwsNamingLength() {
    assertThatThrownBy(() -> Hkdf.derive(new byte[32], null, null, 0))
        .isInstanceOf(RampartException.class).hasMessageContaining("was 0");
    assertThatThrownBy(() -> Hkdf.derive(new byte[32], null, null, 8161))
        .isInstanceOf(RampartException.class).hasMessageContaining("8161");
  }

  @Test
  void derive_differentInfo_independentKeys() {
    byte[] ikm = new byte[32];

    assertThat(Hkdf.derive(ikm, new byte[] {1}, "enc".getBytes(), 32))
        .isNotEqualTo(Hkdf.derive(ikm, new byte[] {1}, "mask".getBytes(), 32));
  }

  private static String range(int fromInclusive, int toExclusive) {
    StringBuilder sb = new StringBuilder();
    for (int i = fromInclusive; i < toExclusive; i++) {
      sb.append(String.format("%02x", i));
    }
    return sb.toString();
  }
}
