package io.r2orm.examples.store.web;

import io.r2orm.examples.store.model.Album_;
import io.r2orm.examples.store.model.Artist;
import io.r2orm.examples.store.model.Artist_;
import io.r2orm.examples.store.web.Views.ArtistSummary;
import io.r2orm.examples.store.web.Views.ArtistView;
import io.r2orm.examples.store.web.Views.PageView;
import io.r2orm.r2dbc.Database;
import io.r2orm.r2dbc.SelectQuery;
import java.util.List;
import java.util.Set;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;

/** Artists: keyset pages by name, and one artist with its albums and their tracks on request. */
@RestController
@RequestMapping("/api/artists")
public class ArtistController {
  private static final List<String> INCLUDES = List.of("albums", "albums.tracks");
  private final Database db;

  public ArtistController(Database db) {
    this.db = db;
  }

  /**
   * {@code GET /api/artists?limit=20&after=page token}: a page of artists by name, {@code {"items":
   * [...], "next": page-token-or-null}}. One statement per page, however deep.
   */
  @GetMapping
  public Mono<PageView<ArtistSummary>> page(
      @RequestParam(required = false) Integer limit, @RequestParam(required = false) String after) {
    int size = Params.limit(limit, 20, 100);
    String token = after == null || after.isBlank() ? null : after;
    return db.select(Artist.class)
        .orderBy(Artist_.NAME.asc())
        .page(size, token)
        .map(p -> new PageView<>(p.items().stream().map(ArtistSummary::of).toList(), p.next()));
  }

  /**
   * {@code GET /api/artists/{id}?include=albums,albums.tracks}: the artist, with the included
   * relations loaded by a fetch plan — one statement per level, not one per album.
   */
  @GetMapping("/{id}")
  public Mono<ArtistView> one(
      @PathVariable long id, @RequestParam(required = false) String include) {
    Set<String> includes = Params.includes(include, INCLUDES);
    boolean albums = includes.contains("albums");
    boolean tracks = includes.contains("albums.tracks");
    SelectQuery<Artist> query = db.select(Artist.class).where(Artist_.ID.eq(id));
    if (tracks) {
      query = query.fetch(Artist_.ALBUMS.then(Album_.TRACKS));
    } else if (albums) {
      query = query.fetch(Artist_.ALBUMS);
    }
    return query
        .one()
        .switchIfEmpty(Mono.error(() -> ApiException.notFound("artist", id)))
        .map(a -> Views.artist(a, albums, tracks));
  }
}
