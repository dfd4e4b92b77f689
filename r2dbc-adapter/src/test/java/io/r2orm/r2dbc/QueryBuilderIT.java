package io.r2orm.r2dbc;

import static io.r2orm.core.query.Functions.count;
import static io.r2orm.core.query.Functions.max;
import static io.r2orm.core.query.Functions.sum;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.r2orm.core.exception.MappingException;
import io.r2orm.core.exception.NonUniqueResultException;
import io.r2orm.core.query.Lock;
import io.r2orm.core.query.TableRef;
import io.r2orm.r2dbc.store.StoreAlbum;
import io.r2orm.r2dbc.store.StoreAlbum_;
import io.r2orm.r2dbc.store.StoreArtist;
import io.r2orm.r2dbc.store.StoreArtist_;
import io.r2orm.r2dbc.store.StoreData;
import io.r2orm.r2dbc.store.StoreEmployee;
import io.r2orm.r2dbc.store.StoreEmployee_;
import io.r2orm.r2dbc.store.StoreProfile;
import io.r2orm.r2dbc.store.StoreTrack;
import io.r2orm.r2dbc.store.StoreTrack.Genre;
import io.r2orm.r2dbc.store.StoreTrack_;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.MethodSource;
import reactor.core.Disposable;
import reactor.core.publisher.Mono;
import reactor.test.StepVerifier;

/**
 * Joins, aggregates, expressions, projections and subqueries, each checked against the same
 * question answered by hand-written SQL on the same data.
 */
@ParameterizedClass(name = "{0}")
@MethodSource("io.r2orm.r2dbc.test.DatabaseTest#databases")
class QueryBuilderIT extends StoreQueries {

  /** A row of the hand-written answers. */
  record NameCount(String name, long n) {}

  /** A row with a total. */
  record NameTotal(String name, BigDecimal total) {}

  @Test
  void relationJoinWithGroupByAndHavingMatchesHandWrittenSql() {
    List<NameCount> built =
        db().select(StoreArtist_.NAME, count())
            .from(StoreArtist.class)
            .join(StoreArtist_.ALBUMS)
            .join(StoreAlbum_.TRACKS)
            .groupBy(StoreArtist_.NAME)
            .having(count().gt(15L))
            .orderBy(StoreArtist_.NAME.asc())
            .into(NameCount.class)
            .all()
            .collectList()
            .block();
    List<NameCount> hand =
        db().sql(
                "SELECT ar.name, COUNT(*) AS n FROM store_artist ar "
                    + "JOIN store_album al ON al.artist_id = ar.id JOIN store_track t ON t.album_id = al.id "
                    + "GROUP BY ar.name HAVING COUNT(*) > 15 ORDER BY ar.name")
            .all(NameCount.class)
            .collectList()
            .block();
    assertThat(hand).isNotEmpty();
    assertThat(built).isEqualTo(hand);
  }

  @Test
  void sumOfPricesPerArtist() {
    List<NameTotal> built =
        db().select(StoreArtist_.NAME, sum(StoreTrack_.PRICE))
            .from(StoreArtist.class)
            .join(StoreArtist_.ALBUMS)
            .join(StoreAlbum_.TRACKS)
            .groupBy(StoreArtist_.NAME)
            .orderBy(StoreArtist_.NAME.asc())
            .into(NameTotal.class)
            .all()
            .collectList()
            .block();
    List<NameTotal> hand =
        db().sql(
                "SELECT ar.name, SUM(t.price) AS total FROM store_artist ar "
                    + "JOIN store_album al ON al.artist_id = ar.id JOIN store_track t ON t.album_id = al.id "
                    + "GROUP BY ar.name ORDER BY ar.name")
            .all(NameTotal.class)
            .collectList()
            .block();
    assertThat(built).hasSize(StoreData.ARTISTS - 1).isEqualTo(hand);
  }

  @Test
  void selfJoinWithAliases() {
    TableRef<StoreEmployee> e = TableRef.of(StoreEmployee.class, "e");
    TableRef<StoreEmployee> boss = TableRef.of(StoreEmployee.class, "boss");
    List<String> pairs =
        db().select(e.get(StoreEmployee_.NAME), boss.get(StoreEmployee_.NAME))
            .from(e)
            .leftJoin(StoreEmployee_.MANAGER, boss)
            .orderBy(e.get(StoreEmployee_.NAME).asc())
            .all()
            .map(t -> t.v1() + "<" + t.v2())
            .collectList()
            .block();
    assertThat(pairs).containsExactly("Ada<null", "Brian<Ada", "Chen<Ada", "Dana<Brian");
  }

