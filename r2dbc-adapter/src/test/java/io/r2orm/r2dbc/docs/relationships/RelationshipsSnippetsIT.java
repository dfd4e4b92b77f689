package io.r2orm.r2dbc.docs.relationships;

import static io.r2orm.core.query.Functions.*;
import static org.assertj.core.api.Assertions.assertThat;

import io.r2dbc.pool.ConnectionPool;
import io.r2orm.core.query.Ref;
import io.r2orm.r2dbc.Database;
import io.r2orm.r2dbc.Row2;
import io.r2orm.r2dbc.StatementCounter;
import io.r2orm.r2dbc.test.DatabaseTest;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.MethodSource;
import reactor.core.publisher.Flux;

/**
 * The Java snippets of {@code docs/relationships.md}: the entities in this package as the page
 * shows them, the other blocks verbatim between {@code // relationships.md} markers, each run on H2
 * and PostgreSQL ({@code DocSnippetsTest} compares them with the page).
 */
@ParameterizedClass(name = "{0}")
@MethodSource("io.r2orm.r2dbc.test.DatabaseTest#databases")
class RelationshipsSnippetsIT extends DatabaseTest {
  private static final Duration WAIT = Duration.ofSeconds(20);

  private Artist ana;
  private Track first;
  private Genre rock;
  private Long jazzId;
  private Long bossId;
  private Long devId;

  @BeforeEach
  void data() {
    testDatabase().sql("DROP TABLE IF EXISTS track_genre", "DROP TABLE IF EXISTS track", "DROP TABLE IF EXISTS album",
        "DROP TABLE IF EXISTS artist_profile", "DROP TABLE IF EXISTS artist", "DROP TABLE IF EXISTS genre",
        "DROP TABLE IF EXISTS employee");
    Database db = db();
    db.schema().create(Artist.class, ArtistProfile.class, Album.class, Track.class, Genre.class, Employee.class)
        .block(WAIT);
    testDatabase().sql("CREATE TABLE track_genre (track_id BIGINT NOT NULL, genre_id BIGINT NOT NULL,"
        + " PRIMARY KEY (track_id, genre_id))");
    ana = db.insert(new Artist(null, "Ana", List.of(), Ref.none())).block(WAIT);
    db.insert(new Artist(null, "Bob", List.of(), Ref.none())).block(WAIT);
    db.insert(new ArtistProfile(null, "Lisbon", Ref.to(ana.id()))).block(WAIT);
    Album older = db.insert(new Album(null, "Early", 1990, Ref.to(ana.id()), List.of())).block(WAIT);
    Album newer = db.insert(new Album(null, "Late", 2001, Ref.to(ana.id()), List.of())).block(WAIT);
    first = db.insert(new Track(null, "One", Ref.to(older.id()), List.of(), List.of())).block(WAIT);
    db.insert(new Track(null, "Two", Ref.to(older.id()), List.of(), List.of())).block(WAIT);
    db.insert(new Track(null, "Three", Ref.to(newer.id()), List.of(), List.of())).block(WAIT);
    rock = db.insert(new Genre(null, "Rock")).block(WAIT);
    jazzId = db.insert(new Genre(null, "Jazz")).block(WAIT).id();
    Employee boss = db.insert(new Employee(null, "Boss", Ref.none(), List.of())).block(WAIT);
    Employee lead = db.insert(new Employee(null, "Lead", Ref.to(boss.id()), List.of())).block(WAIT);
    Employee dev = db.insert(new Employee(null, "Dev", Ref.to(lead.id()), List.of())).block(WAIT);
    bossId = boss.id();
    devId = dev.id();
  }

  @Test
  void linksAndNestedFetches() {
    Database db = db();
    Track track = first;
    // relationships.md
    db.link(Track_.GENRES, track, List.of(rock, jazzId));   // entities or ids; emits the rows added
    db.unlink(Track_.GENRES, track, List.of(jazzId));        // emits the rows removed
    // relationships.md: end
    assertThat(db.link(Track_.GENRES, track, List.of(rock, jazzId)).block(WAIT)).isEqualTo(2L);
    assertThat(db.link(Track_.GENRES, track, List.of(rock, jazzId)).block(WAIT)).as("idempotent").isZero();
    assertThat(db.unlink(Track_.GENRES, track, List.of(jazzId)).block(WAIT)).isEqualTo(1L);
    // relationships.md
    Flux<Artist> artists = db.select(Artist.class)
        .where(Artist_.NAME.startsWith("A"))
        .fetch(Artist_.PROFILE,
               Artist_.ALBUMS.then(Album_.TRACKS).then(Track_.GENRES))   // nested paths, typed
        .all();
    // relationships.md: end
    Artist loaded = artists.single().block(WAIT);
    assertThat(loaded.profile().get().bio()).isEqualTo("Lisbon");
    assertThat(loaded.albums()).extracting(Album::title).containsExactly("Late", "Early");   // year DESC
    Album early = loaded.albums().get(1);
    assertThat(early.tracks()).extracting(Track::title).containsExactly("One", "Two");
    assertThat(early.tracks().get(0).genres()).extracting(Genre::name).containsExactly("Rock");
  }

  @Test
  void statementCounts() {
    ConnectionPool pool = testDatabase().pool();
    // relationships.md
    StatementCounter counter = new StatementCounter();
    Database db = Database.builder(pool).listener(counter).build();
    counter.reset();
    db.select(Artist.class).fetch(Artist_.ALBUMS).all().blockLast();
    assertThat(counter.count()).isEqualTo(2);   // fewer artists than one window
    // relationships.md: end
  }

  @Test
  void keyColumnsAsFields() {
    Database db = db();
    // relationships.md
    Flux<Row2<Long, Long>> tracksPerAlbum = db.select(Track_.ALBUM_ID, count()).from(Track.class)
        .groupBy(Track_.ALBUM_ID).all();
    // relationships.md: end
    assertThat(tracksPerAlbum.map(Row2::v2).collectList().block(WAIT)).containsExactlyInAnyOrder(2L, 1L);
  }

  @Test
  void trees() {
    Database db = db();
    // relationships.md
    Flux<Employee> team = db.descendants(Employee_.MANAGER, Employee_.ID.eq(bossId));   // the boss and everyone below
    Flux<Employee> chain = db.ancestors(Employee_.MANAGER, Employee_.ID.eq(devId));     // the dev and every manager above
    // relationships.md: end
    assertThat(team.map(Employee::name).collectList().block(WAIT)).containsExactly("Boss", "Lead", "Dev");
    assertThat(chain.map(Employee::name).collectList().block(WAIT)).containsExactly("Dev", "Lead", "Boss");
  }
}
