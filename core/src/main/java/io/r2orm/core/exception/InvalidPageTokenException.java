package io.r2orm.core.exception;

import org.jspecify.annotations.Nullable;

/**
 * A page token that r2orm did not issue for this query's sort order: malformed, cut, or from a
 * different ordering. Treat it as bad input (HTTP 400), and start again from the first page.
 */
public class InvalidPageTokenException extends R2ormException {
  private static final long serialVersionUID = 1L;

  public InvalidPageTokenException(String message) {
    super(message);
  }

  public InvalidPageTokenException(String message, @Nullable Throwable cause) {
    super(message, cause);
  }
}
