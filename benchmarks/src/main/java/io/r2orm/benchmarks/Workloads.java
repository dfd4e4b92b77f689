package io.r2orm.benchmarks;

import java.util.List;

/**
 * What the results table shows: each workload's lines in order, which lines the ratios are taken
 * against, and the targets of issues #7 and #11.
 */
public final class Workloads {
  /**
   * One row of a workload's table: a benchmark method, how the table names it, and optionally the
   * method it is paired with (the same work another way: inside a transaction against outside).
   */
  public record Line(String method, String label, String pairedWith) {
    public Line(String method, String label) {
      this(method, label, "");
    }
  }

  /**
   * A table: the benchmark class, an optional JMH parameter ({@code "inFlight=64"}), whether a
   * higher score is better, and the methods that play the raw driver, the raw driver with binary
   * results, and Spring Data R2DBC in the ratio columns.
   */
  public record Workload(
      String title,
      String benchmark,
      String param,
      boolean higherIsBetter,
      String raw,
      String rawBinary,
      String spring,
      List<Line> lines) {}

  /** A target: {@code line} must be at least {@code min} times as fast as {@code against}. */
  public record Target(
      String description, Workload workload, String line, String against, double min) {}

  private static final Line RAW =
      new Line("raw", "raw r2dbc-postgresql, driver defaults (text results)");
  private static final Line RAW_BINARY =
      new Line("rawBinary", "raw r2dbc-postgresql, forceBinary(true)");
  private static final Line R2ORM = new Line("r2orm", "r2orm, defaults");
  private static final Line R2ORM_RECOMMENDED =
      new Line("r2ormRecommended", "r2orm, recommended set-up (forceBinary)");
  private static final Line SPRING = new Line("spring", "Spring Data R2DBC, R2dbcEntityTemplate");
  private static final Line JDBC =
      new Line("jdbc", "reference: JDBC, pgjdbc + HikariCP (blocking)");

  public static final Workload FIND_BY_ID_1 = findById("1");
  public static final Workload FIND_BY_ID_64 = findById("64");

  public static final Workload STREAM =
      new Workload(
          "Stream 100,000 rows of five mixed-type columns into objects (rows/s)",
          "StreamBenchmark",
          "",
          true,
          "raw",
          "rawBinary",
          "spring",
          List.of(
              RAW,
              RAW_BINARY,
              R2ORM,
              R2ORM_RECOMMENDED,
              SPRING,
              new Line("jdbc", "reference: JDBC, pgjdbc + HikariCP, fetch size 1000 (blocking)")));

  public static final Workload RELATIONS =
      new Workload(
          "1,000 parents with 10 children each (ms per complete load, lower is better; ratios are speed-ups)",
          "RelationsBenchmark",
          "",
          false,
          "rawBatched",
          "rawBinaryBatched",
          "springBatched",
          List.of(
              new Line("rawNPlusOne", "raw, N+1 (one child query per parent, 8 at a time)"),
              new Line("rawBatched", "raw, batched: = ANY($1) per 500 parents"),
              new Line("rawJoin", "raw, one LEFT JOIN"),
              new Line("rawBinaryBatched", "raw forceBinary, batched: = ANY($1) per 500 parents"),
              new Line("r2orm", "r2orm fetch plan, defaults (window 256)"),
              new Line("r2ormRecommended", "r2orm fetch plan, recommended set-up (forceBinary)"),
              new Line("springNPlusOne", "Spring template, N+1 (8 at a time)"),
              new Line("springBatched", "Spring template, batched: where(parentId).in(500 ids)"),
              new Line(
                  "springJoin", "Spring DatabaseClient, hand-written LEFT JOIN (no template API)"),
              new Line("jdbcBatched", "reference: JDBC, batched = ANY(?) per 500 parents")));

  public static final Workload INSERT =
      new Workload(
          "Insert 10,000 rows in one transaction, generated ids returned (rows/s)",
          "InsertBenchmark",
          "",
          true,
          "rawMultiRowValues",
          "",
          "springOneByOne",
          List.of(
              new Line("rawOneByOne", "raw, one statement per row"),
              new Line("rawStatementAdd", "raw, driver batch (Statement.add)"),
              new Line("rawMultiRowValues", "raw, multi-row VALUES, 1,000 rows per statement"),
              new Line("rawUnnest", "raw, unnest($1::text[], ...) arrays, one statement"),
              new Line("rawCopyNoKeys", "raw, COPY FROM STDIN (no ids returned: reference only)"),
              new Line("r2orm", "r2orm insertAll, defaults"),
              new Line("r2ormRecommended", "r2orm insertAll, recommended set-up (forceBinary)"),
              new Line("springOneByOne", "Spring template insert, one statement per row"),
              new Line("jdbcBatch", "reference: JDBC addBatch, reWriteBatchedInserts")));

