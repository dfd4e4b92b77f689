package io.r2orm.r2dbc.repository;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.r2orm.core.exception.UnloadedRelationException;
import io.r2orm.r2dbc.Database;
import io.r2orm.r2dbc.StatementCounter;
import io.r2orm.r2dbc.music.Album;
import io.r2orm.r2dbc.music.Album_;
import io.r2orm.r2dbc.music.Artist;
import io.r2orm.r2dbc.music.ArtistProfile;
import io.r2orm.r2dbc.music.Genre;
import io.r2orm.r2dbc.music.Track;
import io.r2orm.r2dbc.music.Track_;
import io.r2orm.r2dbc.test.DatabaseTest;
import java.util.Collection;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.MethodSource;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.test.StepVerifier;

/** Fetch plans on repository methods, loaded in batches: statement counts asserted. */
@ParameterizedClass(name = "{0}")
@MethodSource("io.r2orm.r2dbc.test.DatabaseTest#databases")
class RepositoryFetchIT extends DatabaseTest {

  interface TrackRepository extends ReactiveRepository<Track, Long> {
    @FetchRelations({"album", "album.artist", "genres"})
    Flux<Track> findByMillisGreaterThanOrderByIdAsc(int millis);

    Flux<Track> findByMillisLessThan(int millis);

    @FetchRelations("album.artist")
    Mono<Track> findById(Long id);

    @FetchRelations("genreIds")
    Flux<Track> findAll(Sort sort);

    @Query("SELECT * FROM track WHERE title = ANY(:titles) ORDER BY id")
    @FetchRelations("album")
    Flux<Track> byTitles(List<String> titles);

    @Query("SELECT * FROM track WHERE id = :id")
    @FetchRelations("genres")
    Mono<Track> byId(long id);
  }

  interface ArtistRepository extends ReactiveRepository<Artist, Long> {
    @FetchRelations({"albums.tracks", "profile"})
    Flux<Artist> findByNameInOrderByIdAsc(Collection<String> names);

    @FetchRelations("albums")
    Mono<Page<Artist>> findByIdGreaterThan(long id, PageRequest page);
  }

  interface AlbumRepository extends ReactiveRepository<Album, Long> {
    Flux<Album> findByArtistIdOrderByIdAsc(Long artistId);

    Flux<Album> findByArtistInOrderByIdAsc(List<Long> artistIds);

    Mono<Long> countByArtist(Long artistId);
  }

  private final StatementCounter counter = new StatementCounter();
  private Database db;
  private TrackRepository tracks;

  @BeforeEach
  void fixture() {
    Database plain = db();
    plain
        .schema()
        .drop(Track.class, Album.class, ArtistProfile.class, Artist.class, Genre.class)
        .block();
    testDatabase().sql("DROP TABLE IF EXISTS track_genre");
    plain
        .schema()
        .create(Artist.class, ArtistProfile.class, Album.class, Track.class, Genre.class)
        .block();
    testDatabase()
        .sql(
            "CREATE TABLE track_genre (track_id BIGINT NOT NULL, genre_id BIGINT NOT NULL, PRIMARY KEY (track_id, genre_id))",
            "INSERT INTO artist (id, name) VALUES (1, 'Ada'), (2, 'Bob'), (3, 'Cy')",
            "INSERT INTO artist_profile (id, bio, artist_id) VALUES (100, 'ada bio', 1)",
            "INSERT INTO album (id, title, \"year\", artist_id) VALUES (10, 'A1', 1990, 1), (11, 'A2', 2000, 1), "
                + "(12, 'A0', 2000, 1), (20, 'B1', 1995, 2)",
            "INSERT INTO track (id, title, millis, album_id) VALUES (1000, 't1', 1, 10), (1001, 't2', 2, 10), "
                + "(1002, 't3', 3, 11), (1003, 't4', 4, 20), (1004, 't5', 5, NULL)",
            "INSERT INTO genre (id, name) VALUES (1, 'rock'), (2, 'jazz'), (3, 'pop')",
            "INSERT INTO track_genre (track_id, genre_id) VALUES (1000, 1), (1000, 2), (1001, 2), (1003, 3)");
    db = Database.builder(testDatabase().pool()).listener(counter).build();
    tracks = Repositories.create(db, TrackRepository.class);
  }

  private <T> List<T> run(Flux<T> result) {
    counter.reset();
    return result.collectList().block();
  }

  @Test
  void derivedQueryLoadsEveryPathWithOneStatementPerRelation() {
    List<Track> all = run(tracks.findByMillisGreaterThanOrderByIdAsc(0));
    assertThat(counter.count()).as(counter.toString()).isEqualTo(4);
    assertThat(all).extracting(Track::title).containsExactly("t1", "t2", "t3", "t4", "t5");
    assertThat(all.get(0).album().get().getTitle()).isEqualTo("A1");
    assertThat(all.get(0).album().get().getArtist().get().name()).isEqualTo("Ada");
    assertThat(all.get(0).genres()).extracting(Genre::name).containsExactly("jazz", "rock");
    assertThat(all.get(3).album().get().getArtist().get().name()).isEqualTo("Bob");
    assertThat(all.get(4).album().isEmpty()).isTrue();
    run(tracks.findByMillisGreaterThanOrderByIdAsc(3));
    assertThat(counter.count()).as("fewer rows, same statements").isEqualTo(4);
  }

