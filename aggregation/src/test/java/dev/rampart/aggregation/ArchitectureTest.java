package dev.rampart.aggregation;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.domain.JavaModifier;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ArchitectureTest {

  private static final JavaClasses CLASSES = new ClassFileImporter()
      .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
      .importPackages("dev.rampart.aggregation");

  @Test
  void aggregation_dependsOnlyOnJdkTheVectorApiAndItself() {
    classes().should().onlyDependOnClassesThat()
        .resideInAnyPackage("java..", "jdk.incubator.vector..", "dev.rampart.aggregation..")
        .check(CLASSES);
  }

  @Test
  void onlyTheSimdKernels_useTheVectorApi_soTheModuleStaysOptional() {
    noClasses().that().doNotHaveFullyQualifiedName("dev.rampart.aggregation.internal.VectorPairs")
        .and().doNotHaveFullyQualifiedName("dev.rampart.aggregation.internal.VectorLanes")
        .and().doNotHaveFullyQualifiedName("dev.rampart.aggregation.internal.VectorColumns")
        .should().dependOnClassesThat().resideInAPackage("jdk.incubator.vector..")
        .check(CLASSES);
  }

  @Test
  void internal_doesNotDependOnApi() {
    noClasses().that().resideInAPackage("dev.rampart.aggregation.internal..")
        .should().dependOnClassesThat().resideInAPackage("dev.rampart.aggregation")
        .check(CLASSES);
  }

  @Test
  void apiPackage_exposesOnlyTheDocumentedPublicTypes() {
    Set<String> api = Set.of("Aggregator", "PreAggregator", "Aggregators", "PreAggregators", "Pipeline",
        "AggregationContext", "AggregationResult", "InputEvidence", "PreAggregation", "KrumVariant");
    classes().that().resideInAPackage("dev.rampart.aggregation").and().arePublic()
        .and().areTopLevelClasses()
        .should().haveNameMatching("dev\\.rampart\\.aggregation\\.(" + String.join("|", api) + ")")
        .check(CLASSES);
    classes().that().resideInAPackage("dev.rampart.aggregation").and().areNotInterfaces()
        .and().areTopLevelClasses().and().areNotEnums().and().areNotRecords()
        .and().doNotHaveModifier(JavaModifier.ABSTRACT)
        .should().haveModifier(JavaModifier.FINAL)
        .check(CLASSES);
  }
}
