package io.r2orm.examples.store.web;

import io.r2orm.core.exception.OptimisticLockException;
import io.r2orm.examples.store.model.Album_;
import io.r2orm.examples.store.model.Playlist;
import io.r2orm.examples.store.model.Playlist_;
import io.r2orm.examples.store.model.Track;
import io.r2orm.examples.store.model.Track_;
import io.r2orm.examples.store.web.Views.PlaylistRequest;
import io.r2orm.examples.store.web.Views.PlaylistView;
import io.r2orm.examples.store.web.Views.TrackLine;
import io.r2orm.r2dbc.Database;
import java.net.URI;
import java.util.List;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;

/**
 * Playlists: create, rename under optimistic locking, delete, and add or remove tracks (rows of the
 * many-to-many link table, written with {@code db.link}/{@code db.unlink}).
 */
@RestController
@RequestMapping("/api/playlists")
public class PlaylistController {
  private static final int MAX_NAME = 120;
  private final Database db;

  public PlaylistController(Database db) {
    this.db = db;
  }

  /** {@code GET /api/playlists/{id}}: the playlist with its current version. */
  @GetMapping("/{id}")
  public Mono<PlaylistView> one(@PathVariable long id) {
    return find(id).map(PlaylistView::of);
  }

  /**
   * {@code GET /api/playlists/{id}/tracks}: the playlist's tracks by title, each with album title
   * and artist name — the many-to-many and two to-one levels, one statement each.
   */
  @GetMapping("/{id}/tracks")
  public Mono<List<TrackLine>> tracks(@PathVariable long id) {
    return db.select(Playlist.class)
        .where(Playlist_.ID.eq(id))
        .fetch(Playlist_.TRACKS.then(Track_.ALBUM).then(Album_.ARTIST))
        .one()
        .switchIfEmpty(Mono.error(() -> ApiException.notFound("playlist", id)))
        .map(p -> p.tracks().stream().map(Views::trackLine).toList());
  }

  /**
   * {@code POST /api/playlists} with {@code {"name": …}}: 201 with the stored playlist (id, version
   * 1).
   */
  @PostMapping
  public Mono<ResponseEntity<PlaylistView>> create(@RequestBody PlaylistRequest body) {
    String name = name(body);
    return db.insert(Playlist.named(name))
        .map(
            p ->
                ResponseEntity.created(URI.create("/api/playlists/" + p.id()))
                    .body(PlaylistView.of(p)));
  }

  /**
   * {@code PUT /api/playlists/{id}} with {@code {"name": …, "version": n}}: renames the playlist if
   * it is still at version n (200 with the next version), else 409.
   */
  @PutMapping("/{id}")
  public Mono<PlaylistView> update(@PathVariable long id, @RequestBody PlaylistRequest body) {
    String name = name(body);
    if (body.version() == null) {
      throw ApiException.badRequest("version is required: send the version you read");
    }
    int version = body.version();
    return find(id)
        .flatMap(p -> db.update(p.renamed(name, version)))
        .onErrorMap(
            OptimisticLockException.class,
            e ->
                ApiException.conflict(
                    "Playlist "
                        + id
                        + " is no longer at version "
                        + version
                        + ": it was changed since; read it again and retry"))
        .map(PlaylistView::of);
  }

  /**
   * {@code DELETE /api/playlists/{id}}: removes the playlist and its link rows in one transaction
   * (204).
   */
  @DeleteMapping("/{id}")
  public Mono<ResponseEntity<Void>> delete(@PathVariable long id) {
    return db.transaction(
            tx ->
                tx.sql("DELETE FROM playlist_track WHERE playlist_id = :id")
                    .bind("id", id)
                    .execute()
                    .then(tx.deleteById(Playlist.class, id)))
        .single()
        .flatMap(
            deleted ->
                deleted == 0
                    ? Mono.error(ApiException.notFound("playlist", id))
                    : Mono.just(ResponseEntity.noContent().build()));
  }

  /**
   * {@code POST /api/playlists/{id}/tracks/{trackId}}: adds the track (204); 409 when it is there
   * already.
   */
  @PostMapping("/{id}/tracks/{trackId}")
  public Mono<ResponseEntity<Void>> addTrack(@PathVariable long id, @PathVariable long trackId) {
    return find(id)
        .flatMap(
            p ->
                db.select(Track.class)
                    .where(Track_.ID.eq(trackId))
                    .exists()
                    .flatMap(
                        exists ->
                            exists
                                ? db.link(Playlist_.TRACKS, p, List.of(trackId))
                                : Mono.error(ApiException.notFound("track", trackId))))
        // linking is idempotent: a pair that is there already adds no row
        .flatMap(
            added ->
                added == 0
                    ? Mono.error(
                        ApiException.conflict("Track " + trackId + " is already in playlist " + id))
                    : Mono.just(ResponseEntity.noContent().<Void>build()));
  }

  /**
   * {@code DELETE /api/playlists/{id}/tracks/{trackId}}: removes the track (204); 404 when it is
   * not there.
   */
  @DeleteMapping("/{id}/tracks/{trackId}")
  public Mono<ResponseEntity<Void>> removeTrack(@PathVariable long id, @PathVariable long trackId) {
    return find(id)
        .flatMap(p -> db.unlink(Playlist_.TRACKS, p, List.of(trackId)))
        .flatMap(
            removed ->
                removed == 0
                    ? Mono.error(
                        new ApiException(
                            HttpStatus.NOT_FOUND, "Track " + trackId + " is not in playlist " + id))
                    : Mono.just(ResponseEntity.noContent().build()));
  }

  private Mono<Playlist> find(long id) {
    return db.findById(Playlist.class, id)
        .switchIfEmpty(Mono.error(() -> ApiException.notFound("playlist", id)));
  }

  private static String name(PlaylistRequest body) {
    String name = body.name() == null ? "" : body.name().strip();
    if (name.isEmpty()) {
      throw ApiException.badRequest("name is required");
    }
    if (name.length() > MAX_NAME) {
      throw ApiException.badRequest(
          "name must be at most " + MAX_NAME + " characters, got " + name.length());
    }
    return name;
  }
}
