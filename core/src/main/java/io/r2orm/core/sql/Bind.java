package io.r2orm.core.sql;

import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * One bound parameter: the value as the driver receives it (already converted) and its type, which
 * the driver needs when the value is NULL.
 *
 * @param value the value, or null
 * @param type the driver-level type (e.g. {@code Long.class}, {@code String[].class})
 */
public record Bind(@Nullable Object value, Class<?> type) {
  public Bind {
    Objects.requireNonNull(type, "type must not be null");
  }

  @Override
  public String toString() {
    return "Bind[" + type.getSimpleName() + "]";
  }
}
