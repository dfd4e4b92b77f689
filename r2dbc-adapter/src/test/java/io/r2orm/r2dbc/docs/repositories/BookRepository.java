package io.r2orm.r2dbc.docs.repositories;

import io.r2orm.r2dbc.repository.ReactiveRepository;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/** The repositories page's book repository, as the page shows it. */
interface BookRepository extends ReactiveRepository<Book, Long> {
  Flux<Book> findByTitleContainingIgnoreCase(String text);
  Flux<Book> findByYearBetweenOrderByTitleAsc(int from, int to);
  Flux<Book> findFirst10ByAuthorIdOrderByYearDesc(Long authorId);
  Mono<Book> findByTitle(String title);                 // one row or empty; more is NonUniqueResultException
  Mono<Long> countByAuthorId(Long authorId);
  Mono<Boolean> existsByTitle(String title);
  Mono<Long> deleteByYearLessThan(int year);            // rows deleted; Mono<Void> works too
}
