package io.r2orm.r2dbc.internal;

import io.r2dbc.spi.Batch;
import io.r2dbc.spi.ColumnMetadata;
import io.r2dbc.spi.Connection;
import io.r2dbc.spi.ConnectionFactory;
import io.r2dbc.spi.ConnectionFactoryMetadata;
import io.r2dbc.spi.ConnectionMetadata;
import io.r2dbc.spi.IsolationLevel;
import io.r2dbc.spi.R2dbcType;
import io.r2dbc.spi.Result;
import io.r2dbc.spi.Row;
import io.r2dbc.spi.RowMetadata;
import io.r2dbc.spi.Statement;
import io.r2dbc.spi.TransactionDefinition;
import io.r2dbc.spi.Type;
import io.r2dbc.spi.ValidationDepth;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BiFunction;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.function.Supplier;
import org.reactivestreams.Publisher;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.util.context.ContextView;

/**
 * A scripted R2DBC driver for engine unit tests: no database, no mocks. Every connection opened,
 * every statement handed to the "driver" (the subscription of {@link Statement#execute()}), every
 * transaction call and every close is written, in order, to one {@link #log()}:
 *
 * <pre>
 * open c1, c1 BEGIN, c1 INSERT INTO t VALUES ($1), c1 COMMIT, close c1
 * </pre>
 *
 * Results are scripted per SQL text ({@link #on}) — rows, row counts, errors, publishers a test
 * drives itself (a {@code TestPublisher}, a {@code Sinks}), or a hook that runs inside the
 * statement's subscribe call (to hold it "being handed to the driver"). A scripted text answers its
 * responses in order, then the default: an empty result (no rows, 0 rows updated), or an empty
 * completion for BEGIN/COMMIT/ROLLBACK. Transaction calls are scripted by the text they are logged
 * as ({@code BEGIN}, {@code BEGIN ISOLATION LEVEL SERIALIZABLE READ ONLY}, {@code COMMIT}, {@code
 * ROLLBACK}, {@code SAVEPOINT name}, ...).
 *
 * <p>Misuse the engine must never commit is collected in {@link #violations()}: a connection closed
 * twice, or used (a statement, a transaction call, a close) after it was closed or after a pool
 * took it back ({@link FakeConnection#takeBack()}).
 */
final class FakeConnectionFactory implements ConnectionFactory {
  private final List<String> log = new CopyOnWriteArrayList<>();
  private final List<String> violations = new CopyOnWriteArrayList<>();
  private final List<Executed> executed = new CopyOnWriteArrayList<>();
  private final List<ContextView> contexts = new CopyOnWriteArrayList<>();
  private final List<FakeConnection> connections = new CopyOnWriteArrayList<>();
  private final Map<String, ConcurrentLinkedQueue<Response>> exact = new ConcurrentHashMap<>();
  private final Map<String, ConcurrentLinkedQueue<Response>> prefixes =
      Collections.synchronizedMap(new LinkedHashMap<>());
  private final Map<String, Runnable> whenCalled = new ConcurrentHashMap<>();
  private final AtomicInteger ids = new AtomicInteger();
  private final AtomicInteger open = new AtomicInteger();
  private final AtomicInteger maxOpen = new AtomicInteger();
  private volatile Supplier<? extends Publisher<? extends Connection>> acquisition =
      () -> Mono.fromSupplier(this::open);

  // ------------------------------------------------------------------ scripting

  /**
   * Answers the statement or transaction call logged as exactly {@code sql} with these responses,
   * in order.
   */
  FakeConnectionFactory on(String sql, Response... responses) {
    exact.computeIfAbsent(sql, s -> new ConcurrentLinkedQueue<>()).addAll(Arrays.asList(responses));
    return this;
  }

  /** Like {@link #on}, for every text starting with {@code prefix} that has no exact script. */
  FakeConnectionFactory onPrefix(String prefix, Response... responses) {
    prefixes
        .computeIfAbsent(prefix, s -> new ConcurrentLinkedQueue<>())
        .addAll(Arrays.asList(responses));
    return this;
  }

  /**
   * Runs {@code hook} when the engine calls the transaction method logged as {@code text} (before
   * the returned publisher is subscribed), for example to hold a thread between deciding to commit
   * and handing the COMMIT to the driver.
   */
  FakeConnectionFactory whenCalled(String text, Runnable hook) {
    whenCalled.put(text, hook);
    return this;
  }

  /**
   * Replaces how {@link #create()} obtains a connection (inside the subscriber's context, which is
   * recorded first).
   */
  FakeConnectionFactory acquisition(
      Supplier<? extends Publisher<? extends Connection>> acquisition) {
    this.acquisition = acquisition;
    return this;
  }

