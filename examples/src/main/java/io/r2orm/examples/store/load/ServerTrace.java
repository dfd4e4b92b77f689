package io.r2orm.examples.store.load;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.server.WebFilter;

/**
 * What the server saw of each load-test request, by the id the client sends in {@link #HEADER}: so
 * that a client timeout can be told apart — never received (a connection problem), received and
 * still running (a hang in the application), or answered (lost on the way back). Registered only by
 * {@link LoadTest}, not by the application.
 */
@Configuration(proxyBeanMethods = false)
public class ServerTrace {
  /** The request header carrying the client's request id. */
  public static final String HEADER = "X-Load-Request";

  private static final Map<String, String> SEEN = new ConcurrentHashMap<>();

  /** What the server saw of the request with this id, for a report. */
  public static String of(String id) {
    return SEEN.getOrDefault(id, "never received by the server");
  }

  static void clear() {
    SEEN.clear();
  }

  @Bean
  WebFilter loadRequestTrace() {
    return (exchange, chain) -> {
      String id = exchange.getRequest().getHeaders().getFirst(HEADER);
      if (id == null) {
        return chain.filter(exchange);
      }
      long start = System.nanoTime();
      SEEN.put(id, "received, still running");
      exchange
          .getResponse()
          .beforeCommit(
              () -> {
                SEEN.computeIfPresent(
                    id, (k, v) -> "response started after " + millis(start) + " ms, still running");
                return reactor.core.publisher.Mono.empty();
              });
      return chain
          .filter(exchange)
          .doFinally(
              signal ->
                  SEEN.put(
                      id,
                      signal
                          + " after "
                          + millis(start)
                          + " ms ("
                          + SEEN.getOrDefault(id, "")
                          + ")"));
    };
  }

  private static long millis(long start) {
    return (System.nanoTime() - start) / 1_000_000;
  }
}
