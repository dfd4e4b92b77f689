package io.r2orm.spring.other;

import io.r2orm.r2dbc.repository.ReactiveRepository;
import io.r2orm.spring.app.Tag;
import reactor.core.publisher.Flux;

/** Outside the application's package: registered only through {@code @EnableR2ormRepositories}. */
public interface TagRepository extends ReactiveRepository<Tag, Long> {
  Flux<Tag> findByNoteId(Long noteId);
}
