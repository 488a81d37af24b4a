package dev.rampart.simulator;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import dev.rampart.cli.ProjectRoot;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Holds the code to the module picture in {@code docs/architecture.md}: the arrows of its
 * {@code module-graph} block are each module's allowed direct dependencies, read transitively; the
 * {@code third-party-rules} table says which modules may touch Kafka, ND4J and picocli. The same
 * arrows must equal the {@code rampart-*} dependencies of each module's {@code pom.xml}, so the
 * picture, the build and the classes cannot drift apart.
 */
class ArchitectureTest {
  private static final Path ROOT = ProjectRoot.find();
  private static final Path DOC = ROOT.resolve("docs/architecture.md");
  private static final Pattern ARROW = Pattern.compile("^\\s*([a-z0-9-]+)\\s*-->\\s*([a-z0-9-]+)\\s*$");
  private static final Pattern POM_DEPENDENCY = Pattern.compile("<dependency>(.*?)</dependency>", Pattern.DOTALL);
  private static final Pattern RAMPART_ARTIFACT = Pattern.compile("<artifactId>rampart-([a-z0-9-]+)</artifactId>");
  /** Product modules: every module of the reactor but the parent and the benchmarks. */
  private static final List<String> MODULES = List.of("protocol", "crypto", "compression", "aggregation", "audit",
      "transport", "coordinator", "client-sdk", "client-dl4j", "cli", "simulator", "experiments", "testkit");

  private static final JavaClasses RAMPART = new ClassFileImporter()
      .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
      .withImportOption(location -> !location.contains("-tests.jar"))
      .importPackages("dev.rampart");

  @Test
  void picture_namesOnlyProductModules() throws IOException {
    Map<String, Set<String>> arrows = arrows(Files.readString(DOC));
    Set<String> named = new TreeSet<>(arrows.keySet());
    arrows.values().forEach(named::addAll);
    assertThat(MODULES).containsAll(named);
  }

  @Test
  void picture_equalsThePomDependencies() throws IOException {
    Map<String, Set<String>> arrows = arrows(Files.readString(DOC));
    Map<String, Set<String>> poms = new TreeMap<>();
    for (String module : MODULES) {
      poms.put(module, pomDependencies(Files.readString(ROOT.resolve(module).resolve("pom.xml")), module));
    }
    Map<String, Set<String>> drawn = new TreeMap<>();
    for (String module : MODULES) {
      drawn.put(module, arrows.getOrDefault(module, Set.of()));
    }
    assertThat(drawn).as("arrows in %s against the modules' pom.xml", DOC).isEqualTo(poms);
  }

  @ParameterizedTest
  @MethodSource("modules")
  void module_usesOnlyWhatThePictureLetsItReach(String module) throws IOException {
    moduleRule(module, arrows(Files.readString(DOC))).check(RAMPART);
  }

  @Test
  void moduleRule_withAnArrowRemoved_findsTheDependency() throws IOException {
    Map<String, Set<String>> arrows = arrows(Files.readString(DOC));
    Map<String, Set<String>> cut = new LinkedHashMap<>(arrows);
    cut.put("cli", Set.of("audit"));
    assertThatThrownBy(() -> moduleRule("cli", cut).check(RAMPART))
        .isInstanceOf(AssertionError.class).hasMessageContaining("dev.rampart.coordinator");
  }

  @ParameterizedTest
  @MethodSource("thirdPartyRows")
  void thirdParty_onlyInTheModulesTheTableNames(ThirdParty row) {
    thirdPartyRule(row).check(RAMPART);
  }

  @Test
  void thirdPartyTable_coversKafka() throws IOException {
    assertThat(thirdParty(Files.readString(DOC))).extracting(ThirdParty::library).contains("Kafka");
  }

  static List<String> modules() {
    return MODULES;
  }

  static List<ThirdParty> thirdPartyRows() throws IOException {
    return thirdParty(Files.readString(DOC));
  }

  private static ArchRule moduleRule(String module, Map<String, Set<String>> arrows) {
    Set<String> reach = reach(module, arrows);
    List<String> forbidden = new ArrayList<>();
    for (String other : MODULES) {
      if (!other.equals(module) && !reach.contains(other)) {
        forbidden.add(packageOf(other) + "..");
      }
    }
    return noClasses().that().resideInAPackage(packageOf(module) + "..")
        .and().resideOutsideOfPackages(nestedModulePackages(module))
        .should().dependOnClassesThat().resideInAnyPackage(forbidden.toArray(String[]::new))
        .allowEmptyShould(true)
        .because("docs/architecture.md lets " + module + " reach only " + reach);
  }

