package dev.rampart.simulator.docs;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rampart.simulator.docs.DocsCommandsIT.Block;
import dev.rampart.simulator.docs.DocsCommandsIT.Kind;
import dev.rampart.simulator.docs.DocsCommandsIT.RunResult;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The parsing and reporting of {@link DocsCommandsIT}, on small inline Markdown samples. */
class DocsBlocksTest {

  private static final List<String> SAMPLE = """
      # Sample

      ```bash
      ./rampart demo
      ```

      <!-- run -->
      ```sh
      echo fine
      ```

      <!-- run-by: MultiProcessClusterIT -->

      ```shell
      scripts/local-cluster.sh
      ```

      <!-- run-by: NoSuchThingIT -->
      ```bash
      true
      ```

      <!-- not-run: needs a Docker engine -->
      ```console
      $ docker compose up
      output line
      ```

      <!-- not-run: -->
      ```bash
      true
      ```

      <!-- runs -->
      ```bash
      true
      ```

      ```yaml
      job: not a shell block
      ```

      ````markdown
      ```bash
      inside a longer fence: not a block
      ```
      ````
      """.lines().toList();

  @TempDir
  Path root;

  private List<Block> sample() throws IOException {
    Files.writeString(root.resolve("pom.xml"), "<project/>");
    Path it = root.resolve("simulator/src/test/java/dev/rampart/simulator/deploy/MultiProcessClusterIT.java");
    Files.createDirectories(it.getParent());
    Files.writeString(it, "class MultiProcessClusterIT {}");
    return DocsCommandsIT.parse("sample.md", SAMPLE);
  }

  @Test
  void parse_sample_findsOnlyShellBlocksWithTheirMarkersAndLines() throws IOException {
    List<Block> blocks = sample();
    assertThat(blocks).extracting(Block::location).containsExactly("sample.md:3", "sample.md:8",
        "sample.md:14", "sample.md:19", "sample.md:24", "sample.md:30", "sample.md:35");
    assertThat(blocks).extracting(Block::kind).containsExactly(Kind.UNMARKED, Kind.RUN, Kind.RUN_BY,
        Kind.RUN_BY, Kind.NOT_RUN, Kind.NOT_RUN, Kind.UNMARKED);
    assertThat(blocks.get(2).argument()).isEqualTo("MultiProcessClusterIT");
    assertThat(blocks.get(4).commands()).isEqualTo("docker compose up");
  }

  @Test
  void problems_unmarkedUnknownTargetAndEmptyReason_eachNamedWithFileAndLine() throws IOException {
    List<String> problems = DocsCommandsIT.problems(root, sample());
    assertThat(problems).hasSize(4);
    assertThat(problems.get(0)).startsWith("sample.md:3: bash block without a marker line");
    assertThat(problems.get(1)).startsWith("sample.md:19: run-by target 'NoSuchThingIT'");
    assertThat(problems.get(2)).isEqualTo("sample.md:30: not-run marker without a reason");
    assertThat(problems.get(3)).startsWith("sample.md:35: bash block without a marker line")
        .endsWith("malformed marker: <!-- runs -->");
  }

  @Test
  void targetExists_pathsAndTestClasses_foundOnlyWhenPresent() throws IOException {
    sample();
    assertThat(DocsCommandsIT.targetExists(root, "pom.xml")).isTrue();
    assertThat(DocsCommandsIT.targetExists(root, "MultiProcessClusterIT")).isTrue();
    assertThat(DocsCommandsIT.targetExists(root, "dev.rampart.cli.deploy.MultiProcessClusterIT")).isTrue();
    assertThat(DocsCommandsIT.targetExists(root, "scripts/missing.sh")).isFalse();
    assertThat(DocsCommandsIT.targetExists(root, "../pom.xml")).isFalse();
    assertThat(DocsCommandsIT.targetExists(root, "")).isFalse();
  }

  @Test
  void run_failingBlock_reportsItsExitCodeAndOutput() throws Exception {
    Block failing = new Block("x.md:1", "bash", Kind.RUN, "", "echo before\nfalse\necho after");
    RunResult result = DocsCommandsIT.run(failing, root, Map.of(), Duration.ofSeconds(30));
    assertThat(result.exitCode()).isEqualTo(1);
    assertThat(result.outputTail()).isEqualTo("before");
  }

  @Test
  void run_unsetVariable_failsUnderNounset() throws Exception {
    Block block = new Block("x.md:1", "bash", Kind.RUN, "", "echo \"$RAMPART_DOCS_UNSET_VARIABLE\"");
    assertThat(DocsCommandsIT.run(block, root, Map.of(), Duration.ofSeconds(30)).exitCode()).isNotZero();
  }

  @Test
  void run_environmentAndDirectory_areTheGivenOnes() throws Exception {
    Block block = new Block("x.md:1", "bash", Kind.RUN, "", "test \"$CI\" = true && pwd");
    RunResult result = DocsCommandsIT.run(block, root, Map.of("CI", "true"), Duration.ofSeconds(30));
    assertThat(result.exitCode()).isZero();
    assertThat(Path.of(result.outputTail()).toRealPath()).isEqualTo(root.toRealPath());
  }

  @Test
  void run_blockPastItsTimeout_isStoppedAndReportedAsMinusOne() throws Exception {
    Block block = new Block("x.md:1", "bash", Kind.RUN, "", "sleep 30");
    long start = System.nanoTime();
    RunResult result = DocsCommandsIT.run(block, root, Map.of(), Duration.ofMillis(500));
    assertThat(result.exitCode()).isEqualTo(-1);
    assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(20));
  }

  @Test
  void runCleaningUp_filesTheBlockCreated_areDeletedAndOthersKept() throws Exception {
    Files.createDirectories(root.resolve("runs/earlier"));
    Files.writeString(root.resolve("kept.txt"), "kept");
    Block block = new Block("x.md:1", "bash", Kind.RUN, "",
        "mkdir -p consortium/keys runs/new && touch consortium/keys/a.key runs/new/summary.json new.txt");
    RunResult result = DocsCommandsIT.runCleaningUp(block, root, Map.of());
    assertThat(result.exitCode()).isZero();
    assertThat(root.resolve("consortium")).doesNotExist();
    assertThat(root.resolve("new.txt")).doesNotExist();
    assertThat(root.resolve("runs/new")).doesNotExist();
    assertThat(root.resolve("runs/earlier")).isDirectory();
    assertThat(root.resolve("kept.txt")).exists();
  }

  @Test
  void repositoryRoot_fromAModuleFolder_isTheFolderWithTheLauncherAndPom() throws IOException {
    Files.writeString(root.resolve("pom.xml"), "<project/>");
    Files.writeString(root.resolve("rampart"), "#!/usr/bin/env bash");
    Path module = Files.createDirectories(root.resolve("simulator/target"));
    assertThat(DocsCommandsIT.repositoryRoot(module)).isEqualTo(root);
  }

  @Test
  void scan_thisRepository_findsTheReadmeQuickStart() {
    Path repo = DocsCommandsIT.repositoryRoot(Path.of("").toAbsolutePath());
    assertThat(DocsCommandsIT.scan(repo)).extracting(Block::script).contains("./rampart demo");
  }
}
