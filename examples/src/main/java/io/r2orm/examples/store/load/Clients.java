package io.r2orm.examples.store.load;

import io.r2orm.examples.store.load.Recorder.Kind;
import io.r2orm.examples.store.web.Views.PlaylistView;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;
import org.springframework.http.MediaType;
import org.springframework.http.client.reactive.ReactorClientHttpConnector;
import org.springframework.web.reactive.function.client.ClientResponse;
import org.springframework.web.reactive.function.client.WebClient;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.netty.http.client.HttpClient;
import reactor.netty.resources.LoopResources;

/**
 * The clients of a load test: each one loops, one request at a time, over a random mix until the
 * deadline — half reads with includes (fetch plans), a fifth NDJSON streams (half read to the end,
 * half disconnect after a few lines), the rest playlist writes. Every request has a timeout.
 * Clients have event loops of their own, and every request a TCP connection of its own, closed
 * after it: a client that drops a stream or times out closes its socket, and no connection is used
 * again after a request on it was cancelled. (With a pool of keep-alive connections, runs with
 * client timeouts also had a few requests fail with "Connection prematurely closed BEFORE
 * response", in step with the timeouts, and none once every request had its own connection: most
 * likely the cancel of a timed-out request closing a connection already lent to the next one — a
 * failure of the client that would be counted against the server.)
 */
final class Clients {
  /** Percent of requests that read with includes; then streams; the rest are playlist writes. */
  private static final int INCLUDES = 50;

  private static final int STREAMS = 20;

  private final StoreFacts store;
  private final Duration timeout;
  private final long seed;
  private final Recorder recorder = new Recorder();
  private final WebClient web;
  private static final java.util.concurrent.atomic.AtomicLong REQUEST_IDS =
      new java.util.concurrent.atomic.AtomicLong();
  private final LoopResources loops;

  /**
   * @param baseUrl the application's root, {@code http://127.0.0.1:port}
   * @param clients how many clients
   * @param store ids and names to request
   * @param timeout each request's limit, to its last body byte
   * @param seed seed of the clients' random choices (client i uses seed + i)
   */
  Clients(String baseUrl, int clients, StoreFacts store, Duration timeout, long seed) {
    this.store = store;
    this.timeout = timeout;
    this.seed = seed;
    this.loops =
        LoopResources.create(
            "r2orm-load-client", Math.max(2, Runtime.getRuntime().availableProcessors()), true);
    this.web =
        WebClient.builder()
            .baseUrl(baseUrl)
            // every request carries an id, so that a timeout can report what the server saw of it
            .filter(
                (request, next) ->
                    Mono.deferContextual(
                        context ->
                            next.exchange(
                                org.springframework.web.reactive.function.client.ClientRequest.from(
                                        request)
                                    .header(
                                        ServerTrace.HEADER,
                                        context.getOrDefault(ServerTrace.HEADER, "none"))
                                    .build())))
            .clientConnector(
                new ReactorClientHttpConnector(HttpClient.newConnection().runOn(loops)))
            .codecs(c -> c.defaultCodecs().maxInMemorySize(16 * 1024 * 1024))
            .build();
  }

  Recorder recorder() {
    return recorder;
  }

  /**
   * Runs {@code clients} clients until {@code deadline} (a {@link System#nanoTime()}); completes
   * when every client has stopped.
   */
  Mono<Void> run(int clients, long deadline) {
    return Flux.range(0, clients)
        .flatMap(
            i -> {
              Client client = new Client(new SplittableRandom(seed + i), "load-" + i);
              return Mono.defer(client::step).repeat(() -> System.nanoTime() - deadline < 0).then();
            },
            clients)
        .then();
  }

  void close() {
    loops.dispose();
  }

  /** One client: its random source and the playlist it owns. */
  private final class Client {
    private final SplittableRandom random;
    private final String name;
    private int created;

    /** The client's own playlist, or null. */
    private Long own;

    private int ownVersion;

    /** The own playlist's version is unknown (a write failed): read it before the next rename. */
    private boolean stale;

    private final List<Long> ownTracks = new ArrayList<>();

    Client(SplittableRandom random, String name) {
      this.random = random;
      this.name = name;
    }

    Mono<Void> step() {
      int r = random.nextInt(100);
      if (r < INCLUDES) {
        return include();
      }
      if (r < INCLUDES + STREAMS) {
        return random.nextBoolean()
            ? stream(Kind.STREAM_ALL, 0)
            : stream(Kind.STREAM_CANCEL, 1 + random.nextInt(50));
      }
      return write();
    }

