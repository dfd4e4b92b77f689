package io.r2orm.examples.store.web;

import org.springframework.http.HttpStatus;

/**
 * A failure the API reports to its client as {@code {"status": …, "message": …}} with this status:
 * bad input (400), an unknown id (404), a conflict (409).
 */
public final class ApiException extends RuntimeException {
  private static final long serialVersionUID = 1L;
  private final HttpStatus status;

  public ApiException(HttpStatus status, String message) {
    super(message, null, false, false);
    this.status = status;
  }

  /** 400: the request is malformed or out of range. */
  public static ApiException badRequest(String message) {
    return new ApiException(HttpStatus.BAD_REQUEST, message);
  }

  /** 404: no {@code what} with this id. */
  public static ApiException notFound(String what, Object id) {
    return new ApiException(HttpStatus.NOT_FOUND, "No " + what + " with id " + id);
  }

  /** 409: the request conflicts with the stored state. */
  public static ApiException conflict(String message) {
    return new ApiException(HttpStatus.CONFLICT, message);
  }

  /** The HTTP status to answer with. */
  public HttpStatus status() {
    return status;
  }
}
