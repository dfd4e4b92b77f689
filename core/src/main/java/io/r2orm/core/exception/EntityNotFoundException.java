package io.r2orm.core.exception;

/**
 * An operation that needs an existing row found none: the update of an entity whose id is not in
 * the table, for example.
 */
public class EntityNotFoundException extends R2ormException {
  private static final long serialVersionUID = 1L;

  public EntityNotFoundException(String message) {
    super(message);
  }
}
