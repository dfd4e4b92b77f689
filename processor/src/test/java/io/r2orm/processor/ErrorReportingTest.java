package io.r2orm.processor;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Map;
import javax.tools.Diagnostic;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Definition mistakes become compiler errors on the element, never processor crashes. */
class ErrorReportingTest {
  @TempDir Path dir;

  @Test
  void rejectsARecursiveEmbeddedPart() {
    assertSingleError(
        Map.of(
            "com/example/Node.java",
            """
        package com.example;
        import io.r2orm.core.annotation.*;
        public class Node {
          private String label;
          @Embedded private Node next;
        }
        """,
            "com/example/Graph.java",
            """
        package com.example;
        import io.r2orm.core.annotation.*;
        @Table public record Graph(@Id Long id, @Embedded Node root) {}
        """),
        "Graph.java",
        "embedded type com.example.Node contains itself (via root.next)");
  }

  @Test
  void rejectsTwoPropertiesWithTheSameConstant() {
    assertSingleError(
        Map.of(
            "com/example/Address.java",
            """
        package com.example;
        public record Address(String street) {}
        """,
            "com/example/Person.java",
            """
        package com.example;
        import io.r2orm.core.annotation.*;
        @Table public record Person(@Id Long id, @Embedded Address home, String homeStreet) {}
        """),
        "Person.java",
        "properties 'home.street' and 'homeStreet' both become the metamodel constant HOME_STREET");
  }

  @Test
  void rejectsAnEmbeddedPropertyThatIsNotAClass() {
    assertSingleError(
        Map.of(
            "com/example/Doc.java",
            """
        package com.example;
        import io.r2orm.core.annotation.*;
        @Table public record Doc(@Id Long id, @Embedded int pages) {}
        """),
        "Doc.java",
        "@Embedded property 'pages' of com.example.Doc has type int");
  }

  @Test
  void rejectsTableOnAnInterface() {
    assertSingleError(
        Map.of(
            "com/example/Shape.java",
            """
        package com.example;
        @io.r2orm.core.annotation.Table public interface Shape {}
        """),
        "Shape.java",
        "@Table is on interface com.example.Shape; an entity must be a record or a class");
  }

  @Test
  void rejectsInnerAndPrivateNestedEntities() {
    Compilation c =
        Compilation.compile(
            dir,
            Map.of(
                "com/example/Outer.java",
                """
        package com.example;
        import io.r2orm.core.annotation.*;
        public class Outer {
          @Table public class Inner { @Id Long id; }
          @Table private static class Hidden { @Id Long id; }
        }
        """));

    assertThat(c.messages(Diagnostic.Kind.ERROR))
        .satisfiesExactlyInAnyOrder(
            e ->
                assertThat(e)
                    .contains("entity com.example.Outer.Inner is an inner class; make it static"),
            e -> assertThat(e).contains("entity com.example.Outer.Hidden is private"));
  }

  @Test
  void rejectsAPropertyTypeTheMetamodelCannotSee() {
    assertSingleError(
        Map.of(
            "com/example/Vault.java",
            """
        package com.example;
        import io.r2orm.core.annotation.*;
        @Table public class Vault {
          private record Secret(String value) {}
          @Id private Long id;
          private Secret secret;
        }
        """),
        "Vault.java",
        "property 'secret' of com.example.Vault has type com.example.Vault.Secret");
  }

  @Test
  void reportsATypeThatNeverAppears() {
    Compilation c =
        Compilation.compile(
            dir,
            Map.of(
                "com/example/Orphan.java",
                """
        package com.example;
        import io.r2orm.core.annotation.*;
        @Table public record Orphan(@Id Long id, Missing missing) {}
        """));

    assertThat(c.success()).isFalse();
    assertThat(c.messages(Diagnostic.Kind.ERROR))
        .anySatisfy(
            e ->
                assertThat(e)
                    .contains(
                        "no metamodel for com.example.Orphan: the type Missing of property 'missing'"));
  }

  private void assertSingleError(Map<String, String> sources, String file, String message) {
    Compilation c = Compilation.compile(dir, sources);

    assertThat(c.success()).isFalse();
    assertThat(c.messages(Diagnostic.Kind.ERROR))
        .singleElement()
        .asString()
        .contains(file, message);
  }
}
