package io.r2orm.core.internal.render;

import static io.r2orm.core.internal.render.Golden.H2;
import static io.r2orm.core.internal.render.Golden.POSTGRES;
import static io.r2orm.core.internal.render.Golden.bind;
import static io.r2orm.core.internal.render.Golden.rendersOn;
import static io.r2orm.core.internal.render.Golden.rendersOnBoth;
import static io.r2orm.core.internal.render.QueryFixtures.ALBUM_TITLE;
import static io.r2orm.core.internal.render.QueryFixtures.ALBUM_TRACKS;
import static io.r2orm.core.internal.render.QueryFixtures.ARTIST_NAME;
import static io.r2orm.core.internal.render.QueryFixtures.COMPOSER;
import static io.r2orm.core.internal.render.QueryFixtures.COUNTRY;
import static io.r2orm.core.internal.render.QueryFixtures.GENRE;
import static io.r2orm.core.internal.render.QueryFixtures.MILLIS;
import static io.r2orm.core.internal.render.QueryFixtures.PRICE;
import static io.r2orm.core.internal.render.QueryFixtures.TRACK_ID;
import static io.r2orm.core.internal.render.QueryFixtures.TRACK_TITLE;
import static io.r2orm.core.internal.render.QueryFixtures.YEAR;
import static io.r2orm.core.internal.render.QueryFixtures.query;
import static io.r2orm.core.query.Functions.abs;
import static io.r2orm.core.query.Functions.cast;
import static io.r2orm.core.query.Functions.coalesce;
import static io.r2orm.core.query.Functions.concat;
import static io.r2orm.core.query.Functions.currentDate;
import static io.r2orm.core.query.Functions.currentTimestamp;
import static io.r2orm.core.query.Functions.length;
import static io.r2orm.core.query.Functions.lower;
import static io.r2orm.core.query.Functions.upper;
import static io.r2orm.core.query.Functions.val;
import static io.r2orm.core.query.Functions.when;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.r2orm.core.internal.render.QueryFixtures.Album;
import io.r2orm.core.internal.render.QueryFixtures.Artist;
import io.r2orm.core.internal.render.QueryFixtures.Genre;
import io.r2orm.core.internal.render.QueryFixtures.Track;
import io.r2orm.core.query.Subquery;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Computed values on PostgreSQL and H2: arithmetic, functions, CASE, casts, and columns compared
 * with columns. Values are binds; a value beside a column is converted by that column.
 */
class QueryExpressionRenderingTest {

  @Test
  void arithmeticOnColumnsAndValues() {
    Subquery q =
        Subquery.select(
                TRACK_TITLE,
                MILLIS.dividedBy(1000),
                PRICE.times(new BigDecimal("1.10")),
                MILLIS.plus(MILLIS),
                MILLIS.minus(500))
            .from(Track.class);
    rendersOnBoth(
        query(q),
        "SELECT track.title, (track.millis / $1), (track.price * $2), (track.millis + track.millis), (track.millis - $3)"
            + " FROM track",
        bind(1000, Integer.class),
        bind(new BigDecimal("1.10"), BigDecimal.class),
        bind(500, Integer.class));
  }

  @Test
  void nestedArithmeticKeepsItsGroupingInWhereAndOrderBy() {
    Subquery q =
        Subquery.select(TRACK_TITLE)
            .from(Track.class)
            .where(PRICE.times(2).plus(new BigDecimal("0.50")).gt(new BigDecimal("3")))
            .orderBy(MILLIS.dividedBy(60_000).desc());
    rendersOnBoth(
        query(q),
        "SELECT track.title FROM track WHERE ((track.price * $1) + $2) > $3 ORDER BY (track.millis / $4) DESC",
        bind(2, Integer.class),
        bind(new BigDecimal("0.50"), BigDecimal.class),
        bind(new BigDecimal("3"), BigDecimal.class),
        bind(60_000, Integer.class));
  }

  @Test
  void coalesceWithAValueConvertedByTheColumnOrWithAnotherColumn() {
    rendersOnBoth(
        query(
            Subquery.select(
                    coalesce(COMPOSER, "unknown"),
                    coalesce(COMPOSER, TRACK_TITLE),
                    coalesce(GENRE, Genre.ROCK))
                .from(Track.class)),
        "SELECT COALESCE(track.composer, $1), COALESCE(track.composer, track.title), COALESCE(track.genre, $2) FROM track",
        bind("unknown", String.class),
        bind("ROCK", String.class));
  }

