package io.r2orm.examples.store.load;

import io.r2dbc.pool.ConnectionPool;
import io.r2dbc.pool.PoolMetrics;
import io.r2dbc.spi.Connection;
import io.r2dbc.spi.ConnectionFactories;
import io.r2dbc.spi.ConnectionFactory;
import io.r2dbc.spi.Wrapped;
import io.r2orm.examples.store.MusicStoreApplication;
import io.r2orm.examples.store.load.Clients.StoreFacts;
import io.r2orm.examples.store.load.LoadResult.Backend;
import io.r2orm.examples.store.load.LoadResult.PoolState;
import io.r2orm.examples.store.load.LoadResult.Tick;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import org.springframework.boot.SpringApplication;
import org.springframework.context.ConfigurableApplicationContext;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * A load test of the music store on PostgreSQL: starts the application (pool of 10 connections,
 * default sample data but up to 600 invoices per customer, in its own database schema), drives it
 * with concurrent HTTP clients for a while — reads with includes, NDJSON streams of which half
 * disconnect early, playlist writes — and reports the answers, the latencies and the state the
 * application is left in: its pool, its sessions {@code idle in transaction}, and the prepared
 * statements each pooled backend holds.
 *
 * <pre>
 * ./mvnw -q -pl examples -am compile exec:java -Dexec.mainClass=io.r2orm.examples.store.load.LoadTest \
 *     -Dexec.args="200 60"
 * </pre>
 *
 * Arguments: clients (200) and seconds (60). The server is {@code -Dload.url} (an R2DBC URL without
 * options, default {@code r2dbc:postgresql://postgres@127.0.0.1:5432/test}); the schema {@code
 * -Dload.schema} (default {@code music_store_load}), whose store tables are rebuilt at the start.
 * Other {@code -D} properties reach the application as usual ({@code
 * -Dmusic-store.data.artists=…}). The command fails when a requirement is missed (see {@link
 * LoadResult#violations}). {@code MusicStoreLoadPostgresIT} runs a shorter variant in {@code ./mvnw
 * verify}.
 */
public final class LoadTest implements AutoCloseable {
  /**
   * The most prepared statements a pooled backend may hold after a load test. r2dbc-postgresql
   * prepares every distinct SQL text it sends with the extended protocol (with binary results on,
   * every statement) once per connection and keeps it for the connection's life (its default
   * statement cache is unbounded), so a backend holds at most as many as the application sends
   * distinct texts — as long as r2orm's SQL text is the same for every execution of a query shape.
   * Counted from {@code r2orm.log-sql}: the start-up sends at most 64 with the default data (create
   * schema 1, drop 9, create tables 8 + link table 1, indexes 7, one bulk insert per entity table 8
   * — {@code unnest} of arrays, one text whatever the rows — and one link insert per distinct
   * playlist size, up to {@code max-tracks-per-playlist} 30; a 20 s run saw 48); the clients'
   * requests 30 (reads: album, artist, playlist by id, the playlist without a limit, customer and
   * track {@code exists}, invoices, the stream, each relation batch — albums, tracks by album and
   * by id, artists, genres, invoice lines, albums by id, playlist tracks — and the track list in
   * its 8 filter combinations; writes: insert, update and the delete's two statements, link and
   * unlink). That is 94, and no backend can hold more. 128 leaves room for an engine that also
   * reads each of the 24 read shapes through a cursor ({@code DECLARE} with a stable name: one more
   * text per shape), and fails for statements that grow with the number of requests — a run sends
   * thousands per backend, a leak of one per transactional read is far past it.
   */
  public static final long MAX_PREPARED_PER_BACKEND = 128;

  /** The pool size the load test runs with, as the requirements state it. */
  public static final int POOL_SIZE = 10;

  private static final Duration QUIET_DEADLINE = Duration.ofSeconds(5);
  private static final Duration CHECK_TIMEOUT = Duration.ofSeconds(10);
  private static final Duration ACQUIRE_FOR_COUNT = Duration.ofSeconds(3);
  private static final AtomicInteger STARTS = new AtomicInteger();

  private final Settings settings;
  private final ConfigurableApplicationContext app;
  private final ConnectionPool pool;
  private final ConnectionFactory checks;
  private final String applicationName;
  private final int port;

  /**
   * How to run a load test.
   *
   * @param clients concurrent clients, each sending one request at a time
   * @param duration how long the clients send requests
   * @param requestTimeout each request's limit, to the last byte of its body
   * @param databaseUrl the PostgreSQL server as an R2DBC URL without options
   * @param schema the database schema the store works in (its tables are rebuilt)
   * @param seed seed of the clients' choices
   */
  public record Settings(
      int clients,
      Duration duration,
      Duration requestTimeout,
      String databaseUrl,
      String schema,
      long seed) {
    public Settings {
      if (clients < 1) {
        throw new IllegalArgumentException("clients must be at least 1, got " + clients);
      }
      if (duration.isNegative() || duration.isZero()) {
        throw new IllegalArgumentException("duration must be positive, got " + duration);
      }
      if (!schema.matches("[a-z_][a-z0-9_]{0,62}")) {
        throw new IllegalArgumentException(
            "schema must be a plain lower-case name, got '" + schema + "'");
      }
    }

    /**
     * {@code clients} clients for {@code duration}, 10 s per request, on {@code -Dload.url} in
     * {@code -Dload.schema}.
     */
    public static Settings of(int clients, Duration duration) {
      return new Settings(
          clients,
          duration,
          Duration.ofSeconds(10),
          System.getProperty("load.url", "r2dbc:postgresql://postgres@127.0.0.1:5432/test"),
          System.getProperty("load.schema", "music_store_load"),
          1);
    }

    /** The same on another server and schema. */
    public Settings on(String url, String schemaName) {
      return new Settings(clients, duration, requestTimeout, url, schemaName, seed);
    }
  }

  private LoadTest(Settings settings, ConfigurableApplicationContext app, String applicationName) {
    this.settings = settings;
    this.app = app;
    this.applicationName = applicationName;
    this.pool = pool(app.getBean(ConnectionFactory.class));
    this.checks =
        ConnectionFactories.get(
            withOptions(
                settings.databaseUrl(),
                "schema=" + settings.schema() + "&applicationName=r2orm-load-checks"));
    this.port = Integer.parseInt(app.getEnvironment().getRequiredProperty("local.server.port"));
  }

  /**
   * Starts the music store for a load test: PostgreSQL at the settings' URL, in their schema, a
   * pool of {@link #POOL_SIZE}, a random port; the application's sessions carry an application name
   * of their own so that {@code pg_stat_activity} tells them apart. {@code applicationArgs} are
   * more Spring Boot arguments ({@code --music-store.data.artists=80}).
   */
  public static LoadTest start(Settings settings, String... applicationArgs) {
    String applicationName =
        "r2orm-load-" + ProcessHandle.current().pid() + "-" + STARTS.incrementAndGet();
    String url =
        withOptions(
            settings.databaseUrl(),
            "schema=" + settings.schema() + "&applicationName=" + applicationName);
    List<String> args =
        new ArrayList<>(
            List.of(
                "--spring.r2dbc.url=" + url,
                "--music-store.database-schema=" + settings.schema(),
                "--spring.r2dbc.pool.max-size=" + POOL_SIZE,
                "--server.port=0",
                // a hung request must not hold up the end of the test for the graceful shutdown's
                // 30 s
                "--server.shutdown=immediate"));
    args.addAll(List.of(applicationArgs));
    // A customer's invoices are the store's one fetch plan read as a stream (no limit). With the
    // default 1-6 invoices per customer it never spans more than one fetch window (256 parents);
    // with up to 600 most customers' invoices do, so their relation batches run while the parent
    // query is still being read: the case where a stream with includes needs a second connection.
    defaultArg(args, "music-store.data.max-invoices-per-customer", "600");
    ServerTrace.clear();
    ConfigurableApplicationContext app =
        SpringApplication.run(
            new Class<?>[] {MusicStoreApplication.class, ServerTrace.class},
            args.toArray(String[]::new));
    try {
      return new LoadTest(settings, app, applicationName);
    } catch (RuntimeException e) {
      app.close();
      throw e;
    }
  }

  /**
   * Runs the clients for the settings' duration, waits for every request to end (each has its
   * timeout), then for the pool to be quiet (at most 5 s), and measures.
   */
  public LoadResult run() {
    StoreFacts store = facts();
    PoolState before = poolState();
    List<Backend> backendsBefore = backends();
    Clients clients =
        new Clients(
            "http://127.0.0.1:" + port,
            settings.clients(),
            store,
            settings.requestTimeout(),
            settings.seed());
    List<Tick> timeline = new ArrayList<>();
    long[] answered = {0};
    Disposable ticks =
        Flux.interval(Duration.ofSeconds(1))
            .subscribe(
                i -> {
                  long now = clients.recorder().recorded();
                  PoolState p = poolState();
                  synchronized (timeline) {
                    timeline.add(
                        new Tick((int) (i + 1), now - answered[0], p.acquired(), p.pending()));
                  }
                  answered[0] = now;
                });
    long start = System.nanoTime();
    try {
      clients
          .run(settings.clients(), start + settings.duration().toNanos())
          // every request ends within its timeout; this only guards against a bug in the clients
          .block(settings.duration().plus(settings.requestTimeout().multipliedBy(3)));
    } finally {
      ticks.dispose();
      clients.close();
    }
    Duration elapsed = Duration.ofNanos(System.nanoTime() - start);
    long loadEnd = System.nanoTime();
    PoolState quiet =
        Flux.interval(Duration.ZERO, Duration.ofMillis(10))
            .map(i -> poolState())
            .filter(PoolState::quiet)
            .next()
            .timeout(QUIET_DEADLINE, Mono.empty())
            .block();
    Duration quietAfter = quiet == null ? null : Duration.ofNanos(System.nanoTime() - loadEnd);
    PoolState after = quiet != null ? quiet : poolState();
    Map<String, Long> sessions = sessions();
    List<String> busy = busySessions();
    List<Backend> backendsAfter = backends();
    Recorder.Summary s = clients.recorder().summary();
    List<Tick> ticked;
    synchronized (timeline) {
      ticked = List.copyOf(timeline);
    }
    return new LoadResult(
        settings.clients(),
        elapsed,
        s.requests(),
        s.statuses(),
        s.timeouts(),
        s.transportErrors(),
        s.incompleteStreams(),
        s.errorSamples(),
        s.p50(),
        s.p99(),
        s.max(),
        s.kinds(),
        before,
        after,
        quietAfter,
        ticked,
        sessions,
        busy,
        backendsBefore,
        backendsAfter);
  }

  /** The application's connection pool right now. */
  public PoolState poolState() {
    PoolMetrics m =
        pool.getMetrics().orElseThrow(() -> new IllegalStateException("The pool has no metrics"));
    return new PoolState(
        m.acquiredSize(),
        m.idleSize(),
        m.allocatedSize(),
        m.pendingAcquireSize(),
        m.getMaxAllocatedSize());
  }

  /** Stops the application. */
  @Override
  public void close() {
    app.close();
  }

  /**
   * The application's sessions by state, from {@code pg_stat_activity}, read on a connection of its
   * own.
   */
  private Map<String, Long> sessions() {
    return query(
            checks,
            c ->
                Flux.from(
                        c.createStatement(
                                "SELECT coalesce(state, 'unknown') AS state, count(*) AS n FROM pg_stat_activity "
                                    + "WHERE application_name = $1 GROUP BY 1 ORDER BY 1")
                            .bind("$1", applicationName)
                            .execute())
                    .flatMap(
                        r ->
                            r.map(
                                (row, meta) ->
                                    Map.entry(
                                        row.get("state", String.class), row.get("n", Long.class)))))
        .collectMap(Map.Entry::getKey, Map.Entry::getValue, LinkedHashMap::new)
        .block(CHECK_TIMEOUT);
  }

  /**
   * The application's sessions that are not {@code idle}: state, wait event, the start of the
   * query.
   */
  private List<String> busySessions() {
    return query(
            checks,
            c ->
                Flux.from(
                        c.createStatement(
                                "SELECT pid, state, coalesce(wait_event_type || '/' || wait_event, '-') AS wait, "
                                    + "left(regexp_replace(query, '\\s+', ' ', 'g'), 100) AS q FROM pg_stat_activity "
                                    + "WHERE application_name = $1 AND state IS DISTINCT FROM 'idle' ORDER BY pid")
                            .bind("$1", applicationName)
                            .execute())
                    .flatMap(
                        r ->
                            r.map(
                                (row, meta) ->
                                    "pid "
                                        + row.get("pid", Integer.class)
                                        + " "
                                        + row.get("state", String.class)
                                        + ", waiting "
                                        + row.get("wait", String.class)
                                        + ": "
                                        + row.get("q", String.class))))
        .collectList()
        .block(CHECK_TIMEOUT);
  }

  /**
   * The prepared statements of every pooled backend: acquires up to the pool's size of connections
   * at once (so each is a different one; any that cannot be acquired within 3 s is left out), asks
   * each for its {@code pg_prepared_statements}, and gives them back. The counting statement leaves
   * itself out (with binary results on, the driver prepares it too).
   */
  private List<Backend> backends() {
    List<Connection> held =
        Flux.range(0, POOL_SIZE)
            .flatMap(
                i ->
                    Mono.from(pool.create())
                        .timeout(ACQUIRE_FOR_COUNT)
                        .onErrorResume(e -> Mono.empty()),
                POOL_SIZE)
            .collectList()
            .block(CHECK_TIMEOUT);
    try {
      return Flux.fromIterable(held)
          .concatMap(
              c ->
                  Flux.from(
                          c.createStatement(
                                  "SELECT pg_backend_pid() AS pid, count(*) AS prepared, "
                                      + "count(*) FILTER (WHERE statement ILIKE 'DECLARE%') AS cursors FROM pg_prepared_statements "
                                      + "WHERE statement NOT LIKE '%pg_prepared_statements%'")
                              .execute())
                      .flatMap(
                          r ->
                              r.map(
                                  (row, meta) ->
                                      new Backend(
                                          row.get("pid", Integer.class),
                                          row.get("prepared", Long.class),
                                          row.get("cursors", Long.class)))))
          .sort(Comparator.comparingInt(Backend::pid))
          .collectList()
          .block(CHECK_TIMEOUT);
    } finally {
      Flux.fromIterable(held).flatMap(Connection::close).then().block(CHECK_TIMEOUT);
    }
  }

  /** Ids and names the clients request, read with plain SQL. */
  private StoreFacts facts() {
    return new StoreFacts(
        ids("SELECT id FROM artist ORDER BY id"),
        ids("SELECT id FROM album ORDER BY id"),
        ids("SELECT id FROM customer ORDER BY id"),
        ids("SELECT id FROM playlist ORDER BY id"),
        ids("SELECT id FROM track ORDER BY id"),
        query(
                checks,
                c ->
                    Flux.from(c.createStatement("SELECT name FROM genre ORDER BY id").execute())
                        .flatMap(r -> r.map((row, meta) -> row.get(0, String.class))))
            .collectList()
            .block(CHECK_TIMEOUT),
        ids("SELECT id FROM track").size());
  }

  private List<Long> ids(String sql) {
    List<Long> ids =
        query(
                checks,
                c ->
                    Flux.from(c.createStatement(sql).execute())
                        .flatMap(r -> r.map((row, meta) -> row.get(0, Long.class))))
            .collectList()
            .block(CHECK_TIMEOUT);
    if (ids.isEmpty()) {
      throw new IllegalStateException(
          "The store has no rows for: " + sql + "; generate sample data (music-store.reset=true)");
    }
    return ids;
  }

  private static <T> Flux<T> query(ConnectionFactory factory, Function<Connection, Flux<T>> work) {
    return Flux.usingWhen(factory.create(), work, Connection::close);
  }

  private static ConnectionPool pool(ConnectionFactory factory) {
    Object f = factory;
    while (!(f instanceof ConnectionPool) && f instanceof Wrapped<?> wrapped) {
      f = wrapped.unwrap();
    }
    if (f instanceof ConnectionPool p) {
      return p;
    }
    throw new IllegalStateException(
        "The application's ConnectionFactory is not an r2dbc-pool ConnectionPool but "
            + factory.getClass().getName()
            + "; the load test needs the pool (spring.r2dbc.pool.enabled=true)");
  }

  /** Adds {@code --name=value} unless the arguments or a system property set the name already. */
  private static void defaultArg(List<String> args, String name, String value) {
    if (System.getProperty(name) == null
        && args.stream().noneMatch(a -> a.startsWith("--" + name + "="))) {
      args.add("--" + name + "=" + value);
    }
  }

  private static String withOptions(String url, String options) {
    return url + (url.contains("?") ? "&" : "?") + options;
  }

  /** Runs a load test and prints its report; arguments: clients (200) and seconds (60). */
  public static void main(String[] args) {
    int clients = args.length > 0 ? Integer.parseInt(args[0]) : 200;
    int seconds = args.length > 1 ? Integer.parseInt(args[1]) : 60;
    Settings settings = Settings.of(clients, Duration.ofSeconds(seconds));
    LoadResult result;
    try (LoadTest load = start(settings)) {
      System.out.printf(
          "%nLoad test: %d clients for %d s against the music store on %s, schema %s, pool max %d%n",
          clients, seconds, settings.databaseUrl(), settings.schema(), POOL_SIZE);
      result = load.run();
      System.out.println();
      System.out.print(result.report());
    }
    List<String> violations = result.violations(MAX_PREPARED_PER_BACKEND);
    if (!violations.isEmpty()) {
      System.out.println("FAILED: " + String.join("; ", violations));
      throw new IllegalStateException("The load test failed: " + String.join("; ", violations));
    }
    System.out.println(
        "PASSED: no response >= 500, no client timeout, pool idle afterwards, no session idle in "
            + "transaction, at most "
            + result.maxPreparedPerBackend()
            + " prepared statements per backend (bound "
            + MAX_PREPARED_PER_BACKEND
            + ")");
  }
}
