package io.r2orm.processor;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import javax.tools.Diagnostic;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The point of the metamodel: the compiler checks property values and operations. */
class TypeSafetyTest {
  private static final String BOOK =
      """
      package com.example;
      import io.r2orm.core.annotation.*;
      @Table public record Book(@Id Long id, String title, Integer year, byte[] cover, java.util.List<String> tags) {}
      """;
  private static final Map<String, String> LIBRARY =
      Map.of(
          "com/example/Author.java",
          """
      package com.example;
      import io.r2orm.core.annotation.*;
      import java.util.List;
      @Table public record Author(@Id Long id, @OneToMany(mappedBy = "author") List<Novel> books) {}
      """,
          "com/example/Novel.java",
          """
      package com.example;
      import io.r2orm.core.annotation.*;
      import io.r2orm.core.query.Ref;
      import java.util.List;
      @Table public record Novel(@Id Long id, @ManyToOne Ref<Author> author,
          @OneToMany(mappedBy = "novel") List<Review> reviews) {}
      """,
          "com/example/Review.java",
          """
      package com.example;
      import io.r2orm.core.annotation.*;
      import io.r2orm.core.query.Ref;
      @Table public record Review(@Id Long id, @ManyToOne Ref<Novel> novel, int stars) {}
      """);

  @TempDir Path dir;

