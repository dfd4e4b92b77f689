package io.r2orm.r2dbc;

import io.r2orm.core.query.Delete;
import io.r2orm.core.query.Predicate;
import io.r2orm.core.sql.SqlStatement;
import java.util.Objects;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * A delete of the rows of one entity that match a condition, e.g. {@code
 * db.delete(Book.class).where(Book_.YEAR.lt(1900)).execute()}. Immutable. To avoid emptying a table
 * by accident, {@link #execute()} needs a {@link #where}; call {@link #all()} to mean every row.
 *
 * @param <T> the entity type
 */
public final class DeleteQuery<T> {
  private final Database db;
  private final Class<T> entity;
  private final @Nullable Predicate where;

  DeleteQuery(Database db, Class<T> entity, @Nullable Predicate where) {
    this.db = db;
    this.entity = entity;
    this.where = where;
  }

  /** Restricts the rows deleted (and-ed with any earlier condition). */
  public DeleteQuery<T> where(Predicate predicate) {
    Objects.requireNonNull(predicate, "predicate must not be null");
    return new DeleteQuery<>(db, entity, where == null ? predicate : where.and(predicate));
  }

  /** The SQL and binds this delete would send. */
  public SqlStatement toSql() {
    return db.renderer().delete(new Delete(entity, where));
  }

  /** Runs the delete; emits the number of rows deleted. Fails when no condition was given. */
  public Mono<Long> execute() {
    if (where == null) {
      return Mono.error(
          new IllegalStateException(
              "delete of "
                  + entity.getSimpleName()
                  + " has no where(...); add a condition, or call all() to delete every row"));
    }
    return all();
  }

  /** Deletes every matching row (every row, without a condition); emits the number deleted. */
  public Mono<Long> all() {
    return Mono.defer(() -> db.engine().executor().update(toSql()));
  }

  /**
   * Runs the delete and emits the deleted rows as entities, as they were: one statement, {@code
   * DELETE … RETURNING} on PostgreSQL. Fails when no condition was given, like {@link #execute()}.
   * Relations are not loaded.
   */
  public Flux<T> returning() {
    if (where == null) {
      return Flux.error(
          new IllegalStateException(
              "delete of "
                  + entity.getSimpleName()
                  + " has no where(...); add a condition (returning() deletes only rows that match one)"));
    }
    return Flux.defer(
        () -> db.engine().changedRows(db.renderer().returningRows(entity, toSql(), true), entity));
  }
}
