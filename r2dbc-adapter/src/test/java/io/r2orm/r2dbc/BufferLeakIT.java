package io.r2orm.r2dbc;

import static org.assertj.core.api.Assertions.assertThat;

import io.r2dbc.pool.ConnectionPool;
import io.r2dbc.spi.Connection;
import io.r2orm.r2dbc.faults.FaultSupport;
import io.r2orm.r2dbc.faults.LeakRow;
import io.r2orm.r2dbc.faults.LeakRow_;
import io.r2orm.r2dbc.test.LeakRecorder;
import io.r2orm.r2dbc.test.TestDatabase;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;
import reactor.core.scheduler.Scheduler;
import reactor.core.scheduler.Schedulers;

/**
 * Issue #11, finding 9: a stream whose subscriber goes away leaks none of r2dbc-postgresql's pooled
 * buffers. A thousand streams of wide rows (each result several socket reads long) are cancelled
 * after a random number of rows, outside and inside transactions, through take(n), a slow
 * subscriber disposed from another thread (a web client disconnecting), and short timeouts; then
 * the garbage collector runs and Netty's leak detector, at PARANOID (every buffer and every driver
 * row tracked), must report nothing.
 *
 * <p>What leaked before {@code ResultRows} (this test failed with 12,371 rows and 496 socket
 * buffers: 28 to 35 rows per stream on the unpaged slow paths outside a transaction, 3 on the paged
 * one, now and then a few on the timed-out ones; nothing with take(n) on the event loop, nor inside
 * transactions, where a cursor's FETCH is read whole before its rows go on): r2dbc-postgresql 1.1.3
 * gives each result's messages out through Reactor's {@code windowUntil} ({@code
 * PostgresqlStatement.execute}) and releases a row only when {@code PostgresqlResult.map} reads it.
 * When the subscriber of {@code Result.map} cancels while rows wait in the window, the window drops
 * them with the subscriber's discard hook, not with the driver's (its {@code
 * doOnDiscard(ReferenceCounted.class, ReferenceCountUtil::release)} sits on the outer sequence), so
 * nothing releases them: {@code LEAK: DataRow.release() was not called}, created in {@code
 * DataRow.decode}, and the socket buffers the rows' slices keep alive. A releasing discard hook in
 * r2orm's chain caught those but still left about one row in three cancels, lost in the race
 * between the cancel and the window's drain; r2orm therefore no longer cancels a driver's result
 * (see {@code io.r2orm.r2dbc.internal.ResultRows}). {@link
 * #theDriverAloneStillLeaksTheRowsOfACancelledResult} keeps the driver's behaviour in view.
 *
 * <p>Runs in a JVM of its own with the leak detector set from its first allocation (Failsafe's
 * {@code netty-leak} execution, for {@code *LeakIT}); PostgreSQL only, the only driver here with
 * pooled buffers.
 */
class BufferLeakIT {
  static {
    // before any Netty buffer or driver row exists in this JVM: the detectors are made when their
    // classes load
    LeakRecorder.install();
  }

  private static final long SEED = 20_261_127L;
  private static final int ROUNDS = 1_000;
  private static final int CONCURRENCY = 4;
  private static final int ROWS = 200;

  /**
   * Characters in a row's body: 200 rows of about 2.1 kB, at least six socket reads of Netty's 64
   * KiB.
   */
  private static final int BODY = 2_100;

  /** Rows per page (fetch size, and per FETCH in a transaction) of the paged paths. */
  private static final int PAGE = 50;

  /** How a stream ends early. */
  private enum Kind {
    TAKE,
    SLOW_ENTITY,
    SLOW_PROJECTION,
    SLOW_SQL,
    SLOW_PAGED,
    TRANSACTION_TAKE,
    TRANSACTION_SLOW_PAGED,
    TIMED_OUT
  }

  private static TestDatabase pg;
  private static ConnectionPool pool;
  private static Database db;
  private static Database paged;
  private static Scheduler consumer;

