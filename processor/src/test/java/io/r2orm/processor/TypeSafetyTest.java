package io.r2orm.processor;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Map;
import javax.tools.Diagnostic;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The point of the metamodel: the compiler checks property values and operations. */
class TypeSafetyTest {
  private static final String BOOK = """
      package com.example;
      import io.r2orm.core.annotation.*;
      @Table public record Book(@Id Long id, String title, Integer year, byte[] cover, java.util.List<String> tags) {}
      """;

  @TempDir Path dir;

  @Test
  void acceptsWellTypedUsage() {
    Compilation c = compileUsage("""
        io.r2orm.core.query.Predicate p = Book_.TITLE.startsWith("Du").and(Book_.YEAR.ge(1965)).and(Book_.ID.in(1L, 2L))
            .and(Book_.TAGS.eq(java.util.List.of("sf"))).and(Book_.COVER.isNull());
        """);

    assertThat(c.success()).as(c.messages()).isTrue();
  }

  @Test
  void rejectsAValueOfTheWrongType() {
    Compilation c = compileUsage("io.r2orm.core.query.Predicate p = Book_.YEAR.eq(\"x\");");

    assertThat(c.success()).isFalse();
    assertThat(c.messages(Diagnostic.Kind.ERROR)).singleElement().asString().contains("Usage.java");
  }

  @Test
  void rejectsAnOperationTheTypeDoesNotHave() {
    Compilation c = compileUsage("io.r2orm.core.query.Predicate p = Book_.COVER.gt(new byte[0]);");

    assertThat(c.success()).isFalse();
    assertThat(c.messages(Diagnostic.Kind.ERROR)).singleElement().asString().contains("Usage.java");
  }

  @Test
  void generatedCodeCompilesWithoutWarnings() {
    Compilation c = compileUsage("Object o = Book_.TITLE;");

    assertThat(c.success()).as(c.messages()).isTrue();
    assertThat(c.warnings()).isEmpty();
    assertThat(c.diagnostics()).isEmpty();
  }

  private Compilation compileUsage(String statement) {
    return Compilation.compile(dir, Map.of("com/example/Book.java", BOOK, "com/example/Usage.java", """
        package com.example;
        class Usage {
          void use() {
            %s
          }
        }
        """.formatted(statement)));
  }
}
