package io.r2orm.core.exception;

import org.jspecify.annotations.Nullable;

/**
 * No connection became free within the pool's acquire timeout: every connection is busy. Raise the
 * pool's size, lower the concurrency, or look for subscriptions that are never cancelled.
 */
public class ConnectionTimeoutException extends ConnectionFailureException {
  private static final long serialVersionUID = 1L;

  public ConnectionTimeoutException(String what, @Nullable Throwable cause) {
    super(what, null, null, cause);
  }
}