  @Test
  void entitiesOfTwoTablesInOneRow() {
    var rows =
        db().select(TableRef.of(StoreAlbum.class), TableRef.of(StoreArtist.class))
            .join(StoreAlbum_.ARTIST)
            .where(StoreArtist_.COUNTRY.eq("FR"))
            .orderBy(StoreAlbum_.ID.asc())
            .all()
            .collectList()
            .block();
    assertThat(rows).hasSize(3);
    assertThat(rows).allSatisfy(r -> assertThat(r.v1().artist().id()).isEqualTo(r.v2().id()));
  }

  record Track5(Long id, String title, Genre genre, BigDecimal price, Integer millis) {}

  @Test
  void rowsOfTwoToFiveTypedValues() {
    Row5<Long, String, Genre, BigDecimal, Integer> five =
        db().select(
                StoreTrack_.ID,
                StoreTrack_.TITLE,
                StoreTrack_.GENRE,
                StoreTrack_.PRICE,
                StoreTrack_.MILLIS)
            .where(StoreTrack_.ID.eq(7L))
            .one()
            .block();
    Track5 hand =
        db().sql("SELECT id, title, genre, price, millis FROM store_track WHERE id = 7")
            .one(Track5.class)
            .block();
    assertThat(new Track5(five.v1(), five.v2(), five.v3(), five.v4(), five.v5())).isEqualTo(hand);
    assertThat(five.v3()).isInstanceOf(Genre.class);
    assertThat(five.v4()).isInstanceOf(BigDecimal.class).isEqualByComparingTo(hand.price());

    Row4<String, Integer, String, String> four =
        db().select(StoreAlbum_.TITLE, StoreAlbum_.YEAR, StoreArtist_.NAME, StoreArtist_.COUNTRY)
            .from(StoreAlbum.class)
            .join(StoreAlbum_.ARTIST)
            .where(StoreAlbum_.ID.eq(10L))
            .one()
            .block();
    assertThat(four)
        .isEqualTo(
            new Row4<>(
                "Album 10",
                null,
                value("SELECT name FROM store_artist WHERE id = 4", String.class),
                "FR"));

    Row3<String, Long, BigDecimal> three =
        db().select(StoreArtist_.NAME, count(), sum(StoreTrack_.PRICE))
            .from(StoreArtist.class)
            .join(StoreArtist_.ALBUMS)
            .join(StoreAlbum_.TRACKS)
            .where(StoreArtist_.ID.eq(1L))
            .groupBy(StoreArtist_.NAME)
            .one()
            .block();
    NameTotal total =
        db().sql(
                "SELECT ar.name, SUM(t.price) AS total FROM store_artist ar JOIN store_album al"
                    + " ON al.artist_id = ar.id JOIN store_track t ON t.album_id = al.id WHERE ar.id = 1 GROUP BY ar.name")
            .one(NameTotal.class)
            .block();
    assertThat(three.v1()).isEqualTo(total.name());
    assertThat(three.v2())
        .isEqualTo(
            value(
                "SELECT COUNT(*) FROM store_track t JOIN store_album al ON al.id = t.album_id"
                    + " WHERE al.artist_id = 1",
                Long.class));
    assertThat(three.v3()).isEqualTo(total.total());

    Row2<Long, StoreTrack.Genre> two =
        db().select(StoreTrack_.ID, StoreTrack_.GENRE).where(StoreTrack_.ID.eq(1L)).one().block();
    assertThat(two).isEqualTo(new Row2<>(1L, Genre.JAZZ));
  }

  @Test
  void anyNumberOfItemsAsArrays() {
    List<Object[]> built =
        rows(
            db().select(
                    List.of(
                        StoreTrack_.ID,
                        StoreTrack_.GENRE,
                        StoreTrack_.PRICE,
                        StoreTrack_.COMPOSER,
                        StoreTrack_.MILLIS,
                        StoreTrack_.TITLE))
                .where(StoreTrack_.ID.le(4L))
                .orderBy(StoreTrack_.ID.asc()));
    assertThat(built).hasSize(4);
    assertThat(built.get(3))
        .containsExactly(
            4L,
            Genre.ROCK,
            new BigDecimal("0.99"),
            null,
            value("SELECT millis FROM store_track WHERE id = 4", Integer.class),
            "Track 4");
  }

