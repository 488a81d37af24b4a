package dev.rampart.transport;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.domain.JavaModifier;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/** Layering rules for the transport module's main code. */
class ArchitectureTest {
  private static final JavaClasses MAIN = new ClassFileImporter()
      .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
      .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_JARS)
      .importPackages("dev.rampart.transport");

  @Test
  void publicApi_exposesNoKafkaTypes() {
    // Only the factory creates Kafka clients; the interfaces and values it hands out are Kafka-free.
    noClasses().that().resideInAPackage("dev.rampart.transport").and().doNotHaveSimpleName("KafkaTransport")
        .should().dependOnClassesThat().resideInAPackage("org.apache.kafka..")
        .check(MAIN);
  }

  @Test
  void transport_dependsOnNoOtherModuleThanProtocol() {
    noClasses().should().dependOnClassesThat().resideInAnyPackage("dev.rampart.coordinator..",
        "dev.rampart.client..", "dev.rampart.crypto..", "dev.rampart.audit..", "dev.rampart.aggregation..")
        .check(MAIN);
  }

  @Test
  void publicApiClasses_areFinalRecordsEnumsOrInterfaces() {
    // The abstract classes are the bases both configs and their builders extend.
    classes().that().resideInAPackage("dev.rampart.transport").and().arePublic()
        .and().areTopLevelClasses().and().areNotInterfaces().and().areNotEnums().and().areNotRecords()
        .and().doNotHaveModifier(JavaModifier.ABSTRACT)
        .should().haveModifier(JavaModifier.FINAL)
        .check(MAIN);
  }
}
