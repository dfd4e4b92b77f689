package io.r2orm.r2dbc.test;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.util.ResourceLeakDetector;
import io.netty.util.ResourceLeakDetectorFactory;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Netty's leak detector at PARANOID, with every leaked object counted. The stock detector reports
 * each distinct record once, so a thousand rows leaked from the same call site would show as one
 * report; this one gives every tracked object a numbered initial hint, which makes every record
 * distinct, and keeps the reports instead of only logging them.
 *
 * <p>{@link #install()} must run before Netty creates its detectors (when {@code AbstractByteBuf}
 * or the driver's {@code DataRow} is first loaded); {@link #assertInstalledFor(String...)} fails
 * when it came too late. A test that uses it therefore runs in a JVM of its own: the {@code
 * netty-leak} Failsafe execution in the r2dbc-adapter pom forks one for {@code *LeakIT}.
 */
public final class LeakRecorder {
  /** The hint on the buffer that {@link #leakCanary()} leaks on purpose. */
  public static final String CANARY = "r2orm-leak-canary";

  private static final AtomicLong IDS = new AtomicLong();
  private static final Queue<Report> REPORTS = new ConcurrentLinkedQueue<>();
  private static final Set<String> TYPES = ConcurrentHashMap.newKeySet();
  private static final Map<String, AtomicLong> TRACKED = new ConcurrentHashMap<>();
  private static volatile boolean installed;

  /** One leaked object: its type ({@code ByteBuf}, {@code DataRow}) and its access records. */
  public record Report(String type, String records) {
    public boolean canary() {
      return records.contains(CANARY);
    }
  }

  private LeakRecorder() {}

  /** Sets PARANOID and installs the counting detector factory (once per JVM). */
  public static synchronized void install() {
    ResourceLeakDetector.setLevel(ResourceLeakDetector.Level.PARANOID);
    if (installed) {
      return;
    }
    ResourceLeakDetectorFactory.setResourceLeakDetectorFactory(
        new ResourceLeakDetectorFactory() {
          @Override
          @SuppressWarnings("deprecation")
          public <T> ResourceLeakDetector<T> newResourceLeakDetector(
              Class<T> resource, int samplingInterval, long maxActive) {
            return newResourceLeakDetector(resource, samplingInterval);
          }

          @Override
          public <T> ResourceLeakDetector<T> newResourceLeakDetector(
              Class<T> resource, int samplingInterval) {
            TYPES.add(resource.getSimpleName());
            return new Counting<>(resource, samplingInterval);
          }
        });
    installed = true;
  }

  /** Fails when Netty created the detector of one of these types before {@link #install()}. */
  public static void assertInstalledFor(String... types) {
    for (String type : types) {
      if (!TYPES.contains(type)) {
        throw new AssertionError(
            "Netty's leak detector for "
                + type
                + " was created before LeakRecorder.install(), "
                + "so its leaks cannot be counted; run this test in a JVM of its own (Failsafe's netty-leak execution)");
      }
    }
  }

  /** How many objects of this type ({@code DataRow}, {@code ByteBuf}) were tracked so far. */
  public static long tracked(String type) {
    AtomicLong n = TRACKED.get(type);
    return n == null ? 0 : n.get();
  }

  /** Allocates a buffer and drops it without releasing it: the proof that leaks are found. */
  public static void leakCanary() {
    ByteBuf canary = ByteBufAllocator.DEFAULT.buffer(16);
    canary.touch(CANARY);
    canary.writeLong(42);
  }

  /** The reports so far, and forgets them. */
  public static List<Report> drain() {
    List<Report> all = new ArrayList<>();
    for (Report r; (r = REPORTS.poll()) != null; ) {
      all.add(r);
    }
    return all;
  }

  /** Leaks by type, canary excluded. */
  public static Map<String, Integer> countByType(List<Report> reports) {
    Map<String, Integer> counts = new TreeMap<>();
    reports.stream().filter(r -> !r.canary()).forEach(r -> counts.merge(r.type(), 1, Integer::sum));
    return counts;
  }

  private static final class Counting<T> extends ResourceLeakDetector<T> {
    Counting(Class<?> resource, int samplingInterval) {
      super(resource, samplingInterval);
    }

    @Override
    protected Object getInitialHint(String resourceType) {
      TRACKED.computeIfAbsent(resourceType, t -> new AtomicLong()).incrementAndGet();
      // distinct records: the stock detector reports a record it has seen before only once
      return "leak-recorder #" + IDS.incrementAndGet();
    }

    @Override
    protected boolean needReport() {
      return true;
    }

    @Override
    protected void reportTracedLeak(String resourceType, String records) {
      REPORTS.add(new Report(resourceType, records));
    }

    @Override
    protected void reportUntracedLeak(String resourceType) {
      REPORTS.add(new Report(resourceType, ""));
    }
  }
}
