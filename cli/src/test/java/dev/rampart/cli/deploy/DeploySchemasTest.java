package dev.rampart.cli.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rampart.cli.ProjectRoot;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Keeps the configuration reference and the example files from drifting away from the key
 * catalogs in the code.
 */
class DeploySchemasTest {
  private static final Path ROOT = ProjectRoot.find();
  private static final Path DOC = ROOT.resolve("docs/configuration.md");

  @Test
  void configurationDoc_equalsTheCatalogRendering() throws Exception {
    String expected = DeploySchemas.markdown();
    if (Boolean.getBoolean("rampart.writeDocs")) {
      Files.writeString(DOC, expected, StandardCharsets.UTF_8);
    }
    assertThat(Files.readString(DOC, StandardCharsets.UTF_8))
        .as("docs/configuration.md is stale; regenerate with -Drampart.writeDocs=true").isEqualTo(expected);
  }

  @Test
  void configurationDoc_namesEveryKeyWithItsDefault() throws Exception {
    String doc = Files.readString(DOC, StandardCharsets.UTF_8);
    for (ConfigSchema schema : List.of(DeploySchemas.COORDINATOR, DeploySchemas.CLIENT)) {
      for (ConfigKey k : schema.keys()) {
        assertThat(doc).contains("| `" + k.name() + "` |");
        if (k.hasDefault()) {
          assertThat(doc).contains("`" + k.defaultValue() + "`");
        }
      }
    }
  }

  @Test
  void dockerConfigFiles_bindStrictly() {
    assertThat(DeploySchemas.COORDINATOR.bind(ROOT.resolve("docker/config/coordinator.yaml")).string("job"))
        .isEqualTo("digits-compose");
    for (String client : List.of("client-00", "client-01", "client-02")) {
      ConfigValues v = DeploySchemas.CLIENT.bind(ROOT.resolve("docker/config/" + client + ".yaml"));
      assertThat(v.path("identity")).isEqualTo(Path.of("/keys/" + client + ".key"));
      assertThat(v.string("kafka.bootstrap-servers")).isEqualTo("kafka:9092");
      assertThat(v.path("state-directory")).as("a volume, not the read-only /config")
          .isEqualTo(Path.of("/var/lib/rampart/state"));
    }
  }

  @Test
  void schemas_defaultsParseUnderTheirOwnTypes() throws Exception {
    Path dir = Files.createTempDirectory("schema");
    Path f = dir.resolve("client.yaml");
    Files.writeString(f, "job: j\nidentity: a.key\ncoordinator-key: c.pub\ndata:\n  path: d.csv\n"
        + "kafka:\n  bootstrap-servers: h:1\n");
    ConfigValues v = DeploySchemas.CLIENT.bind(f);
    assertThat(v.bool("stop-after-final-round")).isTrue();
    assertThat(v.integer("data.classes")).isEqualTo(10);
    assertThat(v.decimal("data.feature-scale")).isEqualTo(16.0);
  }
}
