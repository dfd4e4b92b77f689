package io.r2orm.benchmarks;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.results.format.ResultFormatType;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.options.ChainedOptionsBuilder;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;

/**
 * Runs the whole suite: prepares the database, runs every JMH workload (one fork per line), runs
 * the heap check in JVMs with {@code -Xmx64m}, then writes the results table to a file and prints
 * it.
 *
 * <pre>
 * java -jar benchmarks/target/r2orm-benchmarks.jar [--quick] [--include REGEX] [--no-heap] [--out-dir DIR] [--commit SHA]
 * </pre>
 */
public final class Suite {
  private static final List<String> HEAP_CONTENDERS = List.of("raw", "r2orm", "r2ormRecommended");
  private static final List<String> VERSIONS =
      List.of(
          "io.r2orm:r2orm-r2dbc",
          "org.postgresql:r2dbc-postgresql",
          "io.r2dbc:r2dbc-pool",
          "io.projectreactor:reactor-core",
          "io.projectreactor.netty:reactor-netty-core",
          "io.netty:netty-common",
          "org.springframework.data:spring-data-r2dbc",
          "org.springframework:spring-r2dbc",
          "org.postgresql:postgresql",
          "com.zaxxer:HikariCP",
          "org.openjdk.jmh:jmh-core");

  private Suite() {}

  public static void main(String[] args) throws Exception {
    Map<String, String> options = options(args);
    boolean quick = options.containsKey("quick");
    Path outDir = Paths.get(options.getOrDefault("out-dir", "benchmarks/results"));
    String started = LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm"));
    String loadBefore = loadAverage();
    long start = System.nanoTime();

    BenchDatabase.prepare();
    boolean heap = !options.containsKey("no-heap");
    if (heap) {
      BenchDatabase.prepareHeapTable();
    }
    Files.createDirectories(outDir);
    String stamp = LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmm"));
    Path json = outDir.resolve("results-" + stamp + ".json");

    Collection<RunResult> results = new Runner(jmhOptions(options, quick, json)).run();
    List<String> heapLines = heap ? heapChecks() : List.of();

    Map<String, Report.Score> scores = new HashMap<>();
    for (RunResult r : results) {
      String name = r.getParams().getBenchmark();
      String shortName = name.substring(name.lastIndexOf('.', name.lastIndexOf('.') - 1) + 1);
      String inFlight = r.getParams().getParam("inFlight");
      String key = shortName + (inFlight == null ? "" : "|inFlight=" + inFlight);
      scores.put(
          key,
          new Report.Score(
              r.getPrimaryResult().getScore(),
              r.getPrimaryResult().getScoreError(),
              r.getPrimaryResult().getScoreUnit()));
    }
    Duration took = Duration.ofNanos(System.nanoTime() - start);
    String text =
        header(started, options, quick, loadBefore, took) + new Report(scores).render(heapLines);
    Path out = outDir.resolve("results-" + stamp + ".md");
    Files.writeString(out, text);
    Files.writeString(outDir.resolve("latest.md"), text);
    System.out.println();
    System.out.println(text);
    System.out.println(
        "Written to " + out.toAbsolutePath() + " (JMH JSON: " + json.getFileName() + ")");
  }

  private static org.openjdk.jmh.runner.options.Options jmhOptions(
      Map<String, String> options, boolean quick, Path json) {
    List<String> jvmArgs = new ArrayList<>(List.of("-Xms1g", "-Xmx1g"));
    System.getProperties()
        .forEach(
            (k, v) -> {
              if (k.toString().startsWith("r2orm.bench.")) {
                jvmArgs.add("-D" + k + "=" + v);
              }
            });
    ChainedOptionsBuilder b =
        new OptionsBuilder()
            .include(
                options.getOrDefault(
                    "include", "io\\.r2orm\\.benchmarks\\.[A-Za-z]+Benchmark\\..*"))
            .forks(1)
            .shouldFailOnError(true)
            .jvmArgsAppend(jvmArgs.toArray(String[]::new))
            .resultFormat(ResultFormatType.JSON)
            .result(json.toString());
    if (quick) {
      b.warmupIterations(1)
          .warmupTime(TimeValue.seconds(1))
          .measurementIterations(1)
          .measurementTime(TimeValue.seconds(1));
    }
    return b.build();
  }

  /** Runs the heap check once per contender, each in its own JVM with a 64 MB heap. */
  private static List<String> heapChecks() throws IOException, InterruptedException {
    List<String> lines = new ArrayList<>();
    String java = Paths.get(System.getProperty("java.home"), "bin", "java").toString();
    for (String contender : HEAP_CONTENDERS) {
      List<String> command = new ArrayList<>(List.of(java, "-Xmx64m"));
      System.getProperties()
          .forEach(
              (k, v) -> {
                if (k.toString().startsWith("r2orm.bench.")) {
                  command.add("-D" + k + "=" + v);
                }
              });
      command.addAll(
          List.of(
              "-cp", System.getProperty("java.class.path"), HeapCheck.class.getName(), contender));
      System.out.println(
          "# Heap check: " + String.join(" ", command.subList(0, 2)) + " … HeapCheck " + contender);
      Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
      String found = null;
      try (BufferedReader out =
          new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
        for (String line; (line = out.readLine()) != null; ) {
          System.out.println(line);
          if (line.startsWith(HeapCheck.MARKER)) {
            found = line;
          }
        }
      }
      int exit = p.waitFor();
      lines.add(
          found != null
              ? found
              : HeapCheck.MARKER
                  + " contender="
                  + contender
                  + " completed=false error=exit "
                  + exit);
    }
    return lines;
  }

