package io.r2orm.spring;

import static org.assertj.core.api.Assertions.assertThat;

import io.r2orm.spring.app.Note;
import io.r2orm.spring.app.NoteRepository;
import io.r2orm.spring.other.TagRepository;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurationPackages;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.r2dbc.autoconfigure.R2dbcAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;

/**
 * Repository interfaces become beans: from the application's packages, or
 * from @EnableR2ormRepositories.
 */
class RepositoryScanningTest {
  private final ApplicationContextRunner runner =
      new ApplicationContextRunner()
          .withConfiguration(
              AutoConfigurations.of(R2dbcAutoConfiguration.class, R2ormAutoConfiguration.class))
          .withPropertyValues("spring.r2dbc.url=r2dbc:h2:mem:///repos?options=DB_CLOSE_DELAY=-1");

  @Test
  void repositoriesInTheApplicationsPackagesAreBeansThatWork() {
    runner
        .withUserConfiguration(AppPackage.class)
        .run(
            context -> {
              assertThat(context)
                  .hasSingleBean(NoteRepository.class)
                  .doesNotHaveBean(TagRepository.class);
              NoteRepository notes = context.getBean(NoteRepository.class);
              io.r2orm.r2dbc.Database db = context.getBean(io.r2orm.r2dbc.Database.class);
              db.schema().drop(Note.class).block(Duration.ofSeconds(10));
              db.schema().create(Note.class).block(Duration.ofSeconds(10));
              notes
                  .saveAll(List.of(Note.of("alpha"), Note.of("beta"), Note.of("alps")))
                  .then()
                  .block(Duration.ofSeconds(10));
              assertThat(
                      notes
                          .findByTextStartingWithOrderByTextAsc("al")
                          .map(Note::text)
                          .collectList()
                          .block())
                  .containsExactly("alpha", "alps");
              assertThat(notes.countByTextContaining("p").block()).isEqualTo(2L);
            });
  }

  @Test
  void enableR2ormRepositoriesScansOtherPackagesInstead() {
    runner
        .withUserConfiguration(OtherPackage.class)
        .run(
            context -> {
              assertThat(context)
                  .hasSingleBean(TagRepository.class)
                  .doesNotHaveBean(NoteRepository.class);
            });
  }

  @Test
  void aMisspeltDerivedQueryFailsStartupNamingTheMethodAndTheProperties() {
    runner
        .withUserConfiguration(BrokenPackage.class)
        .run(
            context -> {
              assertThat(context).hasFailed();
              assertThat(context.getStartupFailure())
                  .rootCause()
                  .hasMessageContaining("findByTxet")
                  .hasMessageContaining("text");
            });
  }

  /** Marks io.r2orm.spring.app as the application's package, as @SpringBootApplication would. */
  @Configuration(proxyBeanMethods = false)
  @Import(AppPackageRegistrar.class)
  static class AppPackage {}

  static class AppPackageRegistrar
      implements org.springframework.context.annotation.ImportBeanDefinitionRegistrar {
    @Override
    public void registerBeanDefinitions(
        org.springframework.core.type.AnnotationMetadata metadata,
        org.springframework.beans.factory.support.BeanDefinitionRegistry registry) {
      AutoConfigurationPackages.register(registry, "io.r2orm.spring.app");
    }
  }

  @Configuration(proxyBeanMethods = false)
  @EnableR2ormRepositories(basePackageClasses = TagRepository.class)
  static class OtherPackage {}

  @Configuration(proxyBeanMethods = false)
  @EnableR2ormRepositories("io.r2orm.spring.broken")
  static class BrokenPackage {}
}
