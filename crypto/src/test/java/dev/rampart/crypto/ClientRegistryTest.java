package dev.rampart.crypto;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.rampart.protocol.RampartException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ClientRegistryTest {
  private static final SecureRandom RANDOM = new SecureRandom();
  private static final PublicKey K1 = Identity.generate("k1", RANDOM).publicKey();
  private static final PublicKey K2 = Identity.generate("k2", RANDOM).publicKey();
  private static final PublicKey K3 = Identity.generate("k3", RANDOM).publicKey();

  @TempDir Path dir;

  @Test
  void withClient_newClients_activeAndSortedById() {
    ClientRegistry registry = ClientRegistry.empty().withClient("zed", K1).withClient("amy", K2);

    assertThat(registry.enrollments()).extracting(Enrollment::clientId)
        .containsExactly("amy", "zed");
    assertThat(registry.activeCount()).isEqualTo(2);
    assertThat(registry.lookup("zed")).contains(
        new Enrollment("zed", K1, Enrollment.Status.ACTIVE));
    assertThat(registry.activeKey("amy")).contains(K2);
    assertThat(registry.lookup("nobody")).isEmpty();
  }

  @Test
  void withClient_doesNotChangeOriginal() {
    ClientRegistry empty = ClientRegistry.empty();

    empty.withClient("a", K1);

    assertThat(empty.enrollments()).isEmpty();
  }

  @Test
  void withClient_duplicateId_throwsNamingId() {
    ClientRegistry registry = ClientRegistry.empty().withClient("alice", K1);

    assertThatThrownBy(() -> registry.withClient("alice", K2))
        .isInstanceOf(RampartException.class).hasMessageContaining("'alice'");
  }

  @Test
  void withClient_keyEnrolledUnderOtherId_throwsNamingBothIds() {
    ClientRegistry registry = ClientRegistry.empty().withClient("alice", K1);

    assertThatThrownBy(() -> registry.withClient("sybil", K1))
        .isInstanceOf(RampartException.class)
        .hasMessageContaining("'sybil'").hasMessageContaining("'alice'");
  }

  @Test
  void withClient_keyOfRevokedClient_stillRefused() {
    ClientRegistry registry = ClientRegistry.empty().withClient("alice", K1).revoke("alice");

    assertThatThrownBy(() -> registry.withClient("alice2", K1))
        .isInstanceOf(RampartException.class).hasMessageContaining("'alice'");
  }

  @Test
  void withClient_invalidId_throwsNamingValue() {
    assertThatThrownBy(() -> ClientRegistry.empty().withClient("a/b", K1))
        .isInstanceOf(RampartException.class).hasMessageContaining("'a/b'");
    assertThatThrownBy(() -> ClientRegistry.empty().withClient("x".repeat(65), K1))
        .isInstanceOf(RampartException.class).hasMessageContaining("65 characters");
  }

  @Test
  void revoke_activeClient_revokedAndNoActiveKey() {
    ClientRegistry registry = ClientRegistry.empty().withClient("a", K1).withClient("b", K2);

    ClientRegistry revoked = registry.revoke("a");

    assertThat(revoked.lookup("a")).get().extracting(Enrollment::status)
        .isEqualTo(Enrollment.Status.REVOKED);
    assertThat(revoked.activeKey("a")).isEmpty();
    assertThat(revoked.activeCount()).isEqualTo(1);
    assertThat(registry.activeCount()).isEqualTo(2);
  }

  @Test
  void revoke_unknownClient_throws() {
    assertThatThrownBy(() -> ClientRegistry.empty().revoke("ghost"))
        .isInstanceOf(RampartException.class).hasMessageContaining("'ghost'");
  }

  @Test
  void saveThenLoad_roundTrip_equalRegistry() {
    ClientRegistry registry = ClientRegistry.empty().withClient("b", K1).withClient("a", K2)
        .withClient("c", K3).revoke("c");
    Path file = dir.resolve("clients.txt");

    registry.save(file);
    ClientRegistry loaded = ClientRegistry.load(file);

    assertThat(loaded).isEqualTo(registry);
    assertThat(loaded.enrollments()).isEqualTo(registry.enrollments());
    assertThat(loaded.activeCount()).isEqualTo(2);
  }

  @Test
  void load_commentsBlankLinesAndTabs_accepted() throws Exception {
    Path file = write("# header", "", "alice\tACTIVE  " + K1.toBase64() + "  # trailing",
        "   ", "bob REVOKED " + K2.toBase64());

    ClientRegistry registry = ClientRegistry.load(file);

    assertThat(registry.activeKey("alice")).contains(K1);
    assertThat(registry.lookup("bob")).get().extracting(Enrollment::status)
        .isEqualTo(Enrollment.Status.REVOKED);
  }

  @Test
  void load_duplicateId_throwsNamingFileAndLines() throws Exception {
    Path file = write("alice ACTIVE " + K1.toBase64(), "# x", "alice ACTIVE " + K2.toBase64());

    assertThatThrownBy(() -> ClientRegistry.load(file))
        .isInstanceOf(KeyFormatException.class)
        .hasMessageContaining(file + ":3").hasMessageContaining("line 1")
        .hasMessageContaining("'alice'");
  }

  @Test
  void load_duplicateKey_throwsNamingBothIds() throws Exception {
    Path file = write("alice ACTIVE " + K1.toBase64(), "sybil REVOKED " + K1.toBase64());

    assertThatThrownBy(() -> ClientRegistry.load(file))
        .isInstanceOf(KeyFormatException.class)
        .hasMessageContaining(file + ":2").hasMessageContaining("'alice'")
        .hasMessageContaining("'sybil'").hasMessageNotContaining(K1.toBase64());
  }

  @Test
  void load_malformedLines_throwNamingLine() throws Exception {
    List<String> bad = List.of(
        "alice ACTIVE",
        "alice ACTIVE " + K1.toBase64() + " extra",
        "al ice ACTIVE " + K1.toBase64(),
        "alice ENABLED " + K1.toBase64(),
        "alice ACTIVE AAAA",
        "alice ACTIVE " + java.util.Base64.getEncoder().encodeToString(new byte[32]),
        "al!ce ACTIVE " + K1.toBase64());
    for (String line : bad) {
      Path file = write("# ok", line);
      assertThatThrownBy(() -> ClientRegistry.load(file)).as(line)
          .isInstanceOf(KeyFormatException.class).hasMessageContaining(file + ":2");
    }
  }

  @Test
  void load_missingFile_throwsNamingFile() {
    Path file = dir.resolve("absent.txt");

    assertThatThrownBy(() -> ClientRegistry.load(file))
        .isInstanceOf(RampartException.class).hasMessageContaining(file.toString());
  }

  @Test
  void enrollments_isUnmodifiable() {
    ClientRegistry registry = ClientRegistry.empty().withClient("a", K1);

    assertThatThrownBy(() -> registry.enrollments().clear())
        .isInstanceOf(UnsupportedOperationException.class);
  }

  private Path write(String... lines) throws Exception {
    Path file = dir.resolve("clients.txt");
    Files.write(file, List.of(lines), StandardCharsets.UTF_8);
    return file;
  }
}
