package io.r2orm.r2dbc;

import static org.assertj.core.api.Assertions.assertThat;

import io.r2orm.r2dbc.realschema.Movie;
import io.r2orm.r2dbc.realschema.Movie.Rating;
import io.r2orm.r2dbc.realschema.Movie_;
import io.r2orm.r2dbc.test.DatabaseTest;
import io.r2orm.r2dbc.test.TestDatabase;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * A Java enum stored in a native enum type (issue #12, finding 1): on PostgreSQL a {@code CREATE
 * TYPE … AS ENUM} made by schema generation, on H2 an inline {@code ENUM} column. It binds,
 * compares, is written by insert, insertAll, update and upsert, sorts in declared order and pages
 * by keyset. Before the fix PostgreSQL refused every comparison: {@code operator does not exist:
 * realschema_rating = character varying [42883]}.
 */
@ParameterizedClass(name = "{0}")
@MethodSource("io.r2orm.r2dbc.test.DatabaseTest#databases")
class NativeEnumIT extends DatabaseTest {
  private static final Duration WAIT = Duration.ofSeconds(10);

  @BeforeEach
  void fixture() {
    testDatabase().sql("DROP TABLE IF EXISTS realschema_movie");
    if (kind == TestDatabase.Kind.POSTGRES) {
      testDatabase().sql("DROP TYPE IF EXISTS realschema_rating");
    }
    db().schema().create(Movie.class).block(WAIT);
    db().insertAll(
            List.of(
                Movie.of("Alien", Rating.R),
                Movie.of("Babe", Rating.G),
                Movie.of("Heat", Rating.R),
                Movie.of("Shame", Rating.NC_17),
                Movie.of("Up", Rating.PG)))
        .then()
        .block(WAIT);
  }

  @Test
  void theColumnIsANativeEnumType() {
    String type =
        kind == TestDatabase.Kind.POSTGRES
            ? testDatabase()
                .queryOne(
                    "SELECT data_type FROM information_schema.columns WHERE table_name = 'realschema_movie'"
                        + " AND column_name = 'rating'",
                    String.class)
            : testDatabase()
                .queryOne(
                    "SELECT data_type FROM information_schema.columns WHERE table_name = 'REALSCHEMA_MOVIE'"
                        + " AND column_name = 'RATING'",
                    String.class);
    assertThat(type).isIn("USER-DEFINED", "ENUM");
  }

  @Test
  void comparesAndReadsBack() {
    assertThat(
            db().select(Movie.class)
                .where(Movie_.RATING.eq(Rating.R))
                .orderBy(Movie_.TITLE.asc())
                .all()
                .map(Movie::title)
                .collectList()
                .block(WAIT))
        .containsExactly("Alien", "Heat");
    assertThat(
            db().select(Movie.class)
                .where(Movie_.RATING.in(List.of(Rating.G, Rating.PG)))
                .orderBy(Movie_.TITLE.asc())
                .all()
                .map(Movie::rating)
                .collectList()
                .block(WAIT))
        .containsExactly(Rating.G, Rating.PG);
    assertThat(db().select(Movie.class).where(Movie_.RATING.ne(Rating.R)).count().block(WAIT))
        .isEqualTo(3L);
    // a greater-than follows the declared order: PG_13 < R < NC_17
    assertThat(
            db().select(Movie.class)
                .where(Movie_.RATING.gt(Rating.PG_13))
                .orderBy(Movie_.TITLE.asc())
                .all()
                .map(Movie::title)
                .collectList()
                .block(WAIT))
        .containsExactly("Alien", "Heat", "Shame");
  }

  @Test
  void sortsInDeclaredOrderAndPagesByKeyset() {
    assertThat(
            db().select(Movie.class)
                .orderBy(Movie_.RATING.asc(), Movie_.TITLE.asc())
                .all()
                .map(Movie::title)
                .collectList()
                .block(WAIT))
        .containsExactly("Babe", "Up", "Alien", "Heat", "Shame");
    List<String> paged =
        db().select(Movie.class)
            .orderBy(Movie_.RATING.desc())
            .pages(2)
            .flatMapIterable(KeysetPage::items)
            .map(Movie::title)
            .collectList()
            .block(WAIT);
    assertThat(paged).hasSize(5).startsWith("Shame").endsWith("Babe");
  }

  @Test
  void isWrittenByUpdateAndUpsert() {
    Movie up = db().select(Movie.class).where(Movie_.TITLE.eq("Up")).one().block(WAIT);
    Movie updated = db().update(up.withRating(Rating.PG_13)).block(WAIT);
    assertThat(db().findById(Movie.class, updated.id()).block(WAIT).rating())
        .isEqualTo(Rating.PG_13);
    assertThat(
            db().update(Movie.class)
                .set(Movie_.RATING, Rating.G)
                .where(Movie_.RATING.eq(Rating.NC_17))
                .execute()
                .block(WAIT))
        .isEqualTo(1L);
    List<Movie> upserted =
        db().upsertInto(Movie.class)
            .onConflict(Movie_.TITLE)
            .all(List.of(Movie.of("Ran", Rating.R), Movie.of("Zelig", Rating.PG)))
            .collectList()
            .block(WAIT);
    assertThat(upserted).extracting(Movie::rating).containsExactly(Rating.R, Rating.PG);
    assertThat(db().select(Movie.class).where(Movie_.RATING.eq(Rating.G)).count().block(WAIT))
        .isEqualTo(2L);
  }
}
