package io.r2orm.r2dbc.docs.repositories;

import io.r2orm.r2dbc.repository.FetchRelations;
import io.r2orm.r2dbc.repository.ReactiveRepository;
import reactor.core.publisher.Flux;

/** The repositories page's fetch plan on a derived query. */
interface TrackRepository extends ReactiveRepository<Track, Long> {
  // repositories.md
  @FetchRelations({"album", "album.artist", "genres"})
  Flux<Track> findByMillisGreaterThan(int millis);          // tracks, then one statement per relation per window
  // repositories.md: end
}