  @Test
  void acceptsWellTypedUsage() {
    Compilation c =
        compileUsage(
            """
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
  void rejectsAnArrayElementOfTheWrongTypeAndElementTestsOnANonArray() {
    assertThat(compileUsage("io.r2orm.core.query.Predicate p = Book_.TAGS.has(\"sf\");").success())
        .isTrue();
    Compilation wrongElement =
        compileUsage("io.r2orm.core.query.Predicate p = Book_.TAGS.has(42);");
    assertThat(wrongElement.success()).isFalse();
    assertThat(wrongElement.messages(Diagnostic.Kind.ERROR))
        .singleElement()
        .asString()
        .contains("Usage.java");
    assertThat(compileUsage("io.r2orm.core.query.Predicate p = Book_.TITLE.has(\"x\");").success())
        .isFalse();
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

  @Test
  void acceptsFetchPathsThatFollowTheRelations() {
    Compilation c =
        compileRelationUsage(
            """
        FetchPath<Author, Review> reviews = Author_.BOOKS.then(Novel_.REVIEWS);
        FetchPath<Review, Novel> back = Review_.NOVEL.then(Novel_.AUTHOR).then(Author_.BOOKS);
        Relation<Author, Novel> recent = Author_.BOOKS.where(Novel_.ID.gt(10L)).limit(3);
        io.r2orm.core.query.Predicate byAuthor = Novel_.AUTHOR.idEq(1L);
        """);

    assertThat(c.success()).as(c.messages()).isTrue();
    assertThat(c.diagnostics()).isEmpty();
  }

  @Test
  void rejectsAFetchPathThatDoesNotStartWhereThePreviousEnds() {
    Compilation c =
        compileRelationUsage("FetchPath<Author, Novel> p = Author_.BOOKS.then(Author_.BOOKS);");

    assertThat(c.success()).isFalse();
    assertThat(c.messages(Diagnostic.Kind.ERROR)).singleElement().asString().contains("Usage.java");
  }

  @Test
  void rejectsARelationOfAnotherEntityAsFirstStep() {
    Compilation c = compileRelationUsage("FetchPath<Author, Novel> p = Novel_.AUTHOR;");

    assertThat(c.success()).isFalse();
    assertThat(c.messages(Diagnostic.Kind.ERROR)).singleElement().asString().contains("Usage.java");
  }

  /** A link entity shaped like Pagila's film_actor, with a jsonb document beside its key. */
  private static final Map<String, String> LINK =
      Map.of(
          "com/example/Actor.java",
          """
      package com.example;
      import io.r2orm.core.annotation.*;
      @Table public record Actor(@Id Long id, String name) {}
      """,
          "com/example/FilmActor.java",
          """
      package com.example;
      import io.r2orm.core.annotation.*;
      import io.r2orm.core.query.Ref;
      @Table public record FilmActor(@Id @Embedded Key id, @ManyToOne Ref<Actor> actor,
          @Column(type = "jsonb") String notes, @Column(type = "jsonb") java.util.Map<String, Object> extra) {
        public record Key(Long actorId, Integer filmId) {}
      }
      """);

  @Test
  void compositeKeyPartsJsonAndToOneKeysAreTypedConstants() {
    Compilation ok =
        compileLinkUsage(
            """
            io.r2orm.core.query.Predicate p = FilmActor_.ID_ACTOR_ID.eq(1L).and(FilmActor_.ID_FILM_ID.gt(2))
                .and(FilmActor_.ACTOR_ID.in(1L, 2L)).and(FilmActor_.NOTES.isNotNull());
            """);
    assertThat(ok.success()).as(ok.messages()).isTrue();
    assertThat(ok.generated("com.example.FilmActor_"))
        .contains(
            "ComparableProperty<FilmActor, Long> ID_ACTOR_ID = Property.comparable(FilmActor.class, \"id.actorId\", Long.class);",
            "ComparableProperty<FilmActor, Integer> ID_FILM_ID = Property.comparable(FilmActor.class, \"id.filmId\", Integer.class);",
            "ComparableProperty<FilmActor, Long> ACTOR_ID = Property.comparable(FilmActor.class, \"actor\", Long.class);");

    for (String wrong :
        List.of(
            "io.r2orm.core.query.Predicate p = FilmActor_.ID_FILM_ID.eq(\"x\");",
            "io.r2orm.core.query.Predicate p = FilmActor_.ID_ACTOR_ID.eq(1);",
            "io.r2orm.core.query.Predicate p = FilmActor_.ACTOR_ID.eq(\"1\");",
            "io.r2orm.core.query.Predicate p = FilmActor_.EXTRA.eq(\"x\");",
            "Object o = FilmActor_.ID;")) {
      Compilation c = compileLinkUsage(wrong);
      assertThat(c.success()).as(wrong).isFalse();
      assertThat(c.messages(Diagnostic.Kind.ERROR))
          .as(wrong)
          .allMatch(m -> m.contains("Usage.java"));
    }
  }

  private static final Map<String, String> TENANT =
      Map.of(
          "com/example/Customer.java",
          """
      package com.example;
      import io.r2orm.core.annotation.*;
      @Table public record Customer(@Id @Embedded Key id, String name) {
        public record Key(Long tenantId, int id) {}
      }
      """,
          "com/example/Invoice.java",
          """
      package com.example;
      import io.r2orm.core.annotation.*;
      import io.r2orm.core.query.Ref;
      @Table public record Invoice(@Id Long id,
          @ManyToOne(columns = {"tenant_id", "customer_id"}) Ref<Customer> customer) {}
      """);

  @Test
  void aToOneToACompositeKeyGetsOneTypedConstantPerKeyColumn() {
    Compilation ok =
        compileAgainst(
            TENANT,
            """
            io.r2orm.core.query.Predicate p = Invoice_.CUSTOMER_TENANT_ID.eq(1L)
                .and(Invoice_.CUSTOMER_ID.gt(2));
            FetchPath<Invoice, Customer> f = Invoice_.CUSTOMER;
            """);
    assertThat(ok.success()).as(ok.messages()).isTrue();
    assertThat(ok.generated("com.example.Invoice_"))
        .contains(
            "ComparableProperty<Invoice, Long> CUSTOMER_TENANT_ID = Property.comparable(Invoice.class, \"customer.tenantId\", Long.class);",
            "ComparableProperty<Invoice, Integer> CUSTOMER_ID = Property.comparable(Invoice.class, \"customer.id\", Integer.class);");
    for (String wrong :
        List.of(
            "io.r2orm.core.query.Predicate p = Invoice_.CUSTOMER_TENANT_ID.eq(\"x\");",
            "io.r2orm.core.query.Predicate p = Invoice_.CUSTOMER_ID.eq(1L);")) {
      Compilation c = compileAgainst(TENANT, wrong);
      assertThat(c.success()).as(wrong).isFalse();
      assertThat(c.messages(Diagnostic.Kind.ERROR))
          .as(wrong)
          .allMatch(m -> m.contains("Usage.java"));
    }
  }

  private Compilation compileLinkUsage(String statements) {
    return compileAgainst(LINK, statements);
  }

  private Compilation compileRelationUsage(String statements) {
    return compileAgainst(LIBRARY, statements);
  }

  /** Compiles {@code statements} in a method of a class beside the entities of {@code library}. */
  private Compilation compileAgainst(Map<String, String> library, String statements) {
    Map<String, String> sources = new HashMap<>(library);
    sources.put(
        "com/example/Usage.java",
        """
        package com.example;
        import io.r2orm.core.query.FetchPath;
        import io.r2orm.core.query.Relation;
        class Usage {
          void use() {
            %s
          }
        }
        """
            .formatted(statements));
    return Compilation.compile(dir, sources);
  }

  private Compilation compileUsage(String statement) {
    return Compilation.compile(
        dir,
        Map.of(
            "com/example/Book.java",
            BOOK,
            "com/example/Usage.java",
            """
        package com.example;
        class Usage {
          void use() {
            %s
          }
        }
        """
                .formatted(statement)));
  }
}
