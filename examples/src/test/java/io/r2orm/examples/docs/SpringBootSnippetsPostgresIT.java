package io.r2orm.examples.docs;

import io.r2dbc.spi.ConnectionFactories;
import io.r2dbc.spi.ConnectionFactory;
import io.r2orm.testsupport.TestPostgres;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.condition.DisabledIfSystemProperty;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import reactor.core.publisher.Mono;

/** docs/spring-boot.md's snippets on PostgreSQL, in a schema of their own. */
@DisabledIfSystemProperty(named = "r2orm.test.postgres", matches = "false",
    disabledReason = "PostgreSQL tests switched off with -Dr2orm.test.postgres=false")
class SpringBootSnippetsPostgresIT extends SpringBootSnippetsContract {
  private static final String SCHEMA = "r2orm_docs_snippets_it";

  @DynamicPropertySource
  static void postgres(DynamicPropertyRegistry registry) {
    ConnectionFactory plain = ConnectionFactories.get(TestPostgres.url());
    Mono.usingWhen(Mono.from(plain.create()),
        c -> Mono.from(c.createStatement("CREATE SCHEMA IF NOT EXISTS " + SCHEMA).execute())
            .flatMap(r -> Mono.from(r.getRowsUpdated())),
        c -> c.close()).block(Duration.ofSeconds(30));
    registry.add("spring.r2dbc.url", () -> TestPostgres.url() + "?schema=" + SCHEMA);
  }

  @AfterAll
  static void dropSchema() {
    ConnectionFactory plain = ConnectionFactories.get(TestPostgres.url());
    Mono.usingWhen(Mono.from(plain.create()),
        c -> Mono.from(c.createStatement("DROP SCHEMA IF EXISTS " + SCHEMA + " CASCADE").execute())
            .flatMap(r -> Mono.from(r.getRowsUpdated())),
        c -> c.close()).block(Duration.ofSeconds(30));
  }
}
