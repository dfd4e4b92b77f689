package io.r2orm.core.internal.render;

import static io.r2orm.core.internal.render.Golden.H2;
import static io.r2orm.core.internal.render.Golden.POSTGRES;
import static io.r2orm.core.internal.render.Golden.bind;
import static io.r2orm.core.internal.render.Golden.rendersOn;
import static io.r2orm.core.internal.render.Golden.rendersOnBoth;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.r2orm.core.exception.QueryBuildException;
import io.r2orm.core.internal.render.Fixtures.Attachment;
import io.r2orm.core.internal.render.Fixtures.Book;
import io.r2orm.core.internal.render.Fixtures.BookReview;
import io.r2orm.core.internal.render.Fixtures.Genre;
import io.r2orm.core.internal.render.Fixtures.LibraryBook;
import io.r2orm.core.query.Insert;
import io.r2orm.core.sql.SqlStatement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * INSERT: RETURNING on PostgreSQL vs generated keys on H2, multi-row VALUES, and the unnest bulk
 * insert.
 */
class InsertRenderingTest {
  private static final List<String> BOOK_PROPERTIES =
      List.of("title", "pages", "genre", "authorId", "version");
  private static final String INSERT_BOOK =
      "INSERT INTO book (title, pages, genre, author_id, version) VALUES ($1, $2, $3, $4, $5)";

  private static Insert books(List<String> properties, List<String> returning, List<?>... rows) {
    List<List<Object>> values =
        Arrays.stream(rows).map(r -> (List<Object>) new ArrayList<Object>(r)).toList();
    return new Insert(Book.class, properties, values, returning);
  }

  private static Insert titlesAndPages(List<String> returning) {
    return books(
        List.of("title", "pages"), returning, List.of("A", 1), List.of("B", 2), List.of("C", 3));
  }

  private static final Insert ONE_BOOK =
      books(BOOK_PROPERTIES, List.of("id"), List.of("Dune", 412, Genre.SCIENCE_FICTION, 1L, 1));

  @Test
  void returnsTheIdWithReturningOnPostgres() {
    SqlStatement s =
        rendersOn(
            POSTGRES,
            r -> r.insert(ONE_BOOK),
            INSERT_BOOK + " RETURNING id",
            bind("Dune", String.class),
            bind(412, Integer.class),
            bind("SCIENCE_FICTION", String.class),
            bind(1L, Long.class),
            bind(1, Integer.class));
    assertThat(s.generatedKeys()).isEmpty();
  }

  @Test
  void asksForGeneratedKeysOnH2() {
    SqlStatement s =
        rendersOn(
            H2,
            r -> r.insert(ONE_BOOK),
            INSERT_BOOK,
            bind("Dune", String.class),
            bind(412, Integer.class),
            bind("SCIENCE_FICTION", String.class),
            bind(1L, Long.class),
            bind(1, Integer.class));
    assertThat(s.generatedKeys()).containsExactly("id");
  }

  @Test
  void insertsWithoutReturningAndBindsNullsWithTheColumnType() {
    Insert insert = books(List.of("title", "pages"), List.of(), Arrays.asList("Dune", null));
    for (SqlRenderer renderer : List.of(POSTGRES, H2)) {
      SqlStatement s =
          rendersOn(
              renderer,
              r -> r.insert(insert),
              "INSERT INTO book (title, pages) VALUES ($1, $2)",
              bind("Dune", String.class),
              bind(null, Integer.class));
      assertThat(s.generatedKeys()).isEmpty();
    }
  }

  @Test
  void insertsSeveralRowsWithOneValuesList() {
    rendersOnBoth(
        r -> r.insert(titlesAndPages(List.of())),
        "INSERT INTO book (title, pages) VALUES ($1, $2), ($3, $4), ($5, $6)",
        bind("A", String.class),
        bind(1, Integer.class),
        bind("B", String.class),
        bind(2, Integer.class),
        bind("C", String.class),
        bind(3, Integer.class));
  }

  @Test
  void bulkInsertsThroughUnnestOnPostgres() {
    Insert insert =
        books(
            List.of("title", "pages", "genre"),
            List.of(),
            List.of("A", 1, Genre.FANTASY),
            Arrays.asList("B", null, null),
            List.of("C", 3, Genre.CRIME));
    SqlStatement s =
        rendersOn(
            POSTGRES,
            r -> r.bulkInsert(insert),
            "INSERT INTO book (title, pages, genre) SELECT c1, c2, c3 FROM unnest($1::text[], $2::integer[], $3::text[])"
                + " WITH ORDINALITY AS input_rows(c1, c2, c3, ord) ORDER BY ord",
            bind(new String[] {"A", "B", "C"}, String[].class),
            bind(new Integer[] {1, null, 3}, Integer[].class),
            bind(new String[] {"FANTASY", null, "CRIME"}, String[].class));
    assertThat(s.generatedKeys()).isEmpty();
  }

