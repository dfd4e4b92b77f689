package io.r2orm.benchmarks;

import com.sun.management.GarbageCollectionNotificationInfo;
import io.r2dbc.pool.ConnectionPool;
import io.r2orm.benchmarks.contender.Pools;
import io.r2orm.benchmarks.contender.RawR2dbc;
import io.r2orm.benchmarks.model.BigItem;
import io.r2orm.r2dbc.Database;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryType;
import java.lang.management.MemoryUsage;
import java.math.BigDecimal;
import java.time.OffsetDateTime;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;
import javax.management.NotificationEmitter;
import javax.management.openmbean.CompositeData;
import reactor.core.publisher.Flux;

/**
 * Workload 5: streams the million rows of {@code big_item} into objects in a JVM started with a
 * small heap ({@code -Xmx64m}, set by the caller) and prints one line: whether the stream
 * completed, the rows, the seconds, and the peak heap in use right after a garbage collection (an
 * upper bound of the live data).
 *
 * <p>Usage: {@code java -Xmx64m -cp r2orm-benchmarks.jar io.r2orm.benchmarks.HeapCheck
 * r2orm|r2ormRecommended|raw}
 */
public final class HeapCheck {
  /** The line the suite looks for in the output. */
  public static final String MARKER = "HEAPCHECK";

  private static final AtomicLong PEAK_AFTER_GC = new AtomicLong();

  private HeapCheck() {}

  public static void main(String[] args) throws Exception {
    String contender = args.length > 0 ? args[0] : "r2orm";
    watchCollections();
    boolean binary = contender.equals("r2ormRecommended");
    ConnectionPool pool = Pools.r2dbc(binary);
    long start = System.nanoTime();
    long rows = -1;
    String error = "";
    try {
      Flux<?> stream =
          switch (contender) {
            case "r2orm", "r2ormRecommended" -> Database.create(pool).select(BigItem.class).all();
            case "raw" ->
                RawR2dbc.withConnection(
                    pool,
                    c ->
                        Flux.from(
                                c.createStatement(
                                        "SELECT id, name, quantity, created_at, price FROM big_item")
                                    .execute())
                            .concatMap(
                                result ->
                                    result.map(
                                        (row, meta) ->
                                            new BigItem(
                                                row.get(0, Long.class),
                                                row.get(1, String.class),
                                                row.get(2, Integer.class),
                                                row.get(3, OffsetDateTime.class),
                                                row.get(4, BigDecimal.class)))));
            default ->
                throw new IllegalArgumentException(
                    "unknown contender " + contender + "; use r2orm, r2ormRecommended or raw");
          };
      rows = stream.count().block();
    } catch (Throwable e) { // an OutOfMemoryError is the answer this check exists to give
      error = e.getClass().getSimpleName() + ": " + e.getMessage();
    } finally {
      pool.disposeLater().onErrorResume(e -> reactor.core.publisher.Mono.empty()).block();
    }
    double seconds = (System.nanoTime() - start) / 1e9;
    boolean completed = rows == BenchDatabase.HEAP_ROWS;
    System.out.printf(
        "%s contender=%s completed=%s rows=%d seconds=%.1f peakHeapAfterGcMB=%.1f maxHeapMB=%.0f error=%s%n",
        MARKER,
        contender,
        completed,
        rows,
        seconds,
        PEAK_AFTER_GC.get() / 1048576.0,
        Runtime.getRuntime().maxMemory() / 1048576.0,
        error.replace('\n', ' '));
    System.exit(completed ? 0 : 1);
  }

  /** Records, after every collection, the heap in use summed over the heap pools. */
  private static void watchCollections() {
    Set<String> heapPools =
        ManagementFactory.getMemoryPoolMXBeans().stream()
            .filter(p -> p.getType() == MemoryType.HEAP)
            .map(p -> p.getName())
            .collect(Collectors.toSet());
    for (GarbageCollectorMXBean gc : ManagementFactory.getGarbageCollectorMXBeans()) {
      ((NotificationEmitter) gc)
          .addNotificationListener(
              (notification, handback) -> {
                if (!notification
                    .getType()
                    .equals(GarbageCollectionNotificationInfo.GARBAGE_COLLECTION_NOTIFICATION)) {
                  return;
                }
                GarbageCollectionNotificationInfo info =
                    GarbageCollectionNotificationInfo.from(
                        (CompositeData) notification.getUserData());
                long used = 0;
                for (Map.Entry<String, MemoryUsage> pool :
                    info.getGcInfo().getMemoryUsageAfterGc().entrySet()) {
                  if (heapPools.contains(pool.getKey())) {
                    used += pool.getValue().getUsed();
                  }
                }
                PEAK_AFTER_GC.accumulateAndGet(used, Math::max);
              },
              null,
              null);
    }
  }
}
