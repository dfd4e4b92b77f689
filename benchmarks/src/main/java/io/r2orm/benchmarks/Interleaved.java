package io.r2orm.benchmarks;

import io.r2orm.benchmarks.contender.R2orm;
import io.r2orm.benchmarks.contender.R2ormRecommended;
import io.r2orm.benchmarks.contender.RawDriver;
import io.r2orm.benchmarks.contender.RawDriverBinary;
import io.r2orm.benchmarks.contender.SpringData;
import io.r2orm.benchmarks.model.Item;
import io.r2orm.benchmarks.model.Item_;
import io.r2orm.r2dbc.Database;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;

/**
 * A paired comparison for a machine whose load drifts: the suite's own benchmark methods (and the
 * {@link Diagnostics} lines) in one JVM, warmed up one after the other, then measured in rounds of
 * one second per line (or as given), line after line (forward in even rounds, backward in odd ones,
 * so no line always follows the same neighbour); each round's ratio to the first line — and, for a
 * line paired with another (inside a transaction against outside), to that line — is taken, and the
 * medians are printed with their spread over the rounds (interquartile range and min–max). Lines
 * share one JIT profile here, unlike in the suite's forks, so this is evidence for the notes, not a
 * replacement for the suite.
 *
 * <p>Usage: {@code java -cp r2orm-benchmarks.jar io.r2orm.benchmarks.Interleaved
 * find64|find1|stream|stream-binary|relations|insert|tx-stream|tx-stream-binary|tx-stream-diag|tx-perrow
 * [warm-up seconds per line] [rounds] [seconds per line and round, 1 unless given]}
 */
public final class Interleaved {
  /**
   * A measured line; {@code pairedWith} names another line its ratio is also taken against, or is
   * null.
   */
  private record Line(String name, double opsPerCall, Callable<Object> call, String pairedWith) {
    Line(String name, double opsPerCall, Callable<Object> call) {
      this(name, opsPerCall, call, null);
    }
  }

  private static final String WORKLOADS =
      "find64, find1, stream, stream-binary, relations, insert, tx-stream, "
          + "tx-stream-binary, tx-stream-diag or tx-perrow";

  private Interleaved() {}

  public static void main(String[] args) throws Exception {
    String workload = args.length > 0 ? args[0] : "find64";
    int warmUp = args.length > 1 ? Integer.parseInt(args[1]) : 10;
    int rounds = args.length > 2 ? Integer.parseInt(args[2]) : 6;
    long roundNanos = (long) ((args.length > 3 ? Double.parseDouble(args[3]) : 1) * 1e9);
    RawDriver raw = new RawDriver();
    RawDriverBinary rawBinary = new RawDriverBinary();
    R2orm r2orm = new R2orm();
    R2ormRecommended recommended = new R2ormRecommended();
    SpringData spring = new SpringData();
    BenchDatabase.prepare();
    raw.open();
    rawBinary.open();
    r2orm.open();
    recommended.open();
    spring.open();
    try {
      boolean timePerCall = workload.equals("relations");
      List<Line> lines = lines(workload, raw, rawBinary, r2orm, recommended, spring);
      for (Line line : lines) {
        long end = System.nanoTime() + warmUp * 1_000_000_000L;
        while (System.nanoTime() < end) {
          line.call().call();
        }
      }
      Map<String, List<Double>> scores = new LinkedHashMap<>();
      for (int round = 0; round < rounds; round++) {
        List<Line> order = new ArrayList<>(lines);
        if (round % 2 == 1) {
          Collections.reverse(order);
        }
        for (Line line : order) {
          long start = System.nanoTime();
          double ops = 0;
          while (System.nanoTime() - start < roundNanos) {
            line.call().call();
            ops += line.opsPerCall();
          }
          double seconds = (System.nanoTime() - start) / 1e9;
          scores
              .computeIfAbsent(line.name(), k -> new ArrayList<>())
              .add(timePerCall ? seconds * 1000 / ops : ops / seconds);
        }
      }
      print(lines, scores, timePerCall);
    } finally {
      raw.close();
      rawBinary.close();
      r2orm.close();
      recommended.close();
      spring.close();
    }
    System.exit(0);
  }

