package io.r2orm.core;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import java.util.List;
import org.junit.jupiter.api.Test;

/** core has no I/O: nothing in it may touch R2DBC, Reactor, JDBC or Spring. */
class ArchitectureTest {

  private static final ArchRule NO_IO =
      noClasses()
          .that()
          .resideInAPackage("io.r2orm.core..")
          .should()
          .dependOnClassesThat()
          .resideInAnyPackage("io.r2dbc..", "reactor..", "java.sql..", "org.springframework..")
          .because("core produces plans, not effects; the adapter does the I/O");

  @Test
  void coreDependsOnNoIoLibrary() {
    JavaClasses core =
        new ClassFileImporter()
            .withImportOption(new ImportOption.DoNotIncludeTests())
            .importPackages("io.r2orm.core");
    assertThat(core).as("main classes were imported").isNotEmpty();
    assertThat(core.contain(ArchitectureTest.class)).as("test classes are excluded").isFalse();
    NO_IO.check(core);
  }

  /** Proves that the rule can fail: this test-only class depends on java.sql. */
  static final class UsesJdbc {
    java.sql.Timestamp at;
  }

  @Test
  void ruleCatchesAViolation() {
    JavaClasses violating = new ClassFileImporter().importClasses(UsesJdbc.class);
    assertThatThrownBy(() -> NO_IO.check(violating))
        .isInstanceOf(AssertionError.class)
        .hasMessageContaining("java.sql.Timestamp");
  }

  /**
   * One constructor planner: entities, embedded parts, raw-SQL records and projections are all
   * built through {@code ConstructorCall}, so a rule about construction (a NULL for a primitive, an
   * exception from the constructor) is written once.
   */
  @Test
  void onlyConstructorCallResolvesConstructors() {
    JavaClasses core =
        new ClassFileImporter()
            .withImportOption(new ImportOption.DoNotIncludeTests())
            .importPackages("io.r2orm.core");
    noClasses()
        .that()
        .doNotHaveFullyQualifiedName(io.r2orm.core.internal.reflect.ConstructorCall.class.getName())
        .should()
        .callMethod(
            java.lang.invoke.MethodHandles.Lookup.class,
            "unreflectConstructor",
            java.lang.reflect.Constructor.class)
        .check(core);
  }

  @Test
  void packagesAreFreeOfCycles() {
    JavaClasses core =
        new ClassFileImporter()
            .withImportOption(new ImportOption.DoNotIncludeTests())
            .importPackages("io.r2orm.core");
    com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices()
        .matching("io.r2orm.(**)")
        .should()
        .beFreeOfCycles()
        .check(core);
  }

  /**
   * The API packages of core neither take nor return a type of an {@code internal} package in a
   * public or protected member of a public class: what is internal can change without breaking
   * users.
   */
  @Test
  void noInternalTypeInApiSignatures() {
    JavaClasses core =
        new ClassFileImporter()
            .withImportOption(new ImportOption.DoNotIncludeTests())
            .importPackages("io.r2orm.core");
    List<String> exposed = io.r2orm.testsupport.ApiSurface.internalTypesExposed(core);
    assertThat(core.stream().anyMatch(t -> t.getPackageName().startsWith("io.r2orm.core.internal")))
        .as("internal packages were imported")
        .isTrue();
    assertThat(exposed).isEmpty();
  }
}