    private Mono<Void> include() {
      switch (random.nextInt(5)) {
        case 0:
          return get(
              Kind.ARTIST, "/api/artists/" + pick(store.artists()) + "?include=albums.tracks");
        case 1:
          return get(Kind.ALBUM, "/api/albums/" + pick(store.albums()));
        case 2:
          return get(
              Kind.INVOICES,
              "/api/customers/" + pick(store.customers()) + "/invoices?include=lines.track");
        case 3:
          return get(Kind.PLAYLIST_TRACKS, "/api/playlists/" + pick(store.playlists()) + "/tracks");
        default:
          // limit 500 is two fetch windows (256) of parents, each with a batch of genres
          StringBuilder uri =
              new StringBuilder("/api/tracks?limit=").append(random.nextBoolean() ? 500 : 50);
          if (random.nextInt(3) == 0) {
            uri.append("&genre=").append(pick(store.genres()));
          }
          if (random.nextInt(4) == 0) {
            uri.append("&q=").append((char) ('a' + random.nextInt(26)));
          }
          if (random.nextInt(4) == 0) {
            uri.append("&minMillis=").append(120_000 + random.nextInt(240_000));
          }
          return get(Kind.TRACKS, uri.toString());
      }
    }

    /** The stream, read to the end ({@code cancelAfter} 0) or dropped after that many lines. */
    private Mono<Void> stream(Kind kind, int cancelAfter) {
      return timed(
              kind,
              web.get()
                  .uri("/api/tracks/stream")
                  .accept(MediaType.APPLICATION_NDJSON)
                  .exchangeToMono(
                      r -> {
                        int status = r.statusCode().value();
                        Flux<String> lines = r.bodyToFlux(String.class);
                        if (status != 200) {
                          return lines.then(Mono.just(status));
                        }
                        if (cancelAfter > 0) {
                          // take cancels the body after that many lines: the client closes the
                          // connection mid-stream
                          return lines.take(cancelAfter).count().thenReturn(status);
                        }
                        return lines
                            .count()
                            .map(n -> n == store.tracks() ? status : Recorder.INCOMPLETE);
                      }))
          .then();
    }

    private Mono<Void> write() {
      if (own == null) {
        return timed(
                Kind.PLAYLIST_CREATE,
                web.post()
                    .uri("/api/playlists")
                    .contentType(MediaType.APPLICATION_JSON)
                    .bodyValue(new PlaylistBody(name + " #" + (++created), null))
                    .exchangeToMono(
                        r ->
                            read(
                                r,
                                201,
                                p -> {
                                  own = p.id();
                                  ownVersion = p.version();
                                  stale = false;
                                  ownTracks.clear();
                                })))
            .then();
      }
      long id = own;
      int r = random.nextInt(100);
      if (r < 35) {
        long track = pick(store.trackIds());
        return timed(
                Kind.PLAYLIST_ADD,
                web.post()
                    .uri("/api/playlists/{id}/tracks/{track}", id, track)
                    .exchangeToMono(a -> a.releaseBody().thenReturn(a.statusCode().value()))
                    .doOnNext(
                        status -> {
                          if ((status == 204 || status == 409) && !ownTracks.contains(track)) {
                            ownTracks.add(track); // 409: it was there already
                          }
                        }))
            .then();
      }
      if (r < 55 && !ownTracks.isEmpty()) {
        long track = ownTracks.get(random.nextInt(ownTracks.size()));
        return timed(
                Kind.PLAYLIST_REMOVE,
                web.delete()
                    .uri("/api/playlists/{id}/tracks/{track}", id, track)
                    .exchangeToMono(a -> a.releaseBody().thenReturn(a.statusCode().value()))
                    .doOnNext(
                        status -> {
                          if (status == 204 || status == 404) {
                            ownTracks.remove(track);
                          }
                        }))
            .then();
      }
      if (r < 75) {
        return stale ? refreshOwn(id) : rename(id, ownVersion, true);
      }
      if (r < 92) {
        // a sample playlist every client may rename: read its version, then write it; another
        // client may have renamed it in between (409)
        long shared = pick(store.playlists());
        return timed(
                Kind.PLAYLIST_GET,
                web.get()
                    .uri("/api/playlists/{id}", shared)
                    .exchangeToMono(a -> read(a, 200, p -> {})))
            .flatMap(
                p ->
                    p instanceof PlaylistView v
                        ? rename(shared, v.version(), false)
                        : Mono.empty());
      }
      return timed(
              Kind.PLAYLIST_DELETE,
              web.delete()
                  .uri("/api/playlists/{id}", id)
                  .exchangeToMono(a -> a.releaseBody().thenReturn(a.statusCode().value()))
                  .doOnNext(
                      status -> {
                        if (status == 204 || status == 404) {
                          own = null;
                        }
                      }))
          .then();
    }

