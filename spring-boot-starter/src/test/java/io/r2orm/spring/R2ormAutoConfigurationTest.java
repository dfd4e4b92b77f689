package io.r2orm.spring;

import static org.assertj.core.api.Assertions.assertThat;

import io.r2dbc.spi.ConnectionFactories;
import io.r2orm.r2dbc.Database;
import io.r2orm.r2dbc.ExternalTransactions;
import io.r2orm.r2dbc.StatementCounter;
import io.r2orm.r2dbc.StatementListener;
import io.r2orm.spring.app.Note;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.r2dbc.autoconfigure.ConnectionFactoryOptionsBuilderCustomizer;
import org.springframework.boot.r2dbc.autoconfigure.R2dbcAutoConfiguration;
import org.springframework.boot.r2dbc.autoconfigure.R2dbcTransactionManagerAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The auto-configuration on embedded H2: what it builds, what the properties change, when it backs
 * off.
 */
class R2ormAutoConfigurationTest {
  private final ApplicationContextRunner runner =
      new ApplicationContextRunner()
          .withConfiguration(
              AutoConfigurations.of(
                  R2dbcAutoConfiguration.class,
                  R2dbcTransactionManagerAutoConfiguration.class,
                  R2ormAutoConfiguration.class))
          .withPropertyValues(
              "spring.r2dbc.url=r2dbc:h2:mem:///autoconfig?options=DB_CLOSE_DELAY=-1");

  @Test
  void buildsADatabaseOnBootsConnectionFactoryThatRunsStatements() {
    runner.run(
        context -> {
          assertThat(context)
              .hasSingleBean(Database.class)
              .hasSingleBean(ExternalTransactions.class);
          Database db = context.getBean(Database.class);
          assertThat(db.dialect().name()).isEqualTo("H2");
          db.schema().drop(Note.class).block(Duration.ofSeconds(10));
          db.schema().create(Note.class).block(Duration.ofSeconds(10));
          assertThat(db.insert(Note.of("hello")).block(Duration.ofSeconds(10)).id()).isNotNull();
          assertThat(db.select(Note.class).count().block(Duration.ofSeconds(10))).isEqualTo(1L);
        });
  }

  /** A JSON column holding a record, stored through the application's Jackson mapper. */
  @io.r2orm.core.annotation.Table("starter_parcel")
  record Parcel(
      @io.r2orm.core.annotation.Id Long id,
      @io.r2orm.core.annotation.Column(type = "json")
          java.util.Map<String, java.util.List<Integer>> sizes) {}

  @Test
  void jsonColumnsUseTheApplicationsJacksonMapper() {
    runner
        .withConfiguration(
            AutoConfigurations.of(
                org.springframework.boot.jackson.autoconfigure.JacksonAutoConfiguration.class))
        .run(
            context -> {
              assertThat(context).hasSingleBean(JacksonJsonCodec.class);
              Database db = context.getBean(Database.class);
              db.sql("DROP TABLE IF EXISTS starter_parcel").execute().block(Duration.ofSeconds(10));
              db.schema().create(Parcel.class).block(Duration.ofSeconds(10));
              Parcel stored =
                  db.insert(new Parcel(null, java.util.Map.of("box", java.util.List.of(3, 4, 5))))
                      .block(Duration.ofSeconds(10));
              assertThat(
                      db.findById(Parcel.class, stored.id()).block(Duration.ofSeconds(10)).sizes())
                  .isEqualTo(java.util.Map.of("box", java.util.List.of(3, 4, 5)));
            });
    runner.run(context -> assertThat(context).doesNotHaveBean(JacksonJsonCodec.class));
  }

  @Test
  void namingPropertyChangesColumnNames() {
    runner.run(
        context ->
            assertThat(
                    context
                        .getBean(Database.class)
                        .model(Note.class)
                        .column("createdBy")
                        .name()
                        .name())
                .isEqualTo("created_by"));
    runner
        .withPropertyValues("r2orm.naming=as-is")
        .run(
            context ->
                assertThat(
                        context
                            .getBean(Database.class)
                            .model(Note.class)
                            .column("createdBy")
                            .name()
                            .name())
                    .isEqualTo("createdBy"));
  }

  @Test
  void statementListenerBeansAreRegistered() {
    runner
        .withUserConfiguration(CounterConfig.class)
        .run(
            context -> {
              Database db = context.getBean(Database.class);
              StatementCounter counter = context.getBean(StatementCounter.class);
              db.sql("SELECT 1").all(Integer.class).blockLast(Duration.ofSeconds(10));
              assertThat(counter.count()).isEqualTo(1);
            });
  }

  @Test
  void invalidPropertiesFailAtStartupWithTheirName() {
    runner
        .withPropertyValues("r2orm.fetch-window=0")
        .run(
            context ->
                assertThat(context)
                    .hasFailed()
                    .getFailure()
                    .rootCause()
                    .hasMessageContaining("r2orm.fetch-window must be at least 1"));
  }

  @Test
  void backsOffWhenTheApplicationDefinesItsOwnDatabase() {
    runner
        .withUserConfiguration(OwnDatabase.class)
        .run(
            context -> {
              assertThat(context).hasSingleBean(Database.class);
              assertThat(context.getBean(Database.class))
                  .isSameAs(context.getBean(OwnDatabase.class).db);
            });
  }

  @Test
  void backsOffWithoutAConnectionFactory() {
    new ApplicationContextRunner()
        .withConfiguration(AutoConfigurations.of(R2ormAutoConfiguration.class))
        .run(context -> assertThat(context).doesNotHaveBean(Database.class));
  }

  @Test
  void binaryResultsCustomizerCanBeSwitchedOff() {
    runner.run(context -> assertThat(context).hasBean("r2ormBinaryResults"));
    runner
        .withPropertyValues("r2orm.binary-results=false")
        .run(
            context ->
                assertThat(context)
                    .doesNotHaveBean(ConnectionFactoryOptionsBuilderCustomizer.class));
  }

  @Configuration(proxyBeanMethods = false)
  static class CounterConfig {
    @Bean
    StatementCounter counter() {
      return new StatementCounter();
    }
  }

  @Configuration(proxyBeanMethods = false)
  static class OwnDatabase {
    final Database db =
        Database.create(ConnectionFactories.get("r2dbc:h2:mem:///own?options=DB_CLOSE_DELAY=-1"));

    @Bean
    Database myDatabase() {
      return db;
    }

    @Bean
    StatementListener unused() {
      return event -> {};
    }
  }
}