  @Test
  void coalesceOfAColumnIsReadThroughThatColumn() {
    RenderedQuery q =
        POSTGRES.query(
            Subquery.select(coalesce(GENRE, Genre.ROCK), coalesce(lower(COMPOSER), "x"))
                .from(Track.class));
    assertThat(q.outputs().get(0).column().path()).isEqualTo("genre");
    assertThat(q.outputs().get(0).type()).isEqualTo(Genre.class);
    assertThat(q.outputs().get(1).column()).isNull();
  }

  @Test
  void lowerUpperLengthAbs() {
    Subquery q =
        Subquery.select(lower(ARTIST_NAME), upper(COUNTRY))
            .from(Artist.class)
            .where(upper(COUNTRY).eq("UK").and(length(ARTIST_NAME).between(3, 10)));
    rendersOnBoth(
        query(q),
        "SELECT LOWER(artist.name), UPPER(artist.country) FROM artist"
            + " WHERE UPPER(artist.country) = $1 AND CHAR_LENGTH(artist.name) BETWEEN $2 AND $3",
        bind("UK", String.class),
        bind(3, Integer.class),
        bind(10, Integer.class));
    rendersOnBoth(
        query(Subquery.select(abs(MILLIS.minus(200_000))).from(Track.class)),
        "SELECT ABS((track.millis - $1)) FROM track",
        bind(200_000, Integer.class));
  }

  @Test
  void concatOfColumnsAndValues() {
    rendersOnBoth(
        query(Subquery.select(concat(ARTIST_NAME, " (", COUNTRY, ')')).from(Artist.class)),
        "SELECT CONCAT(artist.name, $1, artist.country, $2) FROM artist",
        bind(" (", String.class),
        bind(")", String.class));
    rendersOnBoth(
        query(Subquery.select(concat(val("#"), TRACK_ID)).from(Track.class)),
        "SELECT CONCAT($1, track.id) FROM track",
        bind("#", String.class));
  }

  @Test
  void computedValuesMatchPatternsAndLists() {
    rendersOnBoth(
        query(
            Subquery.select(ARTIST_NAME)
                .from(Artist.class)
                .where(lower(ARTIST_NAME).like("a\\_%"))),
        "SELECT artist.name FROM artist WHERE LOWER(artist.name) LIKE $1 ESCAPE '\\'",
        bind("a\\_%", String.class));
    rendersOnBoth(
        query(
            Subquery.select(ARTIST_NAME)
                .from(Artist.class)
                .where(lower(ARTIST_NAME).in(List.of("a", "b")))),
        "SELECT artist.name FROM artist WHERE LOWER(artist.name) IN ($1, $2)",
        bind("a"),
        bind("b"));
    rendersOnBoth(
        query(
            Subquery.select(ARTIST_NAME)
                .from(Artist.class)
                .where(lower(ARTIST_NAME).notIn(List.of()))),
        "SELECT artist.name FROM artist WHERE 1 = 1");
  }

  @Test
  void caseWhenWithValuesAndElse() {
    Subquery q =
        Subquery.select(
                TRACK_TITLE,
                when(MILLIS.lt(180_000), "short")
                    .when(MILLIS.lt(300_000), "medium")
                    .otherwise("long"))
            .from(Track.class);
    rendersOnBoth(
        query(q),
        "SELECT track.title, CASE WHEN track.millis < $1 THEN $2 WHEN track.millis < $3 THEN $4 ELSE $5 END FROM track",
        bind(180_000, Integer.class),
        bind("short"),
        bind(300_000, Integer.class),
        bind("medium"),
        bind("long"));
    assertThat(POSTGRES.query(q).outputs().get(1).type()).isEqualTo(String.class);
  }

  @Test
  void caseWhenWithFieldsAndNoElse() {
    rendersOnBoth(
        query(
            Subquery.select(
                    when(COMPOSER.isNull(), TRACK_TITLE).otherwise(COMPOSER),
                    when(GENRE.eq(Genre.JAZZ), PRICE).end())
                .from(Track.class)),
        "SELECT CASE WHEN track.composer IS NULL THEN track.title ELSE track.composer END,"
            + " CASE WHEN track.genre = $1 THEN track.price END FROM track",
        bind("JAZZ", String.class));
  }