  public static final Workload TX_STREAM =
      new Workload(
          "Stream 100,000 rows inside a read-only transaction and outside one (rows/s; pair: the same stream outside)",
          "TransactionStreamBenchmark",
          "",
          true,
          "raw",
          "rawBinary",
          "",
          List.of(
              RAW,
              new Line("rawReadOnlyTx", "raw, inside BEGIN READ ONLY (reference)", "raw"),
              RAW_BINARY,
              new Line(
                  "rawBinaryReadOnlyTx",
                  "raw forceBinary, inside BEGIN READ ONLY (reference)",
                  "rawBinary"),
              R2ORM,
              new Line(
                  "r2ormReadOnlyTx",
                  "r2orm, defaults, inside a read-only transaction (probe + cursor)",
                  "r2orm"),
              R2ORM_RECOMMENDED,
              new Line(
                  "r2ormRecommendedReadOnlyTx",
                  "r2orm, recommended set-up, inside a read-only transaction (probe + cursor)",
                  "r2ormRecommended")));

  public static final Workload TX_PER_ROW =
      new Workload(
          "1,000 find-by-id queries one after the other inside one transaction (queries/s)",
          "TransactionPerRowBenchmark",
          "",
          true,
          "raw",
          "rawBinary",
          "",
          List.of(
              new Line(
                  "raw",
                  "raw r2dbc-postgresql, 1,000 statements on one connection in BEGIN/COMMIT"),
              new Line("rawBinary", "raw forceBinary, the same"),
              new Line("r2orm", "r2orm, defaults: db.transaction(tx -> concatMap(tx.findById))"),
              new Line("r2ormRecommended", "r2orm, recommended set-up (forceBinary), the same")));

  public static final List<Workload> ALL =
      List.of(FIND_BY_ID_1, FIND_BY_ID_64, STREAM, RELATIONS, INSERT, TX_STREAM, TX_PER_ROW);

  public static final List<Target> TARGETS =
      List.of(
          new Target(
              "find by id, 1 in flight: r2orm ≥ 0.95× raw", FIND_BY_ID_1, "r2orm", "raw", 0.95),
          new Target(
              "find by id, 1 in flight: r2orm ≥ 1.35× Spring",
              FIND_BY_ID_1,
              "r2orm",
              "spring",
              1.35),
          new Target(
              "find by id, 64 in flight: r2orm ≥ 0.95× raw", FIND_BY_ID_64, "r2orm", "raw", 0.95),
          new Target(
              "find by id, 64 in flight: r2orm ≥ 1.35× Spring",
              FIND_BY_ID_64,
              "r2orm",
              "spring",
              1.35),
          new Target("streaming: r2orm (defaults) ≥ 0.95× raw", STREAM, "r2orm", "raw", 0.95),
          new Target(
              "streaming: r2orm recommended ≥ 0.9× raw forceBinary",
              STREAM,
              "r2ormRecommended",
              "rawBinary",
              0.9),
          new Target(
              "streaming: r2orm recommended > 2× raw (driver defaults)",
              STREAM,
              "r2ormRecommended",
              "raw",
              2.0),
          new Target(
              "streaming: r2orm recommended ≥ 4× Spring",
              STREAM,
              "r2ormRecommended",
              "spring",
              4.0),
          new Target(
              "1,000×10: r2orm fetch plan ≥ 0.9× raw batched",
              RELATIONS,
              "r2orm",
              "rawBatched",
              0.9),
          new Target(
              "1,000×10: r2orm fetch plan ≥ 7× raw N+1", RELATIONS, "r2orm", "rawNPlusOne", 7.0),
          new Target(
              "1,000×10: r2orm fetch plan ≥ 3× Spring batched",
              RELATIONS,
              "r2orm",
              "springBatched",
              3.0),
          new Target(
              "insert 10,000 with keys: r2orm insertAll ≥ 2.5× raw multi-row VALUES",
              INSERT,
              "r2orm",
              "rawMultiRowValues",
              2.5),
          new Target(
              "#11 stream in a read-only transaction: r2orm (defaults) ≥ 0.9× the same outside",
              TX_STREAM,
              "r2ormReadOnlyTx",
              "r2orm",
              0.9),
          new Target(
              "#11 stream in a read-only transaction: r2orm recommended ≥ 0.9× the same outside",
              TX_STREAM,
              "r2ormRecommendedReadOnlyTx",
              "r2ormRecommended",
              0.9),
          new Target(
              "#11 1,000 per-row queries in a transaction: r2orm ≥ 0.8× raw on one connection",
              TX_PER_ROW,
              "r2orm",
              "raw",
              0.8));

  private Workloads() {}

  private static Workload findById(String inFlight) {
    return new Workload(
        "Find by id, "
            + inFlight
            + " request"
            + (inFlight.equals("1") ? "" : "s")
            + " in flight (requests/s)",
        "FindByIdBenchmark",
        "inFlight=" + inFlight,
        true,
        "raw",
        "rawBinary",
        "spring",
        List.of(
            RAW,
            RAW_BINARY,
            R2ORM,
            R2ORM_RECOMMENDED,
            SPRING,
            new Line(
                "jdbc", "reference: JDBC, pgjdbc + HikariCP, one thread per request in flight")));
  }
}
