package io.r2orm.examples.store.load;

import io.r2orm.examples.store.load.LoadResult.KindStats;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicLong;

/** Collects the outcome and latency of every request of a load test, per kind; thread-safe. */
final class Recorder {
  /** The outcome of a request that timed out on the client. */
  static final int TIMEOUT = -1;

  /** The outcome of a request that failed without a status, or whose body broke off. */
  static final int TRANSPORT = -2;

  /** The outcome of a stream read to its end that had fewer lines than expected. */
  static final int INCOMPLETE = -3;

  private static final int SAMPLES_PER_OUTCOME = 3;

  private final Map<Kind, Series> series = new TreeMap<>();
  private final Set<String> samples = new LinkedHashSet<>();
  private final AtomicLong recorded = new AtomicLong();

  Recorder() {
    for (Kind kind : Kind.values()) {
      series.put(kind, new Series());
    }
  }

  void record(Kind kind, int outcome, long nanos) {
    Series s = series.get(kind);
    synchronized (s) {
      s.add(outcome, nanos);
    }
    recorded.incrementAndGet();
  }

  /** Requests recorded so far. */
  long recorded() {
    return recorded.get();
  }

  /**
   * Keeps the first few messages of failed requests, a few of each outcome (timeout, transport
   * error).
   */
  void sample(Kind kind, int outcome, Throwable error) {
    synchronized (samples) {
      String prefix = outcome == TIMEOUT ? "timeout: " : "transport error: ";
      if (samples.stream().filter(s -> s.startsWith(prefix)).count() < SAMPLES_PER_OUTCOME) {
        samples.add(
            prefix
                + kind.label
                + ": "
                + error.getClass().getSimpleName()
                + ": "
                + error.getMessage());
      }
    }
  }

  /** The recorded figures, merged over every kind: requests, statuses, timeouts, latencies. */
  Summary summary() {
    Map<Integer, Long> statuses = new TreeMap<>();
    long timeouts = 0;
    long transport = 0;
    long incomplete = 0;
    List<KindStats> kinds = new ArrayList<>();
    long[] all = new long[0];
    for (Map.Entry<Kind, Series> e : series.entrySet()) {
      Series s = e.getValue();
      synchronized (s) {
        Map<Integer, Long> kindStatuses = new TreeMap<>();
        long kindTimeouts = 0;
        long kindTransport = 0;
        for (int i = 0; i < s.size; i++) {
          int outcome = s.outcomes[i];
          if (outcome == TIMEOUT) {
            kindTimeouts++;
          } else if (outcome == TRANSPORT) {
            kindTransport++;
          } else if (outcome == INCOMPLETE) {
            incomplete++;
          } else {
            kindStatuses.merge(outcome, 1L, Long::sum);
            statuses.merge(outcome, 1L, Long::sum);
          }
        }
        timeouts += kindTimeouts;
        transport += kindTransport;
        long[] nanos = Arrays.copyOf(s.nanos, s.size);
        Arrays.sort(nanos);
        if (s.size > 0) {
          kinds.add(
              new KindStats(
                  e.getKey().label,
                  s.size,
                  kindStatuses,
                  kindTimeouts,
                  kindTransport,
                  percentile(nanos, 50),
                  percentile(nanos, 99)));
        }
        long[] merged = Arrays.copyOf(all, all.length + nanos.length);
        System.arraycopy(nanos, 0, merged, all.length, nanos.length);
        all = merged;
      }
    }
    Arrays.sort(all);
    List<String> errorSamples;
    synchronized (samples) {
      errorSamples = List.copyOf(samples);
    }
    return new Summary(
        all.length,
        statuses,
        timeouts,
        transport,
        incomplete,
        errorSamples,
        percentile(all, 50),
        percentile(all, 99),
        all.length == 0 ? null : Duration.ofNanos(all[all.length - 1]),
        kinds);
  }

  /** Nearest-rank percentile of sorted values; {@code null} when there are none. */
  static Duration percentile(long[] sorted, int p) {
    if (sorted.length == 0) {
      return null;
    }
    int rank = (int) Math.ceil(p / 100.0 * sorted.length);
    return Duration.ofNanos(sorted[Math.max(0, rank - 1)]);
  }

  record Summary(
      long requests,
      Map<Integer, Long> statuses,
      long timeouts,
      long transportErrors,
      long incompleteStreams,
      List<String> errorSamples,
      Duration p50,
      Duration p99,
      Duration max,
      List<KindStats> kinds) {}

  /** The kinds of request the clients send. */
  enum Kind {
    ARTIST("GET /api/artists/{id}?include=albums.tracks"),
    ALBUM("GET /api/albums/{id} (artist, tracks, genres)"),
    INVOICES("GET /api/customers/{id}/invoices?include=lines.track"),
    PLAYLIST_TRACKS("GET /api/playlists/{id}/tracks"),
    TRACKS("GET /api/tracks?limit=50|500 (+ genre, q, minMillis)"),
    STREAM_ALL("GET /api/tracks/stream, read to the end"),
    STREAM_CANCEL("GET /api/tracks/stream, disconnect after 1-50 lines"),
    PLAYLIST_CREATE("POST /api/playlists"),
    PLAYLIST_GET("GET /api/playlists/{id}"),
    PLAYLIST_RENAME("PUT /api/playlists/{id}"),
    PLAYLIST_ADD("POST /api/playlists/{id}/tracks/{trackId}"),
    PLAYLIST_REMOVE("DELETE /api/playlists/{id}/tracks/{trackId}"),
    PLAYLIST_DELETE("DELETE /api/playlists/{id}");

    final String label;

    Kind(String label) {
      this.label = label;
    }
  }

  /** Outcomes and latencies of one kind, in arrays that grow. */
  private static final class Series {
    int size;
    int[] outcomes = new int[1024];
    long[] nanos = new long[1024];

    void add(int outcome, long latency) {
      if (size == outcomes.length) {
        outcomes = Arrays.copyOf(outcomes, size * 2);
        nanos = Arrays.copyOf(nanos, size * 2);
      }
      outcomes[size] = outcome;
      nanos[size] = latency;
      size++;
    }
  }
}
