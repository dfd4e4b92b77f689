package io.r2orm.core.sql;

import java.util.List;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * A rendered statement: SQL text with dialect placeholders and the values to bind, in order. {@link
 * #toString()} shows only the SQL, so that logging a statement never leaks a value.
 *
 * @param sql the SQL text
 * @param binds the values, one per placeholder, in placeholder order
 * @param generatedKeys columns to ask the driver for as generated values (empty when the SQL
 *     returns them itself, e.g. with {@code RETURNING})
 */
public record SqlStatement(String sql, List<Bind> binds, List<String> generatedKeys) {
  public SqlStatement {
    Objects.requireNonNull(sql, "sql must not be null");
    binds = List.copyOf(binds);
    generatedKeys = List.copyOf(generatedKeys);
    for (int i = 0; i < binds.size(); i++) {
      Object value = binds.get(i).value();
      if (value instanceof Object[] array) {
        for (Object element : array) {
          requireWellFormed(element, i, sql);
        }
      } else {
        requireWellFormed(value, i, sql);
      }
    }
  }

  /**
   * Refuses text with an unpaired UTF-16 surrogate: PostgreSQL and H2 both store it as {@code ?},
   * so it would be changed silently and then compare equal to unrelated text. The message gives the
   * position, never the value.
   */
  private static void requireWellFormed(@Nullable Object value, int bind, String sql) {
    if (!(value instanceof String text)) {
      return;
    }
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (Character.isHighSurrogate(c)
          && i + 1 < text.length()
          && Character.isLowSurrogate(text.charAt(i + 1))) {
        i++;
      } else if (Character.isSurrogate(c)) {
        throw new io.r2orm.core.exception.InvalidValueException(
            "Text bound as parameter "
                + (bind + 1)
                + " has an unpaired "
                + "UTF-16 surrogate (U+"
                + Integer.toHexString(c).toUpperCase(java.util.Locale.ROOT)
                + " at index "
                + i
                + "), which the database would store as '?'; send well-formed text (check how the input was decoded)",
            sql,
            null,
            null);
      }
    }
  }

  public SqlStatement(String sql, List<Bind> binds) {
    this(sql, binds, List.of());
  }

  @Override
  public String toString() {
    return sql;
  }
}
