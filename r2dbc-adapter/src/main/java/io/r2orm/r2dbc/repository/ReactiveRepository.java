package io.r2orm.r2dbc.repository;

import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * The repository interface users extend, one per entity: CRUD methods come ready, and methods the
 * sub-interface declares are derived from their names ({@code findByTitleContainingIgnoreCase}),
 * run hand-written SQL ({@link Query}), or are {@code default} methods. Create an implementation
 * with {@link Repositories#create}; every method is checked then, and nothing runs before the
 * returned {@code Mono}/{@code Flux} is subscribed.
 *
 * <pre>{@code
 * interface BookRepository extends ReactiveRepository<Book, Long> {
 *   Flux<Book> findByYearBetweenOrderByTitleAsc(int from, int to);
 *   Mono<Long> countByAuthorId(Long authorId);
 * }
 * BookRepository books = Repositories.create(db, BookRepository.class);
 * }</pre>
 *
 * <p>To load relations with a CRUD read, redeclare it in the sub-interface with {@link
 * FetchRelations}, e.g. {@code @FetchRelations("author") Mono<Book> findById(Long id);}.
 *
 * @param <T> the entity type
 * @param <ID> the type of the entity's id
 */
public interface ReactiveRepository<T, ID> {

  /**
   * Inserts or updates the entity as {@link io.r2orm.r2dbc.Database#save} does and emits it as
   * stored (generated id, next version).
   */
  <S extends T> Mono<S> save(S entity);

  /**
   * Saves every entity in one transaction (joining the current one, if any) and emits them as
   * stored, in input order: either all are stored or none.
   */
  <S extends T> Flux<S> saveAll(Iterable<S> entities);

  /** The entity with this id, or empty. */
  Mono<T> findById(ID id);

  /** The entities with these ids, ordered by id; unknown ids are skipped. */
  Flux<T> findAllById(Iterable<ID> ids);

  /** Every entity, streamed with backpressure, in no particular order. */
  Flux<T> findAll();

  /** Every entity in this order. */
  Flux<T> findAll(Sort sort);

  /**
   * One page of entities, in the request's order (by id when it has none, so that pages are
   * stable).
   */
  Flux<T> findAll(PageRequest page);

  /**
   * One page of entities and the total number of entities (two statements: the count, then the
   * page, skipped when the page lies past the end).
   */
  Mono<Page<T>> findPage(PageRequest page);

  /** The number of entities. */
  Mono<Long> count();

  /** Whether an entity with this id exists. */
  Mono<Boolean> existsById(ID id);

  /** Deletes the entity with this id; emits the number of rows deleted (0 or 1). */
  Mono<Long> deleteById(ID id);

  /**
   * Deletes a stored entity by its id, checking its version when it has one (see {@link
   * io.r2orm.r2dbc.Database#delete(Object)}).
   */
  Mono<Void> delete(T entity);

  /** Deletes every entity; emits the number of rows deleted. */
  Mono<Long> deleteAll();
}
