package io.r2orm.spring.broken;

import io.r2orm.r2dbc.repository.ReactiveRepository;
import io.r2orm.spring.app.Note;
import reactor.core.publisher.Flux;

/** A derived query naming a property Note does not have: the application must not start. */
public interface MisspeltRepository extends ReactiveRepository<Note, Long> {
  Flux<Note> findByTxet(String text);
}
