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
 * one second per line, line after line; each round's ratio to the first line is taken, and the
 * medians are printed. Lines share one JIT profile here, unlike in the suite's forks, so this is
 * evidence for the notes, not a replacement for the suite.
 *
 * <p>Usage: {@code java -cp r2orm-benchmarks.jar io.r2orm.benchmarks.Interleaved
 * find64|find1|stream|stream-binary|relations|insert [warm-up seconds per line] [rounds]}
 */
public final class Interleaved {
  private record Line(String name, double opsPerCall, Callable<Object> call) {}

  private Interleaved() {}

  public static void main(String[] args) throws Exception {
    String workload = args.length > 0 ? args[0] : "find64";
    int warmUp = args.length > 1 ? Integer.parseInt(args[1]) : 10;
    int rounds = args.length > 2 ? Integer.parseInt(args[2]) : 6;
    RawDriver raw = new RawDriver();
    RawDriverBinary rawBinary = new RawDriverBinary();
    R2orm r2orm = new R2orm();
    R2ormRecommended recommended = new R2ormRecommended();
    SpringData spring = new SpringData();
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
        for (Line line : lines) {
          long start = System.nanoTime();
          double ops = 0;
          while (System.nanoTime() - start < 1_000_000_000L) {
            line.call().call();
            ops += line.opsPerCall();
          }
          double seconds = (System.nanoTime() - start) / 1e9;
          scores.computeIfAbsent(line.name(), k -> new ArrayList<>()).add(timePerCall ? seconds * 1000 / ops : ops / seconds);
        }
      }
      print(scores, timePerCall);
    } finally {
      raw.close();
      rawBinary.close();
      r2orm.close();
      recommended.close();
      spring.close();
    }
    System.exit(0);
  }

  private static List<Line> lines(String workload, RawDriver raw, RawDriverBinary rawBinary, R2orm r2orm,
      R2ormRecommended recommended, SpringData spring) {
    Diagnostics d = new Diagnostics();
    List<Line> lines = new ArrayList<>();
    switch (workload) {
      case "find64", "find1" -> {
        FindByIdBenchmark b = new FindByIdBenchmark();
        b.inFlight = workload.equals("find64") ? 64 : 1;
        int n = FindByIdBenchmark.REQUESTS;
        lines.add(new Line("raw", n, () -> b.raw(raw)));
        if (b.inFlight == 64) {
          lines.add(new Line("raw + fetchSize(1000)", Diagnostics.REQUESTS, () -> d.findByIdRawWithFetchSize(raw)));
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
        lines.add(new Line("raw forceBinary + fetchSize(1000)", n, () -> d.streamRawWithFetchSize(rawBinary.pool, 1000)));
        lines.add(new Line("raw forceBinary + fetchSize(10000)", n, () -> d.streamRawWithFetchSize(rawBinary.pool, 10_000)));
        lines.add(new Line("r2orm recommended (fetch size 1000)", n, () -> b.r2ormRecommended(recommended)));
        lines.add(new Line("r2orm recommended, fetch size 10000", n, () -> StreamBenchmark.check(
            paged10k.select(Item.class).where(Item_.QUANTITY.ge(0)).all())));
        lines.add(new Line("r2orm recommended, fetch size 0", n, () -> StreamBenchmark.check(
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
        lines.add(new Line("raw multi-row VALUES", n, () -> emptied(b, () -> b.rawMultiRowValues(raw))));
        lines.add(new Line("raw unnest", n, () -> emptied(b, () -> b.rawUnnest(raw))));
        lines.add(new Line("raw unnest, 1,000 rows per statement", n, () -> emptied(b, () -> d.insertRawUnnestPer1000(raw, b))));
        lines.add(new Line("raw, r2orm's insert SQL by hand", n, () -> emptied(b, () -> d.insertRawUnnestOrderedKeys(raw, b))));
        lines.add(new Line("r2orm", n, () -> emptied(b, () -> b.r2orm(r2orm))));
      }
      default -> throw new IllegalArgumentException("unknown workload " + workload + "; use find64, find1, stream, stream-binary, relations or insert");
    }
    return lines;
  }

  /** Empties the insert table before each call: inside the measured second, the same for every line, so ratios narrow a little. */
  private static Object emptied(InsertBenchmark b, Callable<Object> call) throws Exception {
    b.emptyTable();
    return call.call();
  }

  private static void print(Map<String, List<Double>> scores, boolean timePerCall) {
    List<Double> first = scores.values().iterator().next();
    String firstName = scores.keySet().iterator().next();
    for (Map.Entry<String, List<Double>> e : scores.entrySet()) {
      List<Double> sorted = new ArrayList<>(e.getValue());
      Collections.sort(sorted);
      List<Double> ratios = new ArrayList<>();
      for (int i = 0; i < sorted.size(); i++) {
        double mine = e.getValue().get(i);
        ratios.add(timePerCall ? first.get(i) / mine : mine / first.get(i));
      }
      Collections.sort(ratios);
      System.out.printf(Locale.ROOT, "%-38s median %,12.2f %-6s (min %,.2f, max %,.2f)   speed vs %s: %.2f×%n", e.getKey(),
          sorted.get(sorted.size() / 2), timePerCall ? "ms" : "per s", sorted.get(0), sorted.get(sorted.size() - 1),
          firstName, ratios.get(ratios.size() / 2));
    }
  }
}
