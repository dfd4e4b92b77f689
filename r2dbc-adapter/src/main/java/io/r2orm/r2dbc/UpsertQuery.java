package io.r2orm.r2dbc;

import io.r2orm.core.query.Property;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Insert-or-update of entities on a conflict target (a unique key; the id unless {@link
 * #onConflict} names another): {@code INSERT … ON CONFLICT … DO UPDATE} on PostgreSQL, {@code
 * MERGE} on H2. A versioned entity overwrites a row only when the row still has the version the
 * entity was read with; otherwise the call fails with {@link
 * io.r2orm.core.exception.OptimisticLockException} and nothing is stored. Immutable and lazy.
 *
 * <pre>{@code
 * db.upsertInto(Product.class).onConflict(Product_.SKU).all(products)   // Flux<Product>, stored rows
 * }</pre>
 *
 * @param <T> the entity type
 */
public final class UpsertQuery<T> {
  private final Database db;
  private final Class<T> entity;
  private final List<String> target;

  UpsertQuery(Database db, Class<T> entity, List<String> target) {
    this.db = db;
    this.entity = entity;
    this.target = List.copyOf(target);
  }

  /** The unique properties that decide between insert and update (a unique constraint must cover them). */
  @SafeVarargs
  public final UpsertQuery<T> onConflict(Property<T, ?>... properties) {
    if (properties.length == 0) {
      throw new IllegalArgumentException("onConflict needs at least one property");
    }
    List<String> paths = Arrays.stream(properties).map(p -> Objects.requireNonNull(p, "property").path()).toList();
    paths.forEach(p -> db.model(entity).column(p));
    return new UpsertQuery<>(db, entity, paths);
  }

  /** Upserts one entity; emits it as stored (its id and new version). */
  public Mono<T> one(T value) {
    return all(List.of(Objects.requireNonNull(value, "entity must not be null"))).single();
  }

  /**
   * Upserts the entities in batched statements inside one transaction; emits them as stored, in
   * input order, after the commit.
   */
  public Flux<T> all(Iterable<T> values) {
    return db.engine().upsertAll(values, target);
  }
}