  @Test
  void caseWhenInOrderByAndEnumResultsBoundByName() {
    Subquery q =
        Subquery.select(TRACK_TITLE, when(MILLIS.gt(300_000), Genre.JAZZ).otherwise(Genre.ROCK))
            .from(Track.class)
            .orderBy(when(GENRE.eq(Genre.JAZZ), 0).otherwise(1).asc(), TRACK_ID.asc());
    rendersOnBoth(
        query(q),
        "SELECT track.title, CASE WHEN track.millis > $1 THEN $2 ELSE $3 END FROM track"
            + " ORDER BY CASE WHEN track.genre = $4 THEN $5 ELSE $6 END ASC, track.id ASC",
        bind(300_000, Integer.class),
        bind("JAZZ"),
        bind("ROCK"),
        bind("JAZZ", String.class),
        bind(0),
        bind(1));
  }

  @Test
  void currentDateAndTimestamp() {
    Subquery q =
        Subquery.select(currentDate(), currentTimestamp()).from(Track.class).where(TRACK_ID.eq(1L));
    rendersOnBoth(
        query(q),
        "SELECT CURRENT_DATE, CURRENT_TIMESTAMP FROM track WHERE track.id = $1",
        bind(1L, Long.class));
    assertThat(POSTGRES.query(q).outputs())
        .extracting(RenderedQuery.Output::type)
        .containsExactly(LocalDate.class, OffsetDateTime.class);
  }

  @Test
  void castsNameTheDialectsTypes() {
    Subquery q =
        Subquery.select(
                cast(MILLIS, String.class),
                cast(PRICE, Integer.class),
                cast(MILLIS, BigDecimal.class),
                cast(MILLIS, Long.class),
                cast(MILLIS, Double.class),
                cast(val("2020-01-31"), LocalDate.class))
            .from(Track.class);
    rendersOn(
        POSTGRES,
        query(q),
        "SELECT CAST(track.millis AS text), CAST(track.price AS integer), CAST(track.millis AS numeric),"
            + " CAST(track.millis AS bigint), CAST(track.millis AS double precision), CAST($1 AS date) FROM track",
        bind("2020-01-31"));
    rendersOn(
        H2,
        query(q),
        "SELECT CAST(track.millis AS CHARACTER VARYING), CAST(track.price AS INTEGER), CAST(track.millis AS DECFLOAT),"
            + " CAST(track.millis AS BIGINT), CAST(track.millis AS DOUBLE PRECISION), CAST($1 AS DATE) FROM track",
        bind("2020-01-31"));
    assertThat(POSTGRES.query(q).outputs())
        .extracting(RenderedQuery.Output::type)
        .containsExactly(
            String.class,
            Integer.class,
            BigDecimal.class,
            Long.class,
            Double.class,
            LocalDate.class);
  }

  @Test
  void castToATypeWithoutASqlTypeListsTheCastableOnes() {
    assertThatThrownBy(() -> cast(MILLIS, Character.class))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(
            "cannot cast to java.lang.Character; castable types: [BigDecimal, Boolean, Double, Float, Integer,"
                + " LocalDate, LocalDateTime, LocalTime, Long, OffsetDateTime, Short, String, UUID]");
  }

  @Test
  void columnsComparedWithColumns() {
    Subquery q =
        Subquery.select(TRACK_TITLE)
            .from(Album.class)
            .join(ALBUM_TRACKS)
            .where(
                TRACK_TITLE
                    .eq(ALBUM_TITLE)
                    .or(TRACK_TITLE.lt(ALBUM_TITLE))
                    .or(COMPOSER.ne(TRACK_TITLE))
                    .or(YEAR.le(MILLIS))
                    .or(length(TRACK_TITLE).gt(length(ALBUM_TITLE))));
    rendersOnBoth(
        query(q),
        "SELECT track.title FROM album JOIN track ON track.album_id = album.id"
            + " WHERE track.title = album.title OR track.title < album.title OR track.composer <> track.title"
            + " OR album.\"year\" <= track.millis OR CHAR_LENGTH(track.title) > CHAR_LENGTH(album.title)");
  }

  @Test
  void standaloneValuesAreBoundWithTheirBuiltInForm() {
    rendersOnBoth(
        query(Subquery.select(val(2.5), val(7L), val('x'), val(Genre.ROCK)).from(Track.class)),
        "SELECT $1, $2, $3, $4 FROM track",
        bind(2.5),
        bind(7L),
        bind("x"),
        bind("ROCK"));
  }
}
