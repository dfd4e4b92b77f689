package io.r2orm.examples.store.web;

import io.r2orm.examples.store.model.Album;
import io.r2orm.examples.store.model.Album_;
import io.r2orm.examples.store.model.Track_;
import io.r2orm.examples.store.web.Views.AlbumView;
import io.r2orm.r2dbc.Database;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;

/** One album with its artist and its tracks, each with its genre. */
@RestController
@RequestMapping("/api/albums")
public class AlbumController {
  private final Database db;

  public AlbumController(Database db) {
    this.db = db;
  }

  /**
   * {@code GET /api/albums/{id}}: four statements — album, artist, tracks, genres of the tracks.
   */
  @GetMapping("/{id}")
  public Mono<AlbumView> one(@PathVariable long id) {
    return db.select(Album.class)
        .where(Album_.ID.eq(id))
        .fetch(Album_.ARTIST, Album_.TRACKS.then(Track_.GENRE))
        .one()
        .switchIfEmpty(Mono.error(() -> ApiException.notFound("album", id)))
        .map(a -> Views.album(a, true, true, true));
  }
}
