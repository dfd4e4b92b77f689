package io.r2orm.r2dbc.docs;

import static io.r2orm.core.query.Functions.*;
import static org.assertj.core.api.Assertions.assertThat;

import io.r2orm.core.query.CommonTable;
import io.r2orm.core.query.Lock;
import io.r2orm.core.query.Subquery;
import io.r2orm.core.query.TableRef;
import io.r2orm.core.query.WindowCall.Window;
import io.r2orm.r2dbc.Database;
import io.r2orm.r2dbc.KeysetPage;
import io.r2orm.r2dbc.Row2;
import io.r2orm.r2dbc.Row3;
import io.r2orm.r2dbc.SelectQuery;
import io.r2orm.r2dbc.test.DatabaseTest;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.MethodSource;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * The Java snippets of {@code docs/querying.md}, verbatim between {@code // querying.md} markers
 * ({@link DocSnippetsTest} compares them with the page), each run on H2 and PostgreSQL and its
 * result checked.
 */
@ParameterizedClass(name = "{0}")
@MethodSource("io.r2orm.r2dbc.test.DatabaseTest#databases")
class QueryingSnippetsIT extends DatabaseTest {
  private static final Duration WAIT = Duration.ofSeconds(20);

  @BeforeEach
  void schema() {
    ReadmeSnippetsIT.createSchema(testDatabase(), Artist.class, Album.class, Playlist.class, Track.class, Employee.class,
        Product.class, Book.class, Country.class, TrackArchive.class, Job.class, Film.class);
    ReadmeSnippetsIT.seedMusic(db());
  }

  @Test
  void arrays() {
    Database db = db();
    db.insertAll(List.of(new Film(null, "Alien", List.of("Trailers", "Commentaries")),
        new Film(null, "Babe", List.of("Trailers")), new Film(null, "Heat", List.of("Deleted Scenes")))).blockLast(WAIT);
    Flux<Film> films =
    // querying.md
    db.select(Film.class).where(Film_.SPECIAL_FEATURES.has("Trailers")
        .and(Film_.SPECIAL_FEATURES.overlaps("Commentaries", "Deleted Scenes")))
    // querying.md: end
        .all();
    assertThat(films.map(Film::title).collectList().block(WAIT)).containsExactly("Alien");
  }

  @Test
  void keysetPages() {
    Database db = db();
    db.insertAll(IntStream.range(0, 45).mapToObj(i -> new Artist(null, "uk-" + (100 + i), "UK", List.of())).toList())
        .blockLast(WAIT);
    String savedToken = null;
    // querying.md
    SelectQuery<Artist> byName = db.select(Artist.class).where(Artist_.COUNTRY.eq("UK")).orderBy(Artist_.NAME.asc());

    Mono<KeysetPage<Artist>> first = byName.page(20);                 // KeysetPage(items, next)
    Mono<KeysetPage<Artist>> second = byName.page(20, first.block().next());  // next == null on the last page

    Flux<Artist> everyone = byName.pages(500).flatMapIterable(KeysetPage::items);   // walks the whole table
    Flux<KeysetPage<Artist>> resumed = byName.pages(500, savedToken);              // …or from a page token
    // querying.md: end
    KeysetPage<Artist> page2 = second.block(WAIT);
    assertThat(page2.items()).extracting(Artist::name).first().isEqualTo("uk-120");
    assertThat(page2.hasNext()).isTrue();
    assertThat(everyone.count().block(WAIT)).isEqualTo(45L);
    assertThat(resumed.count().block(WAIT)).isEqualTo(1L);
  }

  @Test
  void aggregates() {
    Database db = db();
    // querying.md
    record ArtistStats(String name, long tracks, BigDecimal revenue) {}

    Flux<ArtistStats> stats = db.select(Artist_.NAME, count(), sum(Track_.PRICE))
        .from(Artist.class)
        .join(Artist_.ALBUMS)                 // ON album.artist_id = artist.id, from the mapping
        .join(Album_.TRACKS)
        .where(Track_.GENRE.in(Genre.ROCK, Genre.JAZZ))
        .groupBy(Artist_.NAME)
        .having(count().gt(3L))
        .orderBy(sum(Track_.PRICE).desc())
        .into(ArtistStats.class)              // canonical constructor, checked now
        .all();
    // SELECT artist.name, COUNT(*), SUM(track.price) FROM artist JOIN album ON album.artist_id = artist.id
    //   JOIN track ON track.album_id = album.id WHERE track.genre = ANY($1) GROUP BY artist.name
    //   HAVING COUNT(*) > $2 ORDER BY SUM(track.price) DESC
    // querying.md: end
    assertThat(stats.collectList().block(WAIT)).singleElement()
        .satisfies(s -> assertThat(s.name()).isEqualTo("Miles"))
        .satisfies(s -> assertThat(s.tracks()).isEqualTo(5L));
  }

  @Test
  void windows() {
    Database db = db();
    // querying.md
    Window perAlbum = Window.partitionBy(Track_.ALBUM_ID).thenOrderBy(Track_.MILLIS.desc());
    Flux<Row3<String, Long, Integer>> ranked = db.select(Track_.TITLE, rowNumber().over(perAlbum),
            lag(Track_.MILLIS).over(perAlbum))
        .from(Track.class).all();   // the longest track of each album is number 1; LAG is the next longer one's length
    // querying.md: end
    List<Row3<String, Long, Integer>> rows = ranked.collectList().block(WAIT);
    assertThat(rows).filteredOn(r -> r.v2() == 1L).extracting(Row3::v1).containsExactlyInAnyOrder("So What", "Saeta");
    assertThat(rows).filteredOn(r -> r.v1().equals("Blue in Green")).extracting(Row3::v3).containsExactly(562_000);
  }

  @Test
  void commonTables() {
    Database db = db();
    // querying.md
    CommonTable<Track> longTracks = CommonTable.of("long_tracks", Track.class,
        Subquery.select(TableRef.of(Track.class)).from(Track.class).where(Track_.MILLIS.gt(300_000)));
    TableRef<Track> t = longTracks.table();
    Flux<Row2<String, String>> rows = db.select(Album_.TITLE, t.get(Track_.TITLE))
        .with(longTracks)
        .from(Album.class)
        .join(Album_.TRACKS, t)             // JOIN long_tracks ON long_tracks.album_id = album.id
        .all();
    // WITH long_tracks AS (SELECT track.id, … FROM track WHERE track.millis > $1)
    //   SELECT album.title, long_tracks.title FROM album JOIN long_tracks ON …
    // querying.md: end
    List<AlbumTrack> read = rows.map(r -> new AlbumTrack(r.v1(), r.v2())).collectList().block(WAIT);
    List<AlbumTrack> hand = db.sql("SELECT a.title AS album, t.title AS track FROM album a"
        + " JOIN track t ON t.album_id = a.id WHERE t.millis > 300000").all(AlbumTrack.class).collectList().block(WAIT);
    assertThat(read).isNotEmpty().containsExactlyInAnyOrderElementsOf(hand);
  }

  record AlbumTrack(String album, String track) {}

  @Test
  void writesWithSubqueries() {
    Database db = db();
    // querying.md
    Mono<Long> raised = db.update(Track.class)
        .set(Track_.PRICE, Track_.PRICE.times(new BigDecimal("1.10")))       // price = (price * $1)
        .where(Track_.ALBUM.idIn(Subquery.select(Album_.ID).from(Album.class).where(Album_.YEAR.lt(1970))))
        .execute();

    Mono<Long> copied = db.insertInto(TrackArchive.class)
        .columns(TrackArchive_.TITLE, TrackArchive_.MILLIS)
        .select(db.select(Track_.TITLE, Track_.MILLIS).where(Track_.MILLIS.gt(600_000)));  // INSERT … SELECT
    // querying.md: end
    assertThat(raised.block(WAIT)).isEqualTo(5L);
    assertThat(copied.block(WAIT)).isZero();
    db.update(Track.class).set(Track_.MILLIS, 700_000).where(Track_.TITLE.eq("Saeta")).execute().block(WAIT);
    assertThat(copied.block(WAIT)).isEqualTo(1L);
  }

  @Test
  void upserts() {
    Database db = db();
    List<Product> products = List.of(new Product(null, "sku-1", "Pick", new BigDecimal("1.00"), 0),
        new Product(null, "sku-2", "Strings", new BigDecimal("9.00"), 0));
    // querying.md
    Mono<Country> stored = db.upsert(new Country("fr", "France"));           // on the id
    Flux<Product> all = db.upsertInto(Product.class)
        .onConflict(Product_.SKU)                                            // a unique key
        .all(products);                                                      // batched, input order
    // querying.md: end
    assertThat(stored.block(WAIT).name()).isEqualTo("France");
    assertThat(all.map(Product::sku).collectList().block(WAIT)).containsExactly("sku-1", "sku-2");
  }

  @Test
  void upsertVariants() {
    Database db = db();
    db.insert(new Product(null, "sku-1", "Pick", new BigDecimal("1.00"), 0)).block(WAIT);
    List<Product> products = List.of(new Product(null, "sku-1", "Renamed", new BigDecimal("2.00"), 1),
        new Product(null, "sku-2", "Strings", new BigDecimal("9.00"), 0));
    // querying.md
    Flux<Product> priced = db.upsertInto(Product.class).onConflict(Product_.SKU)
        .doUpdate(Product_.PRICE)                                            // only the price (and the version)
        .all(products);
    Flux<Product> added = db.upsertInto(Product.class).onConflict(Product_.SKU)
        .doNothing()                                                         // insert-or-ignore
        .all(products);                                                      // emits only the rows inserted
    // querying.md: end
    assertThat(priced.collectList().block(WAIT)).extracting(Product::sku, Product::name)
        .containsExactly(org.assertj.core.groups.Tuple.tuple("sku-1", "Pick"),
            org.assertj.core.groups.Tuple.tuple("sku-2", "Strings"));
    assertThat(added.collectList().block(WAIT)).isEmpty();
  }

  @Test
  void updatesAndDeletes() {
    Database db = db();
    db.insertAll(List.of(new Book(null, "Old", 1850, 3L, null, 0), new Book(null, "New", 1990, 3L, null, 0)))
        .blockLast(WAIT);
    // querying.md
    Mono<Long> changed = db.update(Book.class).set(Book_.AUTHOR_ID, 7L).where(Book_.AUTHOR_ID.eq(3L)).execute();
    Mono<Long> removed = db.delete(Book.class).where(Book_.YEAR.lt(1900)).execute();
    Mono<Long> everything = db.delete(Book.class).all();
    // querying.md: end
    assertThat(changed.block(WAIT)).isEqualTo(2L);
    assertThat(removed.block(WAIT)).isEqualTo(1L);
    assertThat(everything.block(WAIT)).isEqualTo(1L);
  }

  @Test
  void returning() {
    Database db = db();
    db.insertAll(List.of(new Book(null, "Old", 1850, 3L, null, 0), new Book(null, "New", 1990, 3L, null, 0)))
        .blockLast(WAIT);
    // querying.md
    Flux<Book> renamed = db.update(Book.class).set(Book_.TITLE, upper(Book_.TITLE)).where(Book_.YEAR.lt(1900)).returning();
    Flux<Book> gone = db.delete(Book.class).where(Book_.YEAR.lt(1900)).returning();
    // querying.md: end
    assertThat(renamed.map(Book::title).collectList().block(WAIT)).containsExactly("OLD");
    assertThat(gone.map(Book::title).collectList().block(WAIT)).containsExactly("OLD");
  }

  @Test
  void aWorkQueue() {
    Database db = db();
    db.insertAll(IntStream.range(0, 12).mapToObj(i -> new Job(null, "new", 0)).toList()).blockLast(WAIT);
    Flux<Job> taken =
    // querying.md
    db.transaction(tx -> tx.select(Job.class).where(Job_.STATE.eq("new")).orderBy(Job_.ID.asc()).limit(10)
        .lock(Lock.forUpdate().skipLocked())          // a work queue: other workers skip these rows
        .all()
        .concatMap(job -> tx.update(job.started())));
    // querying.md: end
    assertThat(taken.map(Job::state).collectList().block(WAIT)).hasSize(10).containsOnly("started");
    assertThat(db.select(Job.class).where(Job_.STATE.eq("new")).count().block(WAIT)).isEqualTo(2L);
  }

  @Test
  void rawSql() {
    Database db = db();
    db.insertAll(List.of(new Book(null, "A", 1965, 7L, null, 0), new Book(null, "B", 1970, 7L, null, 0),
        new Book(null, "C", 1950, 8L, null, 0))).blockLast(WAIT);
    List<Long> ids = db.select(Book.class).orderBy(Book_.ID.asc()).all().map(Book::id).collectList().block(WAIT);
    // querying.md
    record AuthorCount(Long authorId, long books) {}

    Flux<AuthorCount> counts = db.sql("SELECT author_id, COUNT(*) AS books FROM book WHERE \"year\" >= :from GROUP BY author_id")
        .bind("from", 1960)                        // "year" quoted: a reserved word on H2
        .all(AuthorCount.class);                   // a record: components by column name (snake case)
    Flux<Book> books = db.sql("SELECT * FROM book WHERE id = ANY(:ids)").bind("ids", List.of(1L, 2L)).all(Book.class);
    Mono<Long> changed = db.sql("UPDATE book SET version = version + 1 WHERE author_id = :a").bind("a", 7L).execute();
    // querying.md: end
    assertThat(counts.collectList().block(WAIT)).containsExactly(new AuthorCount(7L, 2L));
    assertThat(books.count().block(WAIT)).isEqualTo(ids.stream().filter(id -> id <= 2L).count());
    assertThat(changed.block(WAIT)).isEqualTo(2L);
  }
}
