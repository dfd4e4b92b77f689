package io.r2orm.examples.store.web;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.server.reactive.ServerHttpResponse;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import reactor.core.publisher.Mono;
import tools.jackson.databind.ObjectMapper;

/**
 * Answers a request line or headers that are too long with 414 or 431 and the API's JSON error
 * body. Netty's own limits (raised in application.properties to 64 KB) answer with an empty body,
 * so the application's limits sit below them and are checked first.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE)
public class RequestLimits implements WebFilter {
  /** The longest path and query string the API accepts, in bytes. */
  static final int MAX_URI = 8 * 1024;
  /** The most header bytes (names and values) the API accepts. */
  static final int MAX_HEADERS = 16 * 1024;

  private final ObjectMapper json;

  public RequestLimits(ObjectMapper json) {
    this.json = json;
  }

  @Override
  public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
    String uri = exchange.getRequest().getURI().getRawPath()
        + (exchange.getRequest().getURI().getRawQuery() == null ? "" : "?" + exchange.getRequest().getURI().getRawQuery());
    if (uri.length() > MAX_URI) {
      return reject(exchange, HttpStatus.URI_TOO_LONG,
          "The request's path and query string are " + uri.length() + " bytes; the API accepts at most " + MAX_URI);
    }
    long headers = 0;
    for (Map.Entry<String, List<String>> header : exchange.getRequest().getHeaders().headerSet()) {
      for (String value : header.getValue()) {
        headers += header.getKey().length() + value.getBytes(StandardCharsets.UTF_8).length + 4;
      }
    }
    if (headers > MAX_HEADERS) {
      return reject(exchange, HttpStatus.REQUEST_HEADER_FIELDS_TOO_LARGE,
          "The request's headers are " + headers + " bytes; the API accepts at most " + MAX_HEADERS);
    }
    return chain.filter(exchange);
  }

  private Mono<Void> reject(ServerWebExchange exchange, HttpStatus status, String message) {
    String path = exchange.getRequest().getPath().value();
    ApiError error = new ApiError(status.value(), status.getReasonPhrase(), message,
        path.length() <= 200 ? path : path.substring(0, 197) + "...");
    ServerHttpResponse response = exchange.getResponse();
    response.setStatusCode(status);
    response.getHeaders().setContentType(MediaType.APPLICATION_JSON);
    DataBuffer body = response.bufferFactory().wrap(json.writeValueAsBytes(error));
    return response.writeWith(Mono.just(body));
  }
}
