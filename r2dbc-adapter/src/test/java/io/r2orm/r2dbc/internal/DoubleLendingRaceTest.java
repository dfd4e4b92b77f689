package io.r2orm.r2dbc.internal;

import static io.r2orm.r2dbc.internal.Fixtures.sql;
import static org.assertj.core.api.Assertions.assertThat;

import io.r2orm.core.sql.SqlStatement;
import io.r2orm.r2dbc.internal.FakeConnectionFactory.FakeConnection;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;
import reactor.test.util.RaceTestUtils;

/**
 * Issue #11, finding 6: r2dbc-pool takes a connection back when its acquisition is cancelled, even
 * after it emitted the connection ({@link FakePool}). Racing the cancel against the hand-over (and
 * the work that follows it) thousands of times, no statement and no transaction call reaches a
 * connection the pool took back or the engine already closed, and every connection ends either
 * taken back or closed once.
 *
 * <p>Not asserted here: when the cancel wins the hand-over while the pool is already emitting, the
 * pool takes the connection back (its cancel path) and the engine's hand-over also closes the late
 * connection, a second release of the same pooled connection (counted as "late closes" in the
 * output). r2dbc-pool's release of an already released ref is a no-op, and r2dbc-pool's own
 * dropped-connection hook closes such connections too; see the report of the engine unit tests.
 */
class DoubleLendingRaceTest {
  private static final int ROUNDS = 5_000;
  private static final String LATE_CLOSE = "VIOLATION: close after the pool took it back";
  private static final SqlStatement INSERT = sql("INSERT INTO t VALUES ($1)", 1);

  @Test
  void aSingleStatement() {
    race(e -> e.update(INSERT).flux());
  }

  @Test
  void aTransaction() {
    race(e -> e.inTransaction(tx -> tx.update(INSERT).then(tx.update(INSERT))));
  }

  private void race(Function<Executor, Flux<?>> work) {
    List<String> violations = new ArrayList<>();
    int neverLent = 0;
    int takenBack = 0;
    int used = 0;
    int lateCloses = 0;
    for (int round = 0; round < ROUNDS; round++) {
      FakeConnectionFactory driver = new FakeConnectionFactory();
      FakePool pool = new FakePool(driver);
      Executor executor = new Executor(pool, true, 3, 3, StatementObserver.NONE, null, null);
      Disposable running = work.apply(executor).subscribe(x -> {}, e -> {});
      assertThat(pool.waiting()).isEqualTo(1);

      RaceTestUtils.race(pool::lend, running::dispose);

      if (driver.connections().isEmpty()) {
        // the cancel reached the pool before it lent anything
        neverLent++;
        continue;
      }
      for (String v : driver.violations()) {
        if (v.endsWith(LATE_CLOSE)) {
          lateCloses++;
        } else {
          violations.add("round " + round + ": " + v + " in " + driver.log());
        }
      }
      FakeConnection c = driver.connections().get(0);
      assertThat(c.takenBack() || c.closeCount() == 1)
          .as("round %d: the connection is given back exactly once: %s", round, driver.log())
          .isTrue();
      takenBack += c.takenBack() ? 1 : 0;
      used += driver.executed().isEmpty() ? 0 : 1;
    }
    System.out.printf(
        "%s: %d rounds, %d cancelled before the pool lent, %d connections taken back by the pool, "
            + "%d used by the engine, %d late closes, %d violations%n",
        getClass().getSimpleName(),
        ROUNDS,
        neverLent,
        takenBack,
        used,
        lateCloses,
        violations.size());
    assertThat(violations).isEmpty();
    // both sides won the race in some rounds: the cancel reached the pool (before or after it
    // lent), or the
    // connection was handed over and used (how often each happens depends on the machine's load)
    assertThat(neverLent + takenBack).isPositive();
    assertThat(used).isPositive();
  }
}