  /** A DTO class built by its public constructor. */
  public static final class TrackLine {
    final String title;
    final BigDecimal price;
    final Genre genre;

    public TrackLine(String title, BigDecimal price, Genre genre) {
      this.title = title;
      this.price = price;
      this.genre = genre;
    }

    List<Object> values() {
      return java.util.Arrays.asList(title, price, genre);
    }
  }

  record TrackValues(String title, BigDecimal price, Genre genre) {}

  @Test
  void intoAClassByItsConstructor() {
    List<TrackLine> built =
        rows(
            db().select(StoreTrack_.TITLE, StoreTrack_.PRICE, StoreTrack_.GENRE)
                .where(StoreTrack_.MILLIS.lt(150_000))
                .orderBy(StoreTrack_.ID.asc())
                .into(TrackLine.class));
    List<TrackValues> hand =
        sql(
            "SELECT title, price, genre FROM store_track WHERE millis < 150000 ORDER BY id",
            TrackValues.class);
    assertThat(built)
        .extracting(TrackLine::values)
        .isEqualTo(
            hand.stream()
                .map(h -> java.util.Arrays.<Object>asList(h.title(), h.price(), h.genre()))
                .toList());
  }

  record NameMillis(String name, long total) {}

  @Test
  void intoARecordWideningNumbers() {
    List<NameMillis> built =
        rows(
            db().select(StoreArtist_.NAME, sum(StoreTrack_.MILLIS))
                .from(StoreArtist.class)
                .join(StoreArtist_.ALBUMS)
                .join(StoreAlbum_.TRACKS)
                .groupBy(StoreArtist_.NAME)
                .orderBy(StoreArtist_.NAME.asc())
                .into(NameMillis.class));
    assertThat(built)
        .hasSize(11)
        .isEqualTo(
            sql(
                "SELECT ar.name, SUM(t.millis) AS total FROM store_artist ar"
                    + " JOIN store_album al ON al.artist_id = ar.id JOIN store_track t ON t.album_id = al.id"
                    + " GROUP BY ar.name ORDER BY ar.name",
                NameMillis.class));
  }

  record TitleYear(String title, int year) {}

  record YearTitle(Integer year, String title) {}

  @Test
  void intoARecordThatDoesNotFit() {
    assertThatThrownBy(() -> db().select(StoreAlbum_.TITLE, StoreAlbum_.YEAR).into(YearTitle.class))
        .isInstanceOf(MappingException.class)
        .hasMessageContaining("parameter 1 is Integer but selected item 1 is String");
    StepVerifier.create(
            db().select(StoreAlbum_.TITLE, StoreAlbum_.YEAR)
                .where(StoreAlbum_.YEAR.isNull())
                .into(TitleYear.class)
                .all())
        .expectErrorSatisfies(
            e ->
                assertThat(e)
                    .isInstanceOf(MappingException.class)
                    .hasMessage(
                        "Selected item 2 is NULL but parameter 2 of TitleYear is a primitive int;"
                            + " use a boxed type or coalesce(...)"))
        .verify(Duration.ofSeconds(10));
  }

  @Test
  void oneFirstAndCount() {
    assertThat(db().select(count()).from(StoreTrack.class).one().block())
        .isEqualTo(value("SELECT COUNT(*) FROM store_track", Long.class));
    StepVerifier.create(db().select(StoreArtist_.NAME).where(StoreArtist_.ID.eq(99L)).one())
        .verifyComplete();
    StepVerifier.create(db().select(StoreArtist_.NAME).one())
        .expectErrorSatisfies(
            e ->
                assertThat(e)
                    .isInstanceOf(NonUniqueResultException.class)
                    .hasMessageContaining("SELECT store_artist.name FROM store_artist"))
        .verify(Duration.ofSeconds(10));
    assertThat(db().select(StoreArtist_.NAME).orderBy(StoreArtist_.NAME.desc()).first().block())
        .isEqualTo(value("SELECT name FROM store_artist ORDER BY name DESC LIMIT 1", String.class));
    assertThat(
            db().select(StoreArtist_.ID).orderBy(StoreArtist_.ID.asc()).offset(3).first().block())
        .isEqualTo(4L);
    assertThat(db().select(StoreArtist_.ID).where(StoreArtist_.COUNTRY.eq("UK")).count().block())
        .isEqualTo(3L);
  }

