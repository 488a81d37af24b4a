package dev.rampart.cli.example;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rampart.cli.ProjectRoot;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * {@code docs/bring-your-own-model.md} shows {@link OwnNetworkJob} as it is: its first Java block is
 * the file's imports, the others are the file's {@code // [name]} regions in order, un-indented by
 * two spaces. The example compiles with this module's tests and runs in {@code OwnNetworkJobIT}.
 */
class BringYourOwnModelDocTest {
  private static final Path ROOT = ProjectRoot.find();
  private static final Pattern JAVA_BLOCK = Pattern.compile("```java\n(.*?)```", Pattern.DOTALL);
  private static final Pattern REGION = Pattern.compile("  // \\[(\\w+)]\n(.*?)  // \\[/\\1]\n", Pattern.DOTALL);

  @Test
  void guidesJavaBlocks_areTheExampleSourcesImportsAndRegions() throws Exception {
    String doc = Files.readString(ROOT.resolve("docs/bring-your-own-model.md"), StandardCharsets.UTF_8);
    String source = Files.readString(ROOT.resolve("cli/src/test/java/dev/rampart/cli/example/OwnNetworkJob.java"),
        StandardCharsets.UTF_8);
    List<String> expected = new ArrayList<>();
    expected.add(source.lines().filter(l -> l.startsWith("import ")).collect(Collectors.joining("\n")) + "\n");
    Matcher region = REGION.matcher(source);
    while (region.find()) {
      expected.add(region.group(2).lines().map(l -> l.startsWith("  ") ? l.substring(2) : l)
          .collect(Collectors.joining("\n")) + "\n");
    }
    List<String> shown = new ArrayList<>();
    Matcher block = JAVA_BLOCK.matcher(doc);
    while (block.find()) {
      shown.add(block.group(1));
    }
    assertThat(expected).as("regions of OwnNetworkJob.java").hasSize(4);
    assertThat(shown).as("Java blocks of docs/bring-your-own-model.md").containsExactlyElementsOf(expected);
  }
}
