package dev.rampart.crypto;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.rampart.protocol.RampartException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class IdentityTest {
  private static final byte[] SEED =
      Hex.bytes("9d61b19deffd5a60ba844af492ec2cc44449c5697b326919703bac031cae7f60");
  private static final String SEED_B64 = Base64.getEncoder().encodeToString(SEED);
  private static final String PUBLIC_B64 = Base64.getEncoder().encodeToString(
      Hex.bytes("d75a980182b10ab7d54bfed3c964073a0ee172f3daa62325af021a68f707511a"));
  private static final String OTHER_PUBLIC_B64 = Base64.getEncoder().encodeToString(
      Hex.bytes("3d4017c3e843895a92b70aa74d1b7ebc9c982ccf2ec4968cc0cd55f12af4660c"));

  @TempDir Path dir;

  @Test
  void saveThenLoad_roundTrip_sameIdKeyAndSignatures() {
    Identity original = Identity.generate("client-007", new SecureRandom());
    Path file = dir.resolve("client.id");

    original.save(file);
    Identity loaded = Identity.load(file);

    byte[] msg = {1, 2, 3};
    assertThat(loaded.id()).isEqualTo("client-007");
    assertThat(loaded.publicKey()).isEqualTo(original.publicKey());
    assertThat(loaded.sign(msg)).isEqualTo(original.sign(msg));
  }

  @Test
  void save_posixFileSystem_ownerOnlyPermissions() throws Exception {
    assumeTrue(Files.getFileStore(dir).supportsFileAttributeView("posix"));
    Path file = dir.resolve("coordinator.id");

    Identity.fromPrivateKey("coordinator", SEED).save(file);

    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file)))
        .isEqualTo("rw-------");
  }

  @Test
  void save_existingFile_replacedAndNoTempFilesLeft() throws Exception {
    Path file = dir.resolve("x.id");
    Files.writeString(file, "old");

    Identity.fromPrivateKey("x", SEED).save(file);

    assertThat(Identity.load(file).publicKey().toBase64()).isEqualTo(PUBLIC_B64);
    try (var files = Files.list(dir)) {
      assertThat(files).containsExactly(file);
    }
  }

  @Test
  void load_mismatchedPublicKey_throwsNamingFileAndLine() throws Exception {
    Path file = write("format=rampart-identity/v1", "id=a", "private=" + SEED_B64,
        "public=" + OTHER_PUBLIC_B64);

    assertThatThrownBy(() -> Identity.load(file))
        .isInstanceOf(KeyFormatException.class)
        .hasMessageContaining(file + ":4")
        .hasMessageContaining("does not derive")
        .hasMessageNotContaining(SEED_B64)
        .hasMessageNotContaining(OTHER_PUBLIC_B64);
  }

  @Test
  void load_badBase64_throwsNamingLineWithoutKeyText() throws Exception {
    Path file = write("# comment", "format=rampart-identity/v1", "id=a",
        "private=" + SEED_B64.substring(1) + "$", "public=" + PUBLIC_B64);

    assertThatThrownBy(() -> Identity.load(file))
        .isInstanceOf(KeyFormatException.class)
        .hasMessageContaining(file + ":4")
        .hasMessageContaining("base64")
        .hasMessageNotContaining(SEED_B64.substring(1));
  }

  @Test
  void load_truncatedPrivateKey_throwsNamingLength() throws Exception {
    String shortKey = Base64.getEncoder().encodeToString(new byte[31]);
    Path file = write("format=rampart-identity/v1", "id=a", "private=" + shortKey,
        "public=" + PUBLIC_B64);

    assertThatThrownBy(() -> Identity.load(file))
        .isInstanceOf(KeyFormatException.class)
        .hasMessageContaining(file + ":3")
        .hasMessageContaining("31");
  }

  @Test
  void load_missingField_throwsNamingField() throws Exception {
    Path file = write("format=rampart-identity/v1", "id=a", "private=" + SEED_B64);

    assertThatThrownBy(() -> Identity.load(file))
        .isInstanceOf(KeyFormatException.class)
        .hasMessageContaining(file.toString())
        .hasMessageContaining("public=");
  }

  @Test
  void load_repeatedField_throwsNamingBothLines() throws Exception {
    Path file = write("format=rampart-identity/v1", "id=a", "id=b", "private=" + SEED_B64,
        "public=" + PUBLIC_B64);

    assertThatThrownBy(() -> Identity.load(file))
        .isInstanceOf(KeyFormatException.class)
        .hasMessageContaining(file + ":3")
        .hasMessageContaining("line 2");
  }

  @Test
  void load_wrongFormatVersion_throws() throws Exception {
    Path file = write("format=rampart-identity/v9", "id=a", "private=" + SEED_B64,
        "public=" + PUBLIC_B64);

    assertThatThrownBy(() -> Identity.load(file))
        .isInstanceOf(KeyFormatException.class)
        .hasMessageContaining(file + ":1")
        .hasMessageContaining("v9");
  }

  @Test
  void load_garbageLine_throws() throws Exception {
    Path file = write("format=rampart-identity/v1", "garbage");

    assertThatThrownBy(() -> Identity.load(file))
        .isInstanceOf(KeyFormatException.class)
        .hasMessageContaining(file + ":2");
  }

  @Test
  void load_missingFile_throwsNamingFile() {
    Path file = dir.resolve("absent.id");

    assertThatThrownBy(() -> Identity.load(file))
        .isInstanceOf(RampartException.class)
        .hasMessageContaining(file.toString());
  }

  @Test
  void generate_invalidId_throwsNamingValue() {
    assertThatThrownBy(() -> Identity.generate("bad id", new SecureRandom()))
        .isInstanceOf(RampartException.class)
        .hasMessageContaining("'bad id'");
  }

  @Test
  void toString_containsIdButNoKeyMaterial() {
    Identity identity = Identity.fromPrivateKey("alice", SEED);

    assertThat(identity.toString()).contains("alice").contains(identity.publicKey().keyId())
        .doesNotContain(SEED_B64).doesNotContain(PUBLIC_B64)
        .doesNotContain(HexFormat.of().formatHex(SEED));
  }

  @Test
  void sign_concurrentCallers_sameSignaturesAsSequential() throws Exception {
    Identity identity = Identity.generate("alice", new SecureRandom());
    List<byte[]> messages = new ArrayList<>();
    for (int i = 0; i < 64; i++) {
      messages.add(("message " + i).getBytes(StandardCharsets.UTF_8));
    }
    ExecutorService pool = Executors.newFixedThreadPool(4);
    try {
      List<Future<byte[]>> futures = new ArrayList<>();
      for (byte[] m : messages) {
        futures.add(pool.submit(() -> identity.sign(m)));
      }
      for (int i = 0; i < messages.size(); i++) {
        assertThat(futures.get(i).get()).isEqualTo(identity.sign(messages.get(i)));
      }
    } finally {
      pool.shutdownNow();
    }
  }

  private Path write(String... lines) throws Exception {
    Path file = dir.resolve("identity.txt");
    Files.write(file, List.of(lines), StandardCharsets.UTF_8);
    return file;
  }
}
