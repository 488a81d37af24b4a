package dev.rampart.client.dl4j.internal;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/** Layering rules for the DL4J trainer's main code. */
class ArchitectureTest {
  private static final JavaClasses MAIN = new ClassFileImporter()
      .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
      .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_JARS)
      .importPackages("dev.rampart.client.dl4j");

  @Test
  void mainCode_seesNoKafka() {
    // A trainer computes updates; publishing them is the client SDK's and transport's business.
    noClasses().should().dependOnClassesThat().resideInAPackage("org.apache.kafka..").check(MAIN);
  }

  @Test
  void internalPackage_dependsOnNoApiClass() {
    // The API wraps the machinery, never the other way round.
    noClasses().that().resideInAPackage("..dl4j.internal..").should().dependOnClassesThat()
        .resideInAPackage("dev.rampart.client.dl4j").check(MAIN);
  }

  @Test
  void networkAccess_staysPackagePrivate() {
    classes().that().resideInAPackage("..dl4j.internal..").and().haveSimpleNameEndingWith("Network")
        .and().areNotInterfaces().should().notBePublic().check(MAIN);
  }
}