  @Test
  void oneOfAQueryLimitedToOneRow() {
    assertThat(db().select(StoreArtist_.ID).orderBy(StoreArtist_.ID.desc()).limit(1).one().block())
        .isEqualTo(12L);
    StepVerifier.create(
            db().select(StoreArtist_.ID).orderBy(StoreArtist_.ID.asc()).limit(0).first())
        .verifyComplete();
  }

  @Test
  void pagesWithLimitAndOffset() {
    List<Long> all = new java.util.ArrayList<>();
    for (long offset = 0; offset < 40; offset += 7) {
      List<Long> page =
          rows(
              db().select(StoreTrack_.ID)
                  .where(StoreTrack_.GENRE.ne(Genre.POP))
                  .orderBy(StoreTrack_.MILLIS.desc(), StoreTrack_.ID.asc())
                  .limit(7)
                  .offset(offset));
      assertThat(page)
          .isEqualTo(
              sql(
                  "SELECT id FROM store_track WHERE genre <> 'POP' ORDER BY millis DESC, id"
                      + " LIMIT 7 OFFSET "
                      + offset,
                  Long.class));
      all.addAll(page);
    }
    assertThat(all).hasSize(42).doesNotHaveDuplicates();
  }

  @Test
  void rowsWhoseOnlyValueIsNullEmitNothingOnEveryDatabase() {
    assertThat(rows(db().select(StoreArtist_.COUNTRY).orderBy(StoreArtist_.ID.asc())))
        .containsExactly("UK", "US", "FR", "UK", "US", "DE", "UK", "US")
        .isEqualTo(
            sql(
                "SELECT country FROM store_artist WHERE country IS NOT NULL ORDER BY id",
                String.class));
    StepVerifier.create(db().select(StoreArtist_.COUNTRY).where(StoreArtist_.ID.eq(3L)).one())
        .verifyComplete();
    StepVerifier.create(db().select(max(StoreTrack_.MILLIS)).where(StoreTrack_.ID.lt(0L)).one())
        .verifyComplete();
    StepVerifier.create(
            db().select(TableRef.of(StoreProfile.class))
                .from(StoreArtist.class)
                .leftJoin(StoreArtist_.PROFILE)
                .where(StoreArtist_.ID.eq(3L))
                .first())
        .verifyComplete();
    assertThat(
            db().select(TableRef.of(StoreProfile.class))
                .from(StoreArtist.class)
                .leftJoin(StoreArtist_.PROFILE)
                .where(StoreArtist_.ID.eq(1L))
                .one()
                .block()
                .bio())
        .isEqualTo("Bio of artist 1");
  }

  @Test
  void toSqlShowsTheStatementWithoutRunningIt() {
    var q = db().select(StoreArtist_.NAME).where(StoreArtist_.COUNTRY.eq("UK")).limit(2);
    assertThat(q.toSql().sql())
        .isEqualTo(
            "SELECT store_artist.name FROM store_artist WHERE store_artist.country = $1 LIMIT $2");
    assertThat(q.toSql().binds()).extracting(b -> b.value()).containsExactly("UK", 2L);
    assertThat(q.toQuery().limit()).isEqualTo(2L);
  }

  @Test
  void aLockedJoinQueryHoldsItsRowsUntilTheTransactionEnds() throws InterruptedException {
    CountDownLatch locked = new CountDownLatch(1);
    CompletableFuture<Void> release = new CompletableFuture<>();
    Disposable holder =
        db().transaction(
                tx ->
                    tx.select(StoreTrack_.ID, StoreAlbum_.TITLE)
                        .from(StoreTrack.class)
                        .join(StoreTrack_.ALBUM)
                        .where(StoreTrack_.ID.eq(1L))
                        .lock(Lock.forUpdate())
                        .all()
                        .then(Mono.fromRunnable(locked::countDown))
                        .then(Mono.fromFuture(release)))
            .subscribe();
    try {
      assertThat(locked.await(10, TimeUnit.SECONDS)).as("track 1 locked").isTrue();
      List<Long> free =
          db().transaction(
                  tx ->
                      tx.select(StoreTrack_.ID)
                          .orderBy(StoreTrack_.ID.asc())
                          .limit(3)
                          .lock(Lock.forUpdate().skipLocked())
                          .all())
              .collectList()
              .block(Duration.ofSeconds(10));
      assertThat(free).containsExactly(2L, 3L, 4L);
    } finally {
      release.complete(null);
      Mono.delay(Duration.ofMillis(200)).block();
      holder.dispose();
    }
  }
}