  private static ArchRule thirdPartyRule(ThirdParty row) {
    List<String> others = new ArrayList<>();
    for (String module : MODULES) {
      if (!row.modules().contains(module)) {
        others.add(packageOf(module) + "..");
      }
    }
    String[] allowed = row.modules().stream().map(m -> packageOf(m) + "..").toArray(String[]::new);
    return noClasses().that().resideInAnyPackage(others.toArray(String[]::new))
        .and().resideOutsideOfPackages(allowed)
        .should().dependOnClassesThat().resideInAnyPackage(row.packages().stream().map(p -> p + "..")
            .toArray(String[]::new))
        .because("docs/architecture.md allows " + row.library() + " only in " + row.modules());
  }

  /** Every module {@code module} may use: its arrows, followed transitively. */
  static Set<String> reach(String module, Map<String, Set<String>> arrows) {
    Set<String> seen = new TreeSet<>();
    List<String> todo = new ArrayList<>(arrows.getOrDefault(module, Set.of()));
    while (!todo.isEmpty()) {
      String next = todo.remove(todo.size() - 1);
      if (seen.add(next)) {
        todo.addAll(arrows.getOrDefault(next, Set.of()));
      }
    }
    return seen;
  }

  static String packageOf(String module) {
    return switch (module) {
      case "client-sdk" -> "dev.rampart.client";
      case "client-dl4j" -> "dev.rampart.client.dl4j";
      default -> "dev.rampart." + module;
    };
  }

  /** The packages of other modules that lie inside {@code module}'s package (client-dl4j in client-sdk's). */
  static String[] nestedModulePackages(String module) {
    String own = packageOf(module) + ".";
    return MODULES.stream().filter(m -> !m.equals(module) && packageOf(m).startsWith(own))
        .map(m -> packageOf(m) + "..").toArray(String[]::new);
  }

  /** The arrows of the fenced block that follows the {@code module-graph} marker. */
  static Map<String, Set<String>> arrows(String markdown) {
    Map<String, Set<String>> arrows = new TreeMap<>();
    for (String line : blockAfter(markdown, "<!-- module-graph -->")) {
      Matcher m = ARROW.matcher(line);
      if (m.matches()) {
        arrows.computeIfAbsent(m.group(1), k -> new TreeSet<>()).add(m.group(2));
      }
    }
    assertThat(arrows).as("arrows under <!-- module-graph --> in " + DOC).isNotEmpty();
    return arrows;
  }

  /** The {@code rampart-*} dependencies of a pom that are not test-scoped. */
  static Set<String> pomDependencies(String pom, String self) {
    Set<String> out = new TreeSet<>();
    Matcher d = POM_DEPENDENCY.matcher(pom);
    while (d.find()) {
      String body = d.group(1);
      Matcher a = RAMPART_ARTIFACT.matcher(body);
      if (a.find() && !body.contains("<scope>test</scope>") && !a.group(1).equals(self)) {
        out.add(a.group(1));
      }
    }
    return out;
  }

  /** A row of the third-party table: a library, its packages, and the modules that may use it. */
  record ThirdParty(String library, List<String> packages, Set<String> modules) {
    @Override
    public String toString() {
      return library;
    }
  }

  static List<ThirdParty> thirdParty(String markdown) {
    String[] lines = markdown.split("\n");
    int at = List.of(lines).indexOf("<!-- third-party-rules -->");
    assertThat(at).as("<!-- third-party-rules --> in " + DOC).isNotNegative();
    List<ThirdParty> rows = new ArrayList<>();
    for (int i = at + 3; i < lines.length && lines[i].startsWith("|"); i++) {
      String[] cells = lines[i].split("\\|");
      List<String> packages = new ArrayList<>();
      for (String p : cells[2].split(",")) {
        packages.add(p.trim().replace("`", ""));
      }
      Set<String> modules = new TreeSet<>();
      for (String m : cells[3].split(",")) {
        modules.add(m.trim());
      }
      rows.add(new ThirdParty(cells[1].trim(), packages, modules));
    }
    return rows;
  }

  private static List<String> blockAfter(String markdown, String marker) {
    String[] lines = markdown.split("\n");
    int at = List.of(lines).indexOf(marker);
    assertThat(at).as(marker + " in " + DOC).isNotNegative();
    List<String> block = new ArrayList<>();
    for (int i = at + 2; i < lines.length && !lines[i].startsWith("```"); i++) {
      block.add(lines[i]);
    }
    return block;
  }
}
