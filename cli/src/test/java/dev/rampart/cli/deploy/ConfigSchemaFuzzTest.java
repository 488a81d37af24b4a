package dev.rampart.cli.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.Map;

/**
 * Fuzz target: a deployment file bound by {@link ConfigSchema#bind}, the YAML loader of the
 * coordinator and client processes. Only {@link ConfigException} may escape; a file that binds
 * yields, for every key it sets, a value of the Java type its {@link ConfigType} promises, so the
 * typed accessors of {@link ConfigValues} never fail on it.
 *
 * <p>Input layout: one byte choosing the schema (even: {@link DeploySchemas#COORDINATOR}, odd:
 * {@link DeploySchemas#CLIENT}), then the file's bytes.
 */
class ConfigSchemaFuzzTest {
  private static final Path FILE = createFile();

  @FuzzTest(maxDuration = "10s")
  void bind(byte[] input) throws IOException {
    if (input.length == 0) {
      return;
    }
    ConfigSchema schema = (input[0] & 1) == 0 ? DeploySchemas.COORDINATOR : DeploySchemas.CLIENT;
    Files.write(FILE, Arrays.copyOfRange(input, 1, input.length));
    ConfigValues values;
    try {
      values = schema.bind(FILE);
    } catch (ConfigException expected) {
      return;
    }
    for (ConfigKey key : schema.keys()) {
      Object value = values.values().get(key.name());
      if (value != null) {
        assertThat(value).as(key.name()).isInstanceOf(javaType(key.type()));
      } else {
        assertThat(key.isRequired()).as(key.name()).isFalse();
      }
    }
  }

  private static Class<?> javaType(ConfigType type) {
    return switch (type) {
      case STRING, CHOICE -> String.class;
      case INTEGER -> Long.class;
      case DECIMAL -> Double.class;
      case BOOLEAN -> Boolean.class;
      case DURATION -> Duration.class;
      case PATH -> Path.class;
      case MAP -> Map.class;
    };
  }

  private static Path createFile() {
    try {
      Path dir = Files.createTempDirectory("config-fuzz");
      dir.toFile().deleteOnExit();
      Path file = dir.resolve("process.yaml");
      file.toFile().deleteOnExit();
      return file;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
