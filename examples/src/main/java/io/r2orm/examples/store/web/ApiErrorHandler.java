package io.r2orm.examples.store.web;

import io.r2orm.core.exception.DuplicateKeyException;
import io.r2orm.core.exception.InvalidPageTokenException;
import io.r2orm.core.exception.InvalidValueException;
import io.r2orm.core.exception.OptimisticLockException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.TypeMismatchException;
import org.springframework.core.MethodParameter;
import org.springframework.core.codec.DecodingException;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.reactive.resource.NoResourceFoundException;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.ServerWebInputException;

/**
 * Turns every failure of a request into a JSON {@link ApiError} with a message: the API's own
 * {@link ApiException}s, r2orm's exceptions that mean bad input or a conflict (a malformed page
 * token is 400, a stale version or a duplicate key 409), Spring's input errors (a wrong type,
 * unreadable JSON, an unknown path or method) with their status. Anything else is a 500 whose
 * details go to the log, not to the client.
 */
@RestControllerAdvice
public class ApiErrorHandler {
  private static final Logger LOG = LoggerFactory.getLogger(ApiErrorHandler.class);

  private static final java.util.regex.Pattern WHOLE = java.util.regex.Pattern.compile("-?[0-9]+");

  /**
   * Whole numbers in paths and query strings are read strictly: digits, optionally after a minus.
   * Spring's default editors also take {@code 0x10}, {@code +5} and {@code " 5"}, which would
   * answer a request the client did not mean; refused, they answer 400 like any other bad number.
   */
  @org.springframework.web.bind.annotation.InitBinder
  void strictNumbers(org.springframework.web.bind.WebDataBinder binder) {
    for (Class<?> type : java.util.List.of(Integer.class, int.class, Long.class, long.class)) {
      binder.registerCustomEditor(
          type,
          new java.beans.PropertyEditorSupport() {
            @Override
            public void setAsText(String text) {
              if (text == null || text.isEmpty()) {
                setValue(null);
                return;
              }
              if (!WHOLE.matcher(text).matches()) {
                throw new IllegalArgumentException(
                    "not a whole number in decimal digits: " + Params.shorten(text));
              }
              setValue(
                  type == Integer.class || type == int.class
                      ? (Object) Integer.valueOf(text)
                      : (Object) Long.valueOf(text));
            }
          });
    }
  }

  @ExceptionHandler(ApiException.class)
  ResponseEntity<ApiError> api(ApiException e, ServerWebExchange exchange) {
    return error(e.status(), e.getMessage(), exchange);
  }

  @ExceptionHandler(InvalidPageTokenException.class)
  ResponseEntity<ApiError> pageToken(InvalidPageTokenException e, ServerWebExchange exchange) {
    return error(HttpStatus.BAD_REQUEST, e.getMessage(), exchange);
  }

  /**
   * A value the database cannot store as given (too long, out of range, U+0000, an unpaired
   * surrogate): the input's fault.
   */
  @ExceptionHandler(InvalidValueException.class)
  ResponseEntity<ApiError> invalidValue(InvalidValueException e, ServerWebExchange exchange) {
    return error(
        HttpStatus.BAD_REQUEST,
        "A value in the request cannot be stored as given (too long, out of range, "
            + "or characters such as U+0000 or an unpaired surrogate)",
        exchange);
  }

  @ExceptionHandler(OptimisticLockException.class)
  ResponseEntity<ApiError> stale(OptimisticLockException e, ServerWebExchange exchange) {
    return error(
        HttpStatus.CONFLICT,
        "The row was changed since it was read; read it again and retry",
        exchange);
  }

  @ExceptionHandler(DuplicateKeyException.class)
  ResponseEntity<ApiError> duplicate(DuplicateKeyException e, ServerWebExchange exchange) {
    return error(HttpStatus.CONFLICT, "That already exists", exchange);
  }

  @ExceptionHandler(ServerWebInputException.class)
  ResponseEntity<ApiError> input(ServerWebInputException e, ServerWebExchange exchange) {
    return error(HttpStatus.BAD_REQUEST, inputMessage(e), exchange);
  }

  @ExceptionHandler(NoResourceFoundException.class)
  ResponseEntity<ApiError> noEndpoint(NoResourceFoundException e, ServerWebExchange exchange) {
    return error(
        e.getStatusCode(),
        "No endpoint "
            + exchange.getRequest().getMethod()
            + " "
            + Params.shorten(exchange.getRequest().getPath().value()),
        exchange);
  }

  @ExceptionHandler(ResponseStatusException.class)
  ResponseEntity<ApiError> status(ResponseStatusException e, ServerWebExchange exchange) {
    String reason = e.getReason() != null ? e.getReason() : reasonPhrase(e.getStatusCode());
    return error(e.getStatusCode(), reason, exchange);
  }

  @ExceptionHandler(Exception.class)
  ResponseEntity<ApiError> unexpected(Exception e, ServerWebExchange exchange) {
    LOG.error(
        "Request {} {} failed",
        exchange.getRequest().getMethod(),
        exchange.getRequest().getPath(),
        e);
    return error(
        HttpStatus.INTERNAL_SERVER_ERROR,
        "Internal error; the server log has the details",
        exchange);
  }

  private static String inputMessage(ServerWebInputException e) {
    MethodParameter parameter = e.getMethodParameter();
    if (e.getCause() instanceof TypeMismatchException mismatch) {
      String name =
          parameter != null && parameter.getParameterName() != null
              ? parameter.getParameterName()
              : "a parameter";
      String type =
          mismatch.getRequiredType() == null
              ? "another type"
              : typeName(mismatch.getRequiredType());
      return name
          + " must be "
          + type
          + ", got '"
          + Params.shorten(String.valueOf(mismatch.getValue()))
          + "'";
    }
    if ("No request body".equals(e.getReason())) {
      return "A JSON request body is required";
    }
    if (e.getCause() instanceof DecodingException) {
      return "The request body is not valid JSON of the expected shape: "
          + firstLine(e.getCause().getMessage());
    }
    return e.getReason() != null ? e.getReason() : "Bad request";
  }

  private static String typeName(Class<?> type) {
    if (type == long.class || type == int.class || type == Long.class || type == Integer.class) {
      return "a whole number within range";
    }
    return "a " + type.getSimpleName();
  }

  private static String firstLine(String message) {
    if (message == null) {
      return "unreadable";
    }
    String line = message.lines().findFirst().orElse("");
    return line.length() <= 200 ? line : line.substring(0, 197) + "...";
  }

  private static String reasonPhrase(HttpStatusCode code) {
    HttpStatus status = HttpStatus.resolve(code.value());
    return status == null ? "Error " + code.value() : status.getReasonPhrase();
  }

  private static ResponseEntity<ApiError> error(
      HttpStatusCode code, String message, ServerWebExchange exchange) {
    ApiError body =
        new ApiError(
            code.value(), reasonPhrase(code), message, exchange.getRequest().getPath().value());
    return ResponseEntity.status(code).contentType(MediaType.APPLICATION_JSON).body(body);
  }
}
