package io.r2orm.examples.store;

import static org.assertj.core.api.Assertions.assertThat;

import io.r2dbc.spi.ConnectionFactory;
import io.r2orm.examples.store.web.Views.AlbumView;
import io.r2orm.examples.store.web.Views.ArtistSummary;
import io.r2orm.examples.store.web.Views.ArtistView;
import io.r2orm.examples.store.web.Views.GenreStats;
import io.r2orm.examples.store.web.Views.InvoiceView;
import io.r2orm.examples.store.web.Views.LineView;
import io.r2orm.examples.store.web.Views.PageView;
import io.r2orm.examples.store.web.Views.PlaylistView;
import io.r2orm.examples.store.web.Views.TrackLine;
import io.r2orm.examples.store.web.Views.TrackView;
import java.io.BufferedInputStream;
import java.io.OutputStream;
import java.math.BigDecimal;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webtestclient.autoconfigure.AutoConfigureWebTestClient;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.test.web.reactive.server.WebTestClient;
import reactor.core.publisher.Flux;
import reactor.test.StepVerifier;

/**
 * End-to-end tests of every endpoint of the music store, through HTTP on a running server, on the
 * database a subclass configures. Expected values are read from the database with plain SQL
 * (Spring's {@link DatabaseClient}), not through r2orm, so that the API and the check can disagree.
 */
@SpringBootTest(
    classes = MusicStoreApplication.class,
    webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    properties = {
      "music-store.data.artists=14", "music-store.data.max-albums-per-artist=3",
      "music-store.data.max-tracks-per-album=8", "music-store.data.playlists=3",
      "music-store.data.max-tracks-per-playlist=6", "music-store.data.customers=5",
      "music-store.data.max-invoices-per-customer=3", "music-store.data.max-lines-per-invoice=3",
      "spring.r2dbc.pool.max-size=4", "spring.r2dbc.pool.initial-size=1",
      // a connection that is never given back, or a statement that never ends, fails a request with
      // a
      // message instead of hanging it until the client's timeout
      "spring.r2dbc.pool.max-acquire-time=10s", "r2orm.statement-timeout=15s"
    })
@AutoConfigureWebTestClient(timeout = "30s")
abstract class MusicStoreContract {
  private static final ParameterizedTypeReference<PageView<ArtistSummary>> ARTIST_PAGE =
      new ParameterizedTypeReference<>() {};

  @Autowired WebTestClient web;

  @Value("${local.server.port}")
  int port;

  @Autowired ConnectionFactory connectionFactory;
  StoreChecks sql;

  @BeforeEach
  void checks() {
    sql = new StoreChecks(DatabaseClient.create(connectionFactory), web);
  }

  // ---- artists

  @Test
  void artistPagesWalkEveryArtistOnceInNameOrderFollowingTheCursor() {
    List<ArtistSummary> seen = new ArrayList<>();
    String next = null;
    int pages = 0;
    do {
      String uri = "/api/artists?limit=5" + (next == null ? "" : "&after=" + next);
      PageView<ArtistSummary> page =
          web.get()
              .uri(uri)
              .exchange()
              .expectStatus()
              .isOk()
              .expectBody(ARTIST_PAGE)
              .returnResult()
              .getResponseBody();
      assertThat(page.items()).hasSizeLessThanOrEqualTo(5).isNotEmpty();
      seen.addAll(page.items());
      next = page.next();
      pages++;
    } while (next != null && pages < 10);
    assertThat(next).isNull();
    assertThat(seen).hasSize((int) sql.count("SELECT COUNT(*) FROM artist"));
    assertThat(pages).isEqualTo((seen.size() + 4) / 5);
    assertThat(seen).extracting(ArtistSummary::id).doesNotHaveDuplicates();
    assertThat(seen)
        .isSortedAccordingTo(
            Comparator.comparing(ArtistSummary::name).thenComparing(ArtistSummary::id));
  }

  @Test
  void artistPageDefaultsToTwentyAndEndsWithANullCursor() {
    web.get()
        .uri("/api/artists")
        .exchange()
        .expectStatus()
        .isOk()
        .expectBody()
        .jsonPath("$.items.length()")
        .isEqualTo(14)
        .jsonPath("$.next")
        .isEqualTo(null)
        .jsonPath("$.items[0].name")
        .isNotEmpty();
  }

