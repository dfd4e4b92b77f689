package io.r2orm.r2dbc;

import static io.r2orm.core.query.Functions.avg;
import static io.r2orm.core.query.Functions.count;
import static io.r2orm.core.query.Functions.countDistinct;
import static io.r2orm.core.query.Functions.lower;
import static io.r2orm.core.query.Functions.max;
import static io.r2orm.core.query.Functions.min;
import static io.r2orm.core.query.Functions.sum;
import static io.r2orm.core.query.Functions.when;
import static org.assertj.core.api.Assertions.assertThat;

import io.r2orm.r2dbc.store.StoreAlbum;
import io.r2orm.r2dbc.store.StoreAlbum_;
import io.r2orm.r2dbc.store.StoreArtist;
import io.r2orm.r2dbc.store.StoreArtist_;
import io.r2orm.r2dbc.store.StoreTrack;
import io.r2orm.r2dbc.store.StoreTrack.Genre;
import io.r2orm.r2dbc.store.StoreTrack_;
import java.math.BigDecimal;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Aggregates, GROUP BY, HAVING, DISTINCT and the count of a query, compared with hand-written SQL
 * on the same data; enums and decimals come back as their Java types.
 */
@ParameterizedClass(name = "{0}")
@MethodSource("io.r2orm.r2dbc.test.DatabaseTest#databases")
class QueryBuilderAggregateIT extends StoreQueries {

  record Stats(
      long n,
      long composers,
      long distinctComposers,
      Long totalMillis,
      BigDecimal avgPrice,
      BigDecimal minPrice,
      Integer maxMillis) {}

  @Test
  void everyAggregateOverTheWholeTable() {
    Stats built =
        db().select(
                List.of(
                    count(),
                    count(StoreTrack_.COMPOSER),
                    countDistinct(StoreTrack_.COMPOSER),
                    sum(StoreTrack_.MILLIS).as(Long.class),
                    avg(StoreTrack_.PRICE),
                    min(StoreTrack_.PRICE),
                    max(StoreTrack_.MILLIS)))
            .from(StoreTrack.class)
            .into(Stats.class)
            .one()
            .block();
    Stats hand =
        db().sql(
                "SELECT COUNT(*) AS n, COUNT(composer) AS composers, COUNT(DISTINCT composer) AS distinct_composers,"
                    + " SUM(millis) AS total_millis, AVG(price) AS avg_price, MIN(price) AS min_price, MAX(millis) AS max_millis"
                    + " FROM store_track")
            .one(Stats.class)
            .block();
    assertThat(built).isEqualTo(hand);
    assertThat(built.n()).isGreaterThan(built.composers()).isGreaterThan(built.distinctComposers());
    assertThat(built.minPrice()).isEqualByComparingTo("0.99");
  }

  record GenreStats(Genre genre, long n, BigDecimal total, BigDecimal avgMillis) {}

  @Test
  void groupedByAnEnumWithDecimalTotals() {
    List<GenreStats> built =
        rows(
            db().select(StoreTrack_.GENRE, count(), sum(StoreTrack_.PRICE), avg(StoreTrack_.MILLIS))
                .groupBy(StoreTrack_.GENRE)
                .orderBy(StoreTrack_.GENRE.asc())
                .into(GenreStats.class));
    assertThat(built)
        .hasSize(4)
        .isEqualTo(
            sql(
                "SELECT genre, COUNT(*) AS n, SUM(price) AS total,"
                    + " AVG(millis) AS avg_millis FROM store_track GROUP BY genre ORDER BY genre",
                GenreStats.class));
    assertThat(built).extracting(GenreStats::genre).containsExactlyInAnyOrder(Genre.values());
  }

  @Test
  void groupedByTwoTablesWithHavingOnSeveralAggregates() {
    record AlbumStats(String artist, String album, long n, Integer totalMillis) {}
    List<AlbumStats> built =
        rows(
            db().select(StoreArtist_.NAME, StoreAlbum_.TITLE, count(), sum(StoreTrack_.MILLIS))
                .from(StoreArtist.class)
                .join(StoreArtist_.ALBUMS)
                .join(StoreAlbum_.TRACKS)
                .groupBy(StoreArtist_.NAME, StoreAlbum_.ID, StoreAlbum_.TITLE)
                .having(count().ge(6L).and(max(StoreTrack_.PRICE).eq(new BigDecimal("1.99"))))
                .having(sum(StoreTrack_.MILLIS).gt(1_200_000))
                .orderBy(StoreAlbum_.ID.asc())
                .into(AlbumStats.class));
    assertThat(built)
        .isEqualTo(
            sql(
                "SELECT ar.name AS artist, al.title AS album, COUNT(*) AS n,"
                    + " SUM(t.millis) AS total_millis FROM store_artist ar JOIN store_album al ON al.artist_id = ar.id"
                    + " JOIN store_track t ON t.album_id = al.id GROUP BY ar.name, al.id, al.title"
                    + " HAVING COUNT(*) >= 6 AND MAX(t.price) = 1.99 AND SUM(t.millis) > 1200000 ORDER BY al.id",
                AlbumStats.class));
    assertThat(built.size()).isLessThan(33);
  }

