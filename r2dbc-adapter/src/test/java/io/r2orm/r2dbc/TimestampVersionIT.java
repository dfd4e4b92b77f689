package io.r2orm.r2dbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.r2orm.core.exception.OptimisticLockException;
import io.r2orm.r2dbc.realschema.Actor;
import io.r2orm.r2dbc.realschema.Actor_;
import io.r2orm.r2dbc.test.DatabaseTest;
import io.r2orm.r2dbc.test.TestDatabase;
import java.time.Duration;
import java.time.LocalDateTime;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.MethodSource;
import reactor.test.StepVerifier;

/**
 * A {@code @Version} that is a timestamp (issue #12, finding 5), on PostgreSQL kept by a trigger as
 * in Pagila ({@code last_update = now()} before every update): an update compares the value read
 * and reads back the one the row ends up with, so the next update of the returned entity succeeds
 * and a stale one fails. Before, such a mapping was refused ("a version must be int, long, …").
 */
@ParameterizedClass(name = "{0}")
@MethodSource("io.r2orm.r2dbc.test.DatabaseTest#databases")
class TimestampVersionIT extends DatabaseTest {
  private static final Duration WAIT = Duration.ofSeconds(10);

  @BeforeEach
  void fixture() {
    testDatabase().sql("DROP TABLE IF EXISTS realschema_actor");
    db().schema().create(Actor.class).block(WAIT);
    if (kind == TestDatabase.Kind.POSTGRES) {
      // the trigger sets its own time, which differs from the one r2orm writes
      testDatabase()
          .sql(
              "CREATE OR REPLACE FUNCTION realschema_touch() RETURNS trigger AS $$ BEGIN "
                  + "NEW.last_update = clock_timestamp() + interval '1 hour'; RETURN NEW; END $$ LANGUAGE plpgsql",
              "CREATE TRIGGER realschema_actor_touch BEFORE UPDATE ON realschema_actor FOR EACH ROW EXECUTE FUNCTION realschema_touch()");
    }
  }

  private LocalDateTime stored(long id) {
    return db().findById(Actor.class, id).map(Actor::lastUpdate).block(WAIT);
  }

  @Test
  void insertSetsTheVersionAndUpdatesReadBackTheOneTheRowEndsUpWith() {
    Actor inserted = db().insert(Actor.of("Penelope")).block(WAIT);
    assertThat(inserted.lastUpdate()).isNotNull().isEqualTo(stored(inserted.id()));

    Actor renamed = db().update(inserted.withName("Penny")).block(WAIT);
    assertThat(renamed.lastUpdate())
        .as("the version the row has now")
        .isEqualTo(stored(inserted.id()))
        .isAfter(inserted.lastUpdate());
    // the returned entity carries the current version: it can be updated again
    Actor again = db().update(renamed.withName("Pen")).block(WAIT);
    assertThat(again.lastUpdate()).isEqualTo(stored(inserted.id())).isAfter(renamed.lastUpdate());
    assertThat(db().save(again.withName("P")).block(WAIT).name()).isEqualTo("P");
  }

  @Test
  void aStaleTimestampFailsUpdateAndDelete() {
    Actor inserted = db().insert(Actor.of("Nick")).block(WAIT);
    db().update(inserted.withName("Nicholas")).block(WAIT);
    StepVerifier.create(db().update(inserted.withName("Nico")))
        .expectError(OptimisticLockException.class)
        .verify(WAIT);
    StepVerifier.create(db().delete(inserted))
        .expectError(OptimisticLockException.class)
        .verify(WAIT);
    assertThat(db().findById(Actor.class, inserted.id()).block(WAIT).name()).isEqualTo("Nicholas");
    Actor current = db().findById(Actor.class, inserted.id()).block(WAIT);
    db().delete(current).block(WAIT);
    assertThat(db().findById(Actor.class, inserted.id()).blockOptional(WAIT)).isEmpty();
  }

  @Test
  void insertAllAndUpsertWithDoNothingWorkAndAnUpdatingUpsertIsRefused() {
    List<Actor> all =
        db().insertAll(List.of(Actor.of("Ed"), Actor.of("Jennifer"))).collectList().block(WAIT);
    assertThat(all).allSatisfy(a -> assertThat(a.lastUpdate()).isEqualTo(stored(a.id())));
    assertThat(
            db().upsertInto(Actor.class)
                .doNothing()
                .all(List.of(all.get(0).withName("Edward")))
                .collectList()
                .block(WAIT))
        .isEmpty();
    assertThatThrownBy(() -> db().upsertAll(List.of(all.get(0))).blockLast(WAIT))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("its @Version lastUpdate is a timestamp")
        .hasMessageContaining("doNothing()");
    assertThat(db().select(Actor.class).where(Actor_.NAME.eq("Ed")).count().block(WAIT))
        .isEqualTo(1L);
  }
}
