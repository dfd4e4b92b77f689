package io.r2orm.core.exception;

/** The root of every error r2orm raises. Unchecked; subclasses say what went wrong. */
public class R2ormException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public R2ormException(String message) {
    super(message);
  }

  public R2ormException(String message, Throwable cause) {
    super(message, cause);
  }
}