    /**
     * Renames a playlist read at {@code version}; the own one's version is unknown until a 200 says
     * it.
     */
    private Mono<Void> rename(long id, int version, boolean mine) {
      if (mine) {
        stale = true;
      }
      return timed(
              Kind.PLAYLIST_RENAME,
              web.put()
                  .uri("/api/playlists/{id}", id)
                  .contentType(MediaType.APPLICATION_JSON)
                  .bodyValue(new PlaylistBody(name + " v" + (version + 1), version))
                  .exchangeToMono(
                      a ->
                          read(
                              a,
                              200,
                              p -> {
                                if (mine) {
                                  ownVersion = p.version();
                                  stale = false;
                                }
                              })))
          .then();
    }

    /** Reads the own playlist's version after a rename that did not answer 200. */
    private Mono<Void> refreshOwn(long id) {
      return timed(
              Kind.PLAYLIST_GET,
              web.get()
                  .uri("/api/playlists/{id}", id)
                  .exchangeToMono(
                      a ->
                          read(
                              a,
                              200,
                              p -> {
                                ownVersion = p.version();
                                stale = false;
                              })))
          .doOnNext(
              answer -> {
                if (Integer.valueOf(404).equals(answer)) {
                  own = null;
                }
              })
          .then();
    }

    private Mono<Void> get(Kind kind, String uri) {
      return timed(
              kind,
              web.get()
                  .uri(uri)
                  .exchangeToMono(
                      r -> r.bodyToMono(String.class).then(Mono.just(r.statusCode().value()))))
          .then();
    }

    /**
     * The playlist of an answer with the expected status, handed to {@code onPlaylist}, as the
     * outcome; any other answer's body is read and its status is the outcome.
     */
    private Mono<Object> read(ClientResponse r, int expected, Consumer<PlaylistView> onPlaylist) {
      int status = r.statusCode().value();
      if (status != expected) {
        return r.releaseBody().thenReturn(status);
      }
      return r.bodyToMono(PlaylistView.class)
          .doOnNext(onPlaylist)
          .map(p -> (Object) p)
          .switchIfEmpty(Mono.just(Recorder.TRANSPORT));
    }

    private <T> T pick(List<T> values) {
      return values.get(random.nextInt(values.size()));
    }
  }

  /**
   * Times one request and records its outcome: the status (or a {@link PlaylistView}, counted with
   * its expected status), a client timeout, or a transport error. Never fails.
   */
  private <T> Mono<T> timed(Kind kind, Mono<T> exchange) {
    return Mono.defer(
        () -> {
          long start = System.nanoTime();
          String id = Long.toString(REQUEST_IDS.incrementAndGet());
          return exchange
              .contextWrite(reactor.util.context.Context.of(ServerTrace.HEADER, id))
              .timeout(
                  timeout,
                  Mono.defer(
                      () ->
                          Mono.error(
                              new TimeoutException(
                                  "no answer within "
                                      + timeout.toMillis()
                                      + " ms; what the server saw of request "
                                      + id
                                      + ": "
                                      + ServerTrace.of(id)))))
              .doOnNext(
                  outcome ->
                      recorder.record(kind, outcome(kind, outcome), System.nanoTime() - start))
              .onErrorResume(
                  e -> {
                    int outcome =
                        e instanceof TimeoutException ? Recorder.TIMEOUT : Recorder.TRANSPORT;
                    recorder.record(kind, outcome, System.nanoTime() - start);
                    recorder.sample(kind, outcome, e);
                    return Mono.empty();
                  });
        });
  }

  private static int outcome(Kind kind, Object answer) {
    if (answer instanceof Integer status) {
      return status;
    }
    return kind == Kind.PLAYLIST_CREATE ? 201 : 200;
  }

  /** The JSON body of a playlist create or rename. */
  record PlaylistBody(String name, Integer version) {}

  /** What the clients request: ids of the sample data, genre names, and the number of tracks. */
  record StoreFacts(
      List<Long> artists,
      List<Long> albums,
      List<Long> customers,
      List<Long> playlists,
      List<Long> trackIds,
      List<String> genres,
      long tracks) {}
}