  /** One row per value, one column each. */
  static Response rows(Object... values) {
    return table(Arrays.stream(values).map(v -> new Object[] {v}).toArray(Object[][]::new));
  }

  /** Rows of several columns. */
  static Response table(Object[]... rows) {
    List<Object[]> list = List.of(rows);
    return new Response(() -> Mono.just(new FakeResult(Flux.fromIterable(list), null)));
  }

  /** The values as rows, then the error: a statement that fails in the middle of its result. */
  static Response rowsThenError(Throwable error, Object... values) {
    Flux<Object[]> rows = Flux.fromArray(values).map(v -> new Object[] {v});
    return new Response(() -> Mono.just(new FakeResult(rows.concatWith(Mono.error(error)), null)));
  }

  /** A data-changing statement's count. */
  static Response updated(long count) {
    return new Response(() -> Mono.just(new FakeResult(Flux.empty(), count)));
  }

  /** The statement (or transaction call) fails before any result. */
  static Response error(Throwable error) {
    return new Response(() -> Mono.error(error));
  }

  /** The statement never answers. */
  static Response never() {
    return new Response(Mono::never);
  }

  /** Single-column rows the test emits itself (a TestPublisher, a Sinks.Many). */
  static Response rowsFrom(Publisher<?> values) {
    return new Response(
        () -> Mono.just(new FakeResult(Flux.from(values).map(v -> new Object[] {v}), null)));
  }

  /** Full control: the results of the statement, or for a transaction call its completion. */
  static Response results(Supplier<? extends Publisher<? extends Result>> results) {
    return new Response(results);
  }

  // ------------------------------------------------------------------ observing

  /** Everything that happened, in order. */
  List<String> log() {
    return List.copyOf(log);
  }

  /** Adds a line to the log (a test marks a point in time). */
  void note(String line) {
    log.add(line);
  }

  /** Misuse seen: double closes, use after close or after the pool took a connection back. */
  List<String> violations() {
    return List.copyOf(violations);
  }

  /** Every statement handed to the driver, in order, with its binds and fetch size. */
  List<Executed> executed() {
    return List.copyOf(executed);
  }

  /** The executed statements whose SQL starts with {@code prefix}. */
  List<Executed> executed(String prefix) {
    return executed.stream().filter(e -> e.sql().startsWith(prefix)).toList();
  }

  /** The subscriber contexts {@link #create()} was called in. */
  List<ContextView> contexts() {
    return List.copyOf(contexts);
  }

  List<FakeConnection> connections() {
    return List.copyOf(connections);
  }

  int opened() {
    return connections.size();
  }

  /** Connections opened and not (yet) closed or taken back. */
  int openNow() {
    return open.get();
  }

  /** The most connections that were open at the same time. */
  int maxOpenAtOnce() {
    return maxOpen.get();
  }

  // ------------------------------------------------------------------ the driver

  @Override
  public Publisher<? extends Connection> create() {
    return Mono.deferContextual(
        context -> {
          contexts.add(context);
          return Mono.from(acquisition.get());
        });
  }

  /** Opens a connection now (what the default acquisition emits). */
  FakeConnection open() {
    FakeConnection c = new FakeConnection("c" + ids.incrementAndGet());
    connections.add(c);
    maxOpen.accumulateAndGet(open.incrementAndGet(), Math::max);
    log.add("open " + c.name);
    return c;
  }

  @Override
  public ConnectionFactoryMetadata getMetadata() {
    return () -> "fake";
  }

  private Response scripted(String text) {
    ConcurrentLinkedQueue<Response> queue = exact.get(text);
    if (queue != null) {
      Response r = queue.poll();
      if (r != null) {
        return r;
      }
    }
    synchronized (prefixes) {
      for (Map.Entry<String, ConcurrentLinkedQueue<Response>> e : prefixes.entrySet()) {
        if (text.startsWith(e.getKey())) {
          Response r = e.getValue().poll();
          if (r != null) {
            return r;
          }
        }
      }
    }
    return null;
  }

  /** A statement as the driver received it. */
  record Executed(String connection, String sql, Map<Integer, Object> binds, Integer fetchSize) {}

  /** What a statement or transaction call answers; see the static factories. */
  static final class Response {
    private final Supplier<? extends Publisher<? extends Result>> results;
    private final Runnable whenSubscribed;

    private Response(Supplier<? extends Publisher<? extends Result>> results) {
      this(results, () -> {});
    }

    private Response(
        Supplier<? extends Publisher<? extends Result>> results, Runnable whenSubscribed) {
      this.results = results;
      this.whenSubscribed = whenSubscribed;
    }

