package dev.rampart.crypto.secagg;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.methods;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.domain.JavaModifier;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/** Layering rules of the secure-aggregation packages. */
class SecAggArchitectureTest {
  private static final JavaClasses MAIN = new ClassFileImporter()
      .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
      .importPackages("dev.rampart.crypto.secagg");

  @Test
  void internalPackage_doesNotDependOnSecAggApi() {
    noClasses().that().resideInAPackage("dev.rampart.crypto.secagg.internal..")
        .should().dependOnClassesThat().resideInAPackage("dev.rampart.crypto.secagg")
        .check(MAIN);
  }

  @Test
  void publicApi_exposesNoBouncyCastleTypes() {
    methods().that().arePublic().and().areDeclaredInClassesThat()
        .resideInAPackage("dev.rampart.crypto.secagg")
        .should().haveRawReturnType(com.tngtech.archunit.base.DescribedPredicate.not(
            JavaClass.Predicates.resideInAPackage("org.bouncycastle..")))
        .check(MAIN);
  }

  @Test
  void publicTopLevelClasses_areFinalRecordsEnumsOrInterfaces() {
    classes().that().resideInAPackage("dev.rampart.crypto.secagg").and().arePublic()
        .and().areTopLevelClasses().and().areNotInterfaces().and().areNotEnums()
        .and().areNotRecords()
        .should().haveModifier(JavaModifier.FINAL)
        .orShould().beAssignableTo(RuntimeException.class)
        .check(MAIN);
  }
}
