package io.r2orm.r2dbc;

import io.r2orm.core.query.Assignment;
import io.r2orm.core.query.Expression;
import io.r2orm.core.query.Field;
import io.r2orm.core.query.Predicate;
import io.r2orm.core.query.Property;
import io.r2orm.core.query.Update;
import io.r2orm.core.query.Value;
import io.r2orm.core.sql.SqlStatement;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * An update of the rows of one entity that match a condition, e.g. {@code
 * db.update(Book.class).set(Book_.TITLE, "Dune").where(Book_.ID.eq(1L)).execute()}. Immutable. To
 * avoid updating a whole table by accident, {@link #execute()} needs a {@link #where}; call {@link
 * #all()} to mean every row.
 *
 * @param <T> the entity type
 */
public final class UpdateQuery<T> {
  private final Database db;
  private final Class<T> entity;
  private final List<Assignment> assignments;
  private final @Nullable Predicate where;

  UpdateQuery(
      Database db, Class<T> entity, List<Assignment> assignments, @Nullable Predicate where) {
    this.db = db;
    this.entity = entity;
    this.assignments = List.copyOf(assignments);
    this.where = where;
  }

  /** Sets a property to a value (a bind). */
  public <V> UpdateQuery<T> set(Property<T, V> property, V value) {
    return set(property, new Value(value));
  }

  /**
   * Sets a property to a computed value, e.g. {@code set(Track_.PRICE, Track_.PRICE.times(new
   * BigDecimal("1.1")))} or {@code set(Track_.TITLE, upper(Track_.TITLE))}.
   */
  public <V> UpdateQuery<T> set(Property<T, V> property, Field<V> value) {
    return set(property, Objects.requireNonNull(value, "value must not be null").expression());
  }

  /** Sets a property to an expression (another property, arithmetic). */
  public <V> UpdateQuery<T> set(Property<T, V> property, Expression value) {
    Objects.requireNonNull(property, "property must not be null");
    if (!db.model(entity).column(property.path()).updatable()) {
      throw new IllegalArgumentException(
          "cannot set "
              + entity.getSimpleName()
              + "."
              + property.path()
              + ": it is mapped with @Column(updatable = false), so no update may write it");
    }
    List<Assignment> next = new ArrayList<>(assignments);
    next.add(new Assignment(property.ref(), value));
    return new UpdateQuery<>(db, entity, next, where);
  }

  /** Restricts the rows updated (and-ed with any earlier condition). */
  public UpdateQuery<T> where(Predicate predicate) {
    Objects.requireNonNull(predicate, "predicate must not be null");
    return new UpdateQuery<>(
        db, entity, assignments, where == null ? predicate : where.and(predicate));
  }

  /** The SQL and binds this update would send. */
  public SqlStatement toSql() {
    return db.renderer().update(new Update(entity, assignments, where));
  }

  /** Runs the update; emits the number of rows changed. Fails when no condition was given. */
  public Mono<Long> execute() {
    if (where == null) {
      return Mono.error(
          new IllegalStateException(
              "update of "
                  + entity.getSimpleName()
                  + " has no where(...); add a condition, or call all() to update every row"));
    }
    return run();
  }

  /** Runs the update on every row; emits the number of rows changed. */
  public Mono<Long> all() {
    return run();
  }

  private Mono<Long> run() {
    return Mono.defer(() -> db.engine().executor().update(toSql()));
  }

  /**
   * Runs the update and emits the changed rows as entities, as the database stored them (with
   * values a trigger or an expression set): one statement, {@code UPDATE … RETURNING} on
   * PostgreSQL. Fails when no condition was given, like {@link #execute()}. Relations are not
   * loaded.
   */
  public Flux<T> returning() {
    if (where == null) {
      return Flux.error(
          new IllegalStateException(
              "update of "
                  + entity.getSimpleName()
                  + " has no where(...); add a condition (returning() updates only rows that match one)"));
    }
    return Flux.defer(
        () -> db.engine().changedRows(db.renderer().returningRows(entity, toSql(), false), entity));
  }
}