    /**
     * Runs {@code hook} inside the subscribe call that hands the statement to the driver (after it
     * was logged), as a driver encoding binds would; a hook that blocks holds the statement "being
     * handed over".
     */
    Response whenSubscribed(Runnable hook) {
      return new Response(results, hook);
    }
  }

  /** A connection of the fake driver. */
  final class FakeConnection implements Connection {
    final String name;
    private final AtomicInteger closes = new AtomicInteger();
    private volatile boolean takenBack;
    private volatile Runnable onClose = () -> {};

    private FakeConnection(String name) {
      this.name = name;
    }

    boolean closed() {
      return closes.get() > 0;
    }

    int closeCount() {
      return closes.get();
    }

    boolean takenBack() {
      return takenBack;
    }

    /**
     * A pool took the connection back: from now on, any use of it by its former holder is a
     * violation.
     */
    void takeBack() {
      if (!takenBack && !closed()) {
        takenBack = true;
        open.decrementAndGet();
        log.add(name + " taken back by the pool");
      }
    }

    /** Runs when the connection is closed (a pool gives it back). */
    void onClose(Runnable action) {
      this.onClose = action;
    }

    private void checkUsable(String what) {
      if (takenBack) {
        violate(what + " after the pool took it back");
      } else if (closed()) {
        violate(what + " after close");
      }
    }

    private void violate(String what) {
      String line = name + " VIOLATION: " + what;
      violations.add(line);
      log.add(line);
    }

    /** A transaction-like call: logged and answered when subscribed. */
    private Mono<Void> call(String text) {
      whenCalled.getOrDefault(text, () -> {}).run();
      return Mono.defer(
          () -> {
            checkUsable(text);
            log.add(name + " " + text);
            Response r = scripted(text);
            if (r == null) {
              return Mono.empty();
            }
            r.whenSubscribed.run();
            return Flux.from(r.results.get()).then();
          });
    }

    @Override
    public Publisher<Void> beginTransaction() {
      return call("BEGIN");
    }

    @Override
    public Publisher<Void> beginTransaction(TransactionDefinition definition) {
      StringBuilder sql = new StringBuilder("BEGIN");
      IsolationLevel isolation = definition.getAttribute(TransactionDefinition.ISOLATION_LEVEL);
      Boolean readOnly = definition.getAttribute(TransactionDefinition.READ_ONLY);
      if (isolation != null) {
        sql.append(" ISOLATION LEVEL ").append(isolation.asSql());
      }
      if (readOnly != null) {
        sql.append(readOnly ? " READ ONLY" : " READ WRITE");
      }
      if (isolation == null && readOnly == null) {
        sql.append(" (empty definition)");
      }
      return call(sql.toString());
    }

    @Override
    public Publisher<Void> commitTransaction() {
      return call("COMMIT");
    }

    @Override
    public Publisher<Void> rollbackTransaction() {
      return call("ROLLBACK");
    }

    @Override
    public Publisher<Void> createSavepoint(String savepoint) {
      return call("SAVEPOINT " + savepoint);
    }

    @Override
    public Publisher<Void> releaseSavepoint(String savepoint) {
      return call("RELEASE SAVEPOINT " + savepoint);
    }

    @Override
    public Publisher<Void> rollbackTransactionToSavepoint(String savepoint) {
      return call("ROLLBACK TO SAVEPOINT " + savepoint);
    }

    @Override
    public Publisher<Void> setStatementTimeout(Duration timeout) {
      return call("SET statement_timeout " + timeout.toMillis());
    }

    @Override
    public Publisher<Void> close() {
      return Mono.defer(
          () -> {
            if (takenBack) {
              violate("close after the pool took it back");
              return Mono.empty();
            }
            if (closes.incrementAndGet() > 1) {
              violate("closed " + closes.get() + " times");
              return Mono.empty();
            }
            open.decrementAndGet();
            log.add("close " + name);
            onClose.run();
            return Mono.empty();
          });
    }

    @Override
    public Statement createStatement(String sql) {
      checkUsable("createStatement " + sql);
      return new FakeStatement(this, sql);
    }

    @Override
    public Batch createBatch() {
      throw new UnsupportedOperationException("batches are not faked");
    }

    @Override
    public boolean isAutoCommit() {
      return true;
    }

    @Override
    public ConnectionMetadata getMetadata() {
      return new ConnectionMetadata() {
        @Override
        public String getDatabaseProductName() {
          return "fake";
        }

        @Override
        public String getDatabaseVersion() {
          return "0";
        }
      };
    }

    @Override
    public IsolationLevel getTransactionIsolationLevel() {
      return IsolationLevel.READ_COMMITTED;
    }

