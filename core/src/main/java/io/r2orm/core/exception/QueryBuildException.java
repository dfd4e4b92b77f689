package io.r2orm.core.exception;

/**
 * A query cannot be built from what was given: an unknown property name, a property of another
 * entity, a value of the wrong type. Raised before any SQL is sent.
 */
public class QueryBuildException extends R2ormException {
  private static final long serialVersionUID = 1L;

  public QueryBuildException(String message) {
    super(message);
  }
}
