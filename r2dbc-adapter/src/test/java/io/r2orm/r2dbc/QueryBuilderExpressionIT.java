package io.r2orm.r2dbc;

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
import static org.assertj.core.api.Assertions.within;

import io.r2orm.r2dbc.store.StoreAlbum_;
import io.r2orm.r2dbc.store.StoreArtist;
import io.r2orm.r2dbc.store.StoreArtist_;
import io.r2orm.r2dbc.store.StoreEmployee;
import io.r2orm.r2dbc.store.StoreEmployee_;
import io.r2orm.r2dbc.store.StoreProfile_;
import io.r2orm.r2dbc.store.StoreTrack;
import io.r2orm.r2dbc.store.StoreTrack.Genre;
import io.r2orm.r2dbc.store.StoreTrack_;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.temporal.ChronoUnit;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Arithmetic, functions, CASE, casts and column comparisons, compared with hand-written SQL on the
 * same data.
 */
@ParameterizedClass(name = "{0}")
@MethodSource("io.r2orm.r2dbc.test.DatabaseTest#databases")
class QueryBuilderExpressionIT extends StoreQueries {

  record Arithmetic(
      Long id, Integer seconds, BigDecimal dearer, Integer doubled, Integer shorter) {}

  @Test
  void arithmeticInTheSelectListAndInConditions() {
    List<Arithmetic> built =
        rows(
            db().select(
                    List.of(
                        StoreTrack_.ID,
                        StoreTrack_.MILLIS.dividedBy(1000),
                        StoreTrack_.PRICE.times(new BigDecimal("1.10")),
                        StoreTrack_.MILLIS.plus(StoreTrack_.MILLIS),
                        StoreTrack_.MILLIS.minus(500)))
                .where(
                    StoreTrack_.MILLIS
                        .dividedBy(60_000)
                        .ge(5)
                        .and(StoreTrack_.PRICE.times(2).lt(new BigDecimal("3"))))
                .orderBy(StoreTrack_.ID.asc())
                .into(Arithmetic.class));
    List<Arithmetic> hand =
        sql(
            "SELECT id, millis / 1000 AS seconds, price * 1.10 AS dearer, millis + millis AS doubled,"
                + " millis - 500 AS shorter FROM store_track WHERE millis / 60000 >= 5 AND price * 2 < 3 ORDER BY id",
            Arithmetic.class);
    assertThat(built)
        .usingRecursiveFieldByFieldElementComparator(DECIMALS_BY_VALUE)
        .isEqualTo(hand);
    assertThat(built).allSatisfy(a -> assertThat(a.seconds()).isGreaterThanOrEqualTo(300));
  }

  record Texts(Long id, String composer, String either, String shout, Integer size) {}

  @Test
  void coalesceUpperAndLength() {
    List<Texts> built =
        rows(
            db().select(
                    List.of(
                        StoreTrack_.ID,
                        coalesce(StoreTrack_.COMPOSER, "unknown"),
                        coalesce(StoreTrack_.COMPOSER, StoreTrack_.TITLE),
                        upper(StoreTrack_.TITLE),
                        length(StoreTrack_.TITLE)))
                .where(StoreTrack_.ID.le(20L))
                .orderBy(StoreTrack_.ID.asc())
                .into(Texts.class));
    assertThat(built)
        .isEqualTo(
            sql(
                "SELECT id, COALESCE(composer, 'unknown') AS composer,"
                    + " COALESCE(composer, title) AS either, UPPER(title) AS shout, CHAR_LENGTH(title) AS size"
                    + " FROM store_track WHERE id <= 20 ORDER BY id",
                Texts.class));
    assertThat(built).extracting(Texts::composer).contains("unknown");
  }

