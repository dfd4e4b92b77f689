package io.r2orm.examples.store.load;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * What one {@link LoadTest} run measured: the requests and their answers, the latencies, and the
 * state the application was left in — its connection pool after the load, its sessions in {@code
 * pg_stat_activity}, and the prepared statements each pooled backend holds.
 *
 * @param clients concurrent clients
 * @param elapsed from the first request to the last answer (or timeout)
 * @param requests requests sent
 * @param statuses answers by HTTP status
 * @param timeouts requests without a complete answer within the client's timeout
 * @param transportErrors requests that failed without a status, or whose body broke off
 * @param incompleteStreams streams read to the end that had fewer lines than the store has tracks
 * @param errorSamples a few distinct messages of timeouts and transport errors
 * @param p50 median latency of every request (a stream's latency runs to its last line read)
 * @param p99 99th percentile latency
 * @param max highest latency
 * @param kinds the same figures per kind of request
 * @param poolBefore the pool just before the load
 * @param poolAfter the pool once it was quiet, or at the deadline of the wait for it
 * @param poolQuietAfter how long after the load the pool was quiet (nothing acquired, nothing
 *     pending); {@code null} when it was not quiet by the deadline
 * @param timeline once a second during the load: requests answered in that second and the pool
 * @param sessions the application's sessions in {@code pg_stat_activity} by state, after the wait
 * @param busySessions the application's sessions that were not {@code idle} then: state, wait event
 *     and the start of the query
 * @param backendsBefore prepared statements of each pooled backend before the load
 * @param backendsAfter prepared statements of each pooled backend after the load (those whose
 *     connection could be acquired)
 */
public record LoadResult(
    int clients,
    Duration elapsed,
    long requests,
    Map<Integer, Long> statuses,
    long timeouts,
    long transportErrors,
    long incompleteStreams,
    List<String> errorSamples,
    Duration p50,
    Duration p99,
    Duration max,
    List<KindStats> kinds,
    PoolState poolBefore,
    PoolState poolAfter,
    Duration poolQuietAfter,
    List<Tick> timeline,
    Map<String, Long> sessions,
    List<String> busySessions,
    List<Backend> backendsBefore,
    List<Backend> backendsAfter) {

  /** PostgreSQL's state of a session that is inside a transaction but runs no statement. */
  public static final String IDLE_IN_TRANSACTION = "idle in transaction";

  /** Answers with a status of 500 or more. */
  public long serverErrors() {
    return statuses.entrySet().stream()
        .filter(e -> e.getKey() >= 500)
        .mapToLong(Map.Entry::getValue)
        .sum();
  }

  /**
   * Every request that failed: answers ≥ 500, timeouts, transport errors and incomplete streams.
   */
  public long errors() {
    return serverErrors() + timeouts + transportErrors + incompleteStreams;
  }

  /** Sessions of the application {@code idle in transaction} (or {@code … (aborted)}). */
  public long idleInTransaction() {
    return sessions.entrySet().stream()
        .filter(e -> e.getKey().startsWith(IDLE_IN_TRANSACTION))
        .mapToLong(Map.Entry::getValue)
        .sum();
  }

  /**
   * The most prepared statements any pooled backend held after the load; -1 when none was reached.
   */
  public long maxPreparedPerBackend() {
    return backendsAfter.stream().mapToLong(Backend::prepared).max().orElse(-1);
  }

  /** What failed of the load test's requirements, one line each; empty when it passed. */
  public List<String> violations(long preparedBound) {
    List<String> failed = new ArrayList<>();
    if (serverErrors() > 0) {
      failed.add(serverErrors() + " responses >= 500");
    }
    if (timeouts > 0) {
      failed.add(timeouts + " client timeouts");
    }
    if (transportErrors > 0) {
      failed.add(transportErrors + " transport errors");
    }
    if (incompleteStreams > 0) {
      failed.add(incompleteStreams + " incomplete streams");
    }
    if (poolQuietAfter == null) {
      failed.add("pool not idle afterwards: " + poolAfter);
    }
    if (idleInTransaction() > 0) {
      failed.add(idleInTransaction() + " sessions idle in transaction");
    }
    if (backendsAfter.isEmpty()) {
      failed.add("no pooled backend could be reached to count its prepared statements");
    } else if (maxPreparedPerBackend() > preparedBound) {
      failed.add(
          "a backend holds "
              + maxPreparedPerBackend()
              + " prepared statements (bound "
              + preparedBound
              + ")");
    }
    return failed;
  }

  /** The report {@link LoadTest#main} prints. */
  public String report() {
    double seconds = elapsed.toNanos() / 1e9;
    StringBuilder out = new StringBuilder();
    out.append(
        String.format(
            "requests     %d in %.1f s (%.0f/s) from %d clients%n",
            requests, seconds, requests / seconds, clients));
    out.append("  by status  ")
        .append(
            statuses.entrySet().stream()
                .map(e -> e.getKey() + ": " + e.getValue())
                .collect(Collectors.joining(", ")))
        .append('\n');
    out.append(
        String.format(
            "errors       %d: responses >= 500 %d, client timeouts %d, transport errors %d, incomplete streams %d%n",
            errors(), serverErrors(), timeouts, transportErrors, incompleteStreams));
    for (String sample : errorSamples) {
      out.append("  e.g.       ").append(sample).append('\n');
    }
    out.append(String.format("latency      p50 %s, p99 %s, max %s%n", ms(p50), ms(p99), ms(max)));
    for (KindStats k : kinds) {
      List<String> outcomes = new ArrayList<>();
      k.statuses().forEach((status, n) -> outcomes.add(status + ": " + n));
      if (k.timeouts() > 0) {
        outcomes.add("timeouts: " + k.timeouts());
      }
      if (k.transportErrors() > 0) {
        outcomes.add("transport errors: " + k.transportErrors());
      }
      out.append(
          String.format(
              "  %-58s %7d  p50 %9s  p99 %9s  %s%n",
              k.kind(), k.requests(), ms(k.p50()), ms(k.p99()), String.join(", ", outcomes)));
    }
    out.append("timeline     per second: answers, pool acquired/pending\n");
    for (int i = 0; i < timeline.size(); i += 10) {
      out.append(String.format("  %3d s     ", timeline.get(i).second()))
          .append(
              timeline.subList(i, Math.min(timeline.size(), i + 10)).stream()
                  .map(t -> String.format("%5d %2d/%-4d", t.answered(), t.acquired(), t.pending()))
                  .collect(Collectors.joining(" ")))
          .append('\n');
    }
    out.append("pool before  ").append(poolBefore).append('\n');
    out.append("pool after   ")
        .append(poolAfter)
        .append(
            poolQuietAfter == null
                ? " — NOT idle by the deadline"
                : " — idle " + ms(poolQuietAfter) + " after the load")
        .append('\n');
    out.append("sessions     ")
        .append(
            sessions.isEmpty()
                ? "none"
                : sessions.entrySet().stream()
                    .map(e -> e.getKey() + ": " + e.getValue())
                    .collect(Collectors.joining(", ")))
        .append("; idle in transaction: ")
        .append(idleInTransaction())
        .append('\n');
    for (String busy : busySessions) {
      out.append("  not idle   ").append(busy).append('\n');
    }
    out.append("prepared     before: ").append(backends(backendsBefore)).append('\n');
    out.append("             after:  ").append(backends(backendsAfter)).append('\n');
    out.append("             max per backend after: ").append(maxPreparedPerBackend()).append('\n');
    return out.toString();
  }

  private static String backends(List<Backend> backends) {
    if (backends.isEmpty()) {
      return "no backend reached";
    }
    return backends.stream()
        .map(
            b ->
                "pid "
                    + b.pid()
                    + " "
                    + b.prepared()
                    + (b.cursors() > 0 ? " (" + b.cursors() + " DECLARE)" : ""))
        .collect(Collectors.joining(", "));
  }

  private static String ms(Duration d) {
    return d == null ? "-" : String.format("%.1f ms", d.toNanos() / 1e6);
  }

  /**
   * The figures of one kind of request.
   *
   * @param kind what was requested
   * @param requests requests sent
   * @param statuses answers by status
   * @param timeouts client timeouts
   * @param transportErrors failures without a status
   * @param p50 median latency
   * @param p99 99th percentile latency
   */
  public record KindStats(
      String kind,
      long requests,
      Map<Integer, Long> statuses,
      long timeouts,
      long transportErrors,
      Duration p50,
      Duration p99) {}

  /**
   * One second of the load.
   *
   * @param second seconds since the start, at the end of this one
   * @param answered requests answered (or timed out) in this second
   * @param acquired the pool's acquired connections at its end
   * @param pending the pool's pending acquisitions at its end
   */
  public record Tick(int second, long answered, int acquired, int pending) {}

  /**
   * r2dbc-pool's metrics at one moment.
   *
   * @param acquired connections lent out
   * @param idle connections in the pool, free
   * @param allocated connections open
   * @param pending acquisitions waiting for a connection
   * @param max the pool's maximum size
   */
  public record PoolState(int acquired, int idle, int allocated, int pending, int max) {
    /** Nothing acquired, nothing waiting. */
    public boolean quiet() {
      return acquired == 0 && pending == 0;
    }

    @Override
    public String toString() {
      return "acquired "
          + acquired
          + ", idle "
          + idle
          + ", pending "
          + pending
          + ", allocated "
          + allocated
          + " (max "
          + max
          + ")";
    }
  }

  /**
   * One pooled connection's server process and its prepared statements ({@code
   * pg_prepared_statements}).
   *
   * @param pid the backend's process id
   * @param prepared statements prepared in the session
   * @param cursors of those, {@code DECLARE … CURSOR} statements
   */
  public record Backend(int pid, long prepared, long cursors) {}
}
