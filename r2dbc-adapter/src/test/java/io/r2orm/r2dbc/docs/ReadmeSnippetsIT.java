package io.r2orm.r2dbc.docs;

import static io.r2orm.core.query.Functions.*;
import static org.assertj.core.api.Assertions.assertThat;

import io.r2dbc.pool.ConnectionPool;
import io.r2dbc.pool.ConnectionPoolConfiguration;
import io.r2dbc.spi.ConnectionFactories;
import io.r2orm.core.query.Ref;
import io.r2orm.core.query.TableRef;
import io.r2orm.core.sql.SqlStatement;
import io.r2orm.r2dbc.Database;
import io.r2orm.r2dbc.KeysetPage;
import io.r2orm.r2dbc.Row2;
import io.r2orm.r2dbc.test.DatabaseTest;
import io.r2orm.r2dbc.test.TestDatabase;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.MethodSource;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * The README's Java snippets, verbatim (issue #14: every snippet compiles and runs): the lines
 * between {@code // README:} markers are the README's blocks, which {@link DocSnippetsTest}
 * compares with the README; each is then run here on H2 and PostgreSQL and its results checked.
 */
@ParameterizedClass(name = "{0}")
@MethodSource("io.r2orm.r2dbc.test.DatabaseTest#databases")
class ReadmeSnippetsIT extends DatabaseTest {
  private static final Duration WAIT = Duration.ofSeconds(20);

  @BeforeEach
  void schema() {
    createSchema(testDatabase(), Artist.class, Album.class, Playlist.class, Track.class, Employee.class, Product.class);
  }

  /** Drops the docs' tables, creates those of {@code entities} and the playlist_track link table. */
  static void createSchema(TestDatabase database, Class<?>... entities) {
    database.sql("DROP TABLE IF EXISTS playlist_track", "DROP TABLE IF EXISTS track", "DROP TABLE IF EXISTS album",
        "DROP TABLE IF EXISTS artist", "DROP TABLE IF EXISTS playlist", "DROP TABLE IF EXISTS employee",
        "DROP TABLE IF EXISTS product", "DROP TABLE IF EXISTS book", "DROP TABLE IF EXISTS country",
        "DROP TABLE IF EXISTS track_archive", "DROP TABLE IF EXISTS job", "DROP TABLE IF EXISTS film");
    database.db().schema().create(entities).block(WAIT);
    database.sql("CREATE TABLE playlist_track (playlist_id BIGINT NOT NULL, track_id BIGINT NOT NULL,"
        + " PRIMARY KEY (playlist_id, track_id))");
  }

  /** The README's connection lines, run against the PostgreSQL URL they name. */
  @Test
  void connecting() {
    Assumptions.assumeTrue(kind == TestDatabase.Kind.POSTGRES, "the README's URL is PostgreSQL's");
    // README: connect
    ConnectionPool pool = new ConnectionPool(ConnectionPoolConfiguration.builder(
        ConnectionFactories.get("r2dbc:postgresql://postgres@localhost/test")).build());
    Database db = Database.create(pool);                          // dialect detected from the driver
    // README: end
    try {
      assertThat(db.sql("SELECT 1 AS one").all(Integer.class).blockFirst(WAIT)).isEqualTo(1);
    } finally {
      pool.disposeLater().block(WAIT);
    }
  }

  @Test
  void theQuickStart() {
    Database db = db();
    List<Book> books = List.of(new Book(null, "Dune Messiah", 1969, 3L, new Shelf("A", 1), 0),
        new Book(null, "Children of Dune", 1976, 3L, null, 0));
    List<Long> ids = List.of(3L, 4L);
    // README: quick start
    db.schema().create(Book.class).block();                       // CREATE TABLE IF NOT EXISTS (not a migration tool)

    Mono<Book> saved = db.insert(new Book(null, "Dune", 1965, null, null, 0));  // id and version 1 filled in
    Flux<Book> stored = db.insertAll(books);                      // one statement per 1000 rows, keys in input order

    Flux<Book> sixties = db.select(Book.class)
        .where(Book_.TITLE.startsWith("Dune").and(Book_.YEAR.between(1960, 1969)))
        .orderBy(Book_.YEAR.desc().nullsLast(), Book_.TITLE.asc())
        .limit(20)
        .all();                                                   // streams with backpressure

    Mono<Long> n = db.select(Book.class).where(Book_.AUTHOR_ID.in(ids)).count();
    Mono<Boolean> any = db.select(Book.class).where(Book_.YEAR.isNull()).exists();
    Mono<Book> one = db.findById(Book.class, 42L);
    // README: end
    Book book = saved.block(WAIT);
    assertThat(book.id()).isNotNull();
    assertThat(book.version()).isEqualTo(1);
    assertThat(stored.map(Book::title).collectList().block(WAIT)).containsExactly("Dune Messiah", "Children of Dune");
    assertThat(sixties.map(Book::title).collectList().block(WAIT)).containsExactly("Dune Messiah", "Dune");
    assertThat(n.block(WAIT)).isEqualTo(2L);
    assertThat(any.block(WAIT)).isFalse();
    assertThat(one.blockOptional(WAIT)).isEmpty();
    // README: writes
    Mono<Book> updated = db.update(book.withTitle("Dune Messiah")); // checks the version, stores version + 1
    Mono<Book> savedOrUpdated = db.save(book);                     // insert or update; see docs/mapping.md
    Mono<Long> changed = db.update(Book.class).set(Book_.AUTHOR_ID, 7L).where(Book_.AUTHOR_ID.eq(3L)).execute();
    Mono<Long> removed = db.delete(Book.class).where(Book_.YEAR.lt(1900)).execute();

    SqlStatement sql = db.select(Book.class).where(Book_.TITLE.eq("Dune")).toSql();
    // SELECT id, title, "year", author_id, shelf_room, shelf_number, version FROM book WHERE title = $1
    // README: end
    assertThat(updated.block(WAIT).version()).isEqualTo(2);
    assertThat(savedOrUpdated.map(b -> "saved").onErrorReturn("stale").block(WAIT))
        .as("book still holds version 1, which the update above moved on").isEqualTo("stale");
    assertThat(changed.block(WAIT)).isEqualTo(2L);
    assertThat(removed.block(WAIT)).isZero();
    assertThat(sql.sql()).startsWith("SELECT id, title, \"year\", author_id, shelf_room, shelf_number, version FROM book");
  }

  @Test
  void relations() {
    Database db = db();
    seedMusic(db);
    // README: relations use
    Flux<Album> albums = db.select(Album.class)
        .fetch(Album_.ARTIST,                                            // to-one
               Album_.TRACKS.orderBy(Track_.MILLIS.desc()).limit(3)      // top 3 tracks per album
                   .then(Track_.PLAYLISTS))                              // nested many-to-many
        .all();                                  // 1 + 3 statements per window of 256 albums
    albums.map(a -> a.artist().get().name());    // fetched; a.artist().id() is always there

    Flux<Album> renamed = db.transaction(tx -> tx.select(Album.class).fetch(Album_.TRACKS).all()
        .concatMap(a -> tx.update(a.withTitle(a.title().trim()))));  // one connection, commit or rollback;
                                                                     // a cursor on PostgreSQL keeps it safe
    // README: end
    List<Album> loaded = albums.collectList().block(WAIT);
    assertThat(loaded).extracting(a -> a.artist().get().name()).containsOnly("Miles");
    Album first = loaded.stream().filter(a -> a.title().equals(" Kind of Blue ")).findFirst().orElseThrow();
    assertThat(first.tracks()).extracting(Track::title).containsExactly("So What", "Blue in Green", "Freddie");
    assertThat(first.tracks().get(0).playlists()).extracting(Playlist::name).containsExactly("Evening");
    assertThat(renamed.map(Album::title).collectList().block(WAIT)).contains("Kind of Blue");
  }

  @Test
  void queries() {
    Database db = db();
    seedMusic(db);
    var request = new Object() {
      String after() {
        return null;
      }
    };
    List<Product> products = List.of(new Product(null, "sku-1", "Pick", new BigDecimal("1.00"), 0));
    // README: queries
    record ArtistStats(String name, long tracks, BigDecimal revenue) {}

    Flux<ArtistStats> stats = db.select(Artist_.NAME, count(), sum(Track_.PRICE))
        .from(Artist.class).join(Artist_.ALBUMS).join(Album_.TRACKS)      // ON clauses from the mapping
        .groupBy(Artist_.NAME).having(count().gt(3L))
        .orderBy(sum(Track_.PRICE).desc())
        .into(ArtistStats.class)                                          // or Row2/Row3… tuples
        .all();

    TableRef<Employee> e = TableRef.of(Employee.class, "e"), boss = TableRef.of(Employee.class, "boss");
    Flux<Row2<String, String>> reporting = db.select(e.get(Employee_.NAME), boss.get(Employee_.NAME))
        .from(e).leftJoin(Employee_.MANAGER, boss).all();                 // self-join; null boss at the top

    Mono<KeysetPage<Artist>> page = db.select(Artist.class).orderBy(Artist_.NAME.asc())
        .page(20, request.after());                                       // keyset: items + opaque next page token
    Flux<Artist> all = db.select(Artist.class).pages(500).flatMapIterable(KeysetPage::items);  // walk, a query per page

    Flux<Product> stored = db.upsertInto(Product.class).onConflict(Product_.SKU)
        .all(products);                          // ON CONFLICT / MERGE, batched; a stale @Version is refused
    Mono<Long> raised = db.update(Track.class).set(Track_.PRICE, Track_.PRICE.times(new BigDecimal("1.1")))
        .where(Track_.GENRE.eq(Genre.JAZZ)).execute();
    // README: end
    ArtistStats miles = stats.blockFirst(WAIT);
    assertThat(miles.name()).isEqualTo("Miles");
    assertThat(miles.tracks()).isEqualTo(5L);
    assertThat(miles.revenue()).isEqualByComparingTo("5.00");
    assertThat(reporting.map(r -> r.v1() + "/" + r.v2()).collectList().block(WAIT))
        .containsExactlyInAnyOrder("Ada/null", "Bo/Ada");
    assertThat(page.block(WAIT).items()).extracting(Artist::name).containsExactly("Miles", "Nina");
    assertThat(all.count().block(WAIT)).isEqualTo(2L);
    assertThat(stored.single().block(WAIT).id()).isNotNull();
    assertThat(raised.block(WAIT)).isEqualTo(5L);
  }

  /** Two artists; Miles with two albums and five jazz tracks, one track on a playlist; two employees. */
  static void seedMusic(Database db) {
    Artist miles = db.insert(new Artist(null, "Miles", "US", List.of())).block(WAIT);
    db.insert(new Artist(null, "Nina", "US", List.of())).block(WAIT);
    Album kind = db.insert(new Album(null, " Kind of Blue ", 1959, Ref.to(miles.id()), List.of())).block(WAIT);
    Album other = db.insert(new Album(null, "Sketches", 1960, Ref.to(miles.id()), List.of())).block(WAIT);
    List<Track> tracks = db.insertAll(List.of(
        track("So What", 562_000, kind), track("Freddie", 296_000, kind), track("Blue in Green", 337_000, kind),
        track("All Blues", 69_000, kind), track("Saeta", 306_000, other))).collectList().block(WAIT);
    Playlist evening = db.insert(new Playlist(null, "Evening")).block(WAIT);
    db.sql("INSERT INTO playlist_track (playlist_id, track_id) VALUES (:p, :t)").bind("p", evening.id())
        .bind("t", tracks.get(0).id()).execute().block(WAIT);
    Employee ada = db.insert(new Employee(null, "Ada", null)).block(WAIT);
    db.insert(new Employee(null, "Bo", Ref.to(ada.id()))).block(WAIT);
  }

  private static Track track(String title, int millis, Album album) {
    return new Track(null, title, millis, new BigDecimal("1.00"), Genre.JAZZ, Ref.to(album.id()), List.of());
  }
}
