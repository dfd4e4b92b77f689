package io.r2orm.processor;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import javax.tools.Diagnostic;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A relation declared with the wrong type, or in the wrong place, is a compiler error naming the
 * fix.
 */
class RelationErrorReportingTest {
  private static final String LINK_TABLE =
      "joinTable = \"book_tag\", joinColumn = \"book_id\", " + "inverseJoinColumn = \"tag_id\"";

  @TempDir Path dir;

  @Test
  void rejectsAToOneRelationThatIsNotARef() {
    assertSingleError(
        book("@ManyToOne Author author"),
        "Book.java",
        "@ManyToOne property 'author' of com.example.Book has type com.example.Author; declare it as Ref<Author>");
  }

  @Test
  void rejectsAToOneRelationOnAPlainKeyColumn() {
    assertSingleError(
        book("@OneToOne Long authorId"),
        "Book.java",
        "@OneToOne property 'authorId' of com.example.Book has type java.lang.Long; declare it as Ref<Target>");
  }

  @Test
  void rejectsAToOneRelationOnAList() {
    assertSingleError(
        book("@ManyToOne List<Author> authors"),
        "Book.java",
        "has type java.util.List<com.example.Author>; declare it as Ref<Author>, or use @OneToMany or @ManyToMany "
            + "for a list");
  }

  @Test
  void rejectsAToManyRelationThatIsNotAList() {
    assertSingleError(
        book("@OneToMany(mappedBy = \"book\") java.util.Set<Author> authors"),
        "Book.java",
        "@OneToMany property 'authors' of com.example.Book has type java.util.Set<com.example.Author>; "
            + "declare it as List<Author>");
  }

  @Test
  void rejectsAToManyRelationOnARef() {
    assertSingleError(
        book("@ManyToMany(" + LINK_TABLE + ") Ref<Author> author"),
        "Book.java",
        "@ManyToMany property 'author' of com.example.Book has type io.r2orm.core.query.Ref<com.example.Author>; "
            + "declare it as List<Author>, or use @ManyToOne or @OneToOne for a single reference");
  }

  @Test
  void rejectsARawRef() {
    assertSingleError(
        book("@ManyToOne @SuppressWarnings(\"rawtypes\") Ref author"),
        "Book.java",
        "@ManyToOne property 'author' of com.example.Book has the raw type Ref; declare it as Ref<Target>, "
            + "naming the referenced entity");
  }

  @Test
  void rejectsARawList() {
    assertSingleError(
        book("@ManyToMany(" + LINK_TABLE + ") @SuppressWarnings(\"rawtypes\") List tags"),
        "Book.java",
        "@ManyToMany property 'tags' of com.example.Book has the raw type List; declare it as List<Target>, "
            + "naming the related entity (or its id type)");
  }

  @Test
  void rejectsAWildcardTarget() {
    assertSingleError(
        book("@ManyToOne Ref<? extends Author> author"),
        "Book.java",
        "has type io.r2orm.core.query.Ref<? extends com.example.Author>; the type argument must name the target "
            + "class itself, so declare it as Ref<Author>");
  }

  @Test
  void rejectsTwoRelationAnnotationsOnOneProperty() {
    assertSingleError(
        book("@ManyToOne @OneToOne Ref<Author> author"),
        "Book.java",
        "property 'author' of com.example.Book has @ManyToOne and @OneToOne; a relation property takes exactly one "
            + "relation annotation");
  }

  @Test
  void rejectsARelationInsideAnEmbeddedPart() {
    Map<String, String> sources = new HashMap<>(book("@Embedded Address home"));
    sources.put(
        "com/example/Address.java",
        """
        package com.example;
        import io.r2orm.core.annotation.*;
        import io.r2orm.core.query.Ref;
        public record Address(String street, @ManyToOne Ref<Author> owner) {}
        """);

    assertSingleError(
        sources,
        "Address.java",
        "@ManyToOne property 'home.owner' of com.example.Book: relations are "
            + "only allowed on the entity itself, not in embedded part com.example.Address; move the relation to Book");
  }

  @Test
  void rejectsARelationWhoseConstantClashesWithAProperty() {
    assertSingleError(
        book("@ManyToOne Ref<Author> author, @OneToMany(mappedBy = \"x\") List<Author> AUTHOR"),
        "Book.java",
        "properties 'author' and 'AUTHOR' both become the metamodel constant AUTHOR");
  }

  @Test
  void rejectsATargetTheMetamodelCannotSee() {
    assertSingleError(
        Map.of(
            "com/example/Vault.java",
            """
        package com.example;
        import io.r2orm.core.annotation.*;
        import io.r2orm.core.query.Ref;
        @Table public class Vault {
          private record Secret(Long id) {}
          @Id private Long id;
          @ManyToOne private Ref<Secret> secret;
        }
        """),
        "Vault.java",
        "property 'secret' of com.example.Vault has type com.example.Vault.Secret, which the "
            + "generated metamodel cannot see");
  }

  @Test
  void reportsATargetThatNeverAppears() {
    Compilation c = Compilation.compile(dir, book("@ManyToOne Ref<Missing> missing"));

    assertThat(c.success()).isFalse();
    assertThat(c.messages(Diagnostic.Kind.ERROR))
        .anySatisfy(
            e ->
                assertThat(e)
                    .contains(
                        "no metamodel for com.example.Book: the type", "of property 'missing'"));
  }

  /** A Book record with the given components after its id, and the Author it may refer to. */
  private static Map<String, String> book(String components) {
    return Map.of(
        "com/example/Author.java",
        """
        package com.example;
        import io.r2orm.core.annotation.*;
        @Table public record Author(@Id Long id) {}
        """,
        "com/example/Book.java",
        """
        package com.example;
        import io.r2orm.core.annotation.*;
        import io.r2orm.core.query.Ref;
        import java.util.List;
        @Table public record Book(@Id Long id, %s) {}
        """
            .formatted(components));
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
