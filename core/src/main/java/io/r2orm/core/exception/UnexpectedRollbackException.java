package io.r2orm.core.exception;

import org.jspecify.annotations.Nullable;

/**
 * A transaction was rolled back although its work completed: work joined to it failed earlier (an
 * inner {@code transaction(...)} call whose error the caller then handled), and a failure inside a
 * transaction rolls all of it back. The cause is that first failure. Use a nested transaction (a
 * savepoint) for work whose failure may be recovered from.
 */
public class UnexpectedRollbackException extends R2ormException {
  private static final long serialVersionUID = 1L;

  public UnexpectedRollbackException(String message, @Nullable Throwable cause) {
    super(message, cause);
  }
}