    @Override
    public Publisher<Void> setAutoCommit(boolean autoCommit) {
      return call("SET autocommit " + autoCommit);
    }

    @Override
    public Publisher<Void> setLockWaitTimeout(Duration timeout) {
      return call("SET lock_timeout " + timeout.toMillis());
    }

    @Override
    public Publisher<Void> setTransactionIsolationLevel(IsolationLevel level) {
      return call("SET TRANSACTION ISOLATION LEVEL " + level.asSql());
    }

    @Override
    public Publisher<Boolean> validate(ValidationDepth depth) {
      return Mono.just(!closed() && !takenBack);
    }

    @Override
    public String toString() {
      return name;
    }
  }

  /**
   * A statement: binds and fetch size are recorded, the SQL is logged when {@link #execute()} is
   * subscribed.
   */
  private final class FakeStatement implements Statement {
    private final FakeConnection connection;
    private final String sql;
    private final Map<Integer, Object> binds = new TreeMap<>();
    private Integer fetchSize;

    FakeStatement(FakeConnection connection, String sql) {
      this.connection = connection;
      this.sql = sql;
    }

    @Override
    public Statement add() {
      throw new UnsupportedOperationException("add() is not faked");
    }

    @Override
    public Statement bind(int index, Object value) {
      binds.put(index, value);
      return this;
    }

    @Override
    public Statement bind(String name, Object value) {
      throw new UnsupportedOperationException("named binds are not faked");
    }

    @Override
    public Statement bindNull(int index, Class<?> type) {
      binds.put(index, null);
      return this;
    }

    @Override
    public Statement bindNull(String name, Class<?> type) {
      throw new UnsupportedOperationException("named binds are not faked");
    }

    @Override
    public Statement fetchSize(int rows) {
      this.fetchSize = rows;
      return this;
    }

    @Override
    public Publisher<? extends Result> execute() {
      return Flux.defer(
          () -> {
            connection.checkUsable("execute " + sql);
            executed.add(
                new Executed(
                    connection.name,
                    sql,
                    Collections.unmodifiableMap(new TreeMap<>(binds)),
                    fetchSize));
            log.add(connection.name + " " + sql);
            Response r = scripted(sql);
            if (r == null) {
              return Mono.just(new FakeResult(Flux.empty(), 0L));
            }
            r.whenSubscribed.run();
            return Flux.from(r.results.get());
          });
    }
  }

  /** A result: rows (one Object[] each) or a row count. */
  static final class FakeResult implements Result {
    private final Flux<Object[]> rows;
    private final Long updated;

    FakeResult(Flux<Object[]> rows, Long updated) {
      this.rows = rows;
      this.updated = updated;
    }

    @Override
    public Publisher<Long> getRowsUpdated() {
      return updated != null ? rows.then(Mono.just(updated)) : rows.count();
    }

    @Override
    public <T> Publisher<T> map(BiFunction<Row, RowMetadata, ? extends T> mapper) {
      return rows.map(
          values -> {
            FakeRow row = new FakeRow(values);
            return mapper.apply(row, row.getMetadata());
          });
    }

    @Override
    public Result filter(Predicate<Segment> filter) {
      throw new UnsupportedOperationException("segments are not faked");
    }

    @Override
    public <T> Publisher<T> flatMap(Function<Segment, ? extends Publisher<? extends T>> mapper) {
      throw new UnsupportedOperationException("segments are not faked");
    }
  }

  /** A row; its columns are named {@code c0}, {@code c1}, .... */
  static final class FakeRow implements Row, RowMetadata {
    private final Object[] values;

    FakeRow(Object[] values) {
      this.values = values;
    }

    @Override
    public <T> T get(int index, Class<T> type) {
      Object v = values[index];
      return v == null ? null : type.cast(v);
    }

    @Override
    public <T> T get(String name, Class<T> type) {
      return get(Integer.parseInt(name.substring(1)), type);
    }

    @Override
    public RowMetadata getMetadata() {
      return this;
    }

    @Override
    public ColumnMetadata getColumnMetadata(int index) {
      String name = "c" + index;
      return new ColumnMetadata() {
        @Override
        public Type getType() {
          return R2dbcType.VARCHAR;
        }

        @Override
        public String getName() {
          return name;
        }
      };
    }

    @Override
    public ColumnMetadata getColumnMetadata(String name) {
      return getColumnMetadata(Integer.parseInt(name.substring(1)));
    }

    @Override
    public List<? extends ColumnMetadata> getColumnMetadatas() {
      List<ColumnMetadata> all = new ArrayList<>();
      for (int i = 0; i < values.length; i++) {
        all.add(getColumnMetadata(i));
      }
      return all;
    }
  }
}