  @Test
  void loadsExactlyAsTheQueryBuildersFetchDoesInSmallWindows() {
    Database small =
        Database.builder(testDatabase().pool()).listener(counter).fetchWindow(2).build();
    TrackRepository windowed = Repositories.create(small, TrackRepository.class);
    List<Track> viaRepository = run(windowed.findByMillisGreaterThanOrderByIdAsc(0));
    List<String> repositoryStatements = counter.statements();
    List<Track> viaBuilder =
        run(
            small
                .select(Track.class)
                .where(Track_.MILLIS.gt(0))
                .orderBy(Track_.ID.asc())
                .fetch(Track_.ALBUM, Track_.ALBUM.then(Album_.ARTIST), Track_.GENRES)
                .all());
    assertThat(repositoryStatements).isEqualTo(counter.statements());
    // 5 tracks in windows of 2: tracks (see StreamCost); albums 2 (the last window's track has
    // none); artists 2 (one
    // per window of albums); genres 3 -- one statement per relation per window, never one per track
    assertThat(repositoryStatements)
        .hasSize(io.r2orm.r2dbc.test.StreamCost.parentReadsOutsideTransaction(small, 5, 2) + 7);
    assertThat(viaRepository)
        .extracting(t -> t.genres().size())
        .isEqualTo(viaBuilder.stream().map(t -> t.genres().size()).toList());
  }

  @Test
  void methodsWithoutAFetchPlanLeaveRelationsUnloadedAndSayWhichFetchToAdd() {
    List<Track> few = run(tracks.findByMillisLessThan(2));
    assertThat(counter.count()).isEqualTo(1);
    assertThat(few.get(0).album().id()).isEqualTo(10L);
    assertThatThrownBy(() -> few.get(0).album().get())
        .isInstanceOf(UnloadedRelationException.class)
        .hasMessageContaining("Track_.ALBUM");
  }

  @Test
  void aRedeclaredFindByIdFetchesAlsoWhenCalledThroughTheBaseInterface() {
    counter.reset();
    StepVerifier.create(tracks.findById(1000L))
        .assertNext(t -> assertThat(t.album().get().getArtist().get().name()).isEqualTo("Ada"))
        .verifyComplete();
    assertThat(counter.count()).isEqualTo(3);
    ReactiveRepository<Track, Long> base = tracks;
    StepVerifier.create(base.findById(1003L))
        .assertNext(t -> assertThat(t.album().get().getArtist().get().name()).isEqualTo("Bob"))
        .verifyComplete();
    List<Track> sorted = run(tracks.findAll(Sort.desc("id")));
    assertThat(counter.count()).isEqualTo(2);
    assertThat(sorted.get(4).genreIds()).containsExactly(1L, 2L);
  }

  @Test
  void queryMethodsLoadTheirRelationsAfterTheRows() {
    List<Track> byTitle = run(tracks.byTitles(List.of("t1", "t4", "t9")));
    assertThat(counter.count()).isEqualTo(2);
    assertThat(byTitle).extracting(t -> t.album().get().getTitle()).containsExactly("A1", "B1");
    counter.reset();
    StepVerifier.create(tracks.byId(1001L))
        .assertNext(t -> assertThat(t.genres()).extracting(Genre::name).containsExactly("jazz"))
        .verifyComplete();
    assertThat(counter.count()).isEqualTo(2);
  }

  @Test
  void nestedToManyPathsAndPagesWithRelations() {
    ArtistRepository artists = Repositories.create(db, ArtistRepository.class);
    List<Artist> found = run(artists.findByNameInOrderByIdAsc(List.of("Ada", "Cy")));
    assertThat(counter.count()).as(counter.toString()).isEqualTo(4);
    assertThat(found.get(0).albums()).extracting(Album::getTitle).containsExactly("A0", "A2", "A1");
    assertThat(found.get(0).albums().get(2).getTracks())
        .extracting(Track::title)
        .containsExactly("t1", "t2");
    assertThat(found.get(0).profile().get().bio()).isEqualTo("ada bio");
    assertThat(found.get(1).albums()).isEmpty();
    assertThat(found.get(1).profile().isEmpty()).isTrue();
    counter.reset();
    StepVerifier.create(artists.findByIdGreaterThan(1L, PageRequest.of(0, 1)))
        .assertNext(
            page -> {
              assertThat(page.total()).isEqualTo(2L);
              assertThat(page.items())
                  .singleElement()
                  .satisfies(
                      a ->
                          assertThat(a.albums()).extracting(Album::getTitle).containsExactly("B1"));
            })
        .verifyComplete();
    assertThat(counter.count()).as("count, page, albums").isEqualTo(3);
  }

  @Test
  void derivedQueriesFilterByToOneKeys() {
    AlbumRepository albums = Repositories.create(db, AlbumRepository.class);
    assertThat(run(albums.findByArtistIdOrderByIdAsc(1L)))
        .extracting(Album::getId)
        .containsExactly(10L, 11L, 12L);
    assertThat(run(albums.findByArtistInOrderByIdAsc(List.of(2L, 3L))))
        .extracting(Album::getId)
        .containsExactly(20L);
    StepVerifier.create(albums.countByArtist(1L)).expectNext(3L).verifyComplete();
  }
}
