package io.r2orm.core.internal.render;

import static io.r2orm.core.internal.render.Golden.H2;
import static io.r2orm.core.internal.render.Golden.POSTGRES;
import static io.r2orm.core.internal.render.Golden.bind;
import static io.r2orm.core.internal.render.Golden.rendersOn;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.r2orm.core.exception.QueryBuildException;
import io.r2orm.core.internal.render.Fixtures.Book;
import io.r2orm.core.internal.render.Fixtures.Genre;
import io.r2orm.core.query.Insert;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Insert-or-update by id: ON CONFLICT on PostgreSQL, MERGE … KEY on H2. */
class UpsertRenderingTest {

  private static Insert book(List<String> properties, List<Object> row) {
    return new Insert(Book.class, properties, List.of(row), List.of());
  }

  private static final Insert DUNE =
      book(List.of("id", "title", "genre"), List.of(7L, "Dune", Genre.FANTASY));

  @Test
  void updatesEveryOtherColumnOnConflictOnPostgres() {
    rendersOn(
        POSTGRES,
        r -> r.upsert(DUNE),
        "INSERT INTO book (id, title, genre) VALUES ($1, $2, $3)"
            + " ON CONFLICT (id) DO UPDATE SET title = EXCLUDED.title, genre = EXCLUDED.genre",
        bind(7L, Long.class),
        bind("Dune", String.class),
        bind("FANTASY", String.class));
  }

  @Test
  void doesNothingOnConflictWhenOnlyTheIdIsWritten() {
    rendersOn(
        POSTGRES,
        r -> r.upsert(book(List.of("id"), List.of(7L))),
        "INSERT INTO book (id) VALUES ($1) ON CONFLICT (id) DO NOTHING",
        bind(7L, Long.class));
  }

  @Test
  void mergesByKeyOnH2() {
    rendersOn(
        H2,
        r -> r.upsert(DUNE),
        "MERGE INTO book (id, title, genre) KEY (id) VALUES ($1, $2, $3)",
        bind(7L, Long.class),
        bind("Dune", String.class),
        bind("FANTASY", String.class));
  }

  // ---- many rows on a conflict target: all columns, chosen columns, or nothing updated (issue
  // #12, finding 4)

  private static final List<String> WRITTEN = List.of("id", "title", "pages", "version");
  private static final List<List<Object>> ROWS =
      List.of(List.of(7L, "Dune", 412, 1), List.of(8L, "Emma", 300, 1));

  @Test
  void doNothingLeavesExistingRowsAndReturnsOnlyTheInsertedOnPostgres() {
    rendersOn(
        POSTGRES,
        r ->
            r.upsert(
                new io.r2orm.core.query.Upsert(
                    Book.class, WRITTEN, ROWS, List.of("id"), List.of())),
        "INSERT INTO book (id, title, pages, version) VALUES ($1, $2, $3, $4), ($5, $6, $7, $8)"
            + " ON CONFLICT (id) DO NOTHING RETURNING id, title, pages, genre, author_id, version",
        bind(7L, Long.class),
        bind("Dune", String.class),
        bind(412, Integer.class),
        bind(1, Integer.class),
        bind(8L, Long.class),
        bind("Emma", String.class),
        bind(300, Integer.class),
        bind(1, Integer.class));
  }

  @Test
  void doNothingSelectsTheRowsTheMergeInsertedOnH2() {
    rendersOn(
        H2,
        r ->
            r.upsert(
                new io.r2orm.core.query.Upsert(
                    Book.class,
                    List.of("id", "title"),
                    List.of(List.of(7L, "Dune")),
                    List.of("id"),
                    List.of())),
        "SELECT id, title, pages, genre, author_id, version FROM NEW TABLE (MERGE INTO book"
            + " USING (VALUES (CAST($1 AS BIGINT), CAST($2 AS CHARACTER VARYING))) AS r2orm_src (id, title) ON book.id = r2orm_src.id"
            + " WHEN NOT MATCHED THEN INSERT (id, title) VALUES (r2orm_src.id, r2orm_src.title))",
        bind(7L, Long.class),
        bind("Dune", String.class));
  }

