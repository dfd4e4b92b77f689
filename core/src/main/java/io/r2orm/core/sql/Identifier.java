package io.r2orm.core.sql;

import java.util.Objects;

/**
 * A table, column or schema name. Never built from a user's value: names come from entity metadata,
 * and the dialect quotes them where needed. Rejects names that cannot be quoted safely (empty, NUL,
 * or over 63 characters).
 *
 * @param name the name as stored in the database catalog (case preserved)
 */
public record Identifier(String name) {
  public Identifier {
    Objects.requireNonNull(name, "name must not be null");
    if (name.isEmpty() || name.length() > 63 || name.indexOf('\0') >= 0) {
      throw new IllegalArgumentException(
          "identifier must be 1 to 63 characters without NUL, got \"" + name + "\"");
    }
  }

  public static Identifier of(String name) {
    return new Identifier(name);
  }

  @Override
  public String toString() {
    return name;
  }
}