  @Test
  void artistPageRejectsBadLimitsAndCursorsWith400() {
    for (String limit :
        List.of("-1", "0", "101", "99999999999", "abc", "1.5", "0x10", "+5", " 5", "5 ")) {
      sql.expectError(
          web.get()
              .uri(b -> b.path("/api/artists").queryParam("limit", "{limit}").build(limit))
              .exchange(),
          HttpStatus.BAD_REQUEST,
          "limit");
    }
    sql.expectError(web.get().uri("/api/artists/0x1").exchange(), HttpStatus.BAD_REQUEST, "");
    sql.expectError(
        web.get().uri("/api/artists?after=not-a-cursor!").exchange(),
        HttpStatus.BAD_REQUEST,
        "Invalid page token");
    sql.expectError(
        web.get().uri("/api/artists?after=AAAA").exchange(),
        HttpStatus.BAD_REQUEST,
        "Invalid page token");
  }

  /** Requests too long for the server get the API's JSON error, not Netty's empty 414/431. */
  @Test
  void tooLongRequestLinesAndHeadersGetAJsonError() {
    String longQuery = "x".repeat(10_000);
    sql.expectError(
        web.get().uri("/api/tracks?q={q}", longQuery).exchange(),
        HttpStatus.URI_TOO_LONG,
        "shorten the path and query string");
    sql.expectError(
        web.get().uri("/api/artists").header("X-Padding", "y".repeat(20_000)).exchange(),
        HttpStatus.REQUEST_HEADER_FIELDS_TOO_LARGE,
        "send fewer or shorter headers");
    // a request within the limits is answered as usual
    web.get()
        .uri("/api/artists?limit=5&pad={p}", "z".repeat(1_000))
        .exchange()
        .expectStatus()
        .isOk();
  }

  @Test
  void artistWithoutIncludesHasNoAlbums() {
    long id = sql.count("SELECT MIN(id) FROM artist");
    web.get()
        .uri("/api/artists/{id}", id)
        .exchange()
        .expectStatus()
        .isOk()
        .expectBody()
        .jsonPath("$.id")
        .isEqualTo(id)
        .jsonPath("$.name")
        .isEqualTo(sql.text("SELECT name FROM artist WHERE id = " + id))
        .jsonPath("$.albums")
        .doesNotExist();
  }

  @Test
  void artistIncludesAlbumsAndTheirTracks() {
    long id = sql.artistWithAlbums(2);
    ArtistView artist =
        web.get()
            .uri("/api/artists/{id}?include=albums,albums.tracks", id)
            .exchange()
            .expectStatus()
            .isOk()
            .expectBody(ArtistView.class)
            .returnResult()
            .getResponseBody();
    assertThat(artist.albums())
        .extracting(AlbumView::id)
        .containsExactlyElementsOf(
            sql.longs(
                "SELECT id FROM album WHERE artist_id = " + id + " ORDER BY \"year\", title, id"));
    for (AlbumView album : artist.albums()) {
      assertThat(album.tracks())
          .extracting(TrackView::id)
          .containsExactlyElementsOf(
              sql.longs("SELECT id FROM track WHERE album_id = " + album.id() + " ORDER BY id"));
      assertThat(album.tracks()).allSatisfy(t -> assertThat(t.albumId()).isEqualTo(album.id()));
    }
    ArtistView albumsOnly =
        web.get()
            .uri("/api/artists/{id}?include=albums", id)
            .exchange()
            .expectStatus()
            .isOk()
            .expectBody(ArtistView.class)
            .returnResult()
            .getResponseBody();
    assertThat(albumsOnly.albums())
        .hasSameSizeAs(artist.albums())
        .allSatisfy(a -> assertThat(a.tracks()).isNull());
  }

  @Test
  void includeOfAlbumsTracksCostsOneStatementPerLevelNotOnePerAlbum() {
    long id = sql.artistWithAlbums(2);
    long albums = sql.count("SELECT COUNT(*) FROM album WHERE artist_id = " + id);
    double statements = sql.metric("r2orm.statements", "");
    double albumBatches =
        sql.metric("r2orm.relation.batches", "?tag=entity:Artist&tag=relation:albums");
    double trackBatches =
        sql.metric("r2orm.relation.batches", "?tag=entity:Album&tag=relation:tracks");

    web.get().uri("/api/artists/{id}?include=albums.tracks", id).exchange().expectStatus().isOk();

    sql.awaitMetric("r2orm.statements", "", statements + 3);
    assertThat(albums)
        .isGreaterThanOrEqualTo(2); // one statement per album would make it 2 + albums
    assertThat(sql.metric("r2orm.relation.batches", "?tag=entity:Artist&tag=relation:albums"))
        .isEqualTo(albumBatches + 1);
    assertThat(sql.metric("r2orm.relation.batches", "?tag=entity:Album&tag=relation:tracks"))
        .isEqualTo(trackBatches + 1);
    assertThat(sql.metric("r2orm.relation.batch.size", "?tag=entity:Album&tag=relation:tracks"))
        .isGreaterThanOrEqualTo(1.0);
  }

