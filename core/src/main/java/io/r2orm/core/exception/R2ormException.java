package io.r2orm.core.exception;

import org.jspecify.annotations.Nullable;

/** The root of every error r2orm raises. Unchecked; subclasses say what went wrong. */
public class R2ormException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public R2ormException(String message) {
    super(message);
  }

  public R2ormException(String message, @Nullable Throwable cause) {
    super(message, cause);
  }

  /**
   * Whether running the same work again as a whole — a new transaction that reads again — may
   * succeed: the database gave up on it because of other work running at the same time
   * (serialization failure, deadlock, a conflict with recovery on a standby) or because its session
   * was shut down. Never true for errors in the work itself (constraints, SQL, mapping).
   */
  public boolean isRetryable() {
    return false;
  }

  /**
   * Whether {@code error} is an r2orm exception worth retrying ({@link #isRetryable()}), for {@code
   * Retry.backoff(3, Duration.ofMillis(50)).filter(R2ormException::isRetryable)} around a whole
   * transaction.
   */
  public static boolean isRetryable(Throwable error) {
    return error instanceof R2ormException r && r.isRetryable();
  }
}