  private static List<Line> lines(
      String workload,
      RawDriver raw,
      RawDriverBinary rawBinary,
      R2orm r2orm,
      R2ormRecommended recommended,
      SpringData spring) {
    Diagnostics d = new Diagnostics();
    List<Line> lines = new ArrayList<>();
    switch (workload) {
      case "find64", "find1" -> {
        FindByIdBenchmark b = new FindByIdBenchmark();
        b.inFlight = workload.equals("find64") ? 64 : 1;
        int n = FindByIdBenchmark.REQUESTS;
        lines.add(new Line("raw", n, () -> b.raw(raw)));
        if (b.inFlight == 64) {
          lines.add(
              new Line(
                  "raw + fetchSize(1000)",
                  Diagnostics.REQUESTS,
                  () -> d.findByIdRawWithFetchSize(raw)));
        }
        lines.add(new Line("raw forceBinary", n, () -> b.rawBinary(rawBinary)));
        lines.add(new Line("r2orm", n, () -> b.r2orm(r2orm)));
        lines.add(new Line("r2orm recommended", n, () -> b.r2ormRecommended(recommended)));
        lines.add(new Line("Spring", n, () -> b.spring(spring)));
      }
      case "stream" -> {
        StreamBenchmark b = new StreamBenchmark();
        int n = BenchDatabase.ITEM_ROWS;
        lines.add(new Line("raw", n, () -> b.raw(raw)));
        lines.add(new Line("raw + fetchSize(1000)", n, () -> d.streamRawWithFetchSize(raw)));
        lines.add(new Line("raw forceBinary", n, () -> b.rawBinary(rawBinary)));
        lines.add(new Line("r2orm", n, () -> b.r2orm(r2orm)));
        lines.add(new Line("r2orm recommended", n, () -> b.r2ormRecommended(recommended)));
        lines.add(new Line("Spring", n, () -> b.spring(spring)));
      }
      case "stream-binary" -> {
        // binary results only: what paging costs against what mapping costs
        StreamBenchmark b = new StreamBenchmark();
        int n = BenchDatabase.ITEM_ROWS;
        Database paged10k = Database.builder(recommended.pool).fetchSize(10_000).build();
        Database unpaged = Database.builder(recommended.pool).fetchSize(0).build();
        lines.add(new Line("raw forceBinary", n, () -> b.rawBinary(rawBinary)));
        lines.add(
            new Line(
                "raw forceBinary + fetchSize(1000)",
                n,
                () -> d.streamRawWithFetchSize(rawBinary.pool, 1000)));
        lines.add(
            new Line(
                "raw forceBinary + fetchSize(10000)",
                n,
                () -> d.streamRawWithFetchSize(rawBinary.pool, 10_000)));
        lines.add(
            new Line(
                "r2orm recommended (fetch size 1000)", n, () -> b.r2ormRecommended(recommended)));
        lines.add(
            new Line(
                "r2orm recommended, fetch size 10000",
                n,
                () ->
                    StreamBenchmark.check(
                        paged10k.select(Item.class).where(Item_.QUANTITY.ge(0)).all())));
        lines.add(
            new Line(
                "r2orm recommended, fetch size 0",
                n,
                () ->
                    StreamBenchmark.check(
                        unpaged.select(Item.class).where(Item_.QUANTITY.ge(0)).all())));
      }
      case "relations" -> {
        RelationsBenchmark b = new RelationsBenchmark();
        lines.add(new Line("raw batched", 1, () -> b.rawBatched(raw)));
        lines.add(new Line("raw N+1", 1, () -> b.rawNPlusOne(raw)));
        lines.add(new Line("r2orm", 1, () -> b.r2orm(r2orm)));
        lines.add(new Line("r2orm window(500)", 1, () -> d.relationsR2ormWindow500(r2orm)));
        lines.add(new Line("raw forceBinary batched", 1, () -> b.rawBinaryBatched(rawBinary)));
        lines.add(new Line("r2orm recommended", 1, () -> b.r2ormRecommended(recommended)));
        lines.add(new Line("Spring batched", 1, () -> b.springBatched(spring)));
      }
      case "insert" -> {
        InsertBenchmark b = new InsertBenchmark();
        b.createRows();
        int n = BenchDatabase.INSERT_ROWS;
        lines.add(
            new Line("raw multi-row VALUES", n, () -> emptied(b, () -> b.rawMultiRowValues(raw))));
        lines.add(new Line("raw unnest", n, () -> emptied(b, () -> b.rawUnnest(raw))));
        lines.add(
            new Line(
                "raw unnest, 1,000 rows per statement",
                n,
                () -> emptied(b, () -> d.insertRawUnnestPer1000(raw, b))));
        lines.add(
            new Line(
                "raw, r2orm's insert SQL by hand",
                n,
                () -> emptied(b, () -> d.insertRawUnnestOrderedKeys(raw, b))));
        lines.add(new Line("r2orm", n, () -> emptied(b, () -> b.r2orm(r2orm))));
      }
      case "tx-stream", "tx-stream-binary" -> {
        // issue #11: the same stream inside a read-only transaction (r2orm: probe + cursor) and
        // outside
        TransactionStreamBenchmark b = new TransactionStreamBenchmark();
        int n = BenchDatabase.ITEM_ROWS;
        if (workload.equals("tx-stream")) {
          lines.add(new Line("raw", n, () -> b.raw(raw)));
          lines.add(new Line("raw, read-only tx", n, () -> b.rawReadOnlyTx(raw), "raw"));
          lines.add(new Line("r2orm", n, () -> b.r2orm(r2orm)));
          lines.add(new Line("r2orm, read-only tx", n, () -> b.r2ormReadOnlyTx(r2orm), "r2orm"));
        } else {
          lines.add(new Line("raw forceBinary", n, () -> b.rawBinary(rawBinary)));
          lines.add(
              new Line(
                  "raw forceBinary, read-only tx",
                  n,
                  () -> b.rawBinaryReadOnlyTx(rawBinary),
                  "raw forceBinary"));
          lines.add(new Line("r2orm recommended", n, () -> b.r2ormRecommended(recommended)));
          lines.add(
              new Line(
                  "r2orm recommended, read-only tx",
                  n,
                  () -> b.r2ormRecommendedReadOnlyTx(recommended),
                  "r2orm recommended"));
        }
      }
      case "tx-stream-diag" -> {
        // issue #11, where the binary stream's time inside a read-only transaction goes: r2orm's
        // statements by hand
        TransactionStreamBenchmark b = new TransactionStreamBenchmark();
        Diagnostics.R2ormRecommendedFetch50000 fetch50000 =
            new Diagnostics.R2ormRecommendedFetch50000();
        fetch50000.open();
        int n = BenchDatabase.ITEM_ROWS;
        lines.add(
            new Line("raw forceBinary, read-only tx", n, () -> b.rawBinaryReadOnlyTx(rawBinary)));
        lines.add(
            new Line(
                "raw cursor by hand, windows collected",
                n,
                () -> d.streamRawCursorCollected(rawBinary)));
        lines.add(
            new Line(
                "raw cursor by hand, rows streamed",
                n,
                () -> d.streamRawCursorStreamed(rawBinary)));
        lines.add(
            new Line(
                "raw cursor by hand, next FETCH pipelined",
                n,
                () -> d.streamRawCursorPipelined(rawBinary)));
        lines.add(new Line("r2orm recommended", n, () -> b.r2ormRecommended(recommended)));
        lines.add(
            new Line(
                "r2orm recommended, read-only tx",
                n,
                () -> b.r2ormRecommendedReadOnlyTx(recommended),
                "r2orm recommended"));
        lines.add(
            new Line(
                "r2orm recommended, read-only tx, fetch 50000",
                n,
                () -> d.streamR2ormReadOnlyTxFetch50000(fetch50000),
                "r2orm recommended"));
      }
      case "tx-perrow" -> {
        // issue #11: 1,000 findById one after the other in one transaction against the raw driver's
        // BEGIN/1,000/COMMIT
        TransactionPerRowBenchmark b = new TransactionPerRowBenchmark();
        int n = TransactionPerRowBenchmark.QUERIES;
        lines.add(new Line("raw, one connection in BEGIN/COMMIT", n, () -> b.raw(raw)));
        lines.add(new Line("raw forceBinary, the same", n, () -> b.rawBinary(rawBinary)));
        lines.add(new Line("r2orm transaction", n, () -> b.r2orm(r2orm)));
        lines.add(
            new Line(
                "r2orm recommended transaction",
                n,
                () -> b.r2ormRecommended(recommended),
                "raw forceBinary, the same"));
      }
      default ->
          throw new IllegalArgumentException("unknown workload " + workload + "; use " + WORKLOADS);
    }
    return lines;
  }

