package io.r2orm.core.convert;

import java.util.Objects;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;

/**
 * How one property's values travel to and from the database: the type the driver binds and reads
 * ({@link #databaseType()}), the conversions each way, and the kind of column that holds it. Built
 * once per property when the entity model is built; the conversions run per value without any
 * look-up.
 *
 * @param javaType the property's type (boxed)
 * @param databaseType the type passed to {@code Row.get(int, Class)} and bound as a parameter
 * @param sqlType the kind of column, for schema generation and array casts
 * @param toDatabase converts a non-null property value to a database value
 * @param fromDatabase converts a non-null database value to a property value
 * @param element for an array property ({@code List<String>}, {@code int[]}): how each element
 *     travels, its {@code sqlType} being the array's element kind; null for a single value
 */
public record ValueType(
    Class<?> javaType,
    Class<?> databaseType,
    SqlType sqlType,
    Function<Object, Object> toDatabase,
    Function<Object, Object> fromDatabase,
    @Nullable ValueType element) {

  /** A single-valued type. */
  public ValueType(
      Class<?> javaType,
      Class<?> databaseType,
      SqlType sqlType,
      Function<Object, Object> toDatabase,
      Function<Object, Object> fromDatabase) {
    this(javaType, databaseType, sqlType, toDatabase, fromDatabase, null);
  }

  /**
   * The type to ask the driver for when reading: the database type, except for arrays, read as
   * {@code Object[]} (r2dbc-h2 decodes every array to that; r2dbc-postgresql gives the typed array
   * it holds), then converted element by element.
   */
  public Class<?> readType() {
    return isArray() ? Object[].class : databaseType;
  }

  /** Whether the property holds an array of values (a database array column). */
  public boolean isArray() {
    return element != null;
  }

  public ValueType {
    Objects.requireNonNull(javaType, "javaType must not be null");
    Objects.requireNonNull(databaseType, "databaseType must not be null");
    Objects.requireNonNull(sqlType, "sqlType must not be null");
    Objects.requireNonNull(toDatabase, "toDatabase must not be null");
    Objects.requireNonNull(fromDatabase, "fromDatabase must not be null");
  }

  /** A type the driver handles as it is. */
  public static ValueType identity(Class<?> type, SqlType sqlType) {
    return new ValueType(type, type, sqlType, Function.identity(), Function.identity());
  }

  /** Converts a property value (possibly null) to the value to bind. */
  public @Nullable Object write(@Nullable Object value) {
    return value == null ? null : toDatabase.apply(value);
  }

  /** Converts a value read from a row (possibly null) to the property value. */
  public @Nullable Object read(@Nullable Object value) {
    return value == null ? null : fromDatabase.apply(value);
  }
}