  @Test
  void artistRejectsUnknownIncludesAndIdsAndWrongTypes() {
    long id = sql.count("SELECT MIN(id) FROM artist");
    sql.expectError(
        web.get().uri("/api/artists/{id}?include=albums.trackz", id).exchange(),
        HttpStatus.BAD_REQUEST,
        "Unknown include path 'albums.trackz'");
    sql.expectError(
        web.get().uri("/api/artists/{id}?include=tracks", id).exchange(),
        HttpStatus.BAD_REQUEST,
        "known paths: albums, albums.tracks");
    sql.expectError(
        web.get().uri("/api/artists/987654321").exchange(),
        HttpStatus.NOT_FOUND,
        "No artist with id 987654321");
    sql.expectError(
        web.get().uri("/api/artists/abc").exchange(),
        HttpStatus.BAD_REQUEST,
        "id must be a whole number");
    sql.expectError(
        web.get().uri("/api/artists/99999999999999999999").exchange(),
        HttpStatus.BAD_REQUEST,
        "id must be");
  }

  // ---- albums

  @Test
  void albumComesWithItsArtistAndTracksEachWithItsGenre() {
    long id = sql.count("SELECT MAX(id) FROM album");
    AlbumView album =
        web.get()
            .uri("/api/albums/{id}", id)
            .exchange()
            .expectStatus()
            .isOk()
            .expectBody(AlbumView.class)
            .returnResult()
            .getResponseBody();
    assertThat(album.title()).isEqualTo(sql.text("SELECT title FROM album WHERE id = " + id));
    assertThat(album.artist().name())
        .isEqualTo(
            sql.text(
                "SELECT a.name FROM artist a JOIN album al ON al.artist_id = a.id WHERE al.id = "
                    + id));
    assertThat(album.tracks())
        .extracting(TrackView::id)
        .containsExactlyElementsOf(
            sql.longs("SELECT id FROM track WHERE album_id = " + id + " ORDER BY id"));
    for (TrackView t : album.tracks()) {
      assertThat(t.genre().name())
          .isEqualTo(
              sql.text(
                  "SELECT g.name FROM genre g JOIN track t ON t.genre_id = g.id WHERE t.id = "
                      + t.id()));
    }
    sql.expectError(
        web.get().uri("/api/albums/0").exchange(), HttpStatus.NOT_FOUND, "No album with id 0");
    sql.expectError(
        web.get().uri("/api/albums/x").exchange(), HttpStatus.BAD_REQUEST, "id must be");
  }

  // ---- tracks

  @Test
  void tracksAreFilteredByGenreTitleAndLengthAndLimited() {
    String genre =
        sql.text(
            "SELECT g.name FROM genre g JOIN track t ON t.genre_id = g.id GROUP BY g.name "
                + "ORDER BY COUNT(*) DESC, g.name LIMIT 1");
    List<TrackView> byGenre = tracks("/api/tracks?genre=" + genre.toLowerCase() + "&limit=500");
    assertThat(byGenre)
        .extracting(TrackView::id)
        .containsExactlyInAnyOrderElementsOf(
            sql.longs(
                "SELECT t.id FROM track t JOIN genre g ON g.id = t.genre_id WHERE g.name = '"
                    + genre
                    + "'"));
    assertThat(byGenre).allSatisfy(t -> assertThat(t.genre().name()).isEqualTo(genre));
    assertThat(byGenre)
        .isSortedAccordingTo(Comparator.comparing(TrackView::title).thenComparing(TrackView::id));

    List<TrackView> filtered = tracks("/api/tracks?q=THE&minMillis=200000&limit=500");
    assertThat(filtered)
        .isNotEmpty()
        .allSatisfy(
            t -> {
              assertThat(t.title()).containsIgnoringCase("the");
              assertThat(t.millis()).isGreaterThanOrEqualTo(200_000);
            });
    assertThat(filtered)
        .hasSize(
            (int)
                sql.count(
                    "SELECT COUNT(*) FROM track WHERE LOWER(title) LIKE '%the%' AND millis >= 200000"));
    assertThat(tracks("/api/tracks?limit=3")).hasSize(3);
    assertThat(tracks("/api/tracks"))
        .hasSize((int) Math.min(50, sql.count("SELECT COUNT(*) FROM track")));
    assertThat(tracks("/api/tracks?genre=NoSuchGenre")).isEmpty();
  }

