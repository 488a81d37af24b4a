package dev.rampart.client.internal;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/** Layering rules for the client SDK's main code. */
class ArchitectureTest {
  private static final JavaClasses MAIN = new ClassFileImporter()
      .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
      .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_JARS)
      .importPackages("dev.rampart.client");

  @Test
  void mainCode_seesNoKafka() {
    // Kafka is the transport module's business; the client keeps only its topic logic.
    noClasses().should().dependOnClassesThat().resideInAPackage("org.apache.kafka..")
        .check(MAIN);
  }
}
