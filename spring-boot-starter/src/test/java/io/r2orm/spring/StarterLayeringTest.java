package io.r2orm.spring;

import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.library.dependencies.SlicesRuleDefinition;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The starter's API package ({@code io.r2orm.spring}) and its plumbing ({@code
 * io.r2orm.spring.internal}): no package cycle, and no public member of the API exposes an internal
 * type (issue #14).
 */
class StarterLayeringTest {
  private static final JavaClasses STARTER =
      new ClassFileImporter()
          .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
          .importPackages("io.r2orm.spring");

  @Test
  void packagesAreFreeOfCycles() {
    assertThat(STARTER.stream().map(JavaClass::getPackageName).distinct())
        .contains("io.r2orm.spring", "io.r2orm.spring.internal");
    SlicesRuleDefinition.slices()
        .matching("io.r2orm.(**)")
        .should()
        .beFreeOfCycles()
        .check(STARTER);
  }

  @Test
  void noInternalTypeInApiSignatures() {
    List<String> exposed = io.r2orm.testsupport.ApiSurface.internalTypesExposed(STARTER);
    assertThat(exposed).isEmpty();
  }
}