  @BeforeAll
  static void data() {
    pg = TestDatabase.open(TestDatabase.Kind.POSTGRES, "BufferLeakIT");
    pg.sql(
        LeakRow.DDL,
        "INSERT INTO leak_row (id, grp, body) SELECT g, g % 10, repeat(md5(g::text), "
            + BODY / 32
            + ") || lpad(g::text, "
            + BODY % 32
            + ", '0') FROM generate_series(1, "
            + ROWS
            + ") g");
    assertThat(pg.queryOne("SELECT sum(octet_length(body)) FROM leak_row", Long.class))
        .as("a result spans several socket reads")
        .isGreaterThan(6L * 64 * 1024);
    consumer = Schedulers.newSingle("slow-client");
  }

  @AfterAll
  static void close() {
    consumer.dispose();
    pg.close();
  }

  @BeforeEach
  void freshPool() {
    collect();
    pool =
        FaultSupport.pool(
            FaultSupport.factory(pg, FaultSupport.applicationName("leak")),
            8,
            Duration.ofSeconds(30));
    db = Database.create(pool);
    paged = Database.builder(pool).fetchSize(PAGE).build();
  }

  @AfterEach
  void disposePool() {
    pool.disposeLater().block(Duration.ofSeconds(10));
  }

  @Test
  void aThousandCancelledStreamsLeakNoBuffer() {
    LeakRecorder.leakCanary();
    Random random = new Random(SEED);
    Map<Kind, Map<String, Integer>> leaks = new EnumMap<>(Kind.class);
    List<LeakRecorder.Report> reports = new ArrayList<>();
    int rounds = ROUNDS / Kind.values().length;
    for (Kind kind : Kind.values()) {
      List<Integer> cuts = random.ints(rounds, 1, ROWS).boxed().toList();
      long rowsBefore = LeakRecorder.tracked("DataRow");
      long start = System.nanoTime();
      long cpu = cpuNanos();
      Flux.range(0, rounds)
          .flatMap(i -> stream(kind, cuts.get(i)), CONCURRENCY)
          .then()
          .block(Duration.ofSeconds(60));
      FaultSupport.assertIdle(pool);
      List<LeakRecorder.Report> found = collect();
      reports.addAll(found);
      leaks.put(kind, LeakRecorder.countByType(found));
      System.out.println(
          "BufferLeakIT "
              + kind
              + ": "
              + rounds
              + " streams in "
              + (System.nanoTime() - start) / 1_000_000
              + " ms ("
              + (cpuNanos() - cpu) / 1_000_000
              + " ms CPU), "
              + (LeakRecorder.tracked("DataRow") - rowsBefore)
              + " rows decoded, leaked "
              + leaks.get(kind));
    }
    pool.disposeLater().block(Duration.ofSeconds(10));
    // rows still held by a connection are reported once the connection is gone
    reports.addAll(collect());

    LeakRecorder.assertInstalledFor("DataRow", "ByteBuf");
    assertThat(reports)
        .as("the buffer leaked on purpose is reported: the detector works")
        .anyMatch(LeakRecorder.Report::canary);
    List<LeakRecorder.Report> real = reports.stream().filter(r -> !r.canary()).toList();
    assertThat(real)
        .as(
            "leaks per way of cancelling %s; the first: %s",
            leaks, real.isEmpty() ? "" : real.get(0).records())
        .isEmpty();
  }

