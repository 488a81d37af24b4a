package dev.rampart.simulator.docs;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * Every shell command the documentation shows is either run here or named as run elsewhere.
 *
 * <p>The convention: each fenced {@code bash}, {@code sh}, {@code shell} or {@code console} block
 * in {@code README.md}, {@code docs/**}{@code /*.md} and {@code docker/README.md} is preceded (blank
 * lines aside) by one marker line:
 *
 * <ul>
 *   <li>{@code <!-- run -->}: this test runs the block with {@code bash}, {@code set -euo pipefail},
 *       from the repository root, within {@link #BLOCK_TIMEOUT}, and expects exit status 0;
 *   <li>{@code <!-- run-by: <path or test class> -->}: another part of CI runs it; the path (relative
 *       to the repository root) or the test class ({@code <Name>.java} under some {@code src/test})
 *       must exist;
 *   <li>{@code <!-- not-run: <reason> -->}: this CI cannot run it (for example it needs a Docker
 *       engine); the reason must not be empty.
 * </ul>
 *
 * <p>A {@code console} block runs only its {@code $ }-prompted lines. {@code ./rampart} inside a
 * block gets {@code RAMPART_CLASSPATH} set to the class path the launcher itself would use (the
 * simulator jar and {@code target/classpath.txt}, which the build writes at {@code package}, before
 * this test runs), so nothing is rebuilt and a dependency missing at run time fails here as it
 * would for a user; and {@code CI=true}. Whatever a block
 * creates at the top of the repository or under {@code runs/} is deleted after it.
 */
class DocsCommandsIT {

  /** Longest a single {@code run} block may take. */
  static final Duration BLOCK_TIMEOUT = Duration.ofMinutes(3);

  private static final Set<String> SHELL_LANGUAGES = Set.of("bash", "sh", "shell", "console");
  private static final Pattern FENCE = Pattern.compile("^ {0,3}(`{3,}|~{3,})\\s*([^\\s`{]*).*$");
  private static final Pattern MARKER =
      Pattern.compile("^\\s*<!--\\s*(run|run-by:(.*?)|not-run:(.*?))\\s*-->\\s*$");
  private static final Pattern ANY_MARKER = Pattern.compile("^\\s*<!--\\s*(run|not-run).*");
  private static final int OUTPUT_TAIL_LINES = 40;

  /** How a block is marked. */
  enum Kind { RUN, RUN_BY, NOT_RUN, UNMARKED }

  /**
   * One fenced shell block.
   *
   * @param location {@code file:line} of the opening fence
   * @param language the fence's language tag
   * @param kind its marker
   * @param argument the run-by target or the not-run reason, empty otherwise
   * @param script the block's text
   */
  record Block(String location, String language, Kind kind, String argument, String script) {

    /** The commands bash runs: a console block's prompted lines, any other block whole. */
    String commands() {
      if (!language.equals("console")) {
        return script;
      }
      return script.lines().filter(l -> l.startsWith("$ ")).map(l -> l.substring(2))
          .collect(Collectors.joining("\n"));
    }
  }

  /**
   * The result of running one block.
   *
   * @param exitCode the exit status, or -1 when the block timed out
   * @param outputTail the last lines of its combined output
   */
  record RunResult(int exitCode, String outputTail) {}

  @Test
  void everyShellBlock_hasAMarkerWithAKnownTarget() {
    Path root = repositoryRoot(Path.of("").toAbsolutePath());
    List<Block> blocks = scan(root);
    assertThat(blocks).as("shell blocks in the documentation").isNotEmpty();
    assertThat(problems(root, blocks)).as("documentation shell blocks that break the marker convention")
        .isEmpty();
  }

  /**
   * The launcher's class path: the simulator's own jar and its runtime dependencies as
   * {@code target/classpath.txt} lists them, not this test's class path, which holds test-only
   * dependencies a user would not have.
   */
  static String launcherClassPath(Path root) throws IOException {
    Path target = root.resolve("simulator/target");
    Path listed = target.resolve("classpath.txt");
    assertThat(listed).as("the launcher's class path file, written at package").exists();
    try (Stream<Path> files = Files.list(target)) {
      Path jar = files.filter(p -> p.getFileName().toString().matches("rampart-simulator-.*\\.jar")
          && !p.getFileName().toString().contains("-tests") && !p.getFileName().toString().contains("-sources"))
          .findFirst().orElseThrow(() -> new AssertionError("no simulator jar in " + target));
      return jar + File.pathSeparator + Files.readString(listed).strip();
    }
  }

  @TestFactory
  Stream<DynamicTest> everyRunBlock_exitsWithZero() throws IOException {
    Path root = repositoryRoot(Path.of("").toAbsolutePath());
    Map<String, String> env = Map.of("RAMPART_CLASSPATH", launcherClassPath(root), "CI", "true");
    return scan(root).stream().filter(b -> b.kind() == Kind.RUN)
        .map(b -> DynamicTest.dynamicTest(b.location(), () -> {
          RunResult result = runCleaningUp(b, root, env);
          assertThat(result.exitCode()).as("%s exited with %d (-1: timed out after %s); output:%n%s",
              b.location(), result.exitCode(), BLOCK_TIMEOUT, result.outputTail()).isZero();
        }));
  }

  /** Walks up from {@code start} to the folder holding both {@code rampart} and {@code pom.xml}. */
  static Path repositoryRoot(Path start) {
    for (Path p = start; p != null; p = p.getParent()) {
      if (Files.isRegularFile(p.resolve("rampart")) && Files.isRegularFile(p.resolve("pom.xml"))) {
        return p;
      }
    }
    throw new IllegalStateException("no folder with rampart and pom.xml at or above " + start);
  }

  /** The documentation files: README.md, docker/README.md and every Markdown file under docs/. */
  static List<Path> documentationFiles(Path root) {
    List<Path> files = new ArrayList<>();
    Stream.of("README.md", "docker/README.md").map(root::resolve).filter(Files::isRegularFile)
        .forEach(files::add);
    Path docs = root.resolve("docs");
    if (Files.isDirectory(docs)) {
      try (Stream<Path> walk = Files.walk(docs)) {
        walk.filter(p -> p.toString().endsWith(".md")).filter(Files::isRegularFile).sorted()
            .forEach(files::add);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    return files;
  }

  /** Every shell block of every documentation file under {@code root}. */
  static List<Block> scan(Path root) {
    List<Block> blocks = new ArrayList<>();
    for (Path file : documentationFiles(root)) {
      try {
        String name = root.relativize(file).toString().replace('\\', '/');
        blocks.addAll(parse(name, Files.readAllLines(file, StandardCharsets.UTF_8)));
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    return blocks;
  }

  /** The shell blocks of one Markdown text, named {@code file}; other fenced blocks are skipped. */
  static List<Block> parse(String file, List<String> lines) {
    List<Block> blocks = new ArrayList<>();
    int i = 0;
    while (i < lines.size()) {
      Matcher open = FENCE.matcher(lines.get(i));
      if (!open.matches()) {
        i++;
        continue;
      }
      String fence = open.group(1);
      String language = open.group(2).toLowerCase(Locale.ROOT);
      int end = closingFence(lines, i + 1, fence);
      if (SHELL_LANGUAGES.contains(language)) {
        String script = String.join("\n", lines.subList(i + 1, Math.min(end, lines.size())));
        blocks.add(block(file + ":" + (i + 1), language, markerLine(lines, i), script));
      }
      i = end + 1;
    }
    return blocks;
  }

  private static int closingFence(List<String> lines, int from, String fence) {
    Pattern close = Pattern.compile("^ {0,3}" + Pattern.quote(fence.substring(0, 1)) + "{" + fence.length()
        + ",}\\s*$");
    for (int j = from; j < lines.size(); j++) {
      if (close.matcher(lines.get(j)).matches()) {
        return j;
      }
    }
    return lines.size();
  }

  private static Optional<String> markerLine(List<String> lines, int fenceIndex) {
    for (int j = fenceIndex - 1; j >= 0; j--) {
      if (!lines.get(j).isBlank()) {
        return Optional.of(lines.get(j));
      }
    }
    return Optional.empty();
  }

  private static Block block(String location, String language, Optional<String> marker, String script) {
    Matcher m = marker.map(MARKER::matcher).filter(Matcher::matches).orElse(null);
    if (m == null) {
      String seen = marker.filter(l -> ANY_MARKER.matcher(l).matches()).orElse("");
      return new Block(location, language, Kind.UNMARKED, seen.strip(), script);
    }
    if (m.group(2) != null) {
      return new Block(location, language, Kind.RUN_BY, m.group(2).strip(), script);
    }
    if (m.group(3) != null) {
      return new Block(location, language, Kind.NOT_RUN, m.group(3).strip(), script);
    }
    return new Block(location, language, Kind.RUN, "", script);
  }

  /** One message per block that breaks the convention, each starting with {@code file:line}. */
  static List<String> problems(Path root, List<Block> blocks) {
    List<String> problems = new ArrayList<>();
    for (Block b : blocks) {
      switch (b.kind()) {
        case UNMARKED -> problems.add(b.location() + ": " + b.language() + " block without a marker line "
            + "(<!-- run -->, <!-- run-by: PATH|TestClass -->, <!-- not-run: REASON -->)"
            + (b.argument().isEmpty() ? "" : "; malformed marker: " + b.argument()));
        case RUN_BY -> {
          if (!targetExists(root, b.argument())) {
            problems.add(b.location() + ": run-by target '" + b.argument()
                + "' is neither a file in the repository nor a test class under src/test");
          }
        }
        case NOT_RUN -> {
          if (b.argument().isEmpty()) {
            problems.add(b.location() + ": not-run marker without a reason");
          }
        }
        case RUN -> {
          if (b.commands().isBlank()) {
            problems.add(b.location() + ": run block without commands");
          }
        }
      }
    }
    return problems;
  }

  /** Whether {@code target} is a path under {@code root} or the name of a test class in its tree. */
  static boolean targetExists(Path root, String target) {
    if (target.isEmpty() || target.contains("..")) {
      return false;
    }
    if (target.contains("/") || Files.exists(root.resolve(target))) {
      return Files.exists(root.resolve(target));
    }
    String simple = target.replaceFirst("#.*$", "");
    simple = simple.substring(simple.lastIndexOf('.') + 1);
    if (!simple.matches("[A-Z][A-Za-z0-9_]*")) {
      return false;
    }
    String fileName = simple + ".java";
    try (Stream<Path> walk = Files.walk(root)) {
      return walk.filter(p -> p.getFileName().toString().equals(fileName))
          .map(p -> root.relativize(p).toString().replace('\\', '/'))
          .anyMatch(p -> p.contains("src/test/") && !p.contains("/target/"));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * Runs a block with bash from {@code directory}, deleting afterwards what it created at the top of
   * {@code directory} or in its {@code runs/} folder.
   */
  static RunResult runCleaningUp(Block block, Path directory, Map<String, String> env) throws Exception {
    Set<Path> before = entries(directory);
    before.addAll(entries(directory.resolve("runs")));
    try {
      return run(block, directory, env, BLOCK_TIMEOUT);
    } finally {
      Set<Path> after = entries(directory.resolve("runs"));
      after.addAll(entries(directory));
      after.removeAll(before);
      for (Path created : after) {
        deleteRecursively(created);
      }
    }
  }

  /** Runs a block's commands with {@code bash}, {@code set -euo pipefail}, within {@code timeout}. */
  static RunResult run(Block block, Path directory, Map<String, String> env, Duration timeout)
      throws IOException, InterruptedException {
    Path output = Files.createTempFile("docs-block-", ".log");
    try {
      ProcessBuilder pb = new ProcessBuilder("bash", "-c", "set -euo pipefail\n" + block.commands())
          .directory(directory.toFile()).redirectErrorStream(true).redirectOutput(output.toFile());
      pb.redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile()));
      pb.environment().putAll(env);
      Process process = pb.start();
      boolean finished = process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS);
      if (!finished) {
        process.descendants().forEach(ProcessHandle::destroyForcibly);
        process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
      }
      return new RunResult(finished ? process.exitValue() : -1, tail(output));
    } finally {
      Files.deleteIfExists(output);
    }
  }

  private static String tail(Path output) throws IOException {
    List<String> lines = Files.readAllLines(output, StandardCharsets.UTF_8);
    return String.join("\n", lines.subList(Math.max(0, lines.size() - OUTPUT_TAIL_LINES), lines.size()));
  }

  private static Set<Path> entries(Path directory) throws IOException {
    if (!Files.isDirectory(directory)) {
      return new HashSet<>();
    }
    try (Stream<Path> list = Files.list(directory)) {
      return list.collect(Collectors.toCollection(HashSet::new));
    }
  }

  private static void deleteRecursively(Path path) throws IOException {
    if (!Files.exists(path, LinkOption.NOFOLLOW_LINKS)) {
      return;
    }
    try (Stream<Path> walk = Files.walk(path)) {
      for (Path p : walk.sorted(Comparator.reverseOrder()).collect(Collectors.toList())) {
        Files.deleteIfExists(p);
      }
    }
  }
}
