package dev.rampart.cli.deploy;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * Generates the seed corpus of {@link ConfigSchemaFuzzTest} from the deployment files shipped in
 * {@code docker/config}. Regenerate after changing them with {@code mvn -B -q -o -pl simulator -am
 * test -Dtest=FuzzSeedsTest -Dsurefire.failIfNoSpecifiedTests=false -Drampart.writeSeeds=true}.
 */
class FuzzSeedsTest {
  private static final Path CONFIG = Path.of("..", "docker", "config");

  @Test
  void seedCorpus_generatedFromTheShippedDeploymentFiles_isCommitted() throws Exception {
    new SeedCorpus()
        .add(ConfigSchemaFuzzTest.class, "bind", "coordinator", schemaThenFile(0, "coordinator.yaml"))
        .add(ConfigSchemaFuzzTest.class, "bind", "client", schemaThenFile(1, "client-00.yaml"))
        .writeIfRequestedAndCheck();
  }

  private static byte[] schemaThenFile(int schema, String name) throws Exception {
    byte[] file = Files.readAllBytes(CONFIG.resolve(name));
    byte[] out = new byte[file.length + 1];
    out[0] = (byte) schema;
    System.arraycopy(file, 0, out, 1, file.length);
    return out;
  }
}
