package io.r2orm.core.query;

import java.util.Objects;

/**
 * A named subquery that a query reads like a table ({@code WITH name AS (SELECT …) SELECT … FROM
 * name}): its rows are whole rows of an entity, so the query names its columns through the entity's
 * properties, qualified with {@link #table()}. Declare it on the query that reads it with {@code
 * with(...)}. Immutable.
 *
 * <pre>{@code
 * CommonTable<Track> cheap = CommonTable.of("cheap", Track.class,
 *     Subquery.select(TableRef.of(Track.class)).from(Track.class).where(Track_.PRICE.lt(ONE)));
 * db.select(cheap.table().get(Track_.TITLE)).with(cheap).from(cheap.table()).all();
 * }</pre>
 *
 * @param name the name the query reads it by: a plain identifier
 * @param entity the entity whose rows it holds
 * @param query the subquery, selecting the whole entity and nothing else
 * @param <E> the entity type
 */
public record CommonTable<E>(String name, Class<E> entity, Subquery query) {
  /**
   * Checks the name and that the subquery's rows are rows of {@code entity}.
   *
   * @throws IllegalArgumentException naming the fix
   */
  public CommonTable {
    Objects.requireNonNull(name, "name must not be null");
    Objects.requireNonNull(entity, "entity must not be null");
    Objects.requireNonNull(query, "query must not be null");
    if (!TableRef.ALIAS.matcher(name).matches()) {
      throw new IllegalArgumentException(
          "common table name '"
              + name
              + "' is not a plain identifier (letters, digits, _; at most 63)");
    }
    if (query.items().size() != 1
        || !(query.items().get(0) instanceof SelectItem.Entity e)
        || e.table().entity() != entity) {
      throw new IllegalArgumentException(
          "common table '"
              + name
              + "' holds "
              + entity.getSimpleName()
              + " rows, so its subquery selects the whole entity and nothing else: "
              + "Subquery.select(TableRef.of("
              + entity.getSimpleName()
              + ".class)).from(...)");
    }
  }

  /**
   * The common table {@code name} holding the rows of {@code entity} that {@code query} selects.
   */
  public static <E> CommonTable<E> of(String name, Class<E> entity, Subquery query) {
    return new CommonTable<>(name, entity, query);
  }

  /** The table a query reads it as: qualify properties with it, and name it in {@code from}. */
  public TableRef<E> table() {
    return TableRef.commonTable(entity, name);
  }
}