  /**
   * Empties the insert table before each call: inside the measured second, the same for every line,
   * so ratios narrow a little.
   */
  private static Object emptied(InsertBenchmark b, Callable<Object> call) throws Exception {
    b.emptyTable();
    return call.call();
  }

  private static void print(
      List<Line> lines, Map<String, List<Double>> scores, boolean timePerCall) {
    String firstName = lines.get(0).name();
    System.out.printf(
        Locale.ROOT,
        "%d rounds; ratios are speed (> 1 faster), median of the per-round ratios [IQR; min–max]%n",
        scores.get(firstName).size());
    for (Line line : lines) {
      List<Double> mine = scores.get(line.name());
      List<Double> sorted = new ArrayList<>(mine);
      Collections.sort(sorted);
      StringBuilder out =
          new StringBuilder(
              String.format(
                  Locale.ROOT,
                  "%-38s median %,12.2f %-6s (min %,.2f, max %,.2f)",
                  line.name(),
                  percentile(sorted, 0.5),
                  timePerCall ? "ms" : "per s",
                  sorted.get(0),
                  sorted.get(sorted.size() - 1)));
      out.append("   speed vs ")
          .append(firstName)
          .append(": ")
          .append(ratios(mine, scores.get(firstName), timePerCall));
      if (line.pairedWith() != null && !line.pairedWith().equals(firstName)) {
        out.append("   vs ")
            .append(line.pairedWith())
            .append(": ")
            .append(ratios(mine, scores.get(line.pairedWith()), timePerCall));
      }
      System.out.println(out);
    }
  }

  /** The per-round speed ratios of one line to another: median [Q1–Q3; min–max]. */
  private static String ratios(List<Double> mine, List<Double> against, boolean timePerCall) {
    List<Double> ratios = new ArrayList<>();
    for (int i = 0; i < mine.size(); i++) {
      ratios.add(timePerCall ? against.get(i) / mine.get(i) : mine.get(i) / against.get(i));
    }
    Collections.sort(ratios);
    return String.format(
        Locale.ROOT,
        "%.3f× [%.3f–%.3f; %.3f–%.3f]",
        percentile(ratios, 0.5),
        percentile(ratios, 0.25),
        percentile(ratios, 0.75),
        ratios.get(0),
        ratios.get(ratios.size() - 1));
  }

  /** The p-quantile of sorted values, interpolated linearly between neighbours. */
  private static double percentile(List<Double> sorted, double p) {
    double at = p * (sorted.size() - 1);
    int low = (int) Math.floor(at);
    int high = Math.min(low + 1, sorted.size() - 1);
    return sorted.get(low) + (at - low) * (sorted.get(high) - sorted.get(low));
  }
}