  private static String header(
      String started, Map<String, String> options, boolean quick, String loadBefore, Duration took)
      throws Exception {
    StringBuilder h = new StringBuilder("## r2orm benchmarks, ").append(started).append("\n\n");
    if (quick) {
      h.append(
          "**Quick run** (1 warm-up and 1 measurement iteration of 1 s): a smoke test, not a measurement.\n\n");
    }
    h.append("- machine: ")
        .append(cpu())
        .append(", ")
        .append(Runtime.getRuntime().availableProcessors())
        .append(" cores, ")
        .append(memory())
        .append(", ")
        .append(System.getProperty("os.name"))
        .append(' ')
        .append(System.getProperty("os.version"))
        .append('\n');
    h.append("- load average (1/5/15 min) before: ")
        .append(loadBefore)
        .append(", after: ")
        .append(loadAverage())
        .append('\n');
    h.append("- JVM: ")
        .append(System.getProperty("java.vm.name"))
        .append(' ')
        .append(System.getProperty("java.runtime.version"))
        .append(", forks with -Xms1g -Xmx1g\n");
    h.append("- database: ")
        .append(BenchDatabase.serverVersion())
        .append(" on ")
        .append(BenchConfig.HOST)
        .append(':')
        .append(BenchConfig.PORT)
        .append(", pool size ")
        .append(BenchConfig.POOL_SIZE)
        .append(" for every contender\n");
    h.append("- r2orm commit: ").append(options.getOrDefault("commit", "unknown")).append('\n');
    h.append("- versions: ").append(versions()).append('\n');
    h.append("- suite time: ")
        .append(took.toMinutes())
        .append(" min ")
        .append(took.toSecondsPart())
        .append(" s\n\n");
    h.append("Ratios are speed relative to the named line from this same run (> 1 means faster). ")
        .append("Errors are JMH's 99.9% confidence half-widths.\n\n");
    return h.toString();
  }

  private static String versions() throws IOException {
    Map<String, String> found = new LinkedHashMap<>();
    try (InputStream in =
        Suite.class.getResourceAsStream("/META-INF/r2orm-benchmarks/dependencies.txt")) {
      if (in == null) {
        return "unknown (no dependency list in the jar)";
      }
      for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
        // Maven may colour the list: drop ANSI escapes, then take "group:artifact:type:version"
        String[] parts = line.replaceAll("\u001B\\[[;\\d]*m", "").trim().split(" ")[0].split(":");
        if (parts.length >= 4) {
          found.put(parts[0] + ":" + parts[1], parts[parts.length - 1]);
        }
      }
    }
    List<String> out = new ArrayList<>();
    for (String artifact : VERSIONS) {
      out.add(
          artifact.substring(artifact.indexOf(':') + 1) + " " + found.getOrDefault(artifact, "?"));
    }
    return String.join(", ", out);
  }

  private static String cpu() {
    try {
      return Files.readAllLines(Paths.get("/proc/cpuinfo")).stream()
          .filter(l -> l.startsWith("model name"))
          .map(l -> l.substring(l.indexOf(':') + 1).trim())
          .findFirst()
          .orElse(System.getProperty("os.arch"));
    } catch (IOException e) {
      return System.getProperty("os.arch");
    }
  }

  private static String memory() {
    try {
      String total = Files.readAllLines(Paths.get("/proc/meminfo")).get(0).replaceAll("\\D+", "");
      return Math.round(Long.parseLong(total) / 1048576.0) + " GiB RAM";
    } catch (IOException | RuntimeException e) {
      return "? GiB RAM";
    }
  }

  private static String loadAverage() {
    try {
      String[] parts = Files.readString(Paths.get("/proc/loadavg")).split(" ");
      return parts[0] + " / " + parts[1] + " / " + parts[2];
    } catch (IOException e) {
      return "?";
    }
  }

  private static Map<String, String> options(String[] args) {
    Map<String, String> options = new HashMap<>();
    for (int i = 0; i < args.length; i++) {
      String a = args[i];
      if (!a.startsWith("--")) {
        throw new IllegalArgumentException("unknown argument " + a);
      }
      String name = a.substring(2);
      if (List.of("include", "out-dir", "commit").contains(name)) {
        if (i + 1 >= args.length) {
          throw new IllegalArgumentException(a + " needs a value");
        }
        options.put(name, args[++i]);
      } else if (List.of("quick", "no-heap").contains(name)) {
        options.put(name, "true");
      } else {
        throw new IllegalArgumentException(
            "unknown option "
                + a
                + "; use --quick, --no-heap, --include REGEX,"
                + " --out-dir DIR, --commit SHA");
      }
    }
    return options;
  }
}
