package io.r2orm.core.exception;

import org.jspecify.annotations.Nullable;

/**
 * A value cannot be stored or compared as given: the database rejected it (SQLSTATE class 22: text
 * too long for its column, a number out of range, a character its encoding cannot hold such as
 * U+0000, text that is not a valid value of the column's type), or r2orm refused it before sending
 * (text with an unpaired UTF-16 surrogate, which both databases would silently store as {@code ?}).
 * The input is at fault, not the system: a web application answers it with 400.
 */
public class InvalidValueException extends StatementException {
  private static final long serialVersionUID = 1L;

  public InvalidValueException(
      String what, @Nullable String sql, @Nullable String sqlState, @Nullable Throwable cause) {
    super(what, sql, sqlState, cause);
  }
}
