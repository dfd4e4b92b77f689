package io.r2orm.core.exception;

/**
 * No connection became free within the pool's acquire timeout: every connection is busy. Raise the
 * pool's size, lower the concurrency, or look for subscriptions that are never cancelled.
 */
public class ConnectionTimeoutException extends ConnectionFailureException {
  private static final long serialVersionUID = 1L;

  public ConnectionTimeoutException(String what, Throwable cause) {
    super(what, null, null, cause);
  }
}
