package io.r2orm.examples.store.load;

import static org.assertj.core.api.SoftAssertions.assertSoftly;

import io.r2dbc.spi.ConnectionFactories;
import io.r2dbc.spi.ConnectionFactory;
import io.r2orm.examples.store.load.LoadTest.Settings;
import io.r2orm.testsupport.TestPostgres;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.DisabledIfSystemProperty;
import reactor.core.publisher.Mono;

/**
 * The CI variant of the {@link LoadTest}: the music store on PostgreSQL with a pool of 10, 50
 * clients for 15 s mixing reads with includes, NDJSON streams (half disconnecting early) and
 * playlist writes. Smaller sample data than the application's default (40 artists, about 1,100
 * tracks rather than 6,800; 20 customers) keeps the start-up and the streams short; a track list of
 * 500 is still two fetch windows of parents, and most customers still have more invoices than one
 * window (up to 600, {@link LoadTest}'s setting). In its own schema, dropped afterwards.
 */
@DisabledIfSystemProperty(
    named = "r2orm.test.postgres",
    matches = "false",
    disabledReason = "PostgreSQL tests switched off with -Dr2orm.test.postgres=false")
class MusicStoreLoadPostgresIT {
  private static final String SCHEMA = "r2orm_examples_load_it";
  private static final int CLIENTS = 50;
  private static final Duration DURATION = Duration.ofSeconds(15);

  @Test
  void
      fiftyClientsForFifteenSecondsGetNoServerErrorNoTimeoutAndLeaveThePoolIdleWithBoundedStatements() {
    Settings settings = Settings.of(CLIENTS, DURATION).on(TestPostgres.url(), SCHEMA);
    LoadResult result;
    try (LoadTest load =
        LoadTest.start(
            settings, "--music-store.data.artists=40", "--music-store.data.customers=20")) {
      result = load.run();
    }
    System.out.print(result.report());

    assertSoftly(
        s -> {
          s.assertThat(result.requests()).as("requests sent").isGreaterThan(CLIENTS);
          s.assertThat(result.serverErrors())
              .as("responses >= 500; by status: %s", result.statuses())
              .isZero();
          s.assertThat(result.timeouts())
              .as("client timeouts (10 s each); e.g. %s", result.errorSamples())
              .isZero();
          s.assertThat(result.transportErrors())
              .as("transport errors; e.g. %s", result.errorSamples())
              .isZero();
          s.assertThat(result.incompleteStreams())
              .as("streams read to the end that broke off early")
              .isZero();
          // the pool is polled until nothing is acquired or pending, for at most 5 s after the last
          // answer
          s.assertThat(result.poolQuietAfter())
              .as("time until the pool was idle; pool %s", result.poolAfter())
              .isNotNull();
          s.assertThat(result.poolAfter().acquired())
              .as("connections acquired after the load")
              .isZero();
          s.assertThat(result.poolAfter().pending())
              .as("acquisitions pending after the load")
              .isZero();
          s.assertThat(result.idleInTransaction())
              .as("sessions idle in transaction; sessions %s", result.sessions())
              .isZero();
          s.assertThat(result.backendsAfter())
              .as("pooled backends whose prepared statements were counted")
              .isNotEmpty();
          // the bound and how it is derived: LoadTest.MAX_PREPARED_PER_BACKEND (the distinct
          // statement
          // texts the start-up and the clients' requests send, 94, with room for a cursor per read
          // shape)
          s.assertThat(result.maxPreparedPerBackend())
              .as("prepared statements of the fullest backend; %s", result.backendsAfter())
              .isLessThanOrEqualTo(LoadTest.MAX_PREPARED_PER_BACKEND);
        });
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
