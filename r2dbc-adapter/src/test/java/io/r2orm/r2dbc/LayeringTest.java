package io.r2orm.r2dbc;

import static com.tngtech.archunit.base.DescribedPredicate.not;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.belongToAnyOf;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;
import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.library.dependencies.Slice;
import com.tngtech.archunit.library.dependencies.Slices;
import io.r2orm.r2dbc.internal.Engine;
import io.r2orm.r2dbc.internal.Executor;
import io.r2orm.r2dbc.internal.ExternalJoin;
import io.r2orm.r2dbc.internal.StatementObserver;
import io.r2orm.r2dbc.internal.TransactionSpec;
import org.junit.jupiter.api.Test;

/**
 * The adapter sits on core, R2DBC and Reactor only: no Spring, no JDBC. Inside it, dependencies
 * between its packages point one way: the repository package uses the API, the API uses the engine
 * ({@code internal}), never back.
 */
class LayeringTest {
  private static final JavaClasses ADAPTER =
      new ClassFileImporter()
          .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
          .importPackages("io.r2orm.r2dbc");

  /**
   * One slice per package: {@code r2dbc} (the API), {@code r2dbc.internal}, {@code
   * r2dbc.repository}. The more obvious {@code "io.r2orm.r2dbc.(**)"} would leave the API package
   * itself out of every slice, and with it every cycle through it.
   */
  private static final String PACKAGES = "io.r2orm.(**)";

  private static final String API = "io.r2orm.r2dbc";
  private static final String ENGINE = "io.r2orm.r2dbc.internal";

  @Test
  void adapterDoesNotDependOnSpringOrJdbc() {
    noClasses()
        .that()
        .resideInAPackage("io.r2orm.r2dbc..")
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage("org.springframework..", "java.sql..")
        .check(ADAPTER);
  }

  @Test
  void adapterDoesNotDependOnDrivers() {
    noClasses()
        .that()
        .resideInAPackage("io.r2orm.r2dbc..")
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage("io.r2dbc.postgresql..", "io.r2dbc.h2..", "io.r2dbc.pool..")
        .check(ADAPTER);
  }

  @Test
  void packagesAreFreeOfCycles() {
    slices().matching(PACKAGES).should().beFreeOfCycles().check(ADAPTER);
  }

  /** Guards the rule above against a pattern that silently leaves classes out of every slice. */
  @Test
  void everyClassIsInASlice() {
    Slices slices = Slices.matching(PACKAGES).transform(ADAPTER);
    assertThat(slices.stream().mapToInt(Slice::size).sum()).isEqualTo(ADAPTER.size());
    assertThat(slices.stream().map(Slice::getDescription))
        .containsExactlyInAnyOrder("Slice r2dbc", "Slice r2dbc.internal", "Slice r2dbc.repository");
  }

  /**
   * The API runs on the engine through {@link Engine} (and the {@link Executor} it hands to the
   * query classes), and configures it in the engine's own types, which only {@link EngineAdapter}
   * builds from the public ones.
   */
  @Test
  void theApiReachesTheEngineOnlyThroughItsEntryPoints() {
    noClasses()
        .that()
        .resideInAPackage(API)
        .should()
        .dependOnClassesThat(
            resideInAPackage(ENGINE)
                .and(
                    not(
                        belongToAnyOf(
                            Engine.class,
                            Executor.class,
                            TransactionSpec.class,
                            StatementObserver.class,
                            ExternalJoin.class))))
        .check(ADAPTER);
    noClasses()
        .that()
        .resideInAPackage(API)
        .and(not(belongToAnyOf(EngineAdapter.class)))
        .should()
        .dependOnClassesThat(
            belongToAnyOf(TransactionSpec.class, StatementObserver.class, ExternalJoin.class))
        .check(ADAPTER);
  }

