package io.r2orm.examples.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.test.web.reactive.server.EntityExchangeResult;
import org.springframework.test.web.reactive.server.WebTestClient;
import tools.jackson.databind.JsonNode;

/**
 * The tests' view of the truth: plain SQL through Spring's {@link DatabaseClient} (not r2orm), the
 * r2orm meters as {@code /actuator/metrics} shows them, and the error shape every failure must
 * have. SQL here is test-owned text, never user input.
 */
final class StoreChecks {
  private static final Duration WAIT = Duration.ofSeconds(10);
  private final DatabaseClient client;
  private final WebTestClient web;

  StoreChecks(DatabaseClient client, WebTestClient web) {
    this.client = client;
    this.web = web;
  }

  long count(String sql) {
    return client.sql(sql).map(row -> ((Number) row.get(0)).longValue()).one().block(WAIT);
  }

  List<Long> longs(String sql) {
    return client
        .sql(sql)
        .map(row -> ((Number) row.get(0)).longValue())
        .all()
        .collectList()
        .block(WAIT);
  }

  String text(String sql) {
    return client.sql(sql).map(row -> row.get(0, String.class)).one().block(WAIT);
  }

  List<String> texts(String sql) {
    return client.sql(sql).map(row -> row.get(0, String.class)).all().collectList().block(WAIT);
  }

  BigDecimal decimal(String sql) {
    return client.sql(sql).map(row -> row.get(0, BigDecimal.class)).one().block(WAIT);
  }

  /** Two columns: a number and a text. */
  Map<Long, String> pairs(String sql) {
    Map<Long, String> map = new LinkedHashMap<>();
    client
        .sql(sql)
        .map(row -> Map.entry(((Number) row.get(0)).longValue(), row.get(1, String.class)))
        .all()
        .doOnNext(e -> map.put(e.getKey(), e.getValue()))
        .blockLast(WAIT);
    return map;
  }

  /** The first artist with at least this many albums. */
  long artistWithAlbums(int albums) {
    return count(
        "SELECT artist_id FROM album GROUP BY artist_id HAVING COUNT(*) >= "
            + albums
            + " ORDER BY artist_id LIMIT 1");
  }

  /**
   * The COUNT of a meter as {@code /actuator/metrics/{name}{tags}} shows it; 0 when it has not been
   * recorded.
   */
  double metric(String name, String tags) {
    EntityExchangeResult<JsonNode> result =
        web.get()
            .uri("/actuator/metrics/" + name + tags)
            .exchange()
            .expectBody(JsonNode.class)
            .returnResult();
    if (result.getStatus().value() == 404) {
      return 0;
    }
    assertThat(result.getStatus().value()).isEqualTo(200);
    for (JsonNode m : result.getResponseBody().get("measurements")) {
      if (m.get("statistic").asString().equals("COUNT")) {
        return m.get("value").asDouble();
      }
    }
    throw new AssertionError("no COUNT in " + result.getResponseBody());
  }

  /**
   * The pool's acquired connections, as the actuator's {@code r2dbc.pool.acquired} gauge shows
   * them.
   */
  double acquiredConnections() {
    EntityExchangeResult<JsonNode> result =
        web.get()
            .uri("/actuator/metrics/r2dbc.pool.acquired")
            .exchange()
            .expectBody(JsonNode.class)
            .returnResult();
    assertThat(result.getStatus().value()).as("the r2dbc.pool.acquired gauge").isEqualTo(200);
    for (JsonNode m : result.getResponseBody().get("measurements")) {
      if (m.get("statistic").asString().equals("VALUE")) {
        return m.get("value").asDouble();
      }
    }
    throw new AssertionError("no VALUE in " + result.getResponseBody());
  }

  /**
   * Waits until the meter's count reaches {@code expected} (a statement is recorded when it ends,
   * which may be just after the response), then checks that it is exactly that.
   */
  void awaitMetric(String name, String tags, double expected) {
    long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
    while (metric(name, tags) < expected && System.nanoTime() < deadline) {
      sleep(50);
    }
    // a statement is counted when it ends, before its connection goes back: once every connection
    // is back, no statement of the request is still to be counted, and an extra one shows as an
    // overshoot
    while (acquiredConnections() > 0 && System.nanoTime() < deadline) {
      sleep(20);
    }
    assertThat(acquiredConnections()).as("connections still acquired").isZero();
    assertThat(metric(name, tags)).as(name + tags).isEqualTo(expected);
  }

  /**
   * The response has this status and the JSON error body with a message containing {@code
   * fragment}.
   */
  void expectError(WebTestClient.ResponseSpec response, HttpStatus status, String fragment) {
    response
        .expectStatus()
        .isEqualTo(status)
        .expectHeader()
        .contentTypeCompatibleWith(MediaType.APPLICATION_JSON)
        .expectBody()
        .jsonPath("$.status")
        .isEqualTo(status.value())
        .jsonPath("$.message")
        .value(String.class, m -> assertThat(m).contains(fragment))
        .jsonPath("$.path")
        .isNotEmpty();
  }

  private static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
