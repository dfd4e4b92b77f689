package io.r2orm.examples.store.web;

import io.r2orm.core.query.Predicate;
import io.r2orm.core.query.Subquery;
import io.r2orm.examples.store.model.Album_;
import io.r2orm.examples.store.model.Artist_;
import io.r2orm.examples.store.model.Genre;
import io.r2orm.examples.store.model.Genre_;
import io.r2orm.examples.store.model.Track;
import io.r2orm.examples.store.model.Track_;
import io.r2orm.examples.store.web.Views.TrackLine;
import io.r2orm.examples.store.web.Views.TrackView;
import io.r2orm.r2dbc.Database;
import io.r2orm.r2dbc.SelectQuery;
import java.util.ArrayList;
import java.util.List;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/** Tracks: a filtered list, and every track as a stream. */
@RestController
@RequestMapping("/api/tracks")
public class TrackController {
  private final Database db;

  public TrackController(Database db) {
    this.db = db;
  }

  /**
   * {@code GET /api/tracks?genre=Rock&q=love&minMillis=300000&limit=50}: tracks by title, each with
   * its genre; every filter is optional, {@code genre} is a genre name (any case), {@code q} a part
   * of the title (any case).
   */
  @GetMapping
  public Mono<List<TrackView>> list(
      @RequestParam(required = false) String genre,
      @RequestParam(required = false) String q,
      @RequestParam(required = false) Integer minMillis,
      @RequestParam(required = false) Integer limit) {
    int size = Params.limit(limit, 50, 500);
    List<Predicate> filters = new ArrayList<>();
    String genreName = Params.text("genre", genre, 60);
    if (genreName != null) {
      filters.add(
          Track_.GENRE.idIn(
              Subquery.select(Genre_.ID)
                  .from(Genre.class)
                  .where(Genre_.NAME.eqIgnoreCase(genreName))));
    }
    String text = Params.text("q", q, 100);
    if (text != null) {
      filters.add(Track_.TITLE.containsIgnoreCase(text));
    }
    if (Params.notNegative("minMillis", minMillis) != null) {
      filters.add(Track_.MILLIS.ge(minMillis));
    }
    SelectQuery<Track> query = db.select(Track.class);
    if (!filters.isEmpty()) {
      query = query.where(Predicate.all(filters));
    }
    return query
        .orderBy(Track_.TITLE.asc(), Track_.ID.asc())
        .limit(size)
        .fetch(Track_.GENRE)
        .all()
        .map(t -> Views.track(t, true))
        .collectList();
  }

  /**
   * {@code GET /api/tracks/stream}: every track with its album's title and artist's name as
   * newline-delimited JSON, from one joined query streamed with backpressure: rows are read from
   * the database as the client takes them, so memory stays flat whatever the size.
   */
  @GetMapping(value = "/stream", produces = MediaType.APPLICATION_NDJSON_VALUE)
  public Flux<TrackLine> stream() {
    return db.select(Track_.ID, Track_.TITLE, Track_.MILLIS, Album_.TITLE, Artist_.NAME)
        .from(Track.class)
        .join(Track_.ALBUM)
        .join(Album_.ARTIST)
        .orderBy(Track_.ID.asc())
        .into(TrackLine.class)
        .all();
  }
}