  @Test
  void doUpdateSetsOnlyTheChosenColumnsAndTheVersion() {
    rendersOn(
        POSTGRES,
        r ->
            r.upsert(
                new io.r2orm.core.query.Upsert(
                    Book.class, WRITTEN, ROWS.subList(0, 1), List.of("id"), List.of("pages"))),
        "INSERT INTO book (id, title, pages, version) VALUES ($1, $2, $3, $4)"
            + " ON CONFLICT (id) DO UPDATE SET pages = EXCLUDED.pages, version = EXCLUDED.version"
            + " WHERE book.version = EXCLUDED.version - 1 RETURNING id, title, pages, genre, author_id, version",
        bind(7L, Long.class),
        bind("Dune", String.class),
        bind(412, Integer.class),
        bind(1, Integer.class));
  }

  @Test
  void theColumnsUpdatedOnAConflictMustBeWritten() {
    assertThatThrownBy(
            () ->
                new io.r2orm.core.query.Upsert(
                    Book.class,
                    List.of("id", "title"),
                    List.of(List.of(7L, "Dune")),
                    List.of("id"),
                    List.of("pages")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("[pages] must be among the written properties [id, title]");
  }

  @Test
  void updateAndDeleteReturnTheirRowsOnBothDatabases() {
    io.r2orm.core.query.Delete delete =
        new io.r2orm.core.query.Delete(Book.class, Fixtures.ID.eq(7L));
    rendersOn(
        POSTGRES,
        r -> r.returningRows(Book.class, r.delete(delete), true),
        "DELETE FROM book WHERE id = $1 RETURNING id, title, pages, genre, author_id, version",
        bind(7L, Long.class));
    rendersOn(
        H2,
        r -> r.returningRows(Book.class, r.delete(delete), true),
        "SELECT id, title, pages, genre, author_id, version FROM OLD TABLE (DELETE FROM book WHERE id = $1)",
        bind(7L, Long.class));
    io.r2orm.core.query.Update update =
        new io.r2orm.core.query.Update(
            Book.class,
            List.of(
                new io.r2orm.core.query.Assignment(
                    Fixtures.PAGES.ref(), new io.r2orm.core.query.Value(10))),
            Fixtures.ID.eq(7L));
    rendersOn(
        H2,
        r -> r.returningRows(Book.class, r.update(update), false),
        "SELECT id, title, pages, genre, author_id, version FROM FINAL TABLE (UPDATE book SET pages = $1 WHERE id = $2)",
        bind(10, Integer.class),
        bind(7L, Long.class));
  }

  @Test
  void needsOneRowIncludingTheId() {
    assertThatThrownBy(() -> POSTGRES.upsert(book(List.of("title"), List.of("Dune"))))
        .isInstanceOf(QueryBuildException.class)
        .hasMessage("an upsert of Book writes one row including its id");
    Insert twoRows =
        new Insert(Book.class, List.of("id"), List.of(List.of(1L), List.of(2L)), List.of());
    assertThatThrownBy(() -> H2.upsert(twoRows)).isInstanceOf(QueryBuildException.class);
  }

  record ShelfKey(Long shelfId, Integer place) {}

  @io.r2orm.core.annotation.Table("shelf_slot")
  record ShelfSlot(
      @io.r2orm.core.annotation.Id @io.r2orm.core.annotation.Embedded ShelfKey id, String label) {}

  @Test
  void aCompositeKeyIsTheConflictTargetAndTheMergeKey() {
    Insert slot =
        new Insert(
            ShelfSlot.class,
            List.of("id.shelfId", "id.place", "label"),
            List.of(List.of(1L, 2, "top")),
            List.of());
    rendersOn(
        POSTGRES,
        r -> r.upsert(slot),
        "INSERT INTO shelf_slot (shelf_id, place, label) VALUES ($1, $2, $3)"
            + " ON CONFLICT (shelf_id, place) DO UPDATE SET label = EXCLUDED.label",
        bind(1L, Long.class),
        bind(2, Integer.class),
        bind("top", String.class));
    rendersOn(
        H2,
        r -> r.upsert(slot),
        "MERGE INTO shelf_slot (shelf_id, place, label) KEY (shelf_id, place) VALUES ($1, $2,"
            + " $3)",
        bind(1L, Long.class),
        bind(2, Integer.class),
        bind("top", String.class));
  }
}
