package io.r2orm.r2dbc;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/** The adapter sits on core, R2DBC and Reactor only: no Spring, no JDBC. */
class LayeringTest {
  private static final JavaClasses ADAPTER = new ClassFileImporter()
      .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
      .importPackages("io.r2orm.r2dbc");

  @Test
  void adapterDoesNotDependOnSpringOrJdbc() {
    noClasses().that().resideInAPackage("io.r2orm.r2dbc..")
        .should().dependOnClassesThat().resideInAnyPackage("org.springframework..", "java.sql..")
        .check(ADAPTER);
  }

  @Test
  void adapterDoesNotDependOnDrivers() {
    noClasses().that().resideInAPackage("io.r2orm.r2dbc..")
        .should().dependOnClassesThat().resideInAnyPackage("io.r2dbc.postgresql..", "io.r2dbc.h2..", "io.r2dbc.pool..")
        .check(ADAPTER);
  }
}
