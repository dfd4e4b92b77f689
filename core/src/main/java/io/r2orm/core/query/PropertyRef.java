package io.r2orm.core.query;

import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * A reference to an entity property by path, resolved to a column against the entity model when the
 * query is rendered (an unknown path is an error listing the known ones).
 *
 * @param owner the entity class the property belongs to, or null for a dynamic (string) reference
 *     that is resolved against the query's entity
 * @param path the property path, e.g. {@code title} or {@code address.city}
 * @param alias the table alias the property is qualified with (see {@link TableRef#get}), or null
 *     for the owner's table under its own name (or, when it appears only under an alias, that one)
 */
public record PropertyRef(@Nullable Class<?> owner, String path, @Nullable String alias)
    implements Expression {
  @Override
  public <R> R accept(Expression.Visitor<R> visitor) {
    return visitor.propertyRef(this);
  }

  public PropertyRef {
    Objects.requireNonNull(path, "path must not be null");
    if (path.isBlank()) {
      throw new IllegalArgumentException("path must not be blank");
    }
  }

  /** An unqualified reference. */
  public PropertyRef(@Nullable Class<?> owner, String path) {
    this(owner, path, null);
  }
}
