package dev.rampart.cli;


import static org.assertj.core.api.Assertions.assertThat;

import dev.rampart.crypto.ClientRegistry;
import dev.rampart.crypto.Enrollment;
import dev.rampart.crypto.Identity;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class KeyCommandsTest {
  @TempDir Path dir;

  @Test
  void generateAddRevoke_roundTripThroughFiles() throws Exception {
    Path keys = dir.resolve("keys");
    Path registry = dir.resolve("registry.txt");
    assertThat(Main.execute("keys", "generate", "--id", "bank-a", "--dir", keys.toString())).isZero();
    assertThat(Main.execute("keys", "generate", "--id", "bank-b", "--dir", keys.toString())).isZero();
    assertThat(Files.getPosixFilePermissions(keys.resolve("bank-a.key")))
        .containsExactlyInAnyOrder(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE);
    assertThat(Main.execute("registry", "add", "bank-a", "--key", keys.resolve("bank-a.pub").toString(),
        "--registry", registry.toString())).isZero();
    assertThat(Main.execute("registry", "add", "bank-b", "--key", keys.resolve("bank-b.pub").toString(),
        "--registry", registry.toString())).isZero();
    assertThat(Main.execute("registry", "revoke", "bank-b", "--registry", registry.toString())).isZero();

    ClientRegistry loaded = ClientRegistry.load(registry);
    Identity a = Identity.load(keys.resolve("bank-a.key"));
    assertThat(loaded.lookup("bank-a")).get().extracting(Enrollment::key).isEqualTo(a.publicKey());
    assertThat(loaded.lookup("bank-b")).get().extracting(Enrollment::status).isEqualTo(Enrollment.Status.REVOKED);
    assertThat(loaded.activeCount()).isEqualTo(1);
  }

  @Test
  void add_sameKeyUnderSecondId_isRefusedAsSybil() throws Exception {
    Path keys = dir.resolve("keys");
    Path registry = dir.resolve("registry.txt");
    Main.execute("keys", "generate", "--id", "bank-a", "--dir", keys.toString());
    Main.execute("registry", "add", "bank-a", "--key", keys.resolve("bank-a.pub").toString(), "--registry", registry.toString());
    int code = Main.execute("registry", "add", "bank-z", "--key", keys.resolve("bank-a.pub").toString(),
        "--registry", registry.toString());
    assertThat(code).isEqualTo(2);
    assertThat(ClientRegistry.load(registry).size()).isEqualTo(1);
  }

  @Test
  void generate_existingFilesWithoutForce_isRefused() {
    Path keys = dir.resolve("keys");
    assertThat(Main.execute("keys", "generate", "--id", "x", "--dir", keys.toString())).isZero();
    assertThat(Main.execute("keys", "generate", "--id", "x", "--dir", keys.toString())).isEqualTo(2);
    assertThat(Set.of(keys.toFile().list())).containsExactlyInAnyOrder("x.key", "x.pub");
  }
}