  @Test
  void havingOnMinOfAnEnumConvertsTheValue() {
    List<String> built =
        rows(
            db().select(StoreAlbum_.TITLE)
                .from(StoreAlbum.class)
                .join(StoreAlbum_.TRACKS)
                .groupBy(StoreAlbum_.ID, StoreAlbum_.TITLE)
                .having(min(StoreTrack_.GENRE).eq(Genre.CLASSICAL))
                .orderBy(StoreAlbum_.ID.asc()));
    assertThat(built)
        .isEqualTo(
            sql(
                "SELECT al.title FROM store_album al JOIN store_track t ON t.album_id = al.id"
                    + " GROUP BY al.id, al.title HAVING MIN(t.genre) = 'CLASSICAL' ORDER BY al.id",
                String.class));
  }

  @Test
  void distinctRowsOverAJoin() {
    record CountryGenre(String country, Genre genre) {}
    List<CountryGenre> built =
        rows(
            db().select(StoreArtist_.COUNTRY, StoreTrack_.GENRE)
                .from(StoreArtist.class)
                .join(StoreArtist_.ALBUMS)
                .join(StoreAlbum_.TRACKS)
                .where(StoreTrack_.MILLIS.gt(330_000))
                .distinct()
                .orderBy(StoreArtist_.COUNTRY.asc().nullsLast(), StoreTrack_.GENRE.asc())
                .into(CountryGenre.class));
    List<CountryGenre> hand =
        sql(
            "SELECT DISTINCT ar.country, t.genre FROM store_artist ar"
                + " JOIN store_album al ON al.artist_id = ar.id JOIN store_track t ON t.album_id = al.id"
                + " WHERE t.millis > 330000 ORDER BY ar.country NULLS LAST, t.genre",
            CountryGenre.class);
    assertThat(built).isEqualTo(hand).doesNotHaveDuplicates();
    assertThat(built.get(built.size() - 1).country()).isNull();
  }

  @Test
  void distinctValuesOfOneNullableColumn() {
    List<String> built =
        rows(
            db().select(StoreArtist_.COUNTRY)
                .where(StoreArtist_.COUNTRY.isNotNull())
                .distinct()
                .orderBy(StoreArtist_.COUNTRY.asc()));
    assertThat(built)
        .containsExactly("DE", "FR", "UK", "US")
        .isEqualTo(
            sql(
                "SELECT DISTINCT country FROM store_artist WHERE country IS NOT NULL ORDER BY country",
                String.class));
  }

  @Test
  void groupedByAComputedValue() {
    record Bucket(String country, long n) {}
    List<Bucket> built =
        rows(
            db().select(lower(StoreArtist_.COUNTRY), count())
                .from(StoreArtist.class)
                .where(StoreArtist_.COUNTRY.isNotNull())
                .groupBy(lower(StoreArtist_.COUNTRY))
                .orderBy(lower(StoreArtist_.COUNTRY).asc())
                .into(Bucket.class));
    assertThat(built)
        .isEqualTo(
            sql(
                "SELECT LOWER(country) AS country, COUNT(*) AS n FROM store_artist"
                    + " WHERE country IS NOT NULL GROUP BY LOWER(country) ORDER BY LOWER(country)",
                Bucket.class));
  }

  @Test
  void groupedByACaseWithValues() {
    record Bucket(String size, long n) {}
    var length =
        when(StoreTrack_.MILLIS.lt(180_000), "short")
            .when(StoreTrack_.MILLIS.lt(300_000), "medium")
            .otherwise("long");
    List<Bucket> built =
        rows(
            db().select(length, count())
                .from(StoreTrack.class)
                .groupBy(length)
                .orderBy(count().desc())
                .into(Bucket.class));
    assertThat(built)
        .containsExactlyInAnyOrderElementsOf(
            sql(
                "SELECT CASE WHEN millis < 180000 THEN 'short'"
                    + " WHEN millis < 300000 THEN 'medium' ELSE 'long' END AS size, COUNT(*) AS n FROM store_track"
                    + " GROUP BY CASE WHEN millis < 180000 THEN 'short' WHEN millis < 300000 THEN 'medium' ELSE 'long' END",
                Bucket.class))
        .hasSize(3);
  }