  /** {@link Database} is a facade over one engine object. */
  /**
   * Repositories are built on {@code Database}'s public API alone, never on the engine: the
   * boundary a module of their own would give, enforced here instead (issue #14). They share two
   * core helpers with it (named-parameter parsing and fetch-plan checking), both internal to core.
   */
  @Test
  void repositoriesNeverReachTheEngine() {
    noClasses()
        .that()
        .resideInAPackage("io.r2orm.r2dbc.repository..")
        .should()
        .dependOnClassesThat()
        .resideInAPackage(ENGINE + "..")
        .check(ADAPTER);
  }

  @Test
  void theDatabaseReachesTheEngineOnlyThroughEngine() {
    noClasses()
        .that()
        .belongToAnyOf(Database.class)
        .should()
        .dependOnClassesThat(resideInAPackage(ENGINE).and(not(belongToAnyOf(Engine.class))))
        .check(ADAPTER);
  }

  /**
   * No engine type in what users can call: public and protected constructors, methods and fields of
   * public classes outside {@code internal} neither take nor return a type of an {@code internal}
   * package. (Where the API needs the engine it holds it privately or takes it package-private.)
   */
  @Test
  void noInternalTypeInApiSignatures() {
    com.tngtech.archunit.lang.ArchCondition<com.tngtech.archunit.core.domain.JavaMember>
        exposeNoInternalType =
            new com.tngtech.archunit.lang.ArchCondition<>("expose no type of an internal package") {
              @Override
              public void check(
                  com.tngtech.archunit.core.domain.JavaMember member,
                  com.tngtech.archunit.lang.ConditionEvents events) {
                java.util.List<com.tngtech.archunit.core.domain.JavaClass> exposed =
                    new java.util.ArrayList<>();
                if (member instanceof com.tngtech.archunit.core.domain.JavaCodeUnit unit) {
                  exposed.add(unit.getRawReturnType());
                  exposed.addAll(unit.getRawParameterTypes());
                } else if (member instanceof com.tngtech.archunit.core.domain.JavaField field) {
                  exposed.add(field.getRawType());
                }
                for (com.tngtech.archunit.core.domain.JavaClass type : exposed) {
                  if (type.getPackageName().contains(".internal")) {
                    events.add(
                        com.tngtech.archunit.lang.SimpleConditionEvent.violated(
                            member, member.getFullName() + " exposes " + type.getName()));
                  }
                }
              }
            };
    com.tngtech.archunit.lang.syntax.ArchRuleDefinition.members()
        .that()
        .areDeclaredInClassesThat()
        .resideOutsideOfPackage("..internal..")
        .and()
        .areDeclaredInClassesThat()
        .arePublic()
        .and()
        .arePublic()
        .or()
        .areProtected()
        .should(exposeNoInternalType)
        .check(ADAPTER);
  }

  /**
   * Each simple name of the public API (core and adapter, internal packages aside) names one type,
   * so that wildcard imports never clash and a name means one thing (issue #14: {@code Page},
   * {@code Query} and {@code Table} each named two).
   */
  @Test
  void everyPublicSimpleNameIsUnique() {
    JavaClasses api =
        new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("io.r2orm.core", "io.r2orm.r2dbc");
    java.util.Map<String, java.util.List<String>> byName = new java.util.TreeMap<>();
    for (com.tngtech.archunit.core.domain.JavaClass type : api) {
      if (type.isTopLevelClass()
          && type.getModifiers().contains(com.tngtech.archunit.core.domain.JavaModifier.PUBLIC)
          && !type.getPackageName().contains(".internal")) {
        byName
            .computeIfAbsent(type.getSimpleName(), n -> new java.util.ArrayList<>())
            .add(type.getName());
      }
    }
    assertThat(byName)
        .as("public types sharing a simple name")
        .allSatisfy((name, types) -> assertThat(types).hasSize(1));
    assertThat(byName).containsKeys("KeysetPage", "Page", "Subquery", "TableRef", "Query", "Table");
  }
}
