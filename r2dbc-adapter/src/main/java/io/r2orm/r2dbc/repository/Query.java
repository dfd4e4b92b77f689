package io.r2orm.r2dbc.repository;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Runs hand-written SQL for a repository method, with named parameters bound from the method's
 * parameters (by {@link Param} or, compiled with {@code -parameters}, by name). Values are always
 * binds. Rows map by column name to the declared element type: the entity, a record, or a built-in
 * type (first column). A collection parameter becomes one array bind ({@code = ANY(:ids)}).
 *
 * <pre>{@code
 * @Query("SELECT * FROM book WHERE title = :title")
 * Mono<Book> byTitle(String title);
 *
 * @Query("SELECT author_id, COUNT(*) AS books FROM book GROUP BY author_id")
 * Flux<AuthorCount> countsByAuthor();                       // record AuthorCount(Long authorId, long books)
 *
 * @Query(value = "UPDATE book SET year = :year WHERE id = :id", modifying = true)
 * Mono<Long> setYear(long id, int year);                    // rows changed
 * }</pre>
 *
 * <p>Parameters and the SQL are checked against each other when the repository is created.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.METHOD)
public @interface Query {
  /** The SQL, with {@code :name} parameters. */
  String value();

  /**
   * Whether the SQL changes rows without returning any ({@code UPDATE}, {@code DELETE}, {@code
   * INSERT}); the method then returns {@code Mono<Long>} or {@code Mono<Integer>} (rows changed) or
   * {@code Mono<Void>}.
   */
  boolean modifying() default false;
}
