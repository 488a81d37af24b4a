package dev.rampart.audit;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.domain.JavaModifier;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/** Layering rules for the audit module's main code. */
class ArchitectureTest {
  private static final JavaClasses MAIN = new ClassFileImporter()
      .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
      .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_JARS)
      .importPackages("dev.rampart.audit");

  @Test
  void mainCode_seesNoKafka() {
    // The coordinator owns the mirror transport; this module only hands it bytes.
    noClasses().should().dependOnClassesThat().resideInAPackage("org.apache.kafka..")
        .check(MAIN);
  }

  @Test
  void internalPackage_doesNotDependOnApi() {
    noClasses().that().resideInAPackage("dev.rampart.audit.internal..")
        .should().dependOnClassesThat().resideInAPackage("dev.rampart.audit")
        .check(MAIN);
  }

  @Test
  void publicApiClasses_areFinalRecordsEnumsOrExceptions() {
    classes().that().resideInAPackage("dev.rampart.audit").and().arePublic()
        .and().areTopLevelClasses().and().areNotInterfaces().and().areNotEnums()
        .and().areNotRecords().and().areNotAssignableTo(AuditException.class)
        .should().haveModifier(JavaModifier.FINAL)
        .check(MAIN);
  }
}
