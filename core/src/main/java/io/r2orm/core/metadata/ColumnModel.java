package io.r2orm.core.metadata;

import io.r2orm.core.convert.ValueType;
import io.r2orm.core.sql.Identifier;
import java.util.Objects;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;

/**
 * One mapped column: the property path that holds it ({@code title}, {@code address.city}), the
 * column name, how values convert, and the constraints schema generation emits. Immutable.
 *
 * @param path the property path from the entity root, dot-separated for embedded parts
 * @param name the column name
 * @param propertyType the declared Java type (may be primitive)
 * @param valueType how values convert between Java and the driver
 * @param nullable whether NULL is allowed (never for primitives or the id)
 * @param unique whether schema generation adds a UNIQUE constraint
 * @param length maximum text length, 0 for unbounded
 * @param precision decimal precision, 0 for the database default
 * @param scale decimal scale
 * @param declaredType the database type named with {@code @Column(type = ...)}, or empty when the
 *     type is derived from the Java type
 * @param insertable whether inserts write the column ({@code @Column(insertable = false)}: the
 *     database fills it)
 * @param updatable whether updates write the column
 * @param getter reads the property value from an entity instance (null-safe through embedded parts)
 */
public record ColumnModel(
    String path,
    Identifier name,
    Class<?> propertyType,
    ValueType valueType,
    boolean nullable,
    boolean unique,
    int length,
    int precision,
    int scale,
    String declaredType,
    boolean insertable,
    boolean updatable,
    Function<Object, Object> getter) {

  public ColumnModel {
    Objects.requireNonNull(path, "path must not be null");
    Objects.requireNonNull(name, "name must not be null");
    Objects.requireNonNull(propertyType, "propertyType must not be null");
    Objects.requireNonNull(valueType, "valueType must not be null");
    Objects.requireNonNull(declaredType, "declaredType must not be null (empty for none)");
    Objects.requireNonNull(getter, "getter must not be null");
  }

  /**
   * Whether the column has a database type of its own, named in the mapping (a native enum type).
   */
  public boolean hasDeclaredType() {
    return !declaredType.isEmpty();
  }

  /** Reads this column's property value from an entity and converts it to its bind value. */
  public @Nullable Object databaseValue(Object entity) {
    return valueType.write(getter.apply(entity));
  }

  /** The driver-level type used to read and bind this column. */
  public Class<?> databaseType() {
    return valueType.databaseType();
  }

  @Override
  public String toString() {
    return path + " -> " + name;
  }
}