  @Test
  void tracksRejectBadFiltersWith400() {
    sql.expectError(
        web.get().uri("/api/tracks?minMillis=-1").exchange(),
        HttpStatus.BAD_REQUEST,
        "minMillis must not be negative");
    sql.expectError(
        web.get().uri("/api/tracks?minMillis=long").exchange(),
        HttpStatus.BAD_REQUEST,
        "minMillis must be");
    sql.expectError(
        web.get().uri("/api/tracks?limit=501").exchange(),
        HttpStatus.BAD_REQUEST,
        "between 1 and 500");
    sql.expectError(
        web.get().uri("/api/tracks?q=" + "x".repeat(101)).exchange(),
        HttpStatus.BAD_REQUEST,
        "q must be at most");
  }

  @Test
  void trackStreamIsNdjsonOfEveryTrackWithAlbumAndArtist() {
    List<TrackLine> lines =
        web.get()
            .uri("/api/tracks/stream")
            .exchange()
            .expectStatus()
            .isOk()
            .expectHeader()
            .contentTypeCompatibleWith(MediaType.APPLICATION_NDJSON)
            .returnResult(TrackLine.class)
            .getResponseBody()
            .collectList()
            .block(Duration.ofSeconds(30));
    assertThat(lines).hasSize((int) sql.count("SELECT COUNT(*) FROM track"));
    assertThat(lines).extracting(TrackLine::id).isSorted();
    Map<Long, String> artists =
        sql.pairs(
            "SELECT t.id, ar.name FROM track t JOIN album al ON al.id = t.album_id "
                + "JOIN artist ar ON ar.id = al.artist_id");
    assertThat(lines).allSatisfy(l -> assertThat(l.artist()).isEqualTo(artists.get(l.id())));
    TrackLine first = lines.get(0);
    assertThat(first.album())
        .isEqualTo(
            sql.text(
                "SELECT al.title FROM album al JOIN track t ON t.album_id = al.id "
                    + "WHERE t.id = "
                    + first.id()));
    String raw =
        web.get()
            .uri("/api/tracks/stream")
            .exchange()
            .expectBody(String.class)
            .returnResult()
            .getResponseBody();
    assertThat(raw.lines())
        .hasSize(lines.size())
        .allSatisfy(l -> assertThat(l).startsWith("{\"id\":").endsWith("}"));
  }

  @Test
  void trackStreamFollowsDemandAndGivesItsConnectionBackWhenCancelled() {
    for (int i = 0;
        i < 6;
        i++) { // more than the pool's 4 connections: a leak would hang the next request
      Flux<TrackLine> body =
          web.get()
              .uri("/api/tracks/stream")
              .exchange()
              .expectStatus()
              .isOk()
              .returnResult(TrackLine.class)
              .getResponseBody();
      StepVerifier.create(body, 0)
          .thenRequest(1)
          .assertNext(l -> assertThat(l.id()).isPositive())
          .thenRequest(2)
          .expectNextCount(2)
          .thenCancel()
          .verify(Duration.ofSeconds(10));
    }
    web.get().uri("/api/stats/genres").exchange().expectStatus().isOk();
  }

  // ---- playlists

