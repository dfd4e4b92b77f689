package io.r2orm.spring.app;

import io.r2orm.r2dbc.repository.ReactiveRepository;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/** Found by the starter's scan of the application's package. */
public interface NoteRepository extends ReactiveRepository<Note, Long> {
  Flux<Note> findByTextStartingWithOrderByTextAsc(String prefix);

  Mono<Long> countByTextContaining(String part);
}
