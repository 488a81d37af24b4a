package dev.rampart.simulator.docs;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rampart.cli.ProjectRoot;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Keeps the README a front page: at most 150 lines, the two-command quick start first, and a link
 * to every page under {@code docs/}, so no page is reachable only by browsing the folder.
 */
class ReadmeTest {
  private static final Path ROOT = ProjectRoot.find();
  private static final int MAX_LINES = 150;
  private static final Pattern SHELL_BLOCK = Pattern.compile("```bash\\n(.*?)```", Pattern.DOTALL);

  @Test
  void readme_isAtMost150Lines() throws IOException {
    assertThat(Files.readAllLines(ROOT.resolve("README.md"))).hasSizeLessThanOrEqualTo(MAX_LINES);
  }

  @Test
  void quickStart_isTheTwoCommandsInOrder() throws IOException {
    String readme = Files.readString(ROOT.resolve("README.md"));
    String quickStart = readme.substring(readme.indexOf("## Quick start"), readme.indexOf("\n## ", readme.indexOf("## Quick start") + 1));
    Matcher blocks = SHELL_BLOCK.matcher(quickStart);
    List<String> commands = blocks.results().map(m -> m.group(1).strip()).toList();
    assertThat(commands).containsExactly("./rampart demo", "mvn -B verify");
  }

  @Test
  void readme_linksEveryDocsPage() throws IOException {
    String readme = Files.readString(ROOT.resolve("README.md"));
    List<String> pages;
    try (Stream<Path> files = Files.list(ROOT.resolve("docs"))) {
      pages = files.filter(p -> p.getFileName().toString().endsWith(".md"))
          .map(p -> "docs/" + p.getFileName()).sorted().toList();
    }
    assertThat(pages).isNotEmpty().allSatisfy(page -> assertThat(readme).contains("](" + page));
  }
}
