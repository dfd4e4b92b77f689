package io.r2orm.r2dbc;

import static org.assertj.core.api.Assertions.assertThat;

import io.r2dbc.pool.ConnectionPool;
import io.r2dbc.spi.ConnectionFactory;
import io.r2orm.r2dbc.faults.FaultSupport;
import io.r2orm.r2dbc.faults.StressRow;
import io.r2orm.r2dbc.faults.StressRow_;
import io.r2orm.r2dbc.faults.StressSlow;
import io.r2orm.r2dbc.faults.StressWrite;
import io.r2orm.r2dbc.test.DatabaseTest;
import io.r2orm.r2dbc.test.TestDatabase;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.Random;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeoutException;
import java.util.stream.Collectors;
import java.util.stream.LongStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.MethodSource;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.test.StepVerifier;

/**
 * Two thousand operations, most of them cancelled part-way (streams cut after a random number of
 * rows, queries timed out while running, transactions cut or failed mid-work), sixteen at a time,
 * from a fixed seed. Afterwards the pool is idle, no session is left in a transaction or running
 * our SQL, every connection still works, and exactly the committed transactions' rows exist.
 */
@ParameterizedClass(name = "{0}")
@MethodSource("io.r2orm.r2dbc.test.DatabaseTest#databases")
class CancellationStressIT extends DatabaseTest {
  private static final long SEED = 20_261_125L;
  private static final int OPERATIONS = 2_000;
  private static final int CONCURRENCY = 16;
  private static final int ROWS = 2_000;
  private static final int POOL_SIZE = 10;

  /** What a transactional operation must have left in stress_write. */
  private enum Expect {
    COMMITTED,
    ROLLED_BACK,
    ALL_OR_NOTHING
  }

  private record Plan(int kind, int count, int millis) {}

  private final Map<Integer, Expect> expected = new ConcurrentHashMap<>();
  private final Map<Integer, Integer> written = new ConcurrentHashMap<>();
  private final Queue<String> problems = new ConcurrentLinkedQueue<>();
  private String applicationName;
  private ConnectionFactory factory;
  private ConnectionPool pool;
  private Database db;

  @BeforeEach
  void fixture() {
    boolean pg = kind == TestDatabase.Kind.POSTGRES;
    testDatabase()
        .sql(
            "DROP VIEW IF EXISTS stress_slow",
            "DROP TABLE IF EXISTS stress_row",
            "DROP TABLE IF EXISTS stress_write",
            StressRow.DDL,
            StressWrite.DDL,
            pg
                ? "INSERT INTO stress_row (id, grp, label) SELECT g, g % 50, 'row ' || g FROM generate_series(1, "
                    + ROWS
                    + ") g"
                : "INSERT INTO stress_row (id, grp, label) SELECT X, MOD(X, 50), 'row ' || X FROM SYSTEM_RANGE(1, "
                    + ROWS
                    + ")");
    if (pg) {
      testDatabase().sql(StressSlow.VIEW);
    }
    applicationName = FaultSupport.applicationName("stress");
    factory = FaultSupport.factory(testDatabase(), applicationName);
    pool = FaultSupport.pool(factory, POOL_SIZE, Duration.ofSeconds(20));
    // small fetches, so that a cancelled stream is cut between round trips
    db = Database.builder(pool).fetchSize(20).build();
  }

  @AfterEach
  void disposePool() {
    pool.disposeLater().block(Duration.ofSeconds(10));
  }