  @Test
  void playlistIsCreatedRenamedWithItsVersionAndRefusedWhenStale() {
    PlaylistView created =
        web.post()
            .uri("/api/playlists")
            .contentType(MediaType.APPLICATION_JSON)
            .bodyValue("{\"name\": \"  Road trip \"}")
            .exchange()
            .expectStatus()
            .isCreated()
            .expectHeader()
            .valueMatches("Location", "/api/playlists/\\d+")
            .expectBody(PlaylistView.class)
            .returnResult()
            .getResponseBody();
    assertThat(created.name()).isEqualTo("Road trip");
    assertThat(created.version()).isEqualTo(1);
    assertThat(sql.text("SELECT name FROM playlist WHERE id = " + created.id()))
        .isEqualTo("Road trip");

    web.get()
        .uri("/api/playlists/{id}", created.id())
        .exchange()
        .expectStatus()
        .isOk()
        .expectBody(PlaylistView.class)
        .isEqualTo(created);
    PlaylistView renamed =
        web.put()
            .uri("/api/playlists/{id}", created.id())
            .contentType(MediaType.APPLICATION_JSON)
            .bodyValue("{\"name\": \"Long drive\", \"version\": 1}")
            .exchange()
            .expectStatus()
            .isOk()
            .expectBody(PlaylistView.class)
            .returnResult()
            .getResponseBody();
    assertThat(renamed).isEqualTo(new PlaylistView(created.id(), "Long drive", 2));

    sql.expectError(
        web.put()
            .uri("/api/playlists/{id}", created.id())
            .contentType(MediaType.APPLICATION_JSON)
            .bodyValue("{\"name\": \"Lost update\", \"version\": 1}")
            .exchange(),
        HttpStatus.CONFLICT,
        "no longer at version 1");
    assertThat(sql.text("SELECT name FROM playlist WHERE id = " + created.id()))
        .isEqualTo("Long drive");
    sql.expectError(
        web.put()
            .uri("/api/playlists/{id}", created.id())
            .contentType(MediaType.APPLICATION_JSON)
            .bodyValue("{\"name\": \"No version\"}")
            .exchange(),
        HttpStatus.BAD_REQUEST,
        "version is required");
    sql.expectError(
        web.put()
            .uri("/api/playlists/987654")
            .contentType(MediaType.APPLICATION_JSON)
            .bodyValue("{\"name\": \"Ghost\", \"version\": 1}")
            .exchange(),
        HttpStatus.NOT_FOUND,
        "No playlist with id 987654");
  }

  @Test
  void playlistWritesRejectBadBodiesWith400() {
    for (String body :
        List.of("{\"name\": \"   \"}", "{}", "{\"name\": \"" + "n".repeat(121) + "\"}")) {
      sql.expectError(
          web.post()
              .uri("/api/playlists")
              .contentType(MediaType.APPLICATION_JSON)
              .bodyValue(body)
              .exchange(),
          HttpStatus.BAD_REQUEST,
          "name");
    }
    sql.expectError(
        web.post()
            .uri("/api/playlists")
            .contentType(MediaType.APPLICATION_JSON)
            .bodyValue("{\"name\":")
            .exchange(),
        HttpStatus.BAD_REQUEST,
        "not valid JSON");
    sql.expectError(
        web.post().uri("/api/playlists").contentType(MediaType.APPLICATION_JSON).exchange(),
        HttpStatus.BAD_REQUEST,
        "request body is required");
    long id = sql.count("SELECT MIN(id) FROM playlist");
    sql.expectError(
        web.put()
            .uri("/api/playlists/{id}", id)
            .contentType(MediaType.APPLICATION_JSON)
            .bodyValue("{\"name\": \"x\", \"version\": \"one\"}")
            .exchange(),
        HttpStatus.BAD_REQUEST,
        "not valid JSON");
    sql.expectError(
        web.post()
            .uri("/api/playlists")
            .contentType(MediaType.TEXT_PLAIN)
            .bodyValue("x")
            .exchange(),
        HttpStatus.UNSUPPORTED_MEDIA_TYPE,
        "not supported");
    // scalars of the wrong JSON type are refused, not converted
    for (String body : List.of("{\"name\": 42}", "{\"name\": true}")) {
      sql.expectError(
          web.post()
              .uri("/api/playlists")
              .contentType(MediaType.APPLICATION_JSON)
              .bodyValue(body)
              .exchange(),
          HttpStatus.BAD_REQUEST,
          "");
    }
    for (String version : List.of("1.5", "\"1\"")) {
      sql.expectError(
          web.put()
              .uri("/api/playlists/{id}", id)
              .contentType(MediaType.APPLICATION_JSON)
              .bodyValue("{\"name\": \"x\", \"version\": " + version + "}")
              .exchange(),
          HttpStatus.BAD_REQUEST,
          "");
    }
    // text the database cannot store as given: an unpaired surrogate (both databases would store
    // '?')
    long before = sql.count("SELECT COUNT(*) FROM playlist");
    sql.expectError(
        web.post()
            .uri("/api/playlists")
            .contentType(MediaType.APPLICATION_JSON)
            .bodyValue("{\"name\": \"x\\ud800y\"}")
            .exchange(),
        HttpStatus.BAD_REQUEST,
        "cannot be stored");
    assertThat(sql.count("SELECT COUNT(*) FROM playlist")).isEqualTo(before);
  }

