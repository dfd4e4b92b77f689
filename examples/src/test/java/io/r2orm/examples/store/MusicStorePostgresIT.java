package io.r2orm.examples.store;

import io.r2dbc.spi.ConnectionFactories;
import io.r2dbc.spi.ConnectionFactory;
import io.r2orm.testsupport.TestPostgres;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.condition.DisabledIfSystemProperty;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import reactor.core.publisher.Mono;

/**
 * The music store on PostgreSQL, in its own schema (which the application creates through {@code
 * music-store.database-schema}, as the postgres profile does); the schema is dropped afterwards.
 */
@DisabledIfSystemProperty(
    named = "r2orm.test.postgres",
    matches = "false",
    disabledReason = "PostgreSQL tests switched off with -Dr2orm.test.postgres=false")
class MusicStorePostgresIT extends MusicStoreContract {
  private static final String SCHEMA = "r2orm_examples_it";

  @DynamicPropertySource
  static void postgres(DynamicPropertyRegistry registry) {
    registry.add("spring.r2dbc.url", () -> TestPostgres.url() + "?schema=" + SCHEMA);
    registry.add("music-store.database-schema", () -> SCHEMA);
  }

  @AfterAll
  static void dropSchema() {
    ConnectionFactory plain = ConnectionFactories.get(TestPostgres.url());
    Mono.usingWhen(
            Mono.from(plain.create()),
            c ->
                Mono.from(
                        c.createStatement("DROP SCHEMA IF EXISTS " + SCHEMA + " CASCADE").execute())
                    .flatMap(r -> Mono.from(r.getRowsUpdated())),
            c -> c.close())
        .block(Duration.ofSeconds(30));
  }
}
