package dev.rampart.crypto;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.methods;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.domain.JavaMethod;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchCondition;
import com.tngtech.archunit.lang.ConditionEvents;
import com.tngtech.archunit.lang.SimpleConditionEvent;
import java.util.Random;
import java.util.SplittableRandom;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.Test;

/** Layering and hygiene rules for the crypto module's main code. */
class ArchitectureTest {
  private static final JavaClasses MAIN = new ClassFileImporter()
      .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
      .importPackages("dev.rampart.crypto");

  @Test
  void internalPackage_doesNotDependOnApi() {
    noClasses().that().resideInAPackage("dev.rampart.crypto.internal..")
        .should().dependOnClassesThat().resideInAPackage("dev.rampart.crypto")
        .check(MAIN);
  }

  @Test
  void mainCode_usesNoNonCryptographicRandom() {
    // Key material must come from SecureRandom; statistical randomness is injected as
    // RandomGenerator (FixedPointCodec) so callers choose and record the seed.
    noClasses().should().dependOnClassesThat()
        .belongToAnyOf(Random.class, SplittableRandom.class, ThreadLocalRandom.class)
        .orShould().callMethod(Math.class, "random")
        .check(MAIN);
  }

  @Test
  void publicApi_exposesNoBouncyCastleTypes() {
    methods().that().arePublic().and().areDeclaredInClassesThat()
        .resideInAPackage("dev.rampart.crypto")
        .should(new ArchCondition<JavaMethod>("not mention BouncyCastle types in the signature") {
          @Override
          public void check(JavaMethod method, ConditionEvents events) {
            boolean leaks = method.getRawReturnType().getPackageName().startsWith("org.bouncycastle")
                || method.getRawParameterTypes().stream()
                    .map(JavaClass::getPackageName)
                    .anyMatch(p -> p.startsWith("org.bouncycastle"));
            if (leaks) {
              events.add(SimpleConditionEvent.violated(method, method.getFullName()));
            }
          }
        })
        .check(MAIN);
  }
}