  @Test
  void seededPlaylistListsItsTracksWithAlbumAndArtist() {
    long id = sql.count("SELECT MIN(playlist_id) FROM playlist_track");
    List<TrackLine> tracks =
        web.get()
            .uri("/api/playlists/{id}/tracks", id)
            .exchange()
            .expectStatus()
            .isOk()
            .expectBodyList(TrackLine.class)
            .returnResult()
            .getResponseBody();
    assertThat(tracks)
        .extracting(TrackLine::id)
        .containsExactlyInAnyOrderElementsOf(
            sql.longs("SELECT track_id FROM playlist_track WHERE playlist_id = " + id));
    assertThat(tracks).isSortedAccordingTo(Comparator.comparing(TrackLine::title));
    TrackLine one = tracks.get(0);
    assertThat(one.album())
        .isEqualTo(
            sql.text(
                "SELECT al.title FROM album al JOIN track t ON t.album_id = al.id WHERE t.id = "
                    + one.id()));
    sql.expectError(
        web.get().uri("/api/playlists/987654/tracks").exchange(),
        HttpStatus.NOT_FOUND,
        "No playlist with id 987654");
  }

  @Test
  void tracksAreAddedToAndRemovedFromAPlaylistWhichIsThenDeleted() {
    long id =
        web.post()
            .uri("/api/playlists")
            .contentType(MediaType.APPLICATION_JSON)
            .bodyValue("{\"name\": \"Short\"}")
            .exchange()
            .expectStatus()
            .isCreated()
            .expectBody(PlaylistView.class)
            .returnResult()
            .getResponseBody()
            .id();
    long first = sql.count("SELECT MIN(id) FROM track");
    long last = sql.count("SELECT MAX(id) FROM track");

    web.post()
        .uri("/api/playlists/{id}/tracks/{t}", id, first)
        .exchange()
        .expectStatus()
        .isNoContent();
    web.post()
        .uri("/api/playlists/{id}/tracks/{t}", id, last)
        .exchange()
        .expectStatus()
        .isNoContent();
    sql.expectError(
        web.post().uri("/api/playlists/{id}/tracks/{t}", id, first).exchange(),
        HttpStatus.CONFLICT,
        "already in playlist");
    sql.expectError(
        web.post().uri("/api/playlists/{id}/tracks/987654", id).exchange(),
        HttpStatus.NOT_FOUND,
        "No track with id 987654");
    sql.expectError(
        web.post().uri("/api/playlists/987654/tracks/{t}", first).exchange(),
        HttpStatus.NOT_FOUND,
        "No playlist");
    assertThat(
            web.get()
                .uri("/api/playlists/{id}/tracks", id)
                .exchange()
                .expectBodyList(TrackLine.class)
                .returnResult()
                .getResponseBody())
        .extracting(TrackLine::id)
        .containsExactlyInAnyOrder(first, last);

    web.delete()
        .uri("/api/playlists/{id}/tracks/{t}", id, first)
        .exchange()
        .expectStatus()
        .isNoContent();
    sql.expectError(
        web.delete().uri("/api/playlists/{id}/tracks/{t}", id, first).exchange(),
        HttpStatus.NOT_FOUND,
        "is not in playlist");
    assertThat(sql.longs("SELECT track_id FROM playlist_track WHERE playlist_id = " + id))
        .containsExactly(last);

    web.delete().uri("/api/playlists/{id}", id).exchange().expectStatus().isNoContent();
    assertThat(sql.count("SELECT COUNT(*) FROM playlist_track WHERE playlist_id = " + id)).isZero();
    sql.expectError(
        web.get().uri("/api/playlists/{id}", id).exchange(), HttpStatus.NOT_FOUND, "No playlist");
    sql.expectError(
        web.delete().uri("/api/playlists/{id}", id).exchange(),
        HttpStatus.NOT_FOUND,
        "No playlist");
  }

  // ---- customers