  @Test
  void twoThousandCancelledOperationsLeaveNothingBehind() {
    Random random = new Random(SEED);
    List<Plan> plans =
        LongStream.range(0, OPERATIONS)
            .mapToObj(
                i -> new Plan(random.nextInt(9), 1 + random.nextInt(300), 1 + random.nextInt(40)))
            .toList();
    long start = System.nanoTime();
    StepVerifier.create(
            Flux.range(0, OPERATIONS).flatMap(i -> operation(i, plans.get(i)), CONCURRENCY).then())
        .expectComplete()
        .verify(Duration.ofSeconds(50));
    Duration took = Duration.ofNanos(System.nanoTime() - start);
    System.out.println(
        "CancellationStressIT on "
            + kind
            + ": "
            + OPERATIONS
            + " operations in "
            + took.toMillis()
            + " ms");

    assertThat(problems).as("operations that failed unexpectedly or returned wrong rows").isEmpty();
    FaultSupport.assertIdle(pool);
    if (kind == TestDatabase.Kind.POSTGRES) {
      FaultSupport.await(
          Duration.ofSeconds(5),
          () ->
              FaultSupport.sessions(
                          applicationName, "idle in transaction", "idle in transaction (aborted)")
                      == 0
                  && FaultSupport.running(applicationName, "stress_") == 0);
      assertThat(
              FaultSupport.sessions(
                  applicationName, "idle in transaction", "idle in transaction (aborted)"))
          .as("sessions left in a transaction")
          .isZero();
      assertThat(FaultSupport.running(applicationName, "stress_"))
          .as("sessions still running our SQL")
          .isZero();
    }
    everyConnectionStillAnswers();
    onlyCommittedRowsExist();
  }

  private Mono<Void> operation(int i, Plan plan) {
    Mono<Void> op =
        switch (plan.kind()) {
          case 0 -> streamCutAfter(plan.count());
          case 1 -> db.select(StressRow.class).all().take(Duration.ofMillis(plan.millis())).then();
          case 2 -> slowQueryTimedOut(plan.millis());
          case 3 -> committed(i);
          case 4 -> transactionCutAfter(i, 1 + plan.count() % 4);
          case 5 -> transactionFailing(i);
          case 6 -> transactionTimedOut(i, plan.millis());
          case 7 -> cursorInTransactionCutAfter(plan.count());
          default ->
              db.select(StressRow.class)
                  .where(StressRow_.GRP.eq(plan.count() % 50))
                  .count()
                  .timeout(Duration.ofMillis(plan.millis() / 4 + 1))
                  .doOnNext(n -> check(n == ROWS / 50, "count of a group was " + n))
                  .onErrorResume(TimeoutException.class, e -> Mono.empty())
                  .then();
        };
    return op.onErrorResume(
        e -> {
          // the whole trace on the console, where a report of the failure can be read
          StringWriter trace = new StringWriter();
          e.printStackTrace(new PrintWriter(trace));
          System.out.println("operation " + i + " (" + plan + ") failed: " + trace);
          problems.add("operation " + i + " (" + plan + ") failed: " + e);
          return Mono.empty();
        });
  }

  private Mono<Void> streamCutAfter(int rows) {
    return db.select(StressRow.class)
        .orderBy(StressRow_.ID.asc())
        .all()
        .take(rows)
        .map(StressRow::id)
        .collectList()
        .doOnNext(
            ids ->
                check(
                    ids.equals(LongStream.rangeClosed(1, rows).boxed().toList()),
                    "stream of " + rows + " rows: " + ids))
        .then();
  }

  private Mono<Void> slowQueryTimedOut(int millis) {
    Flux<?> rows =
        kind == TestDatabase.Kind.POSTGRES
            ? db.select(StressSlow.class).all()
            : db.select(StressRow.class).orderBy(StressRow_.LABEL.desc()).all();
    return rows.take(Duration.ofMillis(5 + millis)).then();
  }

  private Flux<StressWrite> writes(Database tx, int op, int rows) {
    return Flux.range(0, rows).concatMap(seq -> tx.insert(new StressWrite(null, op, seq)));
  }

  private Mono<Void> committed(int op) {
    expected.put(op, Expect.ALL_OR_NOTHING);
    written.put(op, 3);
    return db.transaction(tx -> writes(tx, op, 3))
        .then()
        .doOnSuccess(v -> expected.put(op, Expect.COMMITTED));
  }

  private Mono<Void> transactionCutAfter(int op, int taken) {
    // the work writes five rows and the subscriber takes fewer: cancelled before the work ends, so
    // before any commit
    expected.put(op, Expect.ROLLED_BACK);
    return db.transaction(tx -> writes(tx, op, 5))
        .take(taken)
        .count()
        .doOnNext(n -> check(n == taken, "took " + n + " of " + taken))
        .then();
  }