  @Test
  void bulkInsertReturnsIdsInInputOrderOnPostgres() {
    rendersOn(
        POSTGRES,
        r -> r.bulkInsert(titlesAndPages(List.of("id"))),
        "WITH input AS MATERIALIZED (SELECT nextval((SELECT pg_get_serial_sequence('book', 'id')::regclass)) AS r2orm_id, c1, c2, ord"
            + " FROM unnest($1::text[], $2::integer[]) WITH ORDINALITY AS input_rows(c1, c2, ord)),"
            + " inserted AS (INSERT INTO book (id, title, pages) OVERRIDING SYSTEM VALUE"
            + " SELECT r2orm_id, c1, c2 FROM input ORDER BY ord) SELECT r2orm_id FROM input ORDER BY ord",
        bind(new String[] {"A", "B", "C"}, String[].class),
        bind(new Integer[] {1, 2, 3}, Integer[].class));
  }

  @Test
  void bulkInsertUsesATypedValuesListOnPostgresWhenAColumnHasNoArrayBind() {
    byte[] a = {1, 2};
    byte[] b = {3};
    Insert insert =
        new Insert(
            Attachment.class,
            List.of("name", "data"),
            List.of(List.of("a", a), List.of("b", b)),
            List.of("id"));
    rendersOn(
        POSTGRES,
        r -> r.bulkInsert(insert),
        "WITH input AS MATERIALIZED (SELECT nextval((SELECT pg_get_serial_sequence('attachment', 'id')::regclass)) AS r2orm_id, c1, c2, ord"
            + " FROM (VALUES ($1::text, $2::bytea, 1), ($3::text, $4::bytea, 2)) AS input_rows(c1, c2, ord)),"
            + " inserted AS (INSERT INTO attachment (id, name, data) OVERRIDING SYSTEM VALUE"
            + " SELECT r2orm_id, c1, c2 FROM input ORDER BY ord) SELECT r2orm_id FROM input ORDER BY ord",
        bind("a", String.class),
        bind(a, byte[].class),
        bind("b", String.class),
        bind(b, byte[].class));
    Insert withoutId =
        new Insert(Attachment.class, List.of("data"), List.of(List.of(a), List.of(b)), List.of());
    rendersOn(
        POSTGRES,
        r -> r.bulkInsert(withoutId),
        "INSERT INTO attachment (data) SELECT c1 FROM (VALUES ($1::bytea, 1), ($2::bytea, 2)) AS input_rows(c1, ord)"
            + " ORDER BY ord",
        bind(a, byte[].class),
        bind(b, byte[].class));
  }

  @Test
  void bulkInsertQuotesTheSequenceLookupForQuotedAndQualifiedTables() {
    Insert reviews =
        new Insert(
            BookReview.class,
            List.of("text"),
            List.of(List.of("good"), List.of("bad")),
            List.of("id"));
    assertThat(POSTGRES.bulkInsert(reviews).sql())
        .startsWith(
            "WITH input AS MATERIALIZED (SELECT nextval((SELECT pg_get_serial_sequence('\"BookReview\"', 'id')::regclass))")
        .contains("INSERT INTO \"BookReview\" (id, \"ReviewText\") OVERRIDING SYSTEM VALUE");
    Insert library =
        new Insert(
            LibraryBook.class,
            List.of("title"),
            List.of(List.of("a"), List.of("b")),
            List.of("id"));
    assertThat(POSTGRES.bulkInsert(library).sql())
        .contains("pg_get_serial_sequence('library.book', 'id')")
        .contains("INSERT INTO library.book (id, title)");
  }

  @Test
  void bulkInsertFallsBackToMultiRowValuesOnH2() {
    SqlStatement s =
        rendersOn(
            H2,
            r -> r.bulkInsert(titlesAndPages(List.of("id"))),
            "INSERT INTO book (title, pages) VALUES ($1, $2), ($3, $4), ($5, $6)",
            bind("A", String.class),
            bind(1, Integer.class),
            bind("B", String.class),
            bind(2, Integer.class),
            bind("C", String.class),
            bind(3, Integer.class));
    assertThat(s.generatedKeys()).containsExactly("id");
  }

  @Test
  void bulkInsertOfOneRowIsAPlainInsert() {
    rendersOn(
        POSTGRES,
        r -> r.bulkInsert(books(List.of("title"), List.of("id"), List.of("Dune"))),
        "INSERT INTO book (title) VALUES ($1) RETURNING id",
        bind("Dune", String.class));
  }

  @Test
  void bulkInsertCanReturnOnlyTheId() {
    assertThatThrownBy(() -> POSTGRES.bulkInsert(titlesAndPages(List.of("title"))))
        .isInstanceOf(QueryBuildException.class)
        .hasMessageContaining("only the database-generated (identity) id of Book");
  }

  @Test
  void rejectsUnknownPropertiesAndRowsOfTheWrongWidth() {
    assertThatThrownBy(() -> POSTGRES.insert(books(List.of("titel"), List.of(), List.of("Dune"))))
        .isInstanceOf(QueryBuildException.class)
        .hasMessageContaining("Book has no mapped property 'titel'")
        .hasMessageContaining("[id, title, pages, genre, authorId, version]");
    assertThatThrownBy(() -> books(List.of("title", "pages"), List.of(), List.of("Dune")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("every row needs 2 values");
  }
}
