package dev.rampart.aggregation.coding;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.domain.JavaModifier;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/** The coding package is plain Java over the JDK, with final classes, records and enums only. */
class CodingArchitectureTest {

  private static final JavaClasses CLASSES = new ClassFileImporter()
      .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
      .importPackages("dev.rampart.aggregation.coding");

  @Test
  void coding_dependsOnlyOnTheJdk() {
    classes().should().onlyDependOnClassesThat()
        .resideInAnyPackage("java..", "dev.rampart.aggregation.coding..")
        .check(CLASSES);
  }

  @Test
  void coding_classesAreFinal() {
    classes().that().areTopLevelClasses().and().areNotInterfaces().and().areNotEnums().and().areNotRecords()
        .should().haveModifier(JavaModifier.FINAL)
        .check(CLASSES);
  }
}