  @Test
  void customerInvoicesComeNewestFirstWithLinesAndTracksOnRequest() {
    long customer =
        sql.count(
            "SELECT customer_id FROM invoice GROUP BY customer_id ORDER BY COUNT(*) DESC, customer_id LIMIT 1");
    List<InvoiceView> plain = invoices(customer, "");
    assertThat(plain)
        .extracting(InvoiceView::id)
        .containsExactlyElementsOf(
            sql.longs(
                "SELECT id FROM invoice WHERE customer_id = "
                    + customer
                    + " ORDER BY issued_on DESC, id DESC"));
    assertThat(plain).allSatisfy(i -> assertThat(i.lines()).isNull());

    List<InvoiceView> withLines = invoices(customer, "?include=lines");
    assertThat(withLines)
        .allSatisfy(
            i -> {
              assertThat(i.lines()).isNotEmpty().allSatisfy(l -> assertThat(l.track()).isNull());
              BigDecimal sum =
                  i.lines().stream()
                      .map(l -> l.unitPrice().multiply(BigDecimal.valueOf(l.quantity())))
                      .reduce(BigDecimal.ZERO, BigDecimal::add);
              assertThat(sum).isEqualByComparingTo(i.total());
            });

    List<InvoiceView> withTracks = invoices(customer, "?include=lines,lines.track");
    LineView line = withTracks.get(0).lines().get(0);
    assertThat(line.track().id()).isEqualTo(line.trackId());
    assertThat(line.track().title())
        .isEqualTo(sql.text("SELECT title FROM track WHERE id = " + line.trackId()));
    assertThat(invoices(customer, "?include=lines.track").get(0).lines().get(0).track())
        .isNotNull();

    sql.expectError(
        web.get().uri("/api/customers/987654/invoices").exchange(),
        HttpStatus.NOT_FOUND,
        "No customer with id 987654");
    sql.expectError(
        web.get().uri("/api/customers/{id}/invoices?include=lines.tracks", customer).exchange(),
        HttpStatus.BAD_REQUEST,
        "known paths: lines, lines.track");
  }

  // ---- statistics

  @Test
  void genreStatisticsComeFromOneAggregateStatement() {
    double statements = sql.metric("r2orm.statements", "");
    List<GenreStats> stats =
        web.get()
            .uri("/api/stats/genres")
            .exchange()
            .expectStatus()
            .isOk()
            .expectBodyList(GenreStats.class)
            .returnResult()
            .getResponseBody();
    sql.awaitMetric("r2orm.statements", "", statements + 1);

    assertThat(stats)
        .extracting(GenreStats::genre)
        .containsExactlyInAnyOrderElementsOf(sql.texts("SELECT name FROM genre"));
    assertThat(stats.stream().mapToLong(GenreStats::tracks).sum())
        .isEqualTo(sql.count("SELECT COUNT(*) FROM track"));
    BigDecimal revenue =
        stats.stream().map(GenreStats::revenue).reduce(BigDecimal.ZERO, BigDecimal::add);
    assertThat(revenue)
        .isEqualByComparingTo(sql.decimal("SELECT SUM(unit_price * quantity) FROM invoice_line"));
    assertThat(stats).isSortedAccordingTo(Comparator.comparing(GenreStats::revenue).reversed());
    GenreStats opera =
        stats.stream().filter(s -> s.genre().equals("Opera")).findFirst().orElseThrow();
    assertThat(opera.tracks()).isZero();
    assertThat(opera.revenue()).isEqualByComparingTo(BigDecimal.ZERO);
    Map<String, Long> perGenre =
        stats.stream().collect(Collectors.toMap(GenreStats::genre, GenreStats::tracks));
    assertThat(perGenre.get("Rock"))
        .isEqualTo(
            sql.count(
                "SELECT COUNT(*) FROM track t JOIN genre g ON g.id = t.genre_id WHERE g.name = 'Rock'"));
  }

  // ---- actuator and errors

