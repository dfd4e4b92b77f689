package io.r2orm.benchmarks;

import io.r2orm.benchmarks.Workloads.Line;
import io.r2orm.benchmarks.Workloads.Target;
import io.r2orm.benchmarks.Workloads.Workload;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Turns one run's scores into the Markdown results table: absolute figures with their error, and
 * every line's speed relative to the raw driver, the raw driver with binary results and Spring Data
 * R2DBC from the same run; then the targets, met or missed, and the heap check.
 */
public final class Report {
  /** A JMH score with its 99.9% error half-width (NaN when there were too few iterations). */
  public record Score(double value, double error, String unit) {}

  private final Map<String, Score> scores;

  /** Scores keyed by {@link #key}. */
  public Report(Map<String, Score> scores) {
    this.scores = Map.copyOf(scores);
  }

  /**
   * The key of a score: {@code FindByIdBenchmark.raw|inFlight=64}, or without the parameter part.
   */
  public static String key(String benchmark, String method, String param) {
    return benchmark + "." + method + (param.isEmpty() ? "" : "|" + param);
  }

  /** The tables of every workload, the targets, and the heap check lines. */
  public String render(List<String> heapLines) {
    StringBuilder out = new StringBuilder();
    for (Workload w : Workloads.ALL) {
      if (w.lines().stream()
          .anyMatch(l -> scores.containsKey(key(w.benchmark(), l.method(), w.param())))) {
        table(out, w);
      }
    }
    out.append(
        "### Targets (issues #7 and #11)\n\n| target | measured | verdict |\n| --- | ---: | --- |\n");
    for (Target t : Workloads.TARGETS) {
      Double ratio = speedup(t.workload(), t.line(), t.against());
      String verdict = ratio == null ? "not run" : ratio >= t.min() ? "met" : "**missed**";
      out.append("| ")
          .append(t.description())
          .append(" | ")
          .append(ratio == null ? "—" : times(ratio))
          .append(" | ")
          .append(verdict)
          .append(" |\n");
    }
    out.append("\n### Heap check: 1,000,000 rows streamed in a JVM with -Xmx64m\n\n");
    if (heapLines.isEmpty()) {
      out.append("not run\n");
    } else {
      out.append(
          "| contender | completed | rows | seconds | peak heap after GC | max heap | error |\n"
              + "| --- | --- | ---: | ---: | ---: | ---: | --- |\n");
      for (String line : heapLines) {
        out.append(heapRow(line)).append('\n');
      }
    }
    return out.toString();
  }

  private void table(StringBuilder out, Workload w) {
    boolean paired = w.lines().stream().anyMatch(l -> !l.pairedWith().isEmpty());
    out.append("### ")
        .append(w.title())
        .append("\n\n")
        .append("| contender | score ± error | × raw | × raw binary | × Spring |")
        .append(paired ? " × pair |" : "")
        .append("\n| --- | ---: | ---: | ---: | ---: |")
        .append(paired ? " ---: |" : "")
        .append('\n');
    for (Line line : w.lines()) {
      Score s = scores.get(key(w.benchmark(), line.method(), w.param()));
      out.append("| ")
          .append(line.label())
          .append(" | ")
          .append(s == null ? "not run" : format(s))
          .append(" | ")
          .append(ratioCell(w, line.method(), w.raw()))
          .append(" | ")
          .append(ratioCell(w, line.method(), w.rawBinary()))
          .append(" | ")
          .append(ratioCell(w, line.method(), w.spring()))
          .append(" |");
      if (paired) {
        out.append(' ').append(ratioCell(w, line.method(), line.pairedWith())).append(" |");
      }
      out.append('\n');
    }
    out.append('\n');
  }

  private String ratioCell(Workload w, String method, String against) {
    Double r = speedup(w, method, against);
    return r == null ? "—" : times(r);
  }

  /** How many times as fast {@code method} ran as {@code against}; null when either is missing. */
  Double speedup(Workload w, String method, String against) {
    if (against == null || against.isEmpty()) {
      return null;
    }
    Score a = scores.get(key(w.benchmark(), method, w.param()));
    Score b = scores.get(key(w.benchmark(), against, w.param()));
    if (a == null || b == null || a.value() <= 0 || b.value() <= 0) {
      return null;
    }
    return w.higherIsBetter() ? a.value() / b.value() : b.value() / a.value();
  }

  private static String format(Score s) {
    boolean small = s.value() < 100;
    String pattern = small ? "%,.2f" : "%,.0f";
    String value = String.format(Locale.ROOT, pattern, s.value());
    String error = Double.isNaN(s.error()) ? "?" : String.format(Locale.ROOT, pattern, s.error());
    return value + " ± " + error + " " + s.unit();
  }

  private static String times(double ratio) {
    return String.format(Locale.ROOT, "%.2f×", ratio);
  }

  /** A {@code HEAPCHECK key=value …} line as a table row. */
  private static String heapRow(String line) {
    Map<String, String> f = new java.util.HashMap<>();
    String rest = line.substring(line.indexOf(' ') + 1);
    int errorAt = rest.indexOf("error=");
    String error = errorAt < 0 ? "" : rest.substring(errorAt + "error=".length()).trim();
    for (String part : (errorAt < 0 ? rest : rest.substring(0, errorAt)).trim().split(" ")) {
      int eq = part.indexOf('=');
      if (eq > 0) {
        f.put(part.substring(0, eq), part.substring(eq + 1));
      }
    }
    return "| "
        + f.getOrDefault("contender", "?")
        + " | "
        + f.getOrDefault("completed", "?")
        + " | "
        + f.getOrDefault("rows", "?")
        + " | "
        + f.getOrDefault("seconds", "?")
        + " | "
        + f.getOrDefault("peakHeapAfterGcMB", "?")
        + " MB | "
        + f.getOrDefault("maxHeapMB", "?")
        + " MB | "
        + (error.isEmpty() ? "" : error)
        + " |";
  }
}
