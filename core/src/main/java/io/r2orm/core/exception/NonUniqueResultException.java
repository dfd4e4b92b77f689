package io.r2orm.core.exception;

/** A query expected to return at most one row returned more. Add a condition or use first(). */
public class NonUniqueResultException extends R2ormException {
  private static final long serialVersionUID = 1L;

  public NonUniqueResultException(String message) {
    super(message);
  }
}
