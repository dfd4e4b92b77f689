package io.r2orm.core.query;

import java.util.Objects;

/**
 * {@code property = value} in an update.
 *
 * @param target the property written
 * @param value the new value (a bind, another property, or arithmetic)
 */
public record Assignment(PropertyRef target, Expression value) {
  public Assignment {
    Objects.requireNonNull(target, "target must not be null");
    Objects.requireNonNull(value, "value must not be null");
  }
}