  @Test
  void theCountOfAQuery() {
    assertThat(db().select(StoreArtist_.COUNTRY).distinct().count().block())
        .isEqualTo(5L)
        .isEqualTo(
            value(
                "SELECT COUNT(*) FROM (SELECT DISTINCT country FROM store_artist) x", Long.class));
    assertThat(
            db().select(StoreAlbum_.ID, count())
                .from(StoreAlbum.class)
                .join(StoreAlbum_.TRACKS)
                .groupBy(StoreAlbum_.ID)
                .having(count().gt(5L))
                .count()
                .block())
        .isEqualTo(
            value(
                "SELECT COUNT(*) FROM (SELECT album_id FROM store_track GROUP BY album_id HAVING COUNT(*) > 5) x",
                Long.class));
    assertThat(
            db().select(StoreTrack_.ID)
                .orderBy(StoreTrack_.ID.asc())
                .limit(10)
                .offset(175)
                .count()
                .block())
        .isEqualTo(
            value(
                "SELECT COUNT(*) FROM (SELECT id FROM store_track ORDER BY id LIMIT 10 OFFSET 175) x",
                Long.class));
  }

  @Test
  void theCountOfAQuerySelectingSameNamedColumnsOfTwoTables() {
    // SqlRenderer.count wraps the query as a derived table, whose column names H2 requires to be
    // unique; it names them c1, c2, …
    assertThat(
            db().select(StoreAlbum_.TITLE, StoreTrack_.TITLE)
                .from(StoreAlbum.class)
                .join(StoreAlbum_.TRACKS)
                .count()
                .block())
        .isEqualTo(value("SELECT COUNT(*) FROM store_track", Long.class));
    assertThat(
            db().select(
                    io.r2orm.core.query.TableRef.of(StoreAlbum.class),
                    io.r2orm.core.query.TableRef.of(StoreArtist.class))
                .join(StoreAlbum_.ARTIST)
                .count()
                .block())
        .isEqualTo(33L);
  }

  // ---- window functions (issue #12), compared with hand-written SQL

  record Ranked(
      long id,
      long rowNumber,
      long rank,
      long denseRank,
      Integer previousMillis,
      Integer nextMillis,
      Long runningMillis,
      Genre previousGenre) {}

  @Test
  void windowFunctionsMatchHandWrittenSql() {
    io.r2orm.core.query.WindowCall.Window perAlbum =
        io.r2orm.core.query.WindowCall.Window.partitionBy(StoreTrack_.ALBUM_ID)
            .thenOrderBy(StoreTrack_.MILLIS.desc(), StoreTrack_.ID.asc());
    io.r2orm.core.query.WindowCall.Window byId =
        io.r2orm.core.query.WindowCall.Window.orderBy(StoreTrack_.ID.asc());
    List<Ranked> built =
        rows(
            db().select(
                    List.of(
                        StoreTrack_.ID,
                        io.r2orm.core.query.Functions.rowNumber().over(perAlbum),
                        io.r2orm.core.query.Functions.rank().over(perAlbum),
                        io.r2orm.core.query.Functions.denseRank()
                            .over(
                                io.r2orm.core.query.WindowCall.Window.orderBy(
                                    StoreTrack_.GENRE.asc())),
                        io.r2orm.core.query.Functions.lag(StoreTrack_.MILLIS).over(byId),
                        io.r2orm.core.query.Functions.lead(StoreTrack_.MILLIS, 2).over(byId),
                        sum(StoreTrack_.MILLIS)
                            .as(Long.class)
                            .over(
                                io.r2orm.core.query.WindowCall.Window.partitionBy(
                                        StoreTrack_.ALBUM_ID)
                                    .thenOrderBy(StoreTrack_.ID.asc())),
                        io.r2orm.core.query.Functions.lag(StoreTrack_.GENRE).over(byId)))
                .from(StoreTrack.class)
                .orderBy(StoreTrack_.ID.asc())
                .into(Ranked.class));
    List<Ranked> hand =
        db().sql(
                "SELECT id,"
                    + " ROW_NUMBER() OVER (PARTITION BY album_id ORDER BY millis DESC, id) AS row_number,"
                    + " RANK() OVER (PARTITION BY album_id ORDER BY millis DESC, id) AS rank,"
                    + " DENSE_RANK() OVER (ORDER BY genre) AS dense_rank,"
                    + " LAG(millis) OVER (ORDER BY id) AS previous_millis, LEAD(millis, 2) OVER (ORDER BY id) AS next_millis,"
                    + " CAST(SUM(millis) OVER (PARTITION BY album_id ORDER BY id) AS BIGINT) AS running_millis,"
                    + " LAG(genre) OVER (ORDER BY id) AS previous_genre"
                    + " FROM store_track ORDER BY id")
            .all(Ranked.class)
            .collectList()
            .block();
    assertThat(built).hasSizeGreaterThan(3).isEqualTo(hand);
    assertThat(built.get(0).previousMillis()).isNull();
    // LAG of an enum column is read through the column's converter: the previous track's Genre
    assertThat(built.get(1).previousGenre())
        .isEqualTo(db().findById(StoreTrack.class, built.get(0).id()).block().genre());
  }

