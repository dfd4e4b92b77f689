package io.r2orm.r2dbc.docs.repositories;

import static org.assertj.core.api.Assertions.assertThat;

import io.r2orm.core.query.Ref;
import io.r2orm.r2dbc.Database;
import io.r2orm.r2dbc.repository.Repositories;
import io.r2orm.r2dbc.test.DatabaseTest;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The Java snippets of {@code docs/repositories.md}: {@link BookRepository}, {@link
 * FullBookRepository} and {@link TrackRepository} hold them verbatim, and every method runs here on
 * H2 and PostgreSQL ({@code DocSnippetsTest} compares them with the page).
 */
@ParameterizedClass(name = "{0}")
@MethodSource("io.r2orm.r2dbc.test.DatabaseTest#databases")
class RepositoriesSnippetsIT extends DatabaseTest {
  private static final Duration WAIT = Duration.ofSeconds(20);

  private Author frank;
  private Book dune;

  @BeforeEach
  void data() {
    testDatabase().sql("DROP TABLE IF EXISTS track_genre", "DROP TABLE IF EXISTS track", "DROP TABLE IF EXISTS album",
        "DROP TABLE IF EXISTS artist", "DROP TABLE IF EXISTS genre", "DROP TABLE IF EXISTS book",
        "DROP TABLE IF EXISTS author");
    Database db = db();
    db.schema().create(Author.class, Book.class, Artist.class, Album.class, Genre.class, Track.class).block(WAIT);
    testDatabase().sql("CREATE TABLE track_genre (track_id BIGINT NOT NULL, genre_id BIGINT NOT NULL,"
        + " PRIMARY KEY (track_id, genre_id))");
    frank = db.insert(new Author(null, "Frank")).block(WAIT);
    dune = db.insert(new Book(null, "Dune", 1965, Ref.to(frank.id()), 0)).block(WAIT);
    db.insert(new Book(null, "Dune Messiah", 1969, Ref.to(frank.id()), 0)).block(WAIT);
    db.insert(new Book(null, "Old Tales", 1850, Ref.none(), 0)).block(WAIT);
  }

  @Test
  void derivedMethods() {
    Database db = db();
    // repositories.md
    BookRepository books = Repositories.create(db, BookRepository.class);   // once; immutable and thread-safe
    // repositories.md: end
    assertThat(books.findByTitleContainingIgnoreCase("DUNE").count().block(WAIT)).isEqualTo(2L);
    assertThat(books.findByYearBetweenOrderByTitleAsc(1960, 1970).map(Book::title).collectList().block(WAIT))
        .containsExactly("Dune", "Dune Messiah");
    assertThat(books.findFirst10ByAuthorIdOrderByYearDesc(frank.id()).map(Book::year).collectList().block(WAIT))
        .containsExactly(1969, 1965);
    assertThat(books.findByTitle("Dune").block(WAIT).id()).isEqualTo(dune.id());
    assertThat(books.countByAuthorId(frank.id()).block(WAIT)).isEqualTo(2L);
    assertThat(books.existsByTitle("Nope").block(WAIT)).isFalse();
    assertThat(books.deleteByYearLessThan(1900).block(WAIT)).isEqualTo(1L);
  }

  @Test
  void sqlFetchPlansAndDefaultMethods() {
    FullBookRepository books = Repositories.create(db(), FullBookRepository.class);
    assertThat(books.byTitle("Dune").block(WAIT).year()).isEqualTo(1965);
    assertThat(books.counts(List.of(dune.id())).collectList().block(WAIT))
        .containsExactly(new FullBookRepository.AuthorCount(frank.id(), 1L));
    assertThat(books.setYear(dune.id(), 1966).block(WAIT)).isEqualTo(1L);
    assertThat(books.findById(dune.id()).block(WAIT).author().get().name()).isEqualTo("Frank");
    assertThat(books.recentBy(frank.id()).map(Book::title).collectList().block(WAIT))
        .containsExactly("Dune Messiah", "Dune");
  }

  @Test
  void aFetchPlanOnADerivedQuery() {
    Database db = db();
    Artist miles = db.insert(new Artist(null, "Miles")).block(WAIT);
    Album kind = db.insert(new Album(null, "Kind of Blue", Ref.to(miles.id()))).block(WAIT);
    Track track = db.insert(new Track(null, "So What", 562_000, Ref.to(kind.id()), List.of())).block(WAIT);
    Genre jazz = db.insert(new Genre(null, "Jazz")).block(WAIT);
    db.link(Track_.GENRES, track, List.of(jazz)).block(WAIT);
    TrackRepository tracks = Repositories.create(db, TrackRepository.class);
    Track loaded = tracks.findByMillisGreaterThan(500_000).single().block(WAIT);
    assertThat(loaded.album().get().artist().get().name()).isEqualTo("Miles");
    assertThat(loaded.genres()).extracting(Genre::name).containsExactly("Jazz");
  }
}