  @Test
  void coalesceOfALeftJoinedColumnAndOfAnEnum() {
    record ArtistBio(String name, String bio) {}
    List<ArtistBio> built =
        rows(
            db().select(StoreArtist_.NAME, coalesce(StoreProfile_.BIO, "-"))
                .from(StoreArtist.class)
                .leftJoin(StoreArtist_.PROFILE)
                .orderBy(StoreArtist_.ID.asc())
                .into(ArtistBio.class));
    assertThat(built)
        .isEqualTo(
            sql(
                "SELECT ar.name, COALESCE(p.bio, '-') AS bio FROM store_artist ar"
                    + " LEFT JOIN store_profile p ON p.artist_id = ar.id ORDER BY ar.id",
                ArtistBio.class));
    assertThat(built).extracting(ArtistBio::bio).filteredOn("-"::equals).hasSize(6);
    assertThat(
            db().select(coalesce(StoreTrack_.GENRE, Genre.POP))
                .where(StoreTrack_.ID.eq(1L))
                .one()
                .block())
        .isEqualTo(Genre.JAZZ);
  }

  @Test
  void lowerAbsAndPatternsOnComputedValues() {
    record Row(String name, Integer distance) {}
    List<Row> built =
        rows(
            db().select(lower(StoreArtist_.NAME), abs(length(StoreArtist_.NAME).minus(10)))
                .from(StoreArtist.class)
                .where(
                    lower(StoreArtist_.NAME)
                        .like("artist _")
                        .and(upper(StoreArtist_.COUNTRY).in(List.of("UK", "US"))))
                .orderBy(StoreArtist_.ID.asc())
                .into(Row.class));
    assertThat(built)
        .hasSize(6)
        .isEqualTo(
            sql(
                "SELECT LOWER(name) AS name, ABS(CHAR_LENGTH(name) - 10) AS distance"
                    + " FROM store_artist WHERE LOWER(name) LIKE 'artist _' AND UPPER(country) IN ('UK', 'US') ORDER BY id",
                Row.class));
    assertThat(built).extracting(Row::distance).containsOnly(2);
  }

  @Test
  void concatOfColumnsValuesAndNumbers() {
    List<String> built =
        rows(
            db().select(
                    concat(
                        StoreArtist_.NAME,
                        " (",
                        coalesce(StoreArtist_.COUNTRY, "?"),
                        ") #",
                        StoreArtist_.ID))
                .from(StoreArtist.class)
                .orderBy(StoreArtist_.ID.asc()));
    assertThat(built)
        .isEqualTo(
            sql(
                "SELECT CONCAT(name, ' (', COALESCE(country, '?'), ') #', id) FROM store_artist"
                    + " ORDER BY id",
                String.class));
    assertThat(built.get(2)).endsWith("(?) #3");
  }

  record Sized(Long id, String size, Genre loud) {}

  @Test
  void caseWhenInTheSelectListAndInTheOrder() {
    var size =
        when(StoreTrack_.MILLIS.lt(180_000), "short")
            .when(StoreTrack_.MILLIS.lt(300_000), "medium")
            .otherwise("long");
    var loud = when(StoreTrack_.GENRE.eq(Genre.ROCK), Genre.ROCK).end();
    List<Sized> built =
        rows(
            db().select(StoreTrack_.ID, size, loud)
                .where(StoreTrack_.ID.le(30L))
                .orderBy(
                    when(StoreTrack_.COMPOSER.isNull(), 0).otherwise(1).asc(),
                    StoreTrack_.ID.desc())
                .into(Sized.class));
    assertThat(built)
        .hasSize(30)
        .isEqualTo(
            sql(
                "SELECT id, CASE WHEN millis < 180000 THEN 'short'"
                    + " WHEN millis < 300000 THEN 'medium' ELSE 'long' END AS size,"
                    + " CASE WHEN genre = 'ROCK' THEN 'ROCK' END AS loud FROM store_track WHERE id <= 30"
                    + " ORDER BY CASE WHEN composer IS NULL THEN 0 ELSE 1 END, id DESC",
                Sized.class));
    assertThat(built).extracting(Sized::loud).containsOnly(Genre.ROCK, null);
  }

