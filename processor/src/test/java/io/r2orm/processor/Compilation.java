package io.r2orm.processor;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import javax.annotation.processing.Processor;
import javax.tools.Diagnostic;
import javax.tools.DiagnosticCollector;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileObject;
import javax.tools.SimpleJavaFileObject;
import javax.tools.StandardJavaFileManager;
import javax.tools.StandardLocation;
import javax.tools.ToolProvider;

/**
 * Compiles sample sources in-process with the {@link MetamodelProcessor}, against the test
 * classpath (so r2orm-core resolves), writing into a temporary directory.
 *
 * @param success whether javac reported no errors
 * @param diagnostics everything javac and the processor reported
 * @param generatedSources the directory holding generated sources
 */
record Compilation(
    boolean success,
    List<Diagnostic<? extends JavaFileObject>> diagnostics,
    Path generatedSources) {

  /** Compiles the sources, given as file name ({@code com/example/Book.java}) to text. */
  static Compilation compile(Path workDir, Map<String, String> sources) {
    return compile(workDir, sources, List.of());
  }

  /** Compiles the sources with further processors running next to the metamodel processor. */
  static Compilation compile(Path workDir, Map<String, String> sources, List<Processor> others) {
    JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
    DiagnosticCollector<JavaFileObject> diagnostics = new DiagnosticCollector<>();
    try (StandardJavaFileManager files =
        javac.getStandardFileManager(diagnostics, null, StandardCharsets.UTF_8)) {
      Path classes = Files.createDirectories(workDir.resolve("classes"));
      Path generated = Files.createDirectories(workDir.resolve("generated"));
      files.setLocationFromPaths(StandardLocation.CLASS_OUTPUT, List.of(classes));
      files.setLocationFromPaths(StandardLocation.SOURCE_OUTPUT, List.of(generated));
      files.setLocationFromPaths(StandardLocation.CLASS_PATH, testClasspath());
      List<JavaFileObject> units =
          sources.entrySet().stream()
              .map(e -> (JavaFileObject) new Source(e.getKey(), e.getValue()))
              .toList();
      JavaCompiler.CompilationTask task =
          javac.getTask(
              null,
              files,
              diagnostics,
              List.of("-Xlint:all,-processing", "-encoding", "UTF-8"),
              null,
              units);
      List<Processor> processors = new ArrayList<>(others);
      processors.add(new MetamodelProcessor());
      task.setProcessors(processors);
      boolean success = task.call();
      return new Compilation(success, List.copyOf(diagnostics.getDiagnostics()), generated);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The generated source of a class, by qualified name. */
  String generated(String qualifiedName) {
    Path file = generatedSources.resolve(qualifiedName.replace('.', '/') + ".java");
    try {
      return Files.readString(file);
    } catch (IOException e) {
      throw new UncheckedIOException(
          "no generated source " + file + "; diagnostics: " + messages(), e);
    }
  }

  /** Diagnostics of the given kind, as text. */
  List<String> messages(Diagnostic.Kind kind) {
    return diagnostics.stream()
        .filter(d -> d.getKind() == kind)
        .map(Compilation::describe)
        .toList();
  }

  /** All diagnostics, one a line. */
  String messages() {
    return diagnostics.stream().map(Compilation::describe).collect(Collectors.joining("\n"));
  }

  /** Every warning, mandatory or not. */
  List<String> warnings() {
    List<String> warnings = new ArrayList<>(messages(Diagnostic.Kind.WARNING));
    warnings.addAll(messages(Diagnostic.Kind.MANDATORY_WARNING));
    return warnings;
  }

  private static String describe(Diagnostic<? extends JavaFileObject> d) {
    String source =
        d.getSource() == null ? "" : d.getSource().getName() + ":" + d.getLineNumber() + ": ";
    return d.getKind() + " " + source + d.getMessage(null);
  }

  private static List<Path> testClasspath() {
    return Arrays.stream(System.getProperty("java.class.path").split(File.pathSeparator))
        .map(Path::of)
        .filter(Files::exists)
        .toList();
  }

  /** A source file held in memory. */
  private static final class Source extends SimpleJavaFileObject {
    private final String text;

    Source(String path, String text) {
      super(URI.create("mem:///" + path), Kind.SOURCE);
      this.text = text;
    }

    @Override
    public CharSequence getCharContent(boolean ignoreEncodingErrors) {
      return text;
    }
  }
}
