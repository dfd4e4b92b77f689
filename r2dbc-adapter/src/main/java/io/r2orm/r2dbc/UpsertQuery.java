package io.r2orm.r2dbc;

import io.r2orm.core.query.Property;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Insert-or-update of entities on a conflict target (a unique key; the id unless {@link
 * #onConflict} names another): {@code INSERT … ON CONFLICT … DO UPDATE} on PostgreSQL, {@code
 * MERGE} on H2. An existing row gets every written column but the key, or only those named by
 * {@link #doUpdate}; with {@link #doNothing()} it is left as it is (insert-or-ignore). A versioned
 * entity overwrites a row only when the row still has the version the entity was read with;
 * otherwise the call fails with {@link io.r2orm.core.exception.OptimisticLockException} and nothing
 * is stored. Immutable and lazy.
 *
 * <pre>{@code
 * db.upsertInto(Product.class).onConflict(Product_.SKU).all(products)                 // Flux<Product>, stored rows
 * db.upsertInto(Product.class).onConflict(Product_.SKU).doUpdate(Product_.PRICE).all(products)
 * db.upsertInto(FilmCategory.class).onConflict(FILM_ID, CATEGORY_ID).doNothing().all(links)  // only the new ones
 * }</pre>
 *
 * @param <T> the entity type
 */
public final class UpsertQuery<T> {
  private final Database db;
  private final Class<T> entity;
  private final List<String> target;

  /** The properties an existing row gets; null: every written one but the key; empty: none. */
  private final @Nullable List<String> update;

  UpsertQuery(Database db, Class<T> entity, List<String> target, @Nullable List<String> update) {
    this.db = db;
    this.entity = entity;
    this.target = List.copyOf(target);
    this.update = update == null ? null : List.copyOf(update);
  }

  /**
   * The unique properties that decide between insert and update (a unique constraint must cover
   * them).
   */
  @SafeVarargs
  @SuppressWarnings("varargs") // the array is only read, never stored or exposed
  public final UpsertQuery<T> onConflict(Property<T, ?>... properties) {
    if (properties.length == 0) {
      throw new IllegalArgumentException("onConflict needs at least one property");
    }
    List<String> paths =
        Arrays.stream(properties).map(p -> Objects.requireNonNull(p, "property").path()).toList();
    paths.forEach(p -> db.model(entity).column(p));
    return new UpsertQuery<>(db, entity, paths, update);
  }

  /**
   * Leaves an existing row as it is (insert-or-ignore: no update, so no trigger fires and no
   * timestamp moves) and emits only the entities that were inserted. No version is checked.
   */
  public UpsertQuery<T> doNothing() {
    return new UpsertQuery<>(db, entity, target, List.of());
  }

  /**
   * Updates only these properties of an existing row (and its version, if the entity has one); the
   * other columns keep their stored values. Not the key or the id.
   */
  @SafeVarargs
  @SuppressWarnings("varargs") // the array is only read, never stored or exposed
  public final UpsertQuery<T> doUpdate(Property<T, ?>... properties) {
    if (properties.length == 0) {
      throw new IllegalArgumentException(
          "doUpdate needs at least one property; use doNothing() to leave existing rows as they are");
    }
    var model = db.model(entity);
    List<String> paths =
        Arrays.stream(properties).map(p -> Objects.requireNonNull(p, "property").path()).toList();
    for (String path : paths) {
      var column = model.column(path);
      if (model.isIdColumn(column) || target.contains(path)) {
        throw new IllegalArgumentException(
            "doUpdate("
                + path
                + ") on "
                + entity.getSimpleName()
                + ": the conflict key and the id identify the row and are never updated; name other properties");
      }
      if (model.version().map(v -> v == column).orElse(false)) {
        throw new IllegalArgumentException(
            "doUpdate("
                + path
                + ") on "
                + entity.getSimpleName()
                + ": the version is always advanced on an update; name the other properties to update");
      }
    }
    return new UpsertQuery<>(db, entity, target, paths);
  }

  /**
   * Upserts one entity; emits it as stored (its id and new version; after {@link #doUpdate} of
   * chosen properties, every column as the row now holds it), or nothing after {@link #doNothing()}
   * when it existed.
   */
  public Mono<T> one(T value) {
    return all(List.of(Objects.requireNonNull(value, "entity must not be null"))).singleOrEmpty();
  }

  /**
   * Upserts the entities in batched statements inside one transaction; emits them as stored (as
   * {@link #one}), in input order, after the commit (after {@link #doNothing()}: only those
   * inserted).
   */
  public Flux<T> all(Iterable<T> values) {
    return db.engine().upsertAll(values, target, update);
  }
}
