package io.r2orm.core.annotation;

/**
 * How an entity's id is produced.
 *
 * <ul>
 *   <li>{@link #IDENTITY}: the database draws it (identity/serial column). An entity whose id is
 *       {@code null} (or {@code 0} for a primitive) is new; {@code save} inserts it, otherwise
 *       updates it.
 *   <li>{@link #ASSIGNED}: the application sets it before inserting. {@code save} cannot tell new
 *       from stored by the id, so it decides by the {@link Version} (null or 0 means new) and,
 *       without a version, writes with one upsert statement.
 *   <li>{@link #UUID}: like {@code ASSIGNED}, but a {@code java.util.UUID} id that is {@code null}
 *       on insert gets a random UUID.
 *   <li>{@link #AUTO}: {@code IDENTITY} for integer ids, {@code ASSIGNED} otherwise.
 * </ul>
 */
public enum IdGeneration {
  AUTO,
  IDENTITY,
  ASSIGNED,
  UUID
}