  @Test
  void currentDateAndTimestampOfTheDatabase() {
    var now =
        db().select(currentDate(), currentTimestamp())
            .from(StoreEmployee.class)
            .where(StoreEmployee_.ID.eq(1L))
            .one()
            .block();
    assertThat(now.v1())
        .isEqualTo(value("SELECT CURRENT_DATE FROM store_employee WHERE id = 1", LocalDate.class));
    assertThat(now.v2())
        .isInstanceOf(OffsetDateTime.class)
        .isCloseTo(OffsetDateTime.now(), within(1, ChronoUnit.MINUTES));
  }

  record Casts(String text, Integer whole, BigDecimal exact, Long wide, Double approx) {}

  /**
   * Not cast here: a bound string to a date, which H2 refuses because r2dbc-h2 binds strings as
   * CLOBs.
   */
  @Test
  void castsToTheDialectsTypes() {
    List<Casts> built =
        rows(
            db().select(
                    List.of(
                        cast(StoreTrack_.MILLIS, String.class),
                        cast(StoreTrack_.PRICE, Integer.class),
                        cast(StoreTrack_.MILLIS, BigDecimal.class),
                        cast(StoreTrack_.MILLIS, Long.class),
                        cast(StoreTrack_.PRICE, Double.class)))
                .from(StoreTrack.class)
                .where(StoreTrack_.ID.le(6L))
                .orderBy(StoreTrack_.ID.asc())
                .into(Casts.class));
    List<Casts> hand =
        sql(
            "SELECT CAST(millis AS VARCHAR(20)) AS text, CAST(price AS INTEGER) AS whole,"
                + " CAST(millis AS DECIMAL(12, 0)) AS exact, CAST(millis AS BIGINT) AS wide, CAST(price AS DOUBLE PRECISION) AS approx"
                + " FROM store_track WHERE id <= 6 ORDER BY id",
            Casts.class);
    assertThat(built)
        .usingRecursiveFieldByFieldElementComparator(DECIMALS_BY_VALUE)
        .isEqualTo(hand);
    assertThat(built).extracting(Casts::whole).containsOnly(1, 2);
  }

  @Test
  void columnsComparedWithColumnsOfAnotherTableAndWithComputedValues() {
    List<Long> built =
        rows(
            db().select(StoreTrack_.ID)
                .from(StoreTrack.class)
                .join(StoreTrack_.ALBUM)
                .where(
                    StoreTrack_.MILLIS
                        .gt(StoreAlbum_.YEAR.times(150))
                        .and(length(StoreTrack_.COMPOSER).gt(length(StoreTrack_.TITLE)))
                        .and(StoreTrack_.TITLE.ne(StoreAlbum_.TITLE)))
                .orderBy(StoreTrack_.ID.asc()));
    assertThat(built)
        .isEqualTo(
            sql(
                "SELECT t.id FROM store_track t JOIN store_album al ON al.id = t.album_id"
                    + " WHERE t.millis > al.\"year\" * 150 AND CHAR_LENGTH(t.composer) > CHAR_LENGTH(t.title) AND t.title <> al.title"
                    + " ORDER BY t.id",
                Long.class));
    assertThat(built.size()).isLessThan(181);
  }

  @Test
  void boundValuesInTheSelectList() {
    record Consts(Long id, String tag, BigDecimal rate, Genre genre) {}
    List<Consts> built =
        rows(
            db().select(
                    List.of(
                        StoreArtist_.ID, val("x"), val(new BigDecimal("2.50")), val(Genre.JAZZ)))
                .from(StoreArtist.class)
                .where(StoreArtist_.ID.lt(3L))
                .orderBy(StoreArtist_.ID.asc())
                .into(Consts.class));
    assertThat(built)
        .usingRecursiveFieldByFieldElementComparator(DECIMALS_BY_VALUE)
        .containsExactly(
            new Consts(1L, "x", new BigDecimal("2.5"), Genre.JAZZ),
            new Consts(2L, "x", new BigDecimal("2.5"), Genre.JAZZ));
  }
}
