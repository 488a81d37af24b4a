package dev.rampart.simulator;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/**
 * Keeps Kafka types inside the Kafka adapters: only the {@code .internal} packages of the
 * coordinator and the client SDK, the test kit and the simulator may touch them; the protocol,
 * crypto, compression, aggregation and audit modules and every public API stay broker-agnostic.
 */
class ArchitectureTest {
  private static final JavaClasses RAMPART = new ClassFileImporter()
      .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
      .importPackages("dev.rampart");

  @Test
  void libraryModules_doNotDependOnKafka() {
    noClasses().that().resideInAnyPackage("dev.rampart.protocol..", "dev.rampart.crypto..",
            "dev.rampart.compression..", "dev.rampart.aggregation..", "dev.rampart.audit..")
        .should().dependOnClassesThat().resideInAnyPackage("org.apache.kafka..", "kafka..")
        .check(RAMPART);
  }

  @Test
  void publicApis_doNotExposeKafka() {
    noClasses().that().resideInAnyPackage("dev.rampart.coordinator", "dev.rampart.client")
        .should().dependOnClassesThat().resideInAnyPackage("org.apache.kafka..", "kafka..")
        .check(RAMPART);
  }

  @Test
  void libraryModules_doNotDependOnNd4j() {
    noClasses().that().resideInAnyPackage("dev.rampart.coordinator..", "dev.rampart.aggregation..",
            "dev.rampart.protocol..", "dev.rampart.audit..")
        .should().dependOnClassesThat().resideInAnyPackage("org.nd4j..")
        .check(RAMPART);
  }
}