  /**
   * The driver's behaviour that r2orm works around, kept in view: the slow, disposed stream above
   * read with {@code Result.map} as r2orm read it before (the subscriber of the driver's result
   * cancels it) leaks rows. If this fails, r2dbc-postgresql releases the rows of a cancelled result
   * by itself (reproducer: a statement of a few hundred wide rows, {@code
   * Flux.from(statement.execute()).concatMap(r -> r.map(...)).publishOn(other thread, 16)},
   * disposed after some rows from a third thread; 1.1.3 leaks the rows queued in the result's
   * {@code windowUntil} window): {@code ResultRows} may then cancel like any result.
   */
  @Test
  void theDriverAloneStillLeaksTheRowsOfACancelledResult() {
    Random random = new Random(SEED);
    Flux.range(0, 60)
        .flatMap(
            i ->
                slowlyUntil(
                    Flux.usingWhen(
                        pool.create(),
                        c ->
                            Flux.from(c.createStatement("SELECT id, body FROM leak_row").execute())
                                .concatMap(
                                    result -> result.map((row, meta) -> row.get("id", Long.class))),
                        Connection::close),
                    1 + random.nextInt(ROWS - 1)),
            CONCURRENCY)
        .then()
        .block(Duration.ofSeconds(60));
    FaultSupport.assertIdle(pool);
    Map<String, Integer> leaked = LeakRecorder.countByType(collect());
    System.out.println("BufferLeakIT the driver alone: leaked " + leaked);
    assertThat(leaked.getOrDefault("DataRow", 0)).as("rows the driver leaked").isPositive();
  }

  private static Mono<Void> stream(Kind kind, int rows) {
    return switch (kind) {
      case TAKE -> db.select(LeakRow.class).all().take(rows).then();
      case SLOW_ENTITY -> slowlyUntil(db.select(LeakRow.class).all(), rows);
      // the example application's NDJSON stream reads a projection
      case SLOW_PROJECTION ->
          slowlyUntil(db.select(LeakRow_.ID, LeakRow_.BODY).from(LeakRow.class).all(), rows);
      case SLOW_SQL ->
          slowlyUntil(db.sql("SELECT id, grp, body FROM leak_row").all(LeakRow.class), rows);
      // cancelled between pages: the driver closes the portal at the next suspension
      case SLOW_PAGED -> slowlyUntil(paged.select(LeakRow.class).all(), rows);
      case TRANSACTION_TAKE ->
          db.transaction(tx -> tx.select(LeakRow.class).all()).take(rows).then();
      // a cursor read FETCH by FETCH
      case TRANSACTION_SLOW_PAGED ->
          slowlyUntil(paged.transaction(tx -> tx.select(LeakRow.class).all()), rows);
      // often before the first row arrives
      case TIMED_OUT ->
          (rows % 2 == 0
                  ? db.select(LeakRow.class).all()
                  : db.transaction(tx -> tx.select(LeakRow.class).all()))
              .publishOn(consumer, 16)
              .take(Duration.ofNanos(rows * 40_000L))
              .then();
    };
  }

  /**
   * A slow client: the rows cross to another thread 16 at a time, and once it has seen {@code rows}
   * of them the subscription is disposed from a third thread, as when a web client disconnects.
   */
  private static Mono<Void> slowlyUntil(Flux<?> stream, int rows) {
    return Mono.defer(
        () -> {
          Sinks.Empty<Void> gone = Sinks.empty();
          AtomicInteger seen = new AtomicInteger();
          return stream
              .publishOn(consumer, 16)
              .doOnNext(
                  row -> {
                    if (seen.incrementAndGet() == rows) {
                      Schedulers.parallel().schedule(gone::tryEmitEmpty);
                    }
                  })
              .takeUntilOther(gone.asMono())
              .then();
        });
  }

  /**
   * The leaks found so far: collects garbage, then makes the detectors track new objects (a
   * detector reports what the collector found when it tracks its next object), until two rounds in
   * a row find nothing more.
   */
  private static List<LeakRecorder.Report> collect() {
    List<LeakRecorder.Report> reports = new ArrayList<>();
    for (int round = 0, quiet = 0; round < 20 && quiet < 2; round++) {
      System.gc();
      sleep(50);
      pg.db().select(LeakRow.class).limit(3).all().then().block(Duration.ofSeconds(30));
      List<LeakRecorder.Report> found = LeakRecorder.drain();
      quiet = found.isEmpty() ? quiet + 1 : 0;
      reports.addAll(found);
    }
    return reports;
  }

  private static long cpuNanos() {
    return ((com.sun.management.OperatingSystemMXBean)
            java.lang.management.ManagementFactory.getOperatingSystemMXBean())
        .getProcessCpuTime();
  }

  private static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
