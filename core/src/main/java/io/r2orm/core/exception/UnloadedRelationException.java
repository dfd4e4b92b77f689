package io.r2orm.core.exception;

/**
 * A relation was read that the query did not fetch. r2orm never loads it behind your back (that
 * would block or hide an N+1); add the fetch the message names.
 */
public class UnloadedRelationException extends R2ormException {
  private static final long serialVersionUID = 1L;

  public UnloadedRelationException(String message) {
    super(message);
  }
}
