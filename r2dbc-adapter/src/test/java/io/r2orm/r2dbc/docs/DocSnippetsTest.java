package io.r2orm.r2dbc.docs;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Every Java snippet of a covered page is code that a test compiles and runs (issue #14): each
 * {@code ```java} block of the page, cut at blank lines into pieces, must appear piece by piece in
 * the page's snippet sources in this package — the same lines in the same order, leading
 * indentation aside; its {@code import} lines anywhere in them. The snippet sources run on H2 and
 * PostgreSQL (the {@code *SnippetsIT} classes here and the examples' {@code SpringBootSnippets*IT}).
 * Pages with Java blocks not yet covered would be listed in {@link #NOT_YET_COVERED}: none are.
 */
class DocSnippetsTest {
  private static final Path ROOT = Path.of("..");
  private static final Path SOURCES = Path.of("src/test/java/io/r2orm/r2dbc/docs");
  private static final Pattern JAVA_BLOCK = Pattern.compile("```java\\n(.*?)```", Pattern.DOTALL);

  /** Each covered page and the sources that hold its snippets. */
  private static final Map<String, List<String>> COVERED = Map.of(
      "README.md", List.of("ReadmeSnippetsIT.java", "Book.java", "Album.java"),
      "docs/querying.md", List.of("QueryingSnippetsIT.java"),
      "docs/relationships.md", List.of("relationships/RelationshipsSnippetsIT.java", "relationships/Artist.java",
          "relationships/Album.java", "relationships/Track.java", "relationships/Employee.java"),
      "docs/transactions.md", List.of("transactions/TransactionsSnippetsIT.java"),
      "docs/repositories.md", List.of("repositories/RepositoriesSnippetsIT.java", "repositories/BookRepository.java",
          "repositories/FullBookRepository.java", "repositories/TrackRepository.java"),
      "docs/replicas-and-poolers.md", List.of("ReplicasSnippetsIT.java"),
      "docs/mapping.md", List.of("mapping/MappingSnippetsIT.java", "mapping/Actor.java", "mapping/Film.java", "mapping/FilmActor.java",
          "mapping/Payment.java", "mapping/Order.java", "mapping/Rental.java", "mapping/MoneyConverter.java",
          "mapping/Customer.java", "mapping/Purchase.java",
          "mapping/enums/Rating.java", "mapping/enums/Film.java"),
      "docs/spring-boot.md", List.of("/examples/src/test/java/io/r2orm/examples/docs/CatalogueService.java",
          "/examples/src/test/java/io/r2orm/examples/docs/ArtistRepository.java",
          "/examples/src/test/java/io/r2orm/examples/docs/ArtistController.java"));

  /** Pages whose Java blocks no test compiles yet. */
  private static final Set<String> NOT_YET_COVERED = Set.of();

  @Test
  void everySnippetOfACoveredPageIsInItsTestedSources() {
    List<String> missing = new ArrayList<>();
    COVERED.forEach((page, files) -> {
      List<List<String>> sources = files.stream().map(f -> trimmedLines(read(source(f)))).toList();
      List<String> blocks = javaBlocks(read(ROOT.resolve(page)));
      assertThat(blocks).as("Java blocks of " + page).isNotEmpty();
      for (String block : blocks) {
        for (List<String> piece : pieces(block)) {
          List<String> code = piece.stream().filter(l -> !l.startsWith("import ")).toList();
          boolean found = code.isEmpty() || sources.stream().anyMatch(source -> containsRun(source, code));
          boolean imports = piece.stream().filter(l -> l.startsWith("import "))
              .allMatch(i -> sources.stream().anyMatch(source -> source.contains(i)));
          if (!found || !imports) {
            missing.add(page + ":\n  " + String.join("\n  ", piece));
          }
        }
      }
    });
    assertThat(missing).as("snippets that no test source holds verbatim (change the doc and the test together)").isEmpty();
  }

  @Test
  void theUncoveredPagesAreExactlyThoseListed() throws IOException {
    Set<String> withJava = new TreeSet<>();
    if (!javaBlocks(read(ROOT.resolve("README.md"))).isEmpty()) {
      withJava.add("README.md");
    }
    try (Stream<Path> docs = Files.list(ROOT.resolve("docs"))) {
      docs.filter(p -> p.toString().endsWith(".md")).filter(p -> !javaBlocks(read(p)).isEmpty())
          .forEach(p -> withJava.add("docs/" + p.getFileName()));
    }
    Set<String> uncovered = new TreeSet<>(withJava);
    uncovered.removeAll(COVERED.keySet());
    assertThat(uncovered).isEqualTo(new TreeSet<>(NOT_YET_COVERED));
  }

  @Test
  void theCheckerFindsAChangedLine() {
    List<String> source = trimmedLines("class A {\n  int a = 1;\n  int b = 2;\n}\n");
    assertThat(containsRun(source, List.of("int a = 1;", "int b = 2;"))).isTrue();
    assertThat(containsRun(source, List.of("int a = 1;", "int b = 3;"))).isFalse();
    assertThat(containsRun(source, List.of("int b = 2;", "int a = 1;"))).isFalse();
  }

  /** A source of this package, or (beginning with {@code /}) a file of the repository, e.g. the examples'. */
  private static Path source(String file) {
    return file.startsWith("/") ? ROOT.resolve(file.substring(1)) : SOURCES.resolve(file);
  }

  static List<String> javaBlocks(String markdown) {
    List<String> blocks = new ArrayList<>();
    Matcher m = JAVA_BLOCK.matcher(markdown);
    while (m.find()) {
      blocks.add(m.group(1));
    }
    return blocks;
  }

  /** The block cut at blank lines, each line without its leading and trailing blanks. */
  static List<List<String>> pieces(String block) {
    List<List<String>> pieces = new ArrayList<>();
    List<String> current = new ArrayList<>();
    for (String line : block.split("\n", -1)) {
      if (line.isBlank()) {
        if (!current.isEmpty()) {
          pieces.add(current);
          current = new ArrayList<>();
        }
      } else {
        current.add(line.strip());
      }
    }
    if (!current.isEmpty()) {
      pieces.add(current);
    }
    return pieces;
  }

  static List<String> trimmedLines(String text) {
    return text.lines().map(String::strip).toList();
  }

  private static String read(Path path) {
    try {
      return Files.readString(path);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Whether {@code run} occurs in {@code lines} as consecutive elements. */
  static boolean containsRun(List<String> lines, List<String> run) {
    for (int i = 0; i + run.size() <= lines.size(); i++) {
      if (lines.subList(i, i + run.size()).equals(run)) {
        return true;
      }
    }
    return false;
  }
}