  private Mono<Void> transactionFailing(int op) {
    expected.put(op, Expect.ROLLED_BACK);
    IllegalStateException failure = new IllegalStateException("op " + op + " fails on purpose");
    return db.transaction(tx -> writes(tx, op, 2).then(Mono.error(failure)))
        .then()
        .onErrorResume(e -> e == failure, e -> Mono.empty());
  }

  private Mono<Void> transactionTimedOut(int op, int millis) {
    expected.put(op, Expect.ALL_OR_NOTHING);
    written.put(op, 3);
    return db.transaction(
            tx ->
                Flux.range(0, 3)
                    .concatMap(
                        seq ->
                            Mono.delay(Duration.ofMillis(seq * (millis % 7)))
                                .then(tx.insert(new StressWrite(null, op, seq))))
                    .then())
        .timeout(Duration.ofMillis(millis))
        .then(Mono.fromRunnable(() -> expected.put(op, Expect.COMMITTED)))
        .onErrorResume(TimeoutException.class, e -> Mono.empty())
        .then();
  }

  private Mono<Void> cursorInTransactionCutAfter(int rows) {
    return db.transaction(tx -> tx.select(StressRow.class).orderBy(StressRow_.ID.asc()).all())
        .take(rows)
        .map(StressRow::id)
        .collectList()
        .doOnNext(
            ids ->
                check(
                    ids.equals(LongStream.rangeClosed(1, rows).boxed().toList()),
                    "stream of " + rows + " rows in a transaction: " + ids))
        .then();
  }

  private void check(boolean condition, String problem) {
    if (!condition) {
      problems.add(problem.length() > 300 ? problem.substring(0, 300) + "..." : problem);
    }
  }

  /**
   * Twice as many concurrent queries as the pool has connections: every connection must serve one.
   */
  private void everyConnectionStillAnswers() {
    StepVerifier.create(
            Flux.range(1, 2 * POOL_SIZE)
                .flatMap(
                    id ->
                        db.transaction(
                            tx -> tx.findById(StressRow.class, (long) id).map(StressRow::id)),
                    2 * POOL_SIZE)
                .count())
        .expectNext(2L * POOL_SIZE)
        .expectComplete()
        .verify(Duration.ofSeconds(10));
    FaultSupport.assertIdle(pool);
  }

  private void onlyCommittedRowsExist() {
    Map<Integer, Long> stored =
        FaultSupport.query(
                factory,
                "SELECT op, COUNT(*) FROM stress_write GROUP BY op",
                r -> Map.entry(r.get(0, Integer.class), r.get(1, Long.class)))
            .stream()
            .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue));
    Map<Expect, Long> outcomes =
        expected.values().stream().collect(Collectors.groupingBy(e -> e, Collectors.counting()));
    System.out.println("CancellationStressIT on " + kind + ": transactions " + outcomes);
    assertThat(outcomes.get(Expect.COMMITTED)).as("committed transactions").isPositive();
    assertThat(outcomes.get(Expect.ROLLED_BACK)).as("rolled back transactions").isPositive();
    for (Map.Entry<Integer, Expect> e : expected.entrySet()) {
      long rows = stored.getOrDefault(e.getKey(), 0L);
      switch (e.getValue()) {
        case COMMITTED ->
            assertThat(rows)
                .as("rows of committed operation %d", e.getKey())
                .isEqualTo((long) written.get(e.getKey()));
        case ROLLED_BACK ->
            assertThat(rows).as("rows of rolled back operation %d", e.getKey()).isZero();
        case ALL_OR_NOTHING ->
            assertThat(rows)
                .as("rows of cancelled operation %d", e.getKey())
                .isIn(0L, (long) written.get(e.getKey()));
      }
    }
    assertThat(expected.keySet()).as("operations that wrote rows").containsAll(stored.keySet());
  }
}