  @Test
  void healthIsUpWithTheDatabaseAndMetricsListR2ormMeters() {
    web.get()
        .uri("/actuator/health")
        .exchange()
        .expectStatus()
        .isOk()
        .expectBody()
        .jsonPath("$.status")
        .isEqualTo("UP")
        .jsonPath("$.components.r2dbc.status")
        .isEqualTo("UP");
    web.get()
        .uri("/actuator/metrics")
        .exchange()
        .expectStatus()
        .isOk()
        .expectBody()
        .jsonPath("$.names[?(@ == 'r2orm.statements')]")
        .exists()
        .jsonPath("$.names[?(@ == 'r2orm.relation.batches')]")
        .exists();
    // the sample data's inserts (not by table: on PostgreSQL the starter tags insertAll's statement
    // with table "unnest")
    assertThat(sql.metric("r2orm.statements", "?tag=operation:insert")).isPositive();
    double artistSelects = sql.metric("r2orm.statements", "?tag=table:artist&tag=operation:select");
    web.get().uri("/api/artists?limit=1").exchange().expectStatus().isOk();
    sql.awaitMetric(
        "r2orm.statements", "?tag=table:artist&tag=operation:select", artistSelects + 1);
  }

  @Test
  void badInputIsNeverA500() {
    List<String> uris =
        List.of(
            "/api/artists?limit=%00",
            "/api/artists?after=" + "A".repeat(3000),
            "/api/artists/1?include=" + ",".repeat(50) + "x",
            "/api/artists/-1",
            "/api/albums/1e3",
            "/api/tracks?genre=%27%3B--&q=%25_%5C",
            "/api/tracks?minMillis=99999999999",
            "/api/customers/0/invoices?include=",
            "/api/playlists/abc/tracks",
            "/api/no-such-endpoint");
    for (String uri : uris) {
      web.get()
          .uri(URI.create("http://localhost:" + port + uri))
          .exchange() // as written: no template encoding
          .expectStatus()
          .value(s -> assertThat(s).as(uri).isBetween(200, 499))
          .expectBody()
          .consumeWith(
              r -> {
                if (r.getStatus().isError()) {
                  assertThat(new String(r.getResponseBody())).as(uri).contains("\"message\":");
                }
              });
    }
    sql.expectError(
        web.get().uri("/api/no-such-endpoint").exchange(),
        HttpStatus.NOT_FOUND,
        "No endpoint GET /api/no-such-endpoint");
    sql.expectError(
        web.patch().uri("/api/playlists/1").exchange(), HttpStatus.METHOD_NOT_ALLOWED, "PATCH");
  }

  /**
   * One keep-alive HTTP connection, requests sent the moment the previous answer arrives: one whose
   * answer comes from the database (so it completes off the connection's event loop), then two
   * answered at once. Reactor Netty 1.3.6 and 1.3.7 stopped reading such a connection now and then
   * (reactor-netty#4361), and the next request hung until the client gave up.
   */
  @Test
  void aKeepAliveConnectionAnswersEveryRequestSentRightAfterTheLastAnswer() throws Exception {
    List<String> uris = List.of("/api/artists/-1", "/api/albums/1e3", "/api/artists?limit=abc");
    List<Integer> expected = List.of(404, 400, 400);
    try (Socket socket = new Socket("127.0.0.1", port)) {
      socket.setSoTimeout(10_000);
      socket.setTcpNoDelay(true);
      OutputStream out = socket.getOutputStream();
      BufferedInputStream in = new BufferedInputStream(socket.getInputStream());
      for (int round = 0; round < 300; round++) {
        for (int i = 0; i < uris.size(); i++) {
          out.write(
              ("GET " + uris.get(i) + " HTTP/1.1\r\nHost: localhost\r\n\r\n")
                  .getBytes(StandardCharsets.US_ASCII));
          out.flush();
          int status;
          try {
            status = HttpAnswers.read(in);
          } catch (SocketTimeoutException e) {
            throw new AssertionError(
                "No answer within 10 s to "
                    + uris.get(i)
                    + " in round "
                    + round
                    + " on a keep-alive connection",
                e);
          }
          assertThat(status).as(uris.get(i) + " in round " + round).isEqualTo(expected.get(i));
        }
      }
    }
  }

  private List<TrackView> tracks(String uri) {
    return web.get()
        .uri(uri)
        .exchange()
        .expectStatus()
        .isOk()
        .expectBodyList(TrackView.class)
        .returnResult()
        .getResponseBody();
  }

  private List<InvoiceView> invoices(long customer, String query) {
    return web.get()
        .uri("/api/customers/" + customer + "/invoices" + query)
        .exchange()
        .expectStatus()
        .isOk()
        .expectBodyList(InvoiceView.class)
        .returnResult()
        .getResponseBody();
  }
}
