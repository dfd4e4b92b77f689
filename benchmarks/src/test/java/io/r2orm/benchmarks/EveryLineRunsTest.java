package io.r2orm.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;

import io.r2orm.benchmarks.contender.Jdbc;
import io.r2orm.benchmarks.contender.R2orm;
import io.r2orm.benchmarks.contender.R2ormRecommended;
import io.r2orm.benchmarks.contender.RawDriver;
import io.r2orm.benchmarks.contender.RawDriverBinary;
import io.r2orm.benchmarks.contender.SpringData;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.openjdk.jmh.infra.Blackhole;

/**
 * Runs every benchmark line once, outside JMH, against the local PostgreSQL (database {@code
 * r2orm_bench_smoke}, set by the build): each line checks its own result, so a contender that stops
 * returning the right rows fails here rather than in a long run. The three one-statement- per-row
 * insert lines are left out (seconds each); they share their code with the faster lines. Find by id
 * and the two streaming workloads take 10–15 s each in a cold JVM, so they run only with {@code
 * -Dr2orm.bench.smoke=all}; the build's default (relations, inserts, 1,000 per-row queries in a
 * transaction) keeps this test to about ten seconds.
 */
class EveryLineRunsTest {
  private static RawDriver raw;
  private static RawDriverBinary rawBinary;
  private static R2orm r2orm;
  private static R2ormRecommended recommended;
  private static SpringData spring;
  private static Jdbc jdbc;

  @BeforeAll
  static void open() throws Exception {
    Assumptions.assumeTrue(
        postgresAnswers(), "no PostgreSQL on " + BenchConfig.HOST + ":" + BenchConfig.PORT);
    BenchDatabase.prepare();
    raw = new RawDriver();
    raw.open();
    rawBinary = new RawDriverBinary();
    rawBinary.open();
    r2orm = new R2orm();
    r2orm.open();
    recommended = new R2ormRecommended();
    recommended.open();
    spring = new SpringData();
    spring.open();
    jdbc = new Jdbc();
    jdbc.open();
  }

  @AfterAll
  static void close() {
    for (Runnable close :
        new Runnable[] {
          () -> raw.close(),
          () -> rawBinary.close(),
          () -> r2orm.close(),
          () -> recommended.close(),
          () -> spring.close(),
          () -> jdbc.close()
        }) {
      try {
        close.run();
      } catch (NullPointerException notOpened) {
        // open() stopped early
      }
    }
  }

  @Test
  @EnabledIfSystemProperty(named = "r2orm.bench.smoke", matches = "all")
  void findById() throws Exception {
    FindByIdBenchmark b = new FindByIdBenchmark();
    b.inFlight = 64; // 1 in flight runs the same code one request at a time
    FindByIdBenchmark.JdbcThreads threads = new FindByIdBenchmark.JdbcThreads();
    threads.start(b);
    try {
      assertThat(
              new long[] {
                b.raw(raw),
                b.rawBinary(rawBinary),
                b.r2orm(r2orm),
                b.r2ormRecommended(recommended),
                b.spring(spring),
                b.jdbc(jdbc, threads)
              })
          .containsOnly(FindByIdBenchmark.REQUESTS);
    } finally {
      threads.stop();
    }
  }

  @Test
  @EnabledIfSystemProperty(named = "r2orm.bench.smoke", matches = "all")
  void stream() throws Exception {
    StreamBenchmark b = new StreamBenchmark();
    Blackhole bh =
        new Blackhole(
            "Today's password is swordfish. I understand instantiating Blackholes directly is dangerous.");
    assertThat(
            new long[] {
              b.raw(raw),
              b.rawBinary(rawBinary),
              b.r2orm(r2orm),
              b.r2ormRecommended(recommended),
              b.spring(spring),
              b.jdbc(jdbc, bh)
            })
        .containsOnly(BenchDatabase.ITEM_ROWS);
  }

  @Test
  @EnabledIfSystemProperty(named = "r2orm.bench.smoke", matches = "all")
  void streamInReadOnlyTransaction() {
    TransactionStreamBenchmark b = new TransactionStreamBenchmark();
    assertThat(
            new long[] {
              b.raw(raw),
              b.rawReadOnlyTx(raw),
              b.rawBinary(rawBinary),
              b.rawBinaryReadOnlyTx(rawBinary),
              b.r2orm(r2orm),
              b.r2ormReadOnlyTx(r2orm),
              b.r2ormRecommended(recommended),
              b.r2ormRecommendedReadOnlyTx(recommended)
            })
        .containsOnly(BenchDatabase.ITEM_ROWS);
  }

  @Test
  void perRowQueriesInTransaction() {
    TransactionPerRowBenchmark b = new TransactionPerRowBenchmark();
    assertThat(
            new long[] {
              b.raw(raw), b.rawBinary(rawBinary), b.r2orm(r2orm), b.r2ormRecommended(recommended)
            })
        .containsOnly(TransactionPerRowBenchmark.QUERIES);
  }

  @Test
  void relations() throws Exception {
    RelationsBenchmark b = new RelationsBenchmark();
    assertThat(b.rawNPlusOne(raw)).hasSize(BenchDatabase.PARENTS);
    assertThat(b.rawBatched(raw))
        .isEqualTo(b.rawJoin(raw))
        .isEqualTo(b.rawBinaryBatched(rawBinary))
        .isEqualTo(b.r2orm(r2orm))
        .isEqualTo(b.r2ormRecommended(recommended))
        .isEqualTo(b.jdbcBatched(jdbc));
    assertThat(b.springNPlusOne(spring))
        .isEqualTo(b.springBatched(spring))
        .isEqualTo(b.springJoin(spring));
  }

  @Test
  void insert() throws Exception {
    InsertBenchmark b = new InsertBenchmark();
    b.createRows();
    b.emptyTable();
    assertThat(
            new long[] {
              b.rawMultiRowValues(raw),
              b.rawUnnest(raw),
              b.rawCopyNoKeys(raw),
              b.r2orm(r2orm),
              b.r2ormRecommended(recommended),
              b.jdbcBatch(jdbc)
            })
        .containsOnly(BenchDatabase.INSERT_ROWS);
  }

  private static boolean postgresAnswers() {
    try (Socket s = new Socket()) {
      s.connect(new InetSocketAddress(BenchConfig.HOST, BenchConfig.PORT), 300);
      return true;
    } catch (IOException e) {
      return false;
    }
  }
}
