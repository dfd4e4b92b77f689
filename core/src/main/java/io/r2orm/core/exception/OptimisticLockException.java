package io.r2orm.core.exception;

/**
 * An update or delete of a versioned entity found another version (or no row): someone else changed
 * or removed it since it was read. Nothing was changed. Re-read the entity and retry.
 */
public class OptimisticLockException extends R2ormException {
  private static final long serialVersionUID = 1L;

  public OptimisticLockException(String message) {
    super(message);
  }
}