  record Longest(Long album, long id, int millis) {}

  /**
   * DISTINCT ON (issue #12): the longest track of each album on PostgreSQL; a clear error on H2.
   */
  @Test
  void distinctOnKeepsTheFirstRowPerKey() {
    java.util.function.Supplier<ResultQuery<Longest>> longestPerAlbum =
        () ->
            db().select(StoreTrack_.ALBUM_ID, StoreTrack_.ID, StoreTrack_.MILLIS)
                .from(StoreTrack.class)
                .where(StoreTrack_.ALBUM_ID.isNotNull())
                .distinctOn(StoreTrack_.ALBUM_ID)
                .orderBy(
                    StoreTrack_.ALBUM_ID.asc(), StoreTrack_.MILLIS.desc(), StoreTrack_.ID.asc())
                .into(Longest.class);
    if (kind != io.r2orm.r2dbc.test.TestDatabase.Kind.POSTGRES) {
      org.assertj.core.api.Assertions.assertThatThrownBy(
              () -> longestPerAlbum.get().all().collectList().block())
          .isInstanceOf(io.r2orm.core.exception.UnsupportedFeatureException.class)
          .hasMessageContaining("DISTINCT ON");
      return;
    }
    ResultQuery<Longest> longest = longestPerAlbum.get();
    List<Longest> hand =
        db().sql(
                "SELECT DISTINCT ON (album_id) album_id AS album, id, millis FROM store_track"
                    + " WHERE album_id IS NOT NULL ORDER BY album_id, millis DESC, id")
            .all(Longest.class)
            .collectList()
            .block();
    assertThat(rows(longest)).hasSizeGreaterThan(1).isEqualTo(hand);
  }

  /** UNION, UNION ALL, INTERSECT and EXCEPT (issue #12), compared with hand-written SQL. */
  @Test
  void setOperationsMatchHandWrittenSql() {
    ResultQuery<String> titles = db().select(StoreTrack_.TITLE).from(StoreTrack.class);
    ResultQuery<String> albums = db().select(StoreAlbum_.TITLE).from(StoreAlbum.class);
    ResultQuery<String> names = db().select(StoreArtist_.NAME).from(StoreArtist.class);
    List<String> union =
        rows(titles.union(albums).unionAll(names).orderBy(StoreTrack_.TITLE.asc()));
    assertThat(union)
        .hasSizeGreaterThan(3)
        .isEqualTo(
            db().sql(
                    "SELECT title FROM store_track UNION SELECT title FROM store_album"
                        + " UNION ALL SELECT name FROM store_artist ORDER BY 1")
                .all(String.class)
                .collectList()
                .block());
    assertThat(titles.union(albums).count().block())
        .isEqualTo(
            db().sql(
                    "SELECT COUNT(*) FROM (SELECT title FROM store_track"
                        + " UNION SELECT title FROM store_album) u")
                .one(Long.class)
                .block());
    List<String> both = rows(titles.intersect(albums).orderBy(StoreTrack_.TITLE.desc()));
    assertThat(both)
        .isEqualTo(
            db().sql(
                    "SELECT title FROM store_track INTERSECT SELECT title FROM store_album ORDER BY 1 DESC")
                .all(String.class)
                .collectList()
                .block());
    List<String> onlyTracks = rows(titles.except(albums).orderBy(StoreTrack_.TITLE.asc()).limit(3));
    assertThat(onlyTracks)
        .hasSize(3)
        .isEqualTo(
            db().sql(
                    "SELECT title FROM store_track EXCEPT SELECT title FROM store_album"
                        + " ORDER BY 1 LIMIT 3")
                .all(String.class)
                .collectList()
                .block());
  }
}
